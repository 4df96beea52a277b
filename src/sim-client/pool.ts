/**
 * Simulation hosts kept warm between runs. Loading Pyodide in a Web Worker takes seconds; a run
 * that ends cleanly hands its hosts back ({@link HostLink.retire}); a host that holds a loaded
 * Pyodide is reset (`recycle`: no module or state of the run survives) and kept for the next run
 * at the same host index. Everything else is terminated:
 *
 * - a host without Pyodide (JavaScript-only runs: a fresh worker starts in milliseconds);
 * - a host the run could not end cleanly: the watchdog terminated or interrupted one of its calls,
 *   it died, it was still loading, its reset failed or did not answer in time;
 * - host indices beyond the pool's size (each Pyodide holds about 110 MB);
 * - every idle host when the page has been hidden for a long time ({@link HostPool.setHidden}).
 *
 * Pure of the DOM: timers are injected; the app wires the page's visibility (client.ts).
 */
import type { HostLink } from './host-link';

export interface HostPoolOptions {
  /** Creates the link of a new host with this index (a Web Worker in the app). */
  readonly create: (index: number) => HostLink;
  /** Whether interrupt buffers can be shared (cross-origin isolation): each pooled host keeps one. */
  readonly shared: boolean;
  /** Host indices kept (0 … size-1). Default 2: virtual time uses host 0, wall time one per worker. */
  readonly size?: number;
  /** A reset that takes longer than this (ms) is abandoned and the host terminated. Default 5000. */
  readonly recycleTimeoutMs?: number;
  /** Idle hosts are terminated once the page has been hidden this long (ms). Default 5 minutes. */
  readonly hiddenMs?: number;
  readonly setTimeout?: (fn: () => void, ms: number) => unknown;
  readonly clearTimeout?: (handle: unknown) => void;
}

interface Idle {
  readonly link: HostLink;
  readonly interrupt: Int32Array | null;
}

/** What the pool did with a host handed back; for tests and the page's console. */
export type RetireOutcome = 'kept' | 'terminated';

export class HostPool {
  private readonly idle = new Map<number, Idle>();
  private readonly pending = new Set<Promise<unknown>>();
  private hiddenTimer: unknown = null;
  /** The page has been hidden for `hiddenMs` and not shown since: hosts handed back are not kept. */
  private hiddenLong = false;
  /** Hosts created since the pool was made (a warm run creates none). */
  created = 0;
  readonly size: number;

  constructor(private readonly options: HostPoolOptions) {
    this.size = options.size ?? 2;
  }

  /** Indices of the hosts kept warm now. */
  get warmIndices(): number[] {
    return [...this.idle.keys()].sort((a, b) => a - b);
  }

  /** Resolves when every host handed back has been kept or terminated. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** A host for index `index`: the warm one kept for it, else a new one. */
  link(index: number): HostLink {
    const kept = this.idle.get(index);
    this.idle.delete(index);
    if (kept) {
      // A SIGINT the watchdog wrote too late for the previous run must not hit this one.
      if (kept.interrupt) Atomics.store(kept.interrupt, 0, 0);
      return this.wrap(index, kept.link, kept.interrupt, true);
    }
    this.created++;
    const interrupt = this.options.shared ? new Int32Array(new SharedArrayBuffer(4)) : null;
    return this.wrap(index, this.options.create(index), interrupt, false);
  }

  /** Terminates every idle host. */
  clear(): void {
    for (const { link } of this.idle.values()) link.terminate();
    this.idle.clear();
  }

  /**
   * The page was hidden (or shown again): after `hiddenMs` hidden, idle hosts are terminated (a
   * tab left in the background does not hold Pyodide's memory for ever).
   */
  setHidden(hidden: boolean): void {
    const clear = this.options.clearTimeout ?? ((h: unknown) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>));
    const set = this.options.setTimeout ?? ((fn: () => void, ms: number) => globalThis.setTimeout(fn, ms));
    if (this.hiddenTimer !== null) clear(this.hiddenTimer);
    this.hiddenTimer = null;
    this.hiddenLong = false;
    if (hidden) {
      this.hiddenTimer = set(() => {
        this.hiddenTimer = null;
        this.hiddenLong = true;
        this.clear();
      }, this.options.hiddenMs ?? 5 * 60_000);
    }
  }

  private wrap(index: number, link: HostLink, interrupt: Int32Array | null, warm: boolean): HostLink {
    let done = false;
    const retire = (reusable: boolean): Promise<void> => {
      if (done) return Promise.resolve();
      done = true;
      const p = this.retire(index, link, interrupt, reusable).finally(() => this.pending.delete(p));
      this.pending.add(p);
      return p.then(() => {});
    };
    return {
      api: link.api,
      died: link.died,
      interrupt,
      warm,
      retire,
      terminate() {
        done = true;
        link.terminate();
      },
    };
  }

  private async retire(index: number, link: HostLink, interrupt: Int32Array | null, reusable: boolean): Promise<RetireOutcome> {
    const end = (): RetireOutcome => {
      void link.api.stop().catch(() => {});
      link.terminate();
      return 'terminated';
    };
    if (!reusable || index >= this.size || this.hiddenLong) return end();
    let timer: unknown = null;
    const timeout = new Promise<null>((resolve) => {
      timer = (this.options.setTimeout ?? ((fn: () => void, ms: number) => globalThis.setTimeout(fn, ms)))(() => resolve(null), this.options.recycleTimeoutMs ?? 5000);
    });
    let answer: Awaited<ReturnType<HostLink['api']['recycle']>> | null;
    try {
      answer = await Promise.race([link.api.recycle(), timeout]);
    } catch {
      answer = null;
    } finally {
      (this.options.clearTimeout ?? ((h: unknown) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>)))(timer);
    }
    if (answer === null || !answer.warm) return end();
    // Two runs ended at once for the same index (should not happen): keep the newest.
    this.idle.get(index)?.link.terminate();
    this.idle.set(index, { link, interrupt });
    link.died.catch(() => {
      if (this.idle.get(index)?.link === link) this.idle.delete(index);
    });
    return 'kept';
  }
}
