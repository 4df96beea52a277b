/**
 * Runs engine hosts in worker threads, the way the app runs them in Web Workers: one host with
 * every executor (virtual time, deterministic) or one host per Storm worker (wall time, batches
 * between hosts over MessagePorts). A watchdog on the main thread stops a component whose call
 * never returns and names it.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { buildPlan, createRing, createWatchArray, mergeSnapshots, stuckMessage, Watchdog, WATCH_SEQ, type HostSnapshot, type PhysicalPlan, type Seed } from '../../src/engine';
import type { Language, TopologyDocument } from '../../src/model';
import type { FromHost, HostInit, ToHost } from './host-protocol';

export interface ClusterOptions {
  readonly document: TopologyDocument;
  readonly seed: Seed;
  readonly clock: 'virtual' | 'wall';
  /** Language to run per component id. */
  readonly languages: Readonly<Record<string, Language>>;
  /** One host per Storm worker (default: in wall mode) or one host for all. */
  readonly hostPerWorker?: boolean;
  readonly lineage?: boolean;
  readonly queueCapacity?: number;
  readonly batchSize?: number;
  /** A call running longer than this is stopped (default 5000 ms). */
  readonly watchdogMs?: number;
  /** A Python call still running this long after its interrupt gets its thread terminated (default 3000 ms). */
  readonly interruptGraceMs?: number;
  /** Told when the watchdog interrupts a Python call (the run goes on). */
  readonly onStopped?: (message: string) => void;
  /**
   * How hosts exchange messages: shared-memory rings (default; values the rings do not encode
   * still go over the MessagePorts) or batches over the MessagePorts only.
   */
  readonly transport?: 'rings' | 'messages';
}

/** A component's call did not return: the watchdog stopped its host. */
export class StuckComponentError extends Error {
  constructor(
    readonly component: string,
    readonly task: number,
    message: string,
  ) {
    super(message);
    this.name = 'StuckComponentError';
  }
}

interface Host {
  readonly index: number;
  readonly worker: Worker;
  readonly watch: Int32Array;
  readonly dog: Watchdog;
  /** Pyodide's interrupt buffer of the host's Python runtime. */
  readonly interrupt: Int32Array;
  /** The call the watchdog interrupted last (its call counter), and when. */
  interrupted: { readonly seq: number; readonly at: number } | null;
  waiting: ((m: FromHost) => void) | null;
}

const WORKER_BOOT = new URL('./ts-worker.mjs', import.meta.url);
const HOST_ENTRY = new URL('./host-thread.ts', import.meta.url).href;

export class Cluster {
  readonly plan: PhysicalPlan;
  readonly loadMs: number;
  /** What the watchdog stopped so far (interrupted Python calls; the run went on). */
  readonly stopped: string[] = [];
  private failure: Error | null = null;
  private onFailure: ((e: Error) => void) | null = null;
  private timer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly hosts: Host[],
    plan: PhysicalPlan,
    loadMs: number,
    private readonly options: ClusterOptions,
  ) {
    this.plan = plan;
    this.loadMs = loadMs;
  }

  /**
   * Starts the hosts and loads the components; rejects with the loading error (a syntax error
   * with its line, a missing runtime…).
   */
  static async start(options: ClusterOptions): Promise<Cluster> {
    const plan = buildPlan(options.document);
    const perWorker = options.hostPerWorker ?? options.clock === 'wall';
    const groups = perWorker ? Array.from({ length: plan.workers }, (_, w) => [w]) : [Array.from({ length: plan.workers }, (_, w) => w)];
    const hostOfWorker = Array.from({ length: plan.workers }, (_, w) => (perWorker ? w : 0));
    // One MessageChannel per pair of hosts.
    const ports: Record<number, MessagePort>[] = groups.map(() => ({}));
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        const { port1, port2 } = new MessageChannel();
        ports[a]![b] = port1;
        ports[b]![a] = port2;
      }
    }
    // Rings: one per ordered pair of hosts (4 MB each), and a doorbell per host.
    const useRings = groups.length > 1 && (options.transport ?? 'rings') === 'rings';
    const ringTo: Record<number, SharedArrayBuffer>[] = groups.map(() => ({}));
    const ringFrom: Record<number, SharedArrayBuffer>[] = groups.map(() => ({}));
    if (useRings) {
      for (let a = 0; a < groups.length; a++) {
        for (let b = 0; b < groups.length; b++) {
          if (a === b) continue;
          const ring = createRing(1 << 20);
          ringTo[a]![b] = ring;
          ringFrom[b]![a] = ring;
        }
      }
    }
    const doorbells = groups.map(() => new Int32Array(new SharedArrayBuffer(8)));
    const wallStart = performance.timeOrigin + performance.now() + 50 * groups.length;
    const hosts: Host[] = groups.map((workers, index) => {
      const watch = createWatchArray();
      const interrupt = new Int32Array(new SharedArrayBuffer(4));
      const init: HostInit = {
        interruptBuffer: interrupt,
        document: options.document,
        seed: options.seed,
        clock: options.clock,
        workers,
        hostOfWorker,
        languages: options.languages,
        watch,
        wallStart,
        lineage: options.lineage ?? true,
        ...(options.queueCapacity ? { queueCapacity: options.queueCapacity } : {}),
        ...(options.batchSize ? { batchSize: options.batchSize } : {}),
        ...(useRings ? { rings: { out: ringTo[index]!, in: ringFrom[index]!, doorbells } } : {}),
      };
      const transfer = Object.values(ports[index]!);
      const worker = new Worker(WORKER_BOOT, { workerData: { entry: HOST_ENTRY, init, ports: ports[index] }, transferList: transfer });
      return { index, worker, watch, dog: new Watchdog(watch, options.watchdogMs ?? 5000), interrupt, interrupted: null, waiting: null };
    });
    const started = performance.now();
    const cluster = new Cluster(hosts, plan, 0, options);
    for (const h of hosts) {
      h.worker.on('message', (m: FromHost) => {
        const w = h.waiting;
        h.waiting = null;
        w?.(m);
      });
      h.worker.on('error', (e) => cluster.fail(e instanceof Error ? e : new Error(String(e))));
    }
    cluster.timer = setInterval(() => cluster.watchdog(), 100);
    try {
      await cluster.collect(null, (m) => {
        if (m.type === 'failed') throw new Error(m.message);
        return m;
      });
    } catch (e) {
      await cluster.stop();
      throw e;
    }
    (cluster as { loadMs: number }).loadMs = performance.now() - started;
    return cluster;
  }

  /** Virtual time: runs every host to engine time `untilMs`. */
  async runVirtual(untilMs: number): Promise<void> {
    await this.collect({ type: 'run', until: untilMs }, (m) => m);
  }

  /** Wall time: runs the hosts for `durationMs` of real time. */
  async runWall(durationMs: number): Promise<void> {
    // Hosts start together a few ms from now, whatever time each took to load.
    const start = performance.timeOrigin + performance.now() + 5;
    await this.collect({ type: 'runWall', start, untilWall: start + durationMs }, (m) => m);
  }

  /** The hosts' snapshots merged into one. */
  async snapshot(options: { logsAfter?: number; lineage?: boolean } = {}): Promise<HostSnapshot> {
    const snaps = await this.collect({ type: 'snapshot', logsAfter: options.logsAfter ?? 0, lineage: options.lineage ?? true }, (m) => {
      if (m.type !== 'snapshot') throw new Error(`unexpected ${m.type}`);
      return m.snapshot;
    });
    return mergeSnapshots(snaps);
  }

  kill(worker: number): void {
    const h = this.hosts.length === 1 ? this.hosts[0]! : this.hosts[worker]!;
    h.worker.postMessage({ type: 'kill', worker } satisfies ToHost);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const h of this.hosts) h.worker.postMessage({ type: 'stop' } satisfies ToHost);
    await Promise.all(this.hosts.map((h) => h.worker.terminate()));
  }

  /** Sends a request to every host (null: only waits for their next message) and collects the replies. */
  private collect<T>(request: ToHost | null, read: (m: FromHost) => T): Promise<T[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<T[]>((resolve, reject) => {
      let pending = this.hosts.length;
      const out: T[] = new Array(pending);
      let done = false;
      this.onFailure = (e) => {
        if (!done) {
          done = true;
          reject(e);
        }
      };
      for (const h of this.hosts) {
        h.waiting = (m) => {
          if (done) return;
          try {
            out[h.index] = read(m);
          } catch (e) {
            done = true;
            reject(e);
            return;
          }
          if (--pending === 0) {
            done = true;
            resolve(out);
          }
        };
        if (request !== null) h.worker.postMessage(request);
      }
    });
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.onFailure?.(this.failure);
  }

  /**
   * A call stuck for the limit: Python is interrupted (KeyboardInterrupt in the component, which
   * the engine handles as any exception: the run goes on); JavaScript, or Python still in the same
   * call `interruptGraceMs` later (it swallowed the interrupt), gets its thread terminated, which
   * ends the run.
   */
  private watchdog(): void {
    const now = performance.now();
    for (const h of this.hosts) {
      const stuck = h.dog.check(now);
      if (!stuck) continue;
      const component = this.plan.taskToComponent[String(stuck.task)] ?? '?';
      const stopped = stuckMessage(component, stuck.task, h.dog.limitMs);
      const seq = Atomics.load(h.watch, WATCH_SEQ);
      if (this.options.languages[component] === 'python') {
        if (h.interrupted === null || h.interrupted.seq !== seq) {
          h.interrupted = { seq, at: now };
          Atomics.store(h.interrupt, 0, 2);
          const message = `${stopped}: Python was interrupted`;
          this.stopped.push(message);
          this.options.onStopped?.(message);
          continue;
        }
        if (now - h.interrupted.at < (this.options.interruptGraceMs ?? 3000)) continue;
        this.terminate(new StuckComponentError(component, stuck.task, `${stopped}: Python did not stop on the interrupt, its worker thread was terminated`));
        return;
      }
      this.terminate(new StuckComponentError(component, stuck.task, stopped));
      return;
    }
  }

  private terminate(error: StuckComponentError): void {
    void this.stop();
    this.fail(error);
  }
}
