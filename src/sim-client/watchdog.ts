/**
 * The page's watchdog over the simulation hosts. Every host's engine marks its calls into user
 * code in a shared watch array (`src/engine/watch.ts`); a call still running after the limit (5 s)
 * is stopped:
 *
 * - Python, when the page is cross-origin isolated: SIGINT is written into the host's Pyodide
 *   interrupt buffer (again at each check until the call returns: a write can be lost, see
 *   `sendInterrupt`). The call raises `KeyboardInterrupt`, which the engine handles as any
 *   exception from user code (by default the Storm worker crashes and restarts, its trees time
 *   out and replay): the run goes on, with the component quarantined (workers/sim/quarantine.ts:
 *   its code is not called again), so a runaway component costs one period per run, not one
 *   per restart. If the code swallows the interrupt and is still in the same call after a grace
 *   period, the host is terminated.
 * - JavaScript (or Python without an interrupt buffer): the host's Web Worker is terminated, which
 *   ends the run.
 *
 * Pure: the caller passes the time of each check.
 */
import { stuckMessage, Watchdog, WATCH_SEQ, WATCH_TASK } from '../engine/watch';
import type { Language } from '../model';

export interface WatchedHost {
  readonly watch: Int32Array;
  readonly interrupt: Int32Array | null;
}

export interface WatchAction {
  readonly kind: 'interrupt' | 'terminate';
  readonly host: number;
  readonly task: number;
  readonly component: string;
  /** "component 'x' (task n) was stopped after 5 s without returning" and what follows. */
  readonly message: string;
}

export interface PageWatchdogOptions {
  readonly taskToComponent: Readonly<Record<string, string>>;
  readonly languages: Readonly<Record<string, Language>>;
  readonly limitMs?: number;
  /** After an interrupt, how long the same call may go on before the host is terminated. */
  readonly graceMs?: number;
  /** What a host is, in the messages: "Web Worker" (default), "worker thread"… */
  readonly hostNoun?: string;
}

/** SIGINT, as Pyodide's interrupt buffer expects it. */
export const SIGINT = 2;

export class PageWatchdog {
  private readonly dogs: Watchdog[];
  private readonly interrupted: ({ seq: number; at: number } | null)[];
  readonly limitMs: number;
  private readonly graceMs: number;
  private readonly hostNoun: string;

  constructor(
    private readonly hosts: readonly WatchedHost[],
    private readonly options: PageWatchdogOptions,
  ) {
    this.limitMs = options.limitMs ?? 5000;
    this.graceMs = options.graceMs ?? 3000;
    this.hostNoun = options.hostNoun ?? 'Web Worker';
    this.dogs = hosts.map((h) => new Watchdog(h.watch, this.limitMs));
    this.interrupted = hosts.map(() => null);
  }

  /**
   * The component and task whose code host `host` is running now (its engine marks each call into
   * user code), or null between calls: what a host that died (out of memory, crashed) was doing.
   */
  running(host: number): { readonly component: string; readonly task: number } | null {
    const watch = this.hosts[host]?.watch;
    const task = watch ? Atomics.load(watch, WATCH_TASK) : 0;
    if (task === 0) return null;
    return { component: this.options.taskToComponent[String(task)] ?? `task ${task}`, task };
  }

  /** The action to take now, if a call is stuck (at most one per check). */
  check(nowMs: number): WatchAction | null {
    for (let h = 0; h < this.hosts.length; h++) {
      const stuck = this.dogs[h]!.check(nowMs);
      if (!stuck) continue;
      const { task } = stuck;
      const component = this.options.taskToComponent[String(task)] ?? `task ${task}`;
      const base = stuckMessage(component, task, this.limitMs);
      const seq = Atomics.load(this.hosts[h]!.watch, WATCH_SEQ);
      const buffer = this.hosts[h]!.interrupt;
      const previous = this.interrupted[h];
      if (previous && previous.seq === seq) {
        if (nowMs - previous.at < this.graceMs) {
          // Pyodide reads the buffer and then clears it, in two steps: a SIGINT written between
          // them is lost (about 3 % of single writes into a tight loop, measured by
          // scripts/bench/interrupt-writes.ts). Until the call returns, each check asks again;
          // only a call still running after the grace period (its code swallows
          // KeyboardInterrupt) ends its host.
          if (buffer !== null) sendInterrupt(this.hosts[h]!.watch, buffer, seq);
          continue;
        }
        return {
          kind: 'terminate',
          host: h,
          task,
          component,
          message: `${base}: it did not stop when interrupted (does it catch KeyboardInterrupt?), so its ${this.hostNoun} was terminated and the run ended`,
        };
      }
      if (this.options.languages[component] === 'python' && buffer !== null) {
        sendInterrupt(this.hosts[h]!.watch, buffer, seq);
        this.interrupted[h] = { seq, at: nowMs };
        return { kind: 'interrupt', host: h, task, component, message: `${base}: Python was interrupted (KeyboardInterrupt) and '${component}' is quarantined for the rest of the run, the run goes on` };
      }
      const why = this.options.languages[component] === 'python' ? ' (Python cannot be interrupted: the page is not cross-origin isolated)' : '';
      return { kind: 'terminate', host: h, task, component, message: `${base}${why}: its ${this.hostNoun} was terminated and the run ended` };
    }
    return null;
  }
}

/**
 * Writes SIGINT for call `seq`. If that call ended meanwhile (the watch moved on) the request is
 * taken back, unless Python already took it: the next call clears the buffer when it starts, so
 * only a write that lands after that clear could stop the wrong call, and this closes most of it.
 */
function sendInterrupt(watch: Int32Array, buffer: Int32Array, seq: number): void {
  Atomics.store(buffer, 0, SIGINT);
  if (Atomics.load(watch, WATCH_SEQ) !== seq || Atomics.load(watch, WATCH_TASK) === 0) Atomics.compareExchange(buffer, 0, SIGINT, 0);
}
