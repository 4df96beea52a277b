/**
 * The host service: what a simulation Web Worker exposes with comlink (`workers/sim-worker.ts`),
 * what `npm run simulate` and `npm run bench` expose from worker threads (scripts/lib/sim-thread.ts),
 * and what tests call directly. It creates the engine for one host, wires the transport to the
 * other hosts (shared-memory rings when the run has them, the MessagePorts otherwise and for what
 * the rings do not encode), and hands the run loop to {@link SimHost}. One run at a time; after
 * `recycle` the same service serves the next run (a Web Worker kept warm between runs).
 */
import { ComponentError, Engine, JavaScriptRuntime, type RuntimeRegistry, type TransportBatch } from '../../src/engine';
import { meshChannels, meshWait } from '../../src/engine/ring-link';
import type { RedisConnector } from '../../src/engine/datastore/stores';
import { SimHost } from './host';
import { quarantinable } from './quarantine';
import type { HostFinished, HostInit, HostLoadProgress, HostReady, HostRecycled, PollRequest, PollResult, RunSpeed, SimHostApi } from './protocol';
import { createScheduler, type LoopScheduler } from './scheduler';

export interface HostServiceDeps {
  /** The runtimes of this host (JavaScript; Python loaded lazily, reporting its progress). */
  readonly registry: (init: HostInit, onProgress: (p: HostLoadProgress) => void) => RuntimeRegistry;
  readonly wallClock?: () => number;
  readonly scheduler?: () => LoopScheduler;
  /**
   * After a run, resets the runtimes kept for the next one; true when they hold something worth
   * keeping (a loaded Pyodide). Default: nothing is kept.
   */
  readonly recycle?: () => boolean;
  /**
   * Locks the realm down (SES, workers/sandbox/lockdown.ts) before components load; then every
   * JavaScript component runs in its own Compartment and none runs without one. A run with Python
   * components loads Pyodide first (it cannot load in a locked-down realm). Absent: no sandbox
   * (tests that run the service in-process).
   */
  readonly lockdown?: () => void;
  /** Reaches real Redis servers for the components' `redis://` URLs (npm run simulate); absent: the embedded store only. */
  readonly redisConnector?: RedisConnector;
}

// The engine reads the wall clock at every call in wall time: reading `performance.timeOrigin`
// each time doubled the cost of a reading in Node (about 200 ns more on a 2-core VM).
const timeOrigin = performance.timeOrigin;
const defaultWallClock = () => timeOrigin + performance.now();

/** The host's answer when its engine cannot be created: a sentence naming the component, and the traceback. */
export function readyFailure(e: unknown): Extract<HostReady, { ok: false }> {
  if (e instanceof ComponentError) {
    const lines = e.traceback ? e.traceback.split('\n') : [];
    return {
      ok: false,
      message: e.message,
      component: e.component,
      task: e.task,
      ...(lines.length > 1 ? { detail: e.traceback } : {}),
    };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { ok: false, message, component: null, task: null };
}

export function createHostService(deps: HostServiceDeps): SimHostApi {
  const wallClock = deps.wallClock ?? defaultWallClock;
  let host: SimHost | null = null;
  let registry: RuntimeRegistry | null = null;
  let ports: MessagePort[] = [];
  let stopped = false;
  let loading = false;
  /** Increases when a run ends: a load still in progress then belongs to a run that is over. */
  let generation = 0;
  /** Components the watchdog stopped in this run: their code is not called again (quarantine.ts). */
  const quarantined = new Map<string, string>();

  const need = (): SimHost => {
    if (host === null) throw new Error(stopped ? 'The simulation host was stopped.' : 'The simulation host is not initialised.');
    return host;
  };

  const endRun = () => {
    generation++;
    quarantined.clear();
    if (host !== null) {
      host.dispose();
      host.engine.dispose();
    }
    host = null;
    for (const port of ports) {
      port.onmessage = null;
      port.close();
    }
    ports = [];
    registry?.dispose();
    registry = null;
  };

  async function load(init: HostInit, peerPorts: Readonly<Record<number, MessagePort>>, onProgress?: (p: HostLoadProgress) => void): Promise<HostReady> {
    const run = generation;
    const started = performance.now();
    const languages = init.languages;
    const runRegistry = deps.registry(init, (p) => onProgress?.(p));
    registry = runRegistry;
    ports = Object.values(peerPorts);
    let engine: Engine | null = null;
    const rings = init.rings;
    try {
      if (deps.lockdown) {
        if (init.document.components.some((c) => (languages[c.id] ?? c.language) === 'python')) await runRegistry.get('python');
        deps.lockdown();
        runRegistry.register('javascript', () => new JavaScriptRuntime('required'));
      }
      engine = await Engine.create({
        document: init.document,
        seed: init.seed,
        clock: init.clock,
        runtimes: (language) => runRegistry.get(language)?.then((runtime) => quarantinable(runtime, quarantined)),
        languageOf: (c) => languages[c.id] ?? c.language,
        workers: init.workers,
        hostOfWorker: init.hostOfWorker,
        transport: {
          send(to: number, batch: TransportBatch) {
            peerPorts[to]?.postMessage(batch, [batch.ints.buffer as ArrayBuffer, batch.times.buffer as ArrayBuffer]);
          },
        },
        wallClock,
        ...(deps.redisConnector ? { redisConnector: deps.redisConnector } : {}),
        watch: init.watch,
        lineage: init.lineage ? {} : false,
        ...(rings ? { rings: meshChannels(rings, init.host), idle: meshWait(rings, init.host, () => engine?.hasRemoteInput() ?? false, wallClock) } : {}),
      });
    } catch (e) {
      runRegistry.dispose();
      if (registry === runRegistry) registry = null;
      return readyFailure(e);
    }
    if (stopped || generation !== run) {
      engine.dispose();
      runRegistry.dispose();
      return { ok: false, message: 'The simulation was stopped while it loaded.', component: null, task: null };
    }
    const sim = new SimHost(engine, {
      clock: init.clock,
      speed: init.speed,
      wallClock,
      scheduler: (deps.scheduler ?? createScheduler)(),
      sliceWaits: rings !== undefined,
      ...(init.until !== undefined ? { until: init.until } : {}),
    });
    host = sim;
    const running = engine;
    for (const port of ports) {
      port.onmessage = (ev: MessageEvent<TransportBatch>) => {
        if (host !== sim) return;
        running.receive(ev.data);
        sim.wake();
      };
    }
    return { ok: true, loadMs: performance.now() - started };
  }

  return {
    async init(init: HostInit, peerPorts: Readonly<Record<number, MessagePort>>, onProgress?: (p: HostLoadProgress) => void): Promise<HostReady> {
      if (host !== null || loading || stopped) return { ok: false, message: 'This simulation host is busy with another run.', component: null, task: null };
      loading = true;
      try {
        return await load(init, peerPorts, onProgress);
      } finally {
        loading = false;
      }
    },
    start: (atReal: number) => need().start(atReal),
    pause: (atReal: number) => need().pause(atReal),
    resume: (atReal: number) => need().resume(atReal),
    step: () => need().step(),
    setSpeed: (speed: RunSpeed, atReal: number) => need().setSpeed(speed, atReal),
    setEventStream: (on: boolean, maxPerSecond: number) => need().setEventStream(on, maxPerSecond),
    poll: (request: PollRequest): PollResult => need().poll(request),
    finished: (): Promise<HostFinished> => need().done,
    killWorker: (worker: number) => need().engine.killWorker(worker),
    inspectTasks: () => need().engine.inspectTasks(),
    quarantine(component: string, why: string) {
      if (!quarantined.has(component)) quarantined.set(component, why);
    },
    stop() {
      stopped = true;
      endRun();
    },
    recycle(): HostRecycled {
      if (stopped) return { warm: false, problem: 'The simulation host was stopped.' };
      if (loading) return { warm: false, problem: 'The simulation host is still loading a run.' };
      endRun();
      try {
        return { warm: deps.recycle?.() ?? false };
      } catch (e) {
        return { warm: false, problem: e instanceof Error ? e.message : String(e) };
      }
    },
  };
}
