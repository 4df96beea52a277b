/**
 * Acking (docs/engine.md, "How the simulator maps to Storm"): anchoring a new tuple to its inputs
 * (a fresh 64-bit edge id XORed into each input's ack value), `storm.ack` / `storm.fail` sending
 * `__ack_ack` / `__ack_fail` to the acker task of each root, the process latency and lineage of
 * what a call acked, and the acker executor's loop over its ledger.
 */
import { ACKER_COMPLETE, ACKER_PENDING, type AckerLedger } from './acker';
import { flushOutbox } from './delivery';
import { addTrace, type EngineState } from './engine-state';
import { X_IDLE, type Executor, type TaskState } from './executor';
import { floorMod } from './java-hash';
import { H_PROCESS, T_ACKED, T_EXEC_MS, T_EXEC_N, T_EXECUTED, T_FAILED, T_PROC_MS, T_PROC_N, E_BUSY_MS } from './metrics';
import { again, dequeued, wake } from './queues';
import { hex64, K_ACK_ACK, K_ACK_FAIL, K_ACK_INIT, K_SPOUT_ACK, K_SPOUT_FAIL, K_TICK, K_USER, type Tuple } from './tuple';

/** Storm's acker choice: fields grouping on the root id, `floorMod(31 + Long.hashCode(root), ackers)`. */
export function ackerTask(s: EngineState, rh: number, rl: number): number {
  const tasks = s.ackerTasks;
  const n = s.ackerCount;
  if (n === 1) return tasks[0]!;
  return tasks[floorMod((31 + (rh ^ rl)) | 0, n)]!;
}

/**
 * Anchors new tuple `t` to input `a` (Storm's `BoltOutputCollectorImpl.boltEmit`): a fresh edge
 * id, XORed into the input's ack value and into `t`'s id for each root of the input.
 */
export function anchor(ex: Executor, a: Tuple, t: Tuple): void {
  const rng = ex.rng;
  const eh = rng.nextI32();
  const el = rng.nextI32();
  a.ackH ^= eh;
  a.ackL ^= el;
  t.putXor(a.rh, a.rl, eh, el);
  const more = a.more;
  if (more !== null) for (let r = 0; r < more.length; r += 4) t.putXor(more[r]!, more[r + 1]!, eh, el);
}

/**
 * `storm.ack(tuple)`. Returns whether the ack counted (acking on); `track` records the tuple for
 * process latency at the end of the call.
 */
export function ackTuple(s: EngineState, task: TaskState, t: Tuple, track = true): boolean {
  if (t.kind !== K_USER) return false;
  if (t.done !== 0) throw doneError(t, 'Acked');
  t.done = 1;
  if (s.describing) s.callLog.addAck(t.id, false);
  if (!s.acking) return false;
  const ex = task.executor;
  if (t.nRoots > 0) {
    ackMessage(s, ex, task, K_ACK_ACK, t.rh, t.rl, t.eh ^ t.ackH, t.el ^ t.ackL, t.sampled);
    if (t.more !== null) ackMoreRoots(s, ex, task, t);
  }
  s.counters[task.base + T_ACKED]! += 1;
  if (track) trackAck(s, t, 0);
  return true;
}

/** Acks a tuple's roots beyond the first (a tuple anchored to several trees). */
function ackMoreRoots(s: EngineState, ex: Executor, task: TaskState, t: Tuple): void {
  const more = t.more!;
  for (let r = 0; r < more.length; r += 4) ackMessage(s, ex, task, K_ACK_ACK, more[r]!, more[r + 1]!, more[r + 2]! ^ t.ackH, more[r + 3]! ^ t.ackL, t.sampled);
}

function doneError(t: Tuple, what: 'Acked' | 'Failed'): Error {
  return new Error(`${what} a tuple that was already acked or failed (id ${t.id})`);
}

function trackAck(s: EngineState, t: Tuple, failed: number): void {
  if (s.ackedN === s.ackedFailed.length) {
    const next = new Uint8Array(s.ackedN * 2);
    next.set(s.ackedFailed);
    s.ackedFailed = next;
  }
  s.acked[s.ackedN] = t;
  s.ackedFailed[s.ackedN++] = failed;
}

/** `storm.fail(tuple)`. */
export function failTuple(s: EngineState, task: TaskState, t: Tuple): void {
  if (t.kind !== K_USER) return;
  if (t.done !== 0) throw doneError(t, 'Failed');
  t.done = 1;
  if (s.describing) s.callLog.addAck(t.id, true);
  if (!s.acking) return;
  const ex = task.executor;
  if (t.nRoots > 0) {
    ackMessage(s, ex, task, K_ACK_FAIL, t.rh, t.rl, 0, 0, t.sampled);
    const more = t.more;
    if (more !== null) for (let r = 0; r < more.length; r += 4) ackMessage(s, ex, task, K_ACK_FAIL, more[r]!, more[r + 1]!, 0, 0, t.sampled);
  }
  s.counters[task.base + T_FAILED]! += 1;
  trackAck(s, t, 1);
}

function ackMessage(s: EngineState, ex: Executor, task: TaskState, kind: number, rh: number, rl: number, vh: number, vl: number, sampled: boolean): void {
  const m = s.pool.message(kind, ackerTask(s, rh, rl), task.id, rh, rl, vh, vl, -1, sampled);
  ex.outbox[ex.outN++] = m;
}

/**
 * Process latency and lineage of the tuples acked or failed during a call that ended at `end`;
 * `input` is the call's input tuple (its process started at `start`), null for a tick.
 */
export function finishAcks(s: EngineState, ex: Executor, end: number, input: Tuple | null, start: number): void {
  const c = s.counters;
  for (let i = 0; i < s.ackedN; i++) {
    const t = s.acked[i]!;
    const failed = s.ackedFailed[i] === 1;
    s.acked[i] = undefined;
    const task = s.tasks[t.dest];
    if (!failed && task !== undefined) {
      const latency = end - (t === input ? start : (t.startTime ?? start));
      c[task.base + T_PROC_MS]! += latency;
      c[task.base + T_PROC_N]! += 1;
      s.metrics.recordLatency(ex.id, H_PROCESS, latency);
    }
    if (t.sampled) s.lineage?.markNode(t.rh, t.rl, t.id, end, failed);
  }
  s.ackedN = 0;
}

/** What an acker update did, for step descriptions. */
type AckerUpdate = { op: 'init' | 'ack' | 'fail'; root: string; value: string; result: 'pending' | 'complete' | 'failed' };
const ACKER_OPS = ['init', 'ack', 'fail'] as const;

function ackerUpdate(op: number, t: Tuple, ledger: AckerLedger, result: number): AckerUpdate {
  return {
    op: ACKER_OPS[op]!,
    root: hex64(t.rh, t.rl),
    value: hex64(ledger.lastValH, ledger.lastValL),
    result: result === ACKER_PENDING ? 'pending' : result === ACKER_COMPLETE ? 'complete' : 'failed',
  };
}

/** The acker executor: applies every queued message to its ledger and tells spouts of completed or failed trees. */
export function runAcker(s: EngineState, ex: Executor): void {
  if (ex.queue.length === 0) {
    ex.state = X_IDLE;
    return;
  }
  const ledger = ex.ledger!;
  const task = ex.tasks[0]!;
  const c = s.counters;
  const updates: AckerUpdate[] | null = s.describing ? [] : null;
  const unit = s.ackerCost;
  let rotated = 0;
  let cost = 0;
  let n = 0;
  for (let t = ex.queue.shift(); t !== undefined; t = ex.queue.shift()) {
    if (t.kind === K_TICK) {
      rotated += ledger.rotate();
      continue;
    }
    const op = t.kind - K_ACK_INIT;
    const result = ledger.update(op, t.rh, t.rl, t.vh, t.vl, t.spoutTask, t.sampled, s.now + cost);
    if (ledger.lastSampled && s.lineage !== null) s.lineage.recordXor(t.rh, t.rl, ledger.lastValH, ledger.lastValL, ACKER_OPS[op]!, task.id, s.now + cost);
    if (updates !== null) updates.push(ackerUpdate(op, t, ledger, result));
    if (result !== ACKER_PENDING) {
      // Storm 2.x: the ack carries how long the acker held the tree (Acker.java), the spout's complete latency.
      const held = Math.max(0, Math.round((s.now + cost - ledger.lastBorn) * 1000));
      const m = s.pool.message(result === ACKER_COMPLETE ? K_SPOUT_ACK : K_SPOUT_FAIL, ledger.lastSpoutTask, task.id, t.rh, t.rl, Math.floor(held / 0x1_0000_0000), held | 0, -1, false);
      ex.outbox[ex.outN++] = m;
    }
    s.pool.give(t);
    n++;
    // Adding a zero cost changes nothing: skip it (the usual case).
    if (unit !== 0) {
      c[task.base + T_EXEC_MS]! += unit;
      cost += unit;
    }
  }
  c[task.base + T_EXECUTED]! += n;
  c[task.base + T_EXEC_N]! += n;
  if (cost !== 0) c[ex.base + E_BUSY_MS]! += cost;
  dequeued(s, ex);
  if (updates !== null) addTrace(s, { time: s.now, kind: 'acker', executor: ex.id, task: task.id, updates, rotated });
  if (cost === 0) {
    // Nothing to wait for: deliver now, and sleep until the next message.
    if (ex.outN > 0) flushOutbox(s, ex);
    ex.state = X_IDLE;
    if (ex.queue.length > 0) wake(s, ex);
  } else again(s, ex, s.now + cost);
}
