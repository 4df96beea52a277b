/**
 * What the page and a simulation host (a Web Worker running an engine) say to each other. Plain
 * structured-clone data only; the page imports this file with `import type`.
 *
 * A run has one host (virtual time: every executor, deterministic) or one host per Storm worker
 * (wall time: tuples cross between hosts, never through the page: through shared-memory rings
 * when the page gives the hosts a {@link RingMesh}, else in batches over MessageChannels).
 */
import type { HostSnapshot, Seed, StepEvent, TaskStates } from '../../src/engine';
import type { RingMesh } from '../../src/engine/ring-link';
import type { Language, TopologyDocument } from '../../src/model';

export type HostClock = 'virtual' | 'wall';

export interface HostInit {
  readonly document: TopologyDocument;
  readonly seed: Seed;
  readonly clock: HostClock;
  /** This host's index (0 in virtual time; the Storm worker's index in wall time). */
  readonly host: number;
  /** Storm workers this host runs, and the host of every Storm worker. */
  readonly workers: readonly number[];
  readonly hostOfWorker: readonly number[];
  /** The language each component runs in (its own, or its twin when it has no code in its own). */
  readonly languages: Readonly<Record<string, Language>>;
  /** Shared Int32Array the engine marks its calls into user code in (`src/engine/watch.ts`). */
  readonly watch: Int32Array;
  /** Pyodide's interrupt buffer (shared Int32Array), or null when the page is not cross-origin isolated. */
  readonly interrupt: Int32Array | null;
  /** See {@link RunSpeed}. */
  readonly speed: number;
  readonly lineage: boolean;
  /** Engine time (ms) at which the run loop ends by itself ({@link SimHostApi.finished}); absent: it runs until stopped. */
  readonly until?: number;
  /**
   * Shared-memory rings between the hosts of a wall-time run (src/engine/ring-link.ts); the
   * MessagePorts then carry only the values the rings do not encode. Absent: batches over the ports.
   */
  readonly rings?: RingMesh;
}

/**
 * Virtual time: simulated seconds per real second, `Infinity` as fast as possible.
 * Wall time: the engine clock's rate (1 real time; `Infinity` is taken as 1: wall time already
 * runs what is due as fast as the machine allows).
 */
export type RunSpeed = number;

/** A host's answer to `init`. */
export type HostReady =
  | { readonly ok: true; readonly loadMs: number }
  | {
      readonly ok: false;
      readonly message: string;
      readonly component: string | null;
      readonly task: number | null;
      readonly detail?: string;
    };

/** Pyodide's loading progress in a host (see workers/python/pyodide-loader.ts). */
export interface HostLoadProgress {
  readonly phase: string;
  readonly loaded: number;
  readonly total: number;
}

export interface PollRequest {
  /** Log lines after this sequence number of the host's log. */
  readonly logsAfter: number;
  readonly lineage: boolean;
}

export interface PollResult {
  readonly snapshot: HostSnapshot;
  /** Events recorded since the last poll while the event stream is on, oldest first. */
  readonly events: readonly StepEvent[];
  /** Events processed but not recorded (over the stream's rate or the buffer) since the last poll. */
  readonly skippedEvents: number;
  /** The host's run loop is running (not paused, not finished). */
  readonly running: boolean;
}

/** Where a host's run loop ended by itself. */
export interface HostFinished {
  /** Engine time (ms) and events processed when it ended. */
  readonly time: number;
  readonly events: number;
}

/**
 * The API a host exposes (comlink in the app; called directly in tests). Times named `atReal`
 * are `performance.timeOrigin + performance.now()` on the page, shared by every host of a run.
 */
export interface SimHostApi {
  /** Loads the components (and Pyodide when a component runs Python); `ports[h]` reaches host h. */
  init(init: HostInit, ports: Readonly<Record<number, MessagePort>>, onProgress?: (p: HostLoadProgress) => void): Promise<HostReady>;
  /** Starts the run loop; wall time: engine time 0 is wall-clock `atReal`. */
  start(atReal: number): void;
  pause(atReal: number): void;
  resume(atReal: number): void;
  /** Virtual time only: processes one event (pausing the loop first) and describes it. */
  step(): StepEvent | null;
  setSpeed(speed: RunSpeed, atReal: number): void;
  setEventStream(on: boolean, maxPerSecond: number): void;
  poll(request: PollRequest): PollResult;
  /**
   * Resolves when the run loop ends by itself: at `HostInit.until`, or when nothing is left to run
   * (virtual time). Rejects when the run is stopped first.
   */
  finished(): Promise<HostFinished>;
  killWorker(worker: number): void;
  /** Every hosted task's own state (src/engine/task-state.ts), read between events. */
  inspectTasks(): TaskStates;
  /**
   * The component's code is not called again in this run (the watchdog stopped one of its calls):
   * a spout emits nothing, a bolt fails what it receives, each task logs it once (quarantine.ts).
   */
  quarantine(component: string, why: string): void;
  /** Stops the loop and frees the engine and the runtimes (the page terminates the worker next). */
  stop(): void;
  /**
   * Ends the run as `stop` does but keeps the host for another run: the engine is freed, the
   * runtimes are reset (Python's interpreter put back as it was after install). `init` may be
   * called again afterwards.
   */
  recycle(): HostRecycled;
}

/** A host's answer to `recycle`. */
export interface HostRecycled {
  /** It holds a loaded runtime worth keeping (Pyodide): reusing it saves the load. */
  readonly warm: boolean;
  /** Why it should not be reused (its runtimes could not be reset), when so. */
  readonly problem?: string;
}
