/**
 * Executing an executor's event (docs/engine.md, "Execution"): the outputs of its previous call
 * are delivered, then it runs its next call — a bolt's `process` of the next queued tuple (or a
 * tick for each task), a spout's queued ack/fail/timeout notifications then one `nextTuple`
 * round, the acker's queued messages — which keeps it busy for the call's cost.
 */
import { finishAcks, ackTuple, failTuple, runAcker } from './acking';
import { beginCall, endCall, userError } from './calls';
import { describeOutcome, describeStep } from './describe';
import { flushOutbox, flushOverflow } from './delivery';
import { addTrace, type EngineState } from './engine-state';
import { R_BOLT, R_SPOUT, X_IDLE, type Executor, type TaskState } from './executor';
import { crashWorker } from './faults';
import {
  E_BUSY_MS,
  E_EMPTY_WAIT_MS,
  E_MAX_PENDING_MS,
  H_COMPLETE,
  H_EXECUTE,
  H_PROCESS,
  T_ACKED,
  T_CALLS,
  T_COMPLETE_MS,
  T_COMPLETE_N,
  T_EXEC_MS,
  T_EXEC_N,
  T_EXECUTED,
  T_FAILED,
  T_PROC_MS,
  T_PROC_N,
  T_READ_MS,
  T_READ_N,
  T_TICKS,
  T_TIMEOUTS,
} from './metrics';
import { again, block, dequeued } from './queues';
import { FailedException } from './runtime-api';
import type { SpoutPending } from './spout-pending';
import { hex64, K_SPOUT_ACK, K_TICK, type Tuple } from './tuple';

/** Runs an executor's event: delivers its last call's outputs, then its next call (or its crash). */
export function runExecutor(s: EngineState, ex: Executor): void {
  if (ex.outN > 0) flushOutbox(s, ex);
  if (ex.crash !== null) {
    const crash = ex.crash;
    ex.crash = null;
    crashWorker(s, ex.worker, crash);
    return;
  }
  const role = ex.component.role;
  if (role === R_BOLT) runBolt(s, ex);
  else if (role === R_SPOUT) runSpout(s, ex);
  else runAcker(s, ex);
}

function describeCall(s: EngineState, ex: Executor, task: TaskState, kind: 'execute' | 'tick' | 'nextTuple', start: number, busyUntil: number, error: unknown, input: Tuple | null): void {
  addTrace(s, describeStep(start, ex, task, busyUntil, error, s.callLog, kind, input));
}

// ───────────────────────────── bolts ─────────────────────────────

function runBolt(s: EngineState, ex: Executor): void {
  if (ex.overflow.length > 0 && !flushOverflow(s, ex)) {
    block(s, ex);
    return;
  }
  const t = ex.queue.shift();
  if (t === undefined) {
    ex.state = X_IDLE;
    if (s.describing) addTrace(s, { time: s.now, kind: 'idle', component: ex.component.id, executor: ex.id });
    return;
  }
  dequeued(s, ex);
  const cost = t.kind === K_TICK ? executeTick(s, ex, t) : execute(s, ex, ex.tasks[t.dest - ex.firstTask]!, t);
  again(s, ex, s.now + cost);
}

/** Calls `process(t)` on a bolt task at `start`; returns the call's cost (ms), and what it threw (or null) in `s.callError`. */
function callProcess(s: EngineState, task: TaskState, t: Tuple, start: number): number {
  task.current = t;
  const before = beginCall(s, task, start);
  s.callError = null;
  try {
    task.instance!.process(t);
  } catch (e) {
    s.callError = e;
  }
  const cost = endCall(s, task, before);
  task.current = null;
  return cost;
}

/** Runs `process(tuple)` on a bolt task; returns the cost (ms). */
function execute(s: EngineState, ex: Executor, task: TaskState, t: Tuple): number {
  const start = s.now;
  const c = s.counters;
  const base = task.base;
  // Read time: since the task's previous call ended, it waited for this tuple (Petrel's avg_read_time).
  c[base + T_READ_MS]! += start - task.lastEnd;
  c[base + T_READ_N]! += 1;
  const cost = callProcess(s, task, t, start);
  task.lastEnd = start + cost;
  const error = s.callError;
  if (error !== null) processError(s, ex, task, t, error);
  else if (task.basic && t.done === 0 && ackTuple(s, task, t, false)) {
    // BasicBolt's ack right after process: its process latency is the call's cost.
    c[base + T_PROC_MS]! += cost;
    c[base + T_PROC_N]! += 1;
    s.metrics.recordLatency(ex.id, H_PROCESS, cost);
    if (t.sampled) s.lineage?.markNode(t.rh, t.rl, t.id, start + cost, false);
  }
  c[base + T_EXECUTED]! += 1;
  c[base + T_EXEC_MS]! += cost;
  c[base + T_EXEC_N]! += 1;
  c[ex.base + E_BUSY_MS]! += cost;
  s.metrics.recordLatency(ex.id, H_EXECUTE, cost);
  if (s.ackedN > 0) finishAcks(s, ex, start + cost, t, start);
  // Still pending (a Bolt acks it in a later call): remember when its process started.
  if (t.done === 0) t.startTime = start;
  if (s.describing) describeCall(s, ex, task, 'execute', start, start + cost, error, t);
  return cost;
}

/** An exception from `process`: FailedException fails a BasicBolt's input, anything else is a user error. */
function processError(s: EngineState, ex: Executor, task: TaskState, t: Tuple, error: unknown): void {
  if (error instanceof FailedException && task.basic) {
    if (t.done === 0) failTuple(s, task, t);
  } else userError(s, ex, task, error, t, 'process');
}

/** Delivers a tick tuple to every task of a bolt executor (Storm broadcasts it inside the executor). */
function executeTick(s: EngineState, ex: Executor, tick: Tuple): number {
  let total = 0;
  for (const task of ex.tasks) {
    const start = s.now + total;
    const cost = callProcess(s, task, tick, start);
    task.lastEnd = start + cost;
    // A tick is not a tuple to fail: FailedException from a BasicBolt does nothing.
    const thrown = s.callError;
    const error = thrown !== null && !(thrown instanceof FailedException && task.basic) ? thrown : null;
    if (error !== null) userError(s, ex, task, error, tick, 'process');
    total += cost;
    s.counters[task.base + T_TICKS]! += 1;
    if (s.ackedN > 0) finishAcks(s, ex, start + cost, null, start);
    if (s.describing) describeCall(s, ex, task, 'tick', start, start + cost, error, null);
    if (ex.crash !== null) break;
  }
  s.counters[ex.base + E_BUSY_MS]! += total;
  return total;
}

// ───────────────────────────── spouts ─────────────────────────────

function runSpout(s: EngineState, ex: Executor): void {
  let cost = 0;
  while (ex.queue.length > 0 && ex.crash === null) cost += spoutMessage(s, ex, ex.queue.shift()!, cost);
  dequeued(s, ex);
  if (ex.crash !== null) {
    again(s, ex, s.now + cost);
    return;
  }
  if (ex.overflow.length > 0 && !flushOverflow(s, ex)) {
    if (cost > 0) again(s, ex, s.now + cost);
    else block(s, ex);
    return;
  }
  if (ex.maxPending > 0 && ex.pending!.size >= ex.maxPending) {
    s.counters[ex.base + E_MAX_PENDING_MS]! += s.waitMs;
    if (s.describing) addTrace(s, { time: s.now + cost, kind: 'wait', component: ex.component.id, executor: ex.id, reason: 'max-spout-pending', until: s.now + cost + s.waitMs });
    again(s, ex, s.now + cost + s.waitMs);
    return;
  }
  const emitsBefore = s.emitCounter;
  for (const task of ex.tasks) {
    const start = s.now + cost;
    const before = beginCall(s, task, start);
    let error: unknown = null;
    try {
      task.instance!.nextTuple();
    } catch (e) {
      error = e;
    }
    const c = endCall(s, task, before);
    cost += c;
    s.counters[task.base + T_CALLS]! += 1;
    s.counters[ex.base + E_BUSY_MS]! += c;
    if (error !== null) userError(s, ex, task, error, null, 'nextTuple');
    if (s.describing) describeCall(s, ex, task, 'nextTuple', start, start + c, error, null);
    if (ex.crash !== null) break;
  }
  if (s.emitCounter === emitsBefore && ex.crash === null) {
    cost += s.waitMs;
    s.counters[ex.base + E_EMPTY_WAIT_MS]! += s.waitMs;
  }
  again(s, ex, s.now + cost);
}

/** An acker notification or a tick reaching a spout executor; returns the cost of the user calls. */
function spoutMessage(s: EngineState, ex: Executor, t: Tuple, offset: number): number {
  const pending = ex.pending!;
  if (t.kind === K_TICK) {
    let cost = 0;
    for (const e of pending.rotate()) cost += spoutOutcome(s, ex, pending, e, 'spout-timeout', offset + cost);
    return cost;
  }
  const e = pending.take(t.rh, t.rl);
  const kind = t.kind === K_SPOUT_ACK ? 'spout-ack' : 'spout-fail';
  // The time the acker held the tree, in µs over vh:vl (acking.ts, runAcker).
  const held = (t.vh * 0x1_0000_0000 + (t.vl >>> 0)) / 1000;
  s.pool.give(t);
  return e < 0 ? 0 : spoutOutcome(s, ex, pending, e, kind, offset, held);
}

/**
 * A tree's outcome at its spout. `held` is how long the acker held the tree (ms): Storm 2.x's
 * complete latency (Acker.java sends `getTimeDeltaMillis(curr.startTime)` with the ack, and
 * SpoutExecutor records it), not the time from the emit to this call as in Storm 1.x. Timeouts
 * have none: their latency (events, lineage) is from the emit.
 */
function spoutOutcome(s: EngineState, ex: Executor, pending: SpoutPending, e: number, kind: 'spout-ack' | 'spout-fail' | 'spout-timeout', offset: number, held = -1): number {
  const task = ex.tasks[pending.taskOf(e) - ex.firstTask]!;
  const messageId = pending.messageIdOf(e);
  const start = s.now + offset;
  const latency = held >= 0 ? held : start - pending.emitTimeOf(e);
  const rh = pending.rootHiOf(e);
  const rl = pending.rootLoOf(e);
  const sampled = pending.sampledOf(e);
  pending.release(e);
  // The tree's outcome first, at the call's start: a spout whose fail() re-emits the message at
  // once (as Storm and Petrel allow) then starts its replay with the original already finished,
  // so the replay links to it.
  if (sampled) s.lineage?.finish(rh, rl, kind === 'spout-ack' ? 'acked' : kind === 'spout-fail' ? 'failed' : 'timed-out', start);
  const before = beginCall(s, task, start);
  let error: unknown = null;
  try {
    if (kind === 'spout-ack') task.instance!.ack(messageId);
    else task.instance!.fail(messageId);
  } catch (err) {
    error = err;
  }
  const cost = endCall(s, task, before);
  const c = s.counters;
  c[ex.base + E_BUSY_MS]! += cost;
  if (kind === 'spout-ack') {
    c[task.base + T_ACKED]! += 1;
    c[task.base + T_COMPLETE_MS]! += latency;
    c[task.base + T_COMPLETE_N]! += 1;
    s.metrics.recordLatency(ex.id, H_COMPLETE, latency);
  } else {
    c[task.base + T_FAILED]! += 1;
    if (kind === 'spout-timeout') c[task.base + T_TIMEOUTS]! += 1;
  }
  if (error !== null) userError(s, ex, task, error, null, kind === 'spout-ack' ? 'ack' : 'fail');
  if (s.describing) addTrace(s, describeOutcome(start, ex, task, start + cost, error, s.callLog, kind, messageId, hex64(rh, rl), latency));
  return cost;
}
