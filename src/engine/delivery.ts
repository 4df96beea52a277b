/**
 * Delivery: the outputs of a call (its outbox: emitted tuples, acker messages) reach their
 * executors' receive queues when the call ends, or wait in the emitter's overflow (Storm's
 * `pendingEmits`) while a target's queue is full, blocking the emitter (backpressure). Tuples for
 * another host's tasks leave through the transport (`remote.ts`).
 */
import type { EngineState } from './engine-state';
import { X_DEAD, X_REMOTE, type Executor } from './executor';
import { E_THROTTLED_MS } from './metrics';
import { enqueue, lost } from './queues';
import { sendRemote } from './remote';
import type { Tuple } from './tuple';

/** Delivers the outputs of `ex`'s last call. */
export function flushOutbox(s: EngineState, ex: Executor): void {
  const box = ex.outbox;
  const n = ex.outN;
  ex.outN = 0;
  for (let i = 0; i < n; i++) {
    const t = box[i]!;
    box[i] = undefined;
    deliver(s, ex, t);
  }
}

function deliver(s: EngineState, src: Executor, t: Tuple): void {
  const dest = t.dest;
  const target = s.taskExecutor[dest]!;
  const state = target.state;
  if (state === X_REMOTE) {
    if (src.overflow.length > 0 || s.remoteCongested[dest] === 1) {
      src.overflow.push(t);
      src.waitingRemote = true;
      return;
    }
    sendRemote(s, t);
    return;
  }
  if (state === X_DEAD) {
    lost(s, target, t);
    return;
  }
  if (src.overflow.length > 0 || target.queue.length >= target.capacity) {
    src.overflow.push(t);
    if (src.overflow.length === 1) target.waiters.push(src);
    return;
  }
  enqueue(s, target, t);
}

/** Moves overflow to its targets while there is room; false when still blocked. */
export function flushOverflow(s: EngineState, ex: Executor): boolean {
  const overflow = ex.overflow;
  while (overflow.length > 0) {
    const t = overflow.peek()!;
    const dest = t.dest;
    if (s.hostOfTask[dest] !== s.host) {
      if (s.remoteCongested[dest] === 1) {
        ex.waitingRemote = true;
        return false;
      }
      overflow.shift();
      sendRemote(s, t);
      continue;
    }
    const target = s.executors[s.execOfTask[dest]!]!;
    if (target.state === X_DEAD) {
      overflow.shift();
      lost(s, target, t);
      continue;
    }
    if (target.queue.length >= target.capacity) {
      if (!target.waiters.includes(ex)) target.waiters.push(ex);
      return false;
    }
    overflow.shift();
    enqueue(s, target, t);
  }
  ex.waitingRemote = false;
  if (ex.blockedSince >= 0) {
    s.counters[ex.base + E_THROTTLED_MS]! += s.now - ex.blockedSince;
    ex.blockedSince = -1;
  }
  return true;
}
