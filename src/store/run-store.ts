/**
 * The run store: the current (or last) simulation run as the run views read it — status, options,
 * the document as it was started, the latest merged snapshot, logs, recent events, loading
 * progress and failures — and the actions that drive it through a {@link SimulationClient}.
 *
 * Storm topologies are immutable once submitted: a run keeps the document it started with
 * (`runDocument`); edits apply at the next start ({@link documentChangedSinceRun}).
 *
 * @example
 * const status = useRunStore((s) => s.status);
 * await useRunStore.getState().start(documentStore.getState().doc, { clock: 'virtual', seed: 7 });
 */
import { create } from 'zustand';
import type { ComponentStats, HostSnapshot, StepEvent, TaskStates } from '../engine';
import type { TopologyDocument } from '../model';
import { preflight, type PreflightProblem } from '../sim-client/preflight';
import { SimulationStartError } from '../sim-client/simulation';
import type { RunFailure, RunOptions, Simulation, SimulationClient, SimulationListener } from '../sim-client/types';
import type { RunActions, RunState, RunStatus } from './run-state';

/** Log lines kept (the newest). */
export const LOG_LIMIT = 10_000;
/** Processed events kept (the newest). */
const EVENT_LIMIT = 500;

const DEFAULT_RUN_OPTIONS: RunOptions = { clock: 'virtual', seed: 1, speed: 1 };

export type LogLine = RunState['logs'][number];

/** What the run store adds to {@link RunState}. */
export interface RunExtras {
  /** Calls the watchdog stopped while the run went on (Python interrupted), oldest first. */
  readonly interrupts: readonly RunFailure[];
  /** Warnings found before the start (e.g. an import inside try:); they did not block it. */
  readonly warnings: readonly PreflightProblem[];
  /** Events processed but not sent to the page this run (over the event stream's rate). */
  readonly skippedEvents: number;
  /** Whether the event stream is on. */
  readonly eventStream: boolean;
  /** The page's clock (epoch ms) when the run started: wall-time log lines are dated from it. */
  readonly startedAt: number | null;
  /** Workers killed from the page this run (teaching faults), oldest first, with the engine time (ms). */
  readonly kills: readonly WorkerKill[];
}

/** How long a stop waits for the tasks' state before the hosts go anyway (ms). */
const STATE_ON_STOP_MS = 2000;

export interface WorkerKill {
  readonly worker: number;
  readonly time: number;
}

export type RunStoreState = RunState & RunExtras & RunActions;

export interface RunStoreDeps {
  /** The simulation client (created on the first start: the workers start lazily). */
  readonly client: () => SimulationClient | Promise<SimulationClient>;
}

const INITIAL: RunState & RunExtras = {
  status: 'idle',
  options: DEFAULT_RUN_OPTIONS,
  runDocument: null,
  snapshot: null,
  loading: null,
  failure: null,
  recentEvents: [],
  logs: [],
  runId: 0,
  interrupts: [],
  warnings: [],
  skippedEvents: 0,
  eventStream: false,
  startedAt: null,
  kills: [],
  taskStates: null,
};

/** Checks run options; throws a RangeError naming the bad one. */
export function checkRunOptions(options: Partial<RunOptions>): void {
  if (options.clock !== undefined && options.clock !== 'virtual' && options.clock !== 'wall') {
    throw new RangeError(`The clock must be "virtual" or "wall", not "${String(options.clock)}".`);
  }
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) throw new RangeError(`The seed must be a whole number, not ${options.seed}.`);
  if (options.speed !== undefined && !(options.speed > 0)) throw new RangeError(`The speed must be a number > 0 (or Infinity for as fast as possible), not ${options.speed}.`);
}

function appendBounded<T>(list: readonly T[], more: readonly T[], limit: number): readonly T[] {
  if (more.length === 0) return list;
  const all = list.length + more.length <= limit ? [...list, ...more] : [...list, ...more].slice(-limit);
  return all;
}

/**
 * Appends log lines keeping the list in engine-time order. The lines of one snapshot need not be
 * in order (the engine writes each executor's lines as it runs them, and wall-time hosts report
 * apart), nor after the lines already kept; lines of the same time keep their arrival order.
 *
 * @example
 * appendLogs([{ time: 10, … }], [{ time: 30, … }, { time: 20, … }], 100).map((l) => l.time) // [10, 20, 30]
 */
export function appendLogs(list: readonly LogLine[], more: readonly LogLine[], limit: number): readonly LogLine[] {
  if (more.length === 0) return list;
  // Array.prototype.sort is stable: equal times keep their order.
  const sorted = more.every((l, i) => i === 0 || more[i - 1]!.time <= l.time) ? more : [...more].sort((a, b) => a.time - b.time);
  const last = list[list.length - 1];
  if (last === undefined || last.time <= sorted[0]!.time) return appendBounded(list, sorted, limit);
  // The first kept line later than the new lines' first: everything before it stays in place.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.time <= sorted[0]!.time) lo = mid + 1;
    else hi = mid;
  }
  const merged: LogLine[] = list.slice(0, lo);
  let i = lo;
  let j = 0;
  while (i < list.length && j < sorted.length) merged.push(list[i]!.time <= sorted[j]!.time ? list[i++]! : sorted[j++]!);
  while (i < list.length) merged.push(list[i++]!);
  while (j < sorted.length) merged.push(sorted[j++]!);
  return merged.length > limit ? merged.slice(-limit) : merged;
}

/** Creates a run store over a client (the app's uses Web Workers; tests pass in-process hosts). */
export function createRunStore(deps: RunStoreDeps) {
  let simulation: Simulation | null = null;
  let loadingAbort: AbortController | null = null;
  let clientPromise: Promise<SimulationClient> | null = null;
  // Numbers the lines the page writes itself (this store's own: never shared between stores).
  let pageLogSeq = 0;

  /**
   * A component could not load, or the watchdog stopped one of its calls: its log gets the line
   * that says so (the engine's own lines, e.g. a Python traceback, come with the snapshots).
   */
  const withFailureLine = (logs: readonly LogLine[], snapshot: HostSnapshot | null, failure: RunFailure): readonly LogLine[] => {
    if (failure.component === null || failure.reason === 'invalid' || failure.reason === 'imports') return logs;
    const last = logs[logs.length - 1];
    const line: LogLine = {
      seq: ++pageLogSeq,
      time: snapshot?.time ?? last?.time ?? 0,
      component: failure.component,
      task: failure.task ?? -1,
      level: 'ERROR',
      message: failure.detail ? `${failure.message}\n${failure.detail}` : failure.message,
      host: PAGE_LOG_HOST,
    };
    return appendLogs(logs, [line], LOG_LIMIT);
  };

  return create<RunStoreState>()((set, get) => {
    /** Ignores callbacks of a run that is no longer the current one. */
    const current = (runId: number) => get().runId === runId;

    const listenerFor = (runId: number): SimulationListener => ({
      onSnapshot(snapshot: HostSnapshot) {
        if (!current(runId)) return;
        set((s) => ({ snapshot, logs: appendLogs(s.logs, snapshot.logs, LOG_LIMIT) }));
      },
      onEvents(events: readonly StepEvent[], skipped = 0) {
        if (!current(runId)) return;
        set((s) => ({ recentEvents: appendBounded(s.recentEvents, events, EVENT_LIMIT), skippedEvents: s.skippedEvents + skipped }));
      },
      onLoadProgress(progress) {
        if (!current(runId) || get().status !== 'loading') return;
        set({ loading: progress });
      },
      onFailure(failure) {
        if (!current(runId)) return;
        simulation = null;
        set((s) => ({ status: 'failed', failure, loading: null, logs: withFailureLine(s.logs, s.snapshot, failure) }));
      },
      onComponentStopped(failure) {
        if (!current(runId)) return;
        set((s) => ({ interrupts: [...s.interrupts, failure].slice(-50), logs: withFailureLine(s.logs, s.snapshot, failure) }));
      },
    });

    const stopCurrent = async () => {
      loadingAbort?.abort();
      loadingAbort = null;
      const sim = simulation;
      simulation = null;
      if (sim) await sim.stop();
    };

    const requireSim = (what: string): Simulation => {
      if (!simulation) throw new Error(`Nothing to ${what}: no simulation is running.`);
      return simulation;
    };

    const setStatus = (status: RunStatus) => set({ status });

    /** The tasks' state of `sim` (null when it cannot be read: the run ended meanwhile, or it took over `limitMs`). */
    const readStates = async (sim: Simulation, limitMs = Infinity): Promise<TaskStates | null> => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = Number.isFinite(limitMs) ? new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), limitMs))) : null;
      try {
        return await (late ? Promise.race([sim.inspectTasks(), late]) : sim.inspectTasks());
      } catch {
        return null;
      } finally {
        clearTimeout(timer);
      }
    };

    return {
      ...INITIAL,

      async start(document: TopologyDocument, options?: Partial<RunOptions>) {
        if (options) checkRunOptions(options);
        // Everything up to the first await happens at once, so a Stop pressed right after Run
        // (or a second Run) always sees this start and can cancel it.
        const abort = new AbortController();
        loadingAbort?.abort();
        loadingAbort = abort;
        const previous = simulation;
        simulation = null;
        const runOptions = { ...get().options, ...options };
        const runId = get().runId + 1;
        const base = {
          runId,
          options: runOptions,
          runDocument: document,
          snapshot: null,
          failure: null,
          loading: null,
          recentEvents: [],
          logs: [],
          interrupts: [],
          skippedEvents: 0,
          eventStream: false,
          startedAt: Date.now(),
          kills: [],
          taskStates: null,
        };
        const check = preflight(document);
        if (check.failure) {
          loadingAbort = null;
          set({ ...base, status: 'failed', failure: check.failure, warnings: check.warnings });
          await previous?.stop();
          return;
        }
        set({ ...base, status: 'loading', warnings: check.warnings });
        try {
          await previous?.stop();
          if (abort.signal.aborted) return;
          clientPromise ??= Promise.resolve(deps.client());
          const client = await clientPromise;
          if (abort.signal.aborted) return;
          const sim = await client.start(document, runOptions, listenerFor(runId), abort.signal);
          if (!current(runId) || abort.signal.aborted) {
            await sim.stop();
            return;
          }
          simulation = sim;
          loadingAbort = null;
          set({ status: 'running', loading: null });
        } catch (e) {
          if (loadingAbort === abort) loadingAbort = null;
          if (!current(runId) || abort.signal.aborted) return;
          const failure: RunFailure = e instanceof SimulationStartError ? e.failure : { message: e instanceof Error ? e.message : String(e), component: null, task: null };
          // The watchdog may have stopped a call while the components loaded: already reported.
          if (get().status === 'failed' && get().failure === failure) return;
          set((s) => ({ status: 'failed', failure, loading: null, logs: withFailureLine(s.logs, null, failure) }));
        }
      },

      async pause() {
        const sim = requireSim('pause');
        await sim.pause();
        if (simulation !== sim) return;
        setStatus('paused');
        const taskStates = await readStates(sim);
        if (simulation === sim && get().status === 'paused') set({ taskStates });
      },

      async resume() {
        const sim = requireSim('resume');
        await sim.resume();
        if (simulation === sim) set({ status: 'running', taskStates: null });
      },

      async step() {
        const sim = requireSim('step');
        const event = await sim.step();
        if (simulation !== sim) return event;
        set((s) => ({ status: 'paused', recentEvents: event ? appendBounded(s.recentEvents, [event], EVENT_LIMIT) : s.recentEvents }));
        const taskStates = await readStates(sim);
        if (simulation === sim && get().status === 'paused') set({ taskStates });
        return event;
      },

      async stop() {
        const wasActive = simulation !== null || loadingAbort !== null;
        const sim = simulation;
        const runId = get().runId;
        if (sim && get().status !== 'loading') {
          // Stopped at once for the views; the tasks' state is read before the hosts go (bounded
          // wait), so that what each task held stays to be looked at.
          simulation = null;
          set({ status: 'stopped', loading: null, eventStream: false });
          const taskStates = await readStates(sim, STATE_ON_STOP_MS);
          if (current(runId)) set({ taskStates });
          await sim.stop();
          return;
        }
        // Stopped at once; the hosts finish their reset (kept warm) or termination meanwhile.
        const done = stopCurrent();
        if (wasActive) set({ status: 'stopped', loading: null, eventStream: false });
        await done;
      },

      async clear() {
        const done = stopCurrent();
        set((s) => ({ ...INITIAL, options: s.options, runId: s.runId + 1 }));
        await done;
      },

      setOptions(options: Partial<RunOptions>) {
        checkRunOptions(options);
        const previous = get().options;
        const next = { ...previous, ...options };
        set({ options: next });
        // Only the speed changes a run in progress; the clock and the seed apply at the next start.
        if (simulation && options.speed !== undefined && options.speed !== simulation.options.speed) void simulation.setSpeed(options.speed);
      },

      async setEventStream(on: boolean, maxPerSecond?: number) {
        const sim = requireSim('stream');
        await sim.setEventStream(on, maxPerSecond);
        if (simulation === sim) set({ eventStream: on });
      },

      async killWorker(worker: number) {
        const sim = requireSim('kill');
        // Resolves once the worker is dead and a snapshot showing it has arrived.
        await sim.killWorker(worker);
        if (simulation !== sim) return;
        set((s) => ({ kills: [...s.kills, { worker, time: s.snapshot?.time ?? 0 }].slice(-50) }));
      },
    };
  });
}

/** Host number of the log lines the page writes itself (they never clash with a host's lines). */
const PAGE_LOG_HOST = -1;

/** The app's run store: hosts in Web Workers. */
export const useRunStore = createRunStore({
  client: async () => (await import('../sim-client/client')).createWebWorkerClient(),
});

// Selectors (module level, so components re-render only when their slice changes).
export const selectKills = (s: RunExtras): readonly WorkerKill[] => s.kills;
/** A run exists that can be paused, stepped or stopped (or is loading). */
export const selectIsActive = (s: RunState): boolean => s.status === 'running' || s.status === 'paused' || s.status === 'loading';
export const selectComponentStats =
  (id: string) =>
  (s: RunState): ComponentStats | null =>
    s.snapshot?.components[id] ?? s.snapshot?.system[id] ?? null;

/**
 * Whether the document differs from the one the run started with in anything the run uses
 * (positions on the canvas do not count).
 */
export function documentChangedSinceRun(runDocument: TopologyDocument | null, doc: TopologyDocument): boolean {
  if (runDocument === null || runDocument === doc) return false;
  const strip = (d: TopologyDocument) => JSON.stringify({ ...d, components: d.components.map((c) => ({ ...c, position: null })) });
  return strip(runDocument) !== strip(doc);
}
