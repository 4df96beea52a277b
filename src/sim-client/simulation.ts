/**
 * A running simulation as the page drives it: its hosts (one in virtual time, one per Storm worker
 * in wall time), the channels between them (shared-memory rings when shared memory is available,
 * and MessageChannels), the periodic snapshots merged on the page, and the watchdog.
 * {@link launchSimulation} is given host links, so the same code drives Web Workers in the app,
 * worker threads in `npm run simulate` and `npm run bench`, and in-process hosts in tests.
 */
import { usesDatastores } from '../engine/datastore/stores';
import { buildPlan, type PhysicalPlan } from '../engine/plan';
import { mergeSnapshots, type HostSnapshot } from '../engine/snapshot';
import type { TaskStates } from '../engine/task-state';
import type { StepEvent } from '../engine/events';
import { createRingMesh } from '../engine/ring-link';
import { createWatchArray } from '../engine/watch';
import type { TopologyDocument } from '../model';
import type { HostInit, HostLoadProgress, PollResult } from '../../workers/sim/protocol';
import type { HostLink } from './host-link';
import { runLanguages } from './languages';
import type { LaunchOptions, LoadProgress, RunFailure, RunOptions, Simulation, SimulationListener } from './types';
import { PageWatchdog, type WatchAction } from './watchdog';

export interface LaunchDeps {
  /** Creates the link of host `index` (a Web Worker in the app). */
  readonly link: (index: number) => HostLink;
  /** `performance.timeOrigin + performance.now()`: the `atReal` every host of a run shares. */
  readonly now?: () => number;
  /** Snapshot period (ms): a few per second. */
  readonly pollMs?: number;
  /** Watchdog period and limit (ms). */
  readonly watchEveryMs?: number;
  readonly watchLimitMs?: number;
  readonly interruptGraceMs?: number;
  /** Whether shared memory is available (cross-origin isolation). */
  readonly shared?: boolean;
  /**
   * How the hosts of a wall-time run exchange tuples: shared-memory rings (the default when
   * `shared`) or batches over MessagePorts (always without shared memory).
   */
  readonly transport?: 'rings' | 'messages';
  /** What a host is, in the watchdog's messages ("its Web Worker was terminated"). Default "Web Worker". */
  readonly hostNoun?: string;
  readonly signal?: AbortSignal;
}

/** Why a start failed: what the user is told, naming the component when one is to blame. */
export class SimulationStartError extends Error {
  constructor(readonly failure: RunFailure) {
    super(failure.message);
    this.name = 'SimulationStartError';
  }
}

const realNow = () => performance.timeOrigin + performance.now();
const DEFAULT_STREAM_RATE = 200;

/**
 * Hosts and their Storm workers: one host for every worker (virtual), or one per worker (wall).
 * A topology that uses the run's Redis or MongoDB keeps every worker in one host in wall time too:
 * the stores live with the engine, so all its tasks must share it (src/engine/datastore/stores.ts).
 */
export function hostLayout(plan: PhysicalPlan, clock: RunOptions['clock'], document?: TopologyDocument): { groups: number[][]; hostOfWorker: number[] } {
  const workers = Array.from({ length: plan.workers }, (_, w) => w);
  if (clock === 'virtual' || plan.workers === 1 || (document !== undefined && usesDatastores(document))) return { groups: [workers], hostOfWorker: workers.map(() => 0) };
  return { groups: workers.map((w) => [w]), hostOfWorker: workers };
}

function sharedInt32(shared: boolean): Int32Array {
  return shared ? new Int32Array(new SharedArrayBuffer(4)) : new Int32Array(1);
}

/**
 * Starts `document` on fresh hosts: loads every component (Pyodide when one runs Python,
 * reporting progress), starts the hosts together and begins the periodic snapshots. Rejects with
 * a {@link SimulationStartError} naming the component when one cannot load.
 */
export async function launchSimulation(document: TopologyDocument, options: LaunchOptions, listener: SimulationListener, deps: LaunchDeps): Promise<Simulation> {
  const shared = deps.shared ?? (typeof SharedArrayBuffer === 'function' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false);
  const plan = buildPlan(document);
  const { groups, hostOfWorker } = hostLayout(plan, options.clock, document);
  const languages = options.languages ?? runLanguages(document);
  const links = groups.map((_, i) => deps.link(i));
  const watches = groups.map(() => (shared ? createWatchArray() : new Int32Array(4)));
  // A host from the pool keeps the interrupt buffer its Pyodide was installed with.
  const interrupts = links.map((link) => (link.interrupt !== undefined ? link.interrupt : shared ? sharedInt32(true) : null));
  const sim = new RunningSimulation(links, plan, hostOfWorker, options, listener, deps, new PageWatchdog(
    groups.map((_, i) => ({ watch: watches[i]!, interrupt: interrupts[i]! })),
    { taskToComponent: plan.taskToComponent, languages, limitMs: deps.watchLimitMs, graceMs: deps.interruptGraceMs, ...(deps.hostNoun ? { hostNoun: deps.hostNoun } : {}) },
  ), shared);
  const abort = () => sim.fail({ message: 'The run was stopped while it loaded.', component: null, task: null }, false);
  let cleanRefusal = false;
  deps.signal?.addEventListener('abort', abort);
  try {
    // One MessageChannel per pair of hosts: tuples cross between Storm workers without the page.
    const ports: Record<number, MessagePort>[] = groups.map(() => ({}));
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        const { port1, port2 } = new MessageChannel();
        ports[a]![b] = port1;
        ports[b]![a] = port2;
      }
    }
    const rings = shared && groups.length > 1 && (deps.transport ?? 'rings') === 'rings' ? createRingMesh(groups.length) : undefined;
    const progress = groups.map((): HostLoadProgress | null => null);
    const onProgress = (i: number) => (p: HostLoadProgress) => {
      progress[i] = p;
      listener.onLoadProgress?.(combineProgress(progress));
    };
    sim.watchStart();
    const ready = await sim.guard(
      Promise.all(
        links.map((link, i) => {
          const init: HostInit = {
            document,
            seed: options.seed,
            clock: options.clock,
            host: i,
            workers: groups[i]!,
            hostOfWorker,
            languages,
            watch: watches[i]!,
            interrupt: interrupts[i]!,
            speed: options.speed,
            lineage: options.lineage ?? true,
            ...(options.until !== undefined ? { until: options.until } : {}),
            ...(rings ? { rings } : {}),
          };
          return link.api.init(init, ports[i]!, onProgress(i));
        }),
      ),
    );
    const refused = ready.find((r) => !r.ok);
    if (refused && !refused.ok) {
      // Every host answered: a component's code could not load; the hosts themselves are sound.
      cleanRefusal = true;
      throw new SimulationStartError({ message: refused.message, component: refused.component, task: refused.task, reason: 'load', ...(refused.detail ? { detail: refused.detail } : {}) });
    }
    await sim.guard(sim.startHosts());
    return sim;
  } catch (e) {
    sim.fail({ message: '', component: null, task: null }, false, cleanRefusal);
    if (e instanceof SimulationStartError) throw e;
    throw new SimulationStartError(sim.failure ?? { message: e instanceof Error ? e.message : String(e), component: null, task: null });
  } finally {
    deps.signal?.removeEventListener('abort', abort);
  }
}

/** The hosts' loading progress as one: the least advanced phase, bytes added up. */
export function combineProgress(progress: readonly (HostLoadProgress | null)[]): LoadProgress {
  const known = progress.filter((p): p is HostLoadProgress => p !== null);
  const order = ['download', 'initialize', 'ready'];
  const phase = known.map((p) => p.phase).sort((a, b) => order.indexOf(a) - order.indexOf(b))[0] ?? 'download';
  const same = known.filter((p) => p.phase === phase);
  return { phase, loaded: same.reduce((a, p) => a + p.loaded, 0), total: same.reduce((a, p) => a + p.total, 0) };
}

class RunningSimulation implements Simulation {
  failure: RunFailure | null = null;
  private stopped = false;
  private paused = false;
  private streamOn = false;
  private readonly now: () => number;
  private readonly cursors: number[];
  private readonly latest: (HostSnapshot | null)[];
  private readonly inFlight: number[];
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private watchTimer: ReturnType<typeof setInterval> | null = null;
  private round: Promise<HostSnapshot | null> | null = null;
  /** Hosts the watchdog interrupted: their interpreter may be left inconsistent, never reused. */
  private readonly tainted = new Set<number>();
  private retired: Promise<unknown> = Promise.resolve();
  private failed: ((e: Error) => void) | null = null;
  private readonly failedPromise: Promise<never>;

  constructor(
    private readonly links: readonly HostLink[],
    readonly plan: PhysicalPlan,
    private readonly hostOfWorker: readonly number[],
    readonly options: LaunchOptions,
    private readonly listener: SimulationListener,
    private readonly deps: LaunchDeps,
    private readonly watchdog: PageWatchdog,
    private readonly shared: boolean,
  ) {
    this.now = deps.now ?? realNow;
    this.cursors = links.map(() => 0);
    this.latest = links.map(() => null);
    this.inFlight = links.map(() => 0);
    this.failedPromise = new Promise<never>((_, reject) => {
      this.failed = reject;
    });
    this.failedPromise.catch(() => {});
    links.forEach((link, h) => {
      link.died.catch((e: Error) => {
        // Out of memory or a crash of the host itself: name the component whose code was running then.
        const running = watchdog.running(h);
        if (!running) return this.fail({ message: e.message, component: null, task: null, reason: 'host' });
        const what = /out of memory|memory limit/i.test(e.message) ? 'ran out of memory' : 'died';
        this.fail({ message: `component '${running.component}' (task ${running.task}) was running when its ${deps.hostNoun ?? 'Web Worker'} ${what}: ${e.message}`, component: running.component, task: running.task, reason: 'host' });
      });
    });
  }

  /** `p`, or the run's failure if the run fails first. */
  guard<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.failedPromise]);
  }

  watchStart(): void {
    this.watchTimer = setInterval(() => this.watch(), this.deps.watchEveryMs ?? 250);
  }

  async startHosts(): Promise<void> {
    // The hosts loaded at different times: they start together a moment from now.
    const at = this.now() + 20;
    await Promise.all(this.links.map((l) => l.api.start(at)));
    this.pollTimer = setInterval(() => void this.pollRound(), this.deps.pollMs ?? 250);
    void this.pollRound();
  }

  async pause(): Promise<void> {
    this.ensureAlive();
    const at = this.now();
    await this.guard(Promise.all(this.links.map((l) => l.api.pause(at))));
    this.paused = true;
    await this.snapshot();
  }

  async resume(): Promise<void> {
    this.ensureAlive();
    const at = this.now();
    await this.guard(Promise.all(this.links.map((l) => l.api.resume(at))));
    this.paused = false;
  }

  async step(): Promise<StepEvent | null> {
    this.ensureAlive();
    if (this.options.clock !== 'virtual') throw new Error('Step works in virtual time only: switch the clock to virtual and start again.');
    if (!this.paused) await this.pause();
    const event = await this.guard(this.links[0]!.api.step());
    await this.snapshot();
    return event;
  }

  async setSpeed(speed: number): Promise<void> {
    this.ensureAlive();
    if (!(speed > 0)) throw new RangeError(`The speed must be a number > 0 (or Infinity), not ${speed}.`);
    const at = this.now();
    await this.guard(Promise.all(this.links.map((l) => l.api.setSpeed(speed, at))));
    (this as { options: LaunchOptions }).options = { ...this.options, speed };
  }

  async setEventStream(on: boolean, maxPerSecond = DEFAULT_STREAM_RATE): Promise<void> {
    this.ensureAlive();
    if (on && this.options.clock !== 'virtual') throw new Error('The event stream works in virtual time only (wall time does not describe its events).');
    await this.guard(Promise.all(this.links.map((l) => l.api.setEventStream(on, maxPerSecond))));
    this.streamOn = on;
  }

  async killWorker(worker: number): Promise<void> {
    this.ensureAlive();
    if (!Number.isInteger(worker) || worker < 0 || worker >= this.plan.workers) {
      throw new RangeError(`There is no worker ${worker}: this topology has ${this.plan.workers} (0–${this.plan.workers - 1}).`);
    }
    await this.guard(this.links[this.hostOfWorker[worker]!]!.api.killWorker(worker));
    await this.snapshot();
  }

  async finished(): Promise<void> {
    this.ensureAlive();
    await this.guard(Promise.all(this.links.map((l) => l.api.finished())));
  }

  async snapshot(): Promise<HostSnapshot> {
    this.ensureAlive();
    const snap = await this.pollRound(true);
    if (snap === null) throw new Error(this.failure?.message ?? 'The simulation has stopped.');
    return snap;
  }

  async inspectTasks(): Promise<TaskStates> {
    this.ensureAlive();
    const parts = await this.guard(Promise.all(this.links.map((l) => l.api.inspectTasks())));
    return { time: Math.max(0, ...parts.map((p) => p.time)), tasks: parts.flatMap((p) => p.tasks).sort((a, b) => a.task - b.task) };
  }

  async stop(): Promise<void> {
    if (!this.stopped) this.teardown(true);
    await this.retired;
  }

  /**
   * Ends the run because of `failure`; tells the listener when `report`. Its hosts are terminated
   * unless `reusable` (a component's code could not load: the hosts are sound).
   */
  fail(failure: RunFailure, report = true, reusable = false): void {
    if (this.stopped) return;
    if (failure.message) this.failure = failure;
    this.teardown(reusable);
    this.failed?.(new SimulationStartError(failure));
    if (report && failure.message) this.listener.onFailure?.(failure);
  }

  private teardown(reusable: boolean): void {
    this.stopped = true;
    if (this.pollTimer !== null) clearInterval(this.pollTimer);
    if (this.watchTimer !== null) clearInterval(this.watchTimer);
    this.pollTimer = this.watchTimer = null;
    const retiring: Promise<void>[] = [];
    this.links.forEach((link, h) => {
      // A pool keeps a sound host that holds Pyodide (reset for the next run) and terminates the rest.
      if (link.retire) return void retiring.push(link.retire(reusable && !this.tainted.has(h)));
      // Ask politely (frees Pyodide's instances), then terminate the worker in any case.
      void link.api.stop().catch(() => {});
      link.terminate();
    });
    this.retired = Promise.allSettled(retiring);
  }

  private ensureAlive(): void {
    if (this.stopped) throw new Error(this.failure ? `The run has ended: ${this.failure.message}` : 'The run has been stopped.');
  }

  private watch(): void {
    if (this.stopped) return;
    const now = this.now();
    const action = this.watchdog.check(now);
    if (action) return this.act(action);
    // Without shared memory the watch arrays are not seen: a host that does not answer is stuck.
    if (this.shared) return;
    const limit = (this.deps.watchLimitMs ?? 5000) + 1000;
    for (let h = 0; h < this.links.length; h++) {
      if (this.inFlight[h]! > 0 && performance.now() - this.inFlight[h]! > limit) {
        return this.fail({
          message: `simulation worker ${h} did not answer for ${Math.round(limit / 1000)} s (a component's call never returned?); it was terminated and the run ended`,
          component: null,
          task: null,
          reason: 'watchdog',
        });
      }
    }
  }

  private act(action: WatchAction): void {
    const failure: RunFailure = { message: action.message, component: action.component, task: action.task, reason: 'watchdog' };
    this.tainted.add(action.host);
    if (action.kind === 'interrupt') {
      // At most one watchdog period per run: the component is not called again, in any host.
      for (const link of this.links) void link.api.quarantine(action.component, `stopped by the watchdog after ${Math.round(this.watchdog.limitMs / 1000)} s without returning`).catch(() => {});
      this.listener.onComponentStopped?.(failure);
      return;
    }
    this.fail(failure);
  }

  /**
   * Polls every host not already being polled, then merges the latest snapshot of each (a host
   * busy in a long call keeps its previous snapshot, without its logs, already delivered).
   */
  private pollRound(force = false): Promise<HostSnapshot | null> {
    if (this.round && !force) return this.round;
    const round = this.doPoll().finally(() => {
      if (this.round === round) this.round = null;
    });
    this.round = round;
    return round;
  }

  private async doPoll(): Promise<HostSnapshot | null> {
    if (this.stopped) return null;
    const polled: number[] = [];
    const requests: Promise<PollResult>[] = [];
    for (let h = 0; h < this.links.length; h++) {
      if (this.inFlight[h]! > 0) continue;
      this.inFlight[h] = performance.now();
      polled.push(h);
      requests.push(
        this.links[h]!.api.poll({ logsAfter: this.cursors[h]!, lineage: this.options.lineage ?? true }).finally(() => {
          this.inFlight[h] = 0;
        }),
      );
    }
    let results: PollResult[];
    try {
      results = await this.guard(Promise.all(requests));
    } catch {
      return null;
    }
    if (this.stopped) return null;
    const fresh = new Set(polled);
    const events: StepEvent[] = [];
    let skipped = 0;
    results.forEach((r, k) => {
      const h = polled[k]!;
      this.latest[h] = r.snapshot;
      const cursor = r.snapshot.logCursor[h];
      if (cursor !== undefined) this.cursors[h] = cursor;
      events.push(...r.events);
      skipped += r.skippedEvents;
    });
    const parts = this.latest.map((s, h) => (s === null ? null : fresh.has(h) ? s : { ...s, logs: [] }));
    if (parts.some((s) => s === null)) return null;
    const merged = mergeSnapshots(parts as HostSnapshot[]);
    this.listener.onSnapshot(merged);
    if ((events.length > 0 || skipped > 0) && this.streamOn) this.listener.onEvents?.(events, skipped);
    return merged;
  }
}
