/**
 * How a host's run loop gives the thread back between slices, so that comlink calls (pause, step,
 * poll) and peer batches are handled while a run goes on.
 *
 * - `yield`: a MessageChannel round trip (no 4 ms timer clamp, unlike nested `setTimeout(0)`); in
 *   Node (tests), `setImmediate`, because Node drains a MessagePort's messages before its timers;
 * - `sleep`: short waits block on a private SharedArrayBuffer with `Atomics.wait` (precise to a
 *   fraction of a millisecond, as the Node host does), longer ones use a timer that `wake()` cuts
 *   short when work arrives (a batch from another host).
 */

export interface LoopScheduler {
  /** Runs `fn` as soon as pending messages have been handled. */
  yield(fn: () => void): void;
  /** Runs `fn` after about `ms` (or sooner, on `wake()`). */
  sleep(ms: number, fn: () => void): void;
  /** Ends a timer sleep now (its function runs at the next turn). */
  wake(): void;
  dispose(): void;
}

/** Waits at most this long with `Atomics.wait` (the thread handles no message meanwhile). */
const BLOCKING_LIMIT_MS = 2;

function blocker(): Int32Array | null {
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics?.wait !== 'function') return null;
  try {
    const cell = new Int32Array(new SharedArrayBuffer(4));
    Atomics.wait(cell, 0, 0, 0); // throws where blocking is not allowed (a page's main thread)
    return cell;
  } catch {
    return null;
  }
}

export function createScheduler(): LoopScheduler {
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let sleeping: (() => void) | null = null;
  let disposed = false;
  const cell = blocker();

  const run = () => {
    const fn = queue.shift();
    if (fn && !disposed) fn();
  };
  channel.port1.onmessage = run;
  const immediate = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate;
  const post = (fn: () => void) => {
    if (disposed) return;
    queue.push(fn);
    if (immediate) immediate(run);
    else channel.port2.postMessage(null);
  };

  return {
    yield: post,
    sleep(ms, fn) {
      if (disposed) return;
      if (cell !== null && ms <= BLOCKING_LIMIT_MS) {
        Atomics.wait(cell, 0, 0, Math.max(0, ms));
        post(fn);
        return;
      }
      sleeping = fn;
      timer = setTimeout(() => {
        timer = null;
        const f = sleeping;
        sleeping = null;
        if (f && !disposed) f();
      }, ms);
    },
    wake() {
      if (timer === null || sleeping === null) return;
      clearTimeout(timer);
      timer = null;
      const f = sleeping;
      sleeping = null;
      post(f);
    },
    dispose() {
      disposed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      sleeping = null;
      queue.length = 0;
      channel.port1.onmessage = null;
      channel.port1.close();
      channel.port2.close();
    },
  };
}
