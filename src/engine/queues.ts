/**
 * Executors on the agenda and their receive queues: scheduling an executor's next event, waking
 * an idle or blocked one when a tuple arrives or room frees up, and counting tuples lost to a
 * dead worker. Each executor has at most one pending event; a newer one makes the older stale.
 */
import { addTrace, type EngineState } from './engine-state';
import { R_SPOUT, X_BLOCKED, X_IDLE, X_SCHEDULED, type Executor } from './executor';
import { E_LOST, E_THROTTLED_MS } from './metrics';
import { K_ACK_INIT, type Tuple } from './tuple';

/**
 * Schedules the running executor's next event, in the agenda's self slot: when no other event
 * comes first, the run loop takes it without touching the heap.
 */
export function again(s: EngineState, ex: Executor, time: number): void {
  ex.state = X_SCHEDULED;
  ex.gen = (ex.gen + 1) | 0;
  s.agenda.setSelf(time, ex.id, ex.gen);
}

/** Gives the executor its (only) pending event, now; an older one, if any, becomes stale. */
export function schedule(s: EngineState, ex: Executor): void {
  ex.state = X_SCHEDULED;
  ex.gen = (ex.gen + 1) | 0;
  s.agenda.pushNow(s.now, ex.id, ex.gen);
}

/** Schedules an idle or blocked executor now, ending its throttled time. */
export function wake(s: EngineState, ex: Executor): void {
  if (ex.state === X_BLOCKED && ex.blockedSince >= 0) {
    s.counters[ex.base + E_THROTTLED_MS]! += s.now - ex.blockedSince;
    ex.blockedSince = -1;
  }
  schedule(s, ex);
}

/** The executor waits for room in a full queue it emits to (backpressure). */
export function block(s: EngineState, ex: Executor): void {
  ex.state = X_BLOCKED;
  if (ex.blockedSince < 0) ex.blockedSince = s.now;
  if (s.describing) addTrace(s, { time: s.now, kind: 'wait', component: ex.component.id, executor: ex.id, reason: 'backpressure', until: Infinity });
}

/**
 * Puts a tuple into a local executor's queue (the caller checked for room) and wakes the executor
 * if it waits for input: idle, or a spout blocked by backpressure (its acks must get through).
 */
export function enqueue(s: EngineState, target: Executor, t: Tuple): void {
  target.queue.push(t);
  if (target.state === X_IDLE || (target.state === X_BLOCKED && target.component.role === R_SPOUT)) wake(s, target);
}

/** A tuple for an executor whose worker is down: counted as lost (a system message goes back to the pool). */
export function lost(s: EngineState, target: Executor, t: Tuple): void {
  s.counters[target.base + E_LOST]! += 1;
  if (t.kind >= K_ACK_INIT) s.pool.give(t);
}

/** After taking a tuple from `ex`'s queue: let blocked producers retry, and update congestion. */
export function dequeued(s: EngineState, ex: Executor): void {
  if (ex.waiters.length > 0 && ex.queue.length < ex.capacity) wakeWaiters(s, ex);
  if (ex.congested && ex.queue.length <= ex.capacity >> 1) {
    ex.congested = false;
    s.congestionChanged = true;
  }
}

/** Wakes the executors blocked on `ex`'s full queue. */
function wakeWaiters(s: EngineState, ex: Executor): void {
  const waiters = ex.waiters;
  ex.waiters = [];
  for (const w of waiters) if (w.state === X_BLOCKED) wake(s, w);
}
