/**
 * The watchdog protocol for code that never returns. A host writes into a small shared Int32Array,
 * before each call into user code, the task id it is calling and bumps a call counter, and clears
 * the task id when the call returns (plain writes: the host is the only writer, the watchdog reads
 * with `Atomics.load` and only needs to see them within its sampling period). A watchdog on another thread samples the array: the same
 * counter with a task id set for longer than the limit means that task's call is stuck, and the
 * thread running it (its Web Worker or worker thread) must be terminated.
 */

/** Index of the call counter. */
export const WATCH_SEQ = 0;
/** Index of the task id being called (0: none). */
export const WATCH_TASK = 1;
/** Ints in a watch array. */
const WATCH_LENGTH = 4;

/**
 * A watch array on shared memory (SharedArrayBuffer: in browsers it needs cross-origin isolation).
 *
 * @example
 * const watch = createWatchArray();
 * new Worker(url, { workerData: { watch } }); // the engine in the worker gets `{ watch }` in its options
 */
export function createWatchArray(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(WATCH_LENGTH * Int32Array.BYTES_PER_ELEMENT));
}

/** What the watchdog found: a task stuck in one call for `runningMs`. */
export interface StuckCall {
  readonly task: number;
  readonly runningMs: number;
}

/**
 * Decides, from periodic samples of a watch array, whether a call is stuck. Pure: the caller
 * passes the time of each check (so tests need no real waiting).
 *
 * @example
 * const dog = new Watchdog(watch, 5000);
 * setInterval(() => { const stuck = dog.check(performance.now()); if (stuck) worker.terminate(); }, 250);
 */
export class Watchdog {
  private lastSeq = -1;
  private since = 0;

  constructor(
    private readonly watch: Int32Array,
    readonly limitMs: number,
  ) {}

  check(nowMs: number): StuckCall | null {
    const task = Atomics.load(this.watch, WATCH_TASK);
    const seq = Atomics.load(this.watch, WATCH_SEQ);
    if (task === 0) {
      this.lastSeq = -1;
      return null;
    }
    if (seq !== this.lastSeq) {
      this.lastSeq = seq;
      this.since = nowMs;
      return null;
    }
    const runningMs = nowMs - this.since;
    return runningMs >= this.limitMs ? { task, runningMs } : null;
  }
}

/** The message shown when the watchdog stops a component. */
export function stuckMessage(component: string, task: number, limitMs: number): string {
  return `component '${component}' (task ${task}) was stopped after ${Math.round(limitMs / 1000)} s without returning`;
}
