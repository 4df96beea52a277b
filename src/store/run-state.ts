/**
 * The shape of the run store (`src/store/run-store.ts`): what the run views read. Kept apart so
 * views can be written against it; the store implements {@link RunState} and {@link RunActions}.
 */
import type { HostSnapshot, StepEvent, TaskStates } from '../engine';
import type { TopologyDocument } from '../model';
import type { LoadProgress, RunFailure, RunOptions } from '../sim-client/types';

export type RunStatus = 'idle' | 'loading' | 'running' | 'paused' | 'stopped' | 'failed';

export interface RunState {
  /** Increases with every start and every clear: views keeping state of their own reset on a change. */
  readonly runId: number;
  readonly status: RunStatus;
  /** Options of the current (or last) run, and the ones the controls will start the next with. */
  readonly options: RunOptions;
  /** The document as it was when the run started (edits after that apply at the next start). */
  readonly runDocument: TopologyDocument | null;
  /** The latest merged snapshot; `null` before the first. */
  readonly snapshot: HostSnapshot | null;
  /** Runtime loading progress (Pyodide) while `status` is `loading`. */
  readonly loading: LoadProgress | null;
  readonly failure: RunFailure | null;
  /** The most recent processed events (step mode and the event stream), newest last, bounded. */
  readonly recentEvents: readonly StepEvent[];
  /** Every log line received this run in engine-time order (ties in arrival order), bounded (the last 10,000). */
  readonly logs: HostSnapshot['logs'];
  /**
   * Every task's own state (its component's fields, e.g. a counting bolt's counts), read when the
   * run was paused, stepped or stopped; null while it runs (it would be stale) or when it could not be read.
   */
  readonly taskStates: TaskStates | null;
}

export interface RunActions {
  start(document: TopologyDocument, options?: Partial<RunState['options']>): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  step(): Promise<StepEvent | null>;
  stop(): Promise<void>;
  /**
   * Stops the run (if any) and forgets it: every view of it clears, as if none had run (the
   * options stay). Used when the document the run belongs to is no longer the one open.
   */
  clear(): Promise<void>;
  setOptions(options: Partial<RunState['options']>): void;
  setEventStream(on: boolean, maxPerSecond?: number): Promise<void>;
  killWorker(worker: number): Promise<void>;
}
