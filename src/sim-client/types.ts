/**
 * The page's view of a simulation running in Web Workers: what `src/sim-client` implements and the
 * run store drives. Everything crossing it is plain data (structured-clone friendly).
 *
 * This file is the contract between the simulation client, the run store and the run views
 * (run panel, canvas overlay, tuple trees, step mode, plan view, charts). Extend, don't rename.
 */
import type { HostSnapshot, Seed, StepEvent, TaskStates } from '../engine';
import type { Language, TopologyDocument } from '../model';

export type ClockMode = 'virtual' | 'wall';

export interface RunOptions {
  readonly clock: ClockMode;
  /** Seed of the run's randomness (virtual time replays exactly with the same seed). */
  readonly seed: number;
  /**
   * Virtual time: simulated seconds per real second (`Infinity` = as fast as possible).
   * Wall time: a speed factor applied to sleeps and measured costs (1 = real time).
   */
  readonly speed: number;
  /**
   * Engine time (ms) at which the run stops by itself ({@link Simulation.finished}); in virtual
   * time after exactly the events up to it. Absent (the app): it runs until stopped.
   */
  readonly until?: number;
  /** The language each component runs in; default: its own when it has code in it, else its twin (`runLanguages`). */
  readonly languages?: Readonly<Record<string, Language>>;
  /** Sample tuple trees (default true). */
  readonly lineage?: boolean;
}

/** What a run starts with: the app's {@link RunOptions}, or the command line's, whose seed may be text (`--seed S`). */
export interface LaunchOptions extends Omit<RunOptions, 'seed'> {
  readonly seed: Seed;
}

/** Progress of a runtime that loads before the run starts (Pyodide: download, compile, start). */
export interface LoadProgress {
  readonly phase: string;
  readonly loaded: number;
  readonly total: number;
}

/** Why a run ended on its own. */
export interface RunFailure {
  /** A sentence for the user, e.g. "component 'split' (task 3) was stopped after 5 s without returning". */
  readonly message: string;
  readonly component: string | null;
  readonly task: number | null;
  /** A traceback or details, when there is one. */
  readonly detail?: string;
  /**
   * What happened: the document was refused before starting (`invalid`: validation errors;
   * `imports`: Python imports not available offline), a component could not load (`load`), the
   * watchdog stopped a call (`watchdog`), a host died (`host`).
   */
  readonly reason?: 'invalid' | 'imports' | 'load' | 'watchdog' | 'host';
}

/** What a running simulation reports to the page. */
export interface SimulationListener {
  /** A merged snapshot of every host, a few times per second (never per tuple). */
  onSnapshot(snapshot: HostSnapshot): void;
  /**
   * Events as they are processed, only while {@link Simulation.setEventStream} is on; `skipped`
   * counts the events processed meanwhile but not described (over the stream's rate).
   */
  onEvents?(events: readonly StepEvent[], skipped?: number): void;
  onLoadProgress?(progress: LoadProgress): void;
  /** The run stopped by itself (a component was stopped by the watchdog, a host died…). */
  onFailure?(failure: RunFailure): void;
  /**
   * The watchdog stopped a call that did not return, and the run goes on (Python, interrupted with
   * KeyboardInterrupt: the engine handles it as any exception, by default a worker crash and
   * restart). When the run cannot go on (JavaScript: the Web Worker is terminated) `onFailure` is
   * called instead.
   */
  onComponentStopped?(failure: RunFailure): void;
}

/** A started simulation. Calls resolve when the workers have acted on them. */
export interface Simulation {
  readonly options: LaunchOptions;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Virtual time only: processes one event and describes it. Pauses first if running. */
  step(): Promise<StepEvent | null>;
  setSpeed(speed: number): Promise<void>;
  /**
   * Streams processed events to `onEvents` (batched, at most `maxPerSecond`), for the animated
   * run and the step log; off by default because it costs.
   */
  setEventStream(on: boolean, maxPerSecond?: number): Promise<void>;
  /** Kills a Storm worker (teaching faults); it restarts after the document's restart delay. */
  killWorker(worker: number): Promise<void>;
  /** Asks for a snapshot now (besides the periodic ones). */
  snapshot(): Promise<HostSnapshot>;
  /**
   * Every task's own state (its component instance's fields, read without running user code and
   * bounded; src/engine/task-state.ts), from every host, by task id. For a paused run, or just
   * before stopping one.
   */
  inspectTasks(): Promise<TaskStates>;
  /**
   * Resolves when every host has stopped by itself (at {@link RunOptions.until}, or with nothing
   * left to run); rejects when the run fails or is stopped first.
   */
  finished(): Promise<void>;
  /**
   * Stops the run. Its Web Workers are terminated, except those holding a loaded Pyodide after a
   * clean run, which are reset and kept warm for the next run (src/sim-client/pool.ts). Resolves
   * once they are.
   */
  stop(): Promise<void>;
}

/** Starts simulations; the page holds one. */
export interface SimulationClient {
  /**
   * Starts `document` (already valid) in Web Workers: virtual time in one worker, wall time in one
   * worker per Storm worker. Rejects with a {@link RunFailure}-like error naming the component when
   * a component cannot load. Aborting `signal` while it loads stops the hosts and rejects.
   */
  start(document: TopologyDocument, options: RunOptions, listener: SimulationListener, signal?: AbortSignal): Promise<Simulation>;
}
