/**
 * Messages between the main thread and an engine host running in a worker thread (Node's stand-in
 * for the app's Web Workers). Plain structured-clone data only.
 */
import type { HostSnapshot, Seed } from '../../src/engine';
import type { Language, TopologyDocument } from '../../src/model';

export interface HostInit {
  readonly document: TopologyDocument;
  readonly seed: Seed;
  readonly clock: 'virtual' | 'wall';
  /** Storm workers this host runs, and the host of every worker. */
  readonly workers: readonly number[];
  readonly hostOfWorker: readonly number[];
  /** Language to run per component id. */
  readonly languages: Readonly<Record<string, Language>>;
  /** Shared Int32Array the engine marks calls in (see src/engine/watch.ts). */
  readonly watch: Int32Array;
  /** Pyodide's interrupt buffer for this host's Python runtime: the watchdog writes 2 (SIGINT) to stop a call. */
  readonly interruptBuffer: Int32Array;
  /** Wall mode: engine time 0 in `performance.timeOrigin + performance.now()` ms, shared by the hosts. */
  readonly wallStart: number;
  readonly lineage: boolean;
  readonly queueCapacity?: number;
  readonly batchSize?: number;
  /**
   * Shared-memory rings to and from the other hosts, by host index (see src/engine/ring.ts), and
   * every host's doorbell (an Int32Array of 2: sleeping flag, counter) to wake a waiting host.
   * Absent: hosts exchange batches over their MessagePorts.
   */
  readonly rings?: { readonly out: Readonly<Record<number, SharedArrayBuffer>>; readonly in: Readonly<Record<number, SharedArrayBuffer>>; readonly doorbells: readonly Int32Array[] };
}

export type ToHost =
  | { readonly type: 'run'; readonly until: number }
  /** Wall mode: run until wall-clock `untilWall`; `start` is engine time 0 when the run has not started yet. */
  | { readonly type: 'runWall'; readonly start: number; readonly untilWall: number }
  | { readonly type: 'snapshot'; readonly logsAfter: number; readonly lineage: boolean }
  | { readonly type: 'kill'; readonly worker: number }
  | { readonly type: 'stop' };

export type FromHost =
  | { readonly type: 'ready'; readonly loadMs: number }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'done'; readonly events: number; readonly time: number }
  | { readonly type: 'snapshot'; readonly snapshot: HostSnapshot };
