/**
 * The transport between hosts (docs/engine.md, "Using it": hosts): tuples and acker messages for
 * tasks another host runs leave through batches (`transport.ts`) or shared-memory rings
 * (`ring-link.ts`), and what other hosts send comes in here, into the local executors' queues,
 * with their backpressure status (which of their tasks have full queues).
 */
import { advance, readWall } from './clock';
import type { EngineState } from './engine-state';
import { X_BLOCKED, X_DEAD, X_REMOTE } from './executor';
import { enqueue, lost, wake } from './queues';
import { readBatch, type TransportBatch } from './transport';
import { K_ACK_INIT, Tuple } from './tuple';

/** Sends a tuple or message to the host of its destination task (batched; sent when the batch is full or at the end of the run call). */
export function sendRemote(s: EngineState, t: Tuple): void {
  const host = s.hostOfTask[t.dest]!;
  if (s.link !== null) {
    s.link.send(host, t);
    return;
  }
  const writer = s.writers[host]!;
  writer.add(t, s.now);
  if (t.kind >= K_ACK_INIT) s.pool.give(t);
  if (writer.size >= s.batchSize) s.options.transport!.send(host, writer.take(s.host, congestionList(s)));
}

/** This host's tasks with full queues, when that changed since it was last sent. */
function congestionList(s: EngineState): number[] | undefined {
  if (!s.congestionChanged) return undefined;
  s.congestionChanged = false;
  const out: number[] = [];
  for (const ex of s.executors) if (ex.congested) for (let t = ex.firstTask; t <= ex.lastTask; t++) out.push(t);
  return out;
}

/** Sends the pending batches (at the end of every run call). */
export function flushTransport(s: EngineState): void {
  if (s.hostCount === 1) return;
  const congested = congestionList(s);
  if (s.link !== null) {
    if (congested !== undefined) s.link.congestion(congested);
    s.link.flush();
    return;
  }
  for (let h = 0; h < s.writers.length; h++) {
    const w = s.writers[h];
    if (w && (w.size > 0 || congested !== undefined)) s.options.transport!.send(h, w.take(s.host, congested));
  }
}

/**
 * Reads batches and rings with the engine's callbacks: the closures are made once per host, so
 * that reading a message allocates nothing but its tuple.
 */
export class RemoteInput {
  constructor(private readonly s: EngineState) {}

  readonly make = (kind: number): Tuple => (kind < K_ACK_INIT ? new Tuple() : this.s.pool.take());
  readonly componentOfTask = (task: number): string => this.s.plan.taskToComponent[String(task)] ?? '';
  readonly congestion = (from: number, tasks: readonly number[]): void => remoteCongestion(this.s, from, tasks);

  /** A tuple or message from another host, into its executor's queue. */
  readonly deliver = (t: Tuple): void => {
    const s = this.s;
    const target = s.executors[s.execOfTask[t.dest]!];
    if (target === undefined || target.state === X_REMOTE) return;
    if (target.state === X_DEAD) {
      lost(s, target, t);
      return;
    }
    enqueue(s, target, t);
    if (!target.congested && target.queue.length >= target.capacity) {
      target.congested = true;
      s.congestionChanged = true;
    }
  };
}

/** Delivers a batch from another host into this host's queues. */
export function receive(s: EngineState, input: RemoteInput, batch: TransportBatch): void {
  if (batch.ringValues !== undefined && s.link !== null) {
    s.link.addSideValues(batch.from, batch.ringValues.first, batch.ringValues.values);
    pollRemote(s, input);
    return;
  }
  if (batch.congested !== undefined) remoteCongestion(s, batch.from, batch.congested);
  if (s.wallMode) {
    readWall(s);
    advance(s, s.now);
  }
  readBatch(batch, input.make, s.streams.names, input.componentOfTask, input.deliver);
}

/** Reads what the other hosts published in the rings; returns the number of messages read. */
export function pollRemote(s: EngineState, input: RemoteInput): number {
  const link = s.link;
  if (link === null || !link.hasInput) return 0;
  if (s.wallMode) {
    readWall(s);
    advance(s, s.now);
  }
  return link.poll(input.make, s.streams.names, input.componentOfTask, input.deliver, input.congestion);
}

/** The congestion status of host `from`: `tasks` are its tasks with full receive queues. */
function remoteCongestion(s: EngineState, from: number, tasks: readonly number[]): void {
  const before = s.remoteCongested.slice();
  for (let t = 0; t < s.remoteCongested.length; t++) if (s.hostOfTask[t] === from) s.remoteCongested[t] = 0;
  for (const t of tasks) s.remoteCongested[t] = 1;
  let relieved = false;
  for (let t = 0; t < before.length; t++) if (before[t] === 1 && s.remoteCongested[t] === 0) relieved = true;
  if (relieved) for (const ex of s.executors) if (ex.state === X_BLOCKED && ex.waitingRemote) wake(s, ex);
}
