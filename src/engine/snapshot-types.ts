/**
 * The shape of a snapshot (see `snapshot.ts`): plain data, structured-clone friendly, keyed by the
 * ids users choose (`id-record.ts`).
 */
import type { LineageTree } from './lineage';
import type { LogLine } from './logs';
import type { RawMetrics, WindowKey } from './metrics';
import type { PhysicalPlan } from './plan';
import type { Seed } from './rng';
import type { DatastoresView } from './datastore/stores';

export type ComponentRole = 'spout' | 'bolt' | 'acker';

/** Counts and latencies of a component, executor or task over one window. */
export interface WindowStats {
  /** Time the window covers, ms (less than the window while the run is younger). */
  readonly spanMs: number;
  readonly emitted: number;
  readonly transferred: number;
  /** Bolts: tuples executed (tick tuples not included, as Storm UI hides system streams). */
  readonly executed: number;
  /** Bolts: input tuples acked; spouts: trees completed. */
  readonly acked: number;
  /** Bolts: input tuples failed; spouts: trees failed or timed out. */
  readonly failed: number;
  readonly executeLatencyMs: number | null;
  readonly processLatencyMs: number | null;
  /**
   * Bolts: mean engine time per executed tuple from the end of the task's previous call (or its
   * start) to the start of `process`: waiting for and reading the tuple, Petrel's `avg_read_time`.
   */
  readonly readLatencyMs: number | null;
  readonly completeLatencyMs: number | null;
  /**
   * Bolts and ackers: busy time / (1000 × min(uptime, window)), i.e. Storm's
   * `executed × execute latency / (1000 × min(uptime, 600))` over the 10-minute window (ticks included).
   * The component's value is the maximum over its executors. null for spouts.
   */
  readonly capacity: number | null;
  readonly ticks: number;
  /** Spouts: trees failed by the message timeout. */
  readonly timeouts: number;
  /** Spouts: `nextTuple` calls. */
  readonly nextTupleCalls: number;
  /** Time spent blocked by full downstream queues (backpressure), ms. */
  readonly throttledMs: number;
  /** Spouts: time `nextTuple` was skipped because of `topology.max.spout.pending`, ms. */
  readonly maxPendingMs: number;
  /** Spouts: time waited after `nextTuple` calls that emitted nothing, ms. */
  readonly emptyWaitMs: number;
  /** Tuples lost because their executor's worker was down. */
  readonly lost: number;
  /** Spouts: tuple trees started (emitted with a message id). Every one is acked, failed, pending or lost with its worker. */
  readonly trees: number;
  /** Spouts: trees pending when the spout's worker died: Storm neither acks nor fails them. */
  readonly treesLost: number;
}

export interface LatencyDistribution {
  readonly count: number;
  readonly meanMs: number | null;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
}

export interface LatencyPercentiles {
  readonly execute: LatencyDistribution;
  readonly process: LatencyDistribution;
  readonly complete: LatencyDistribution;
}

export interface TaskStats {
  readonly id: number;
  readonly windows: Readonly<Record<WindowKey, Pick<WindowStats, 'emitted' | 'transferred' | 'executed' | 'acked' | 'failed'>>>;
  /** Spout tasks: tracked tuples not yet acked or failed. */
  readonly pending: number;
}

export type ExecutorState = 'idle' | 'running' | 'blocked' | 'dead' | 'remote';

export interface ExecutorStats {
  readonly id: number;
  readonly component: string;
  readonly tasks: readonly [number, number];
  readonly worker: number;
  readonly state: ExecutorState;
  /** Tuples in the receive queue, its capacity, and emits waiting for room downstream (overflow). */
  readonly queue: number;
  readonly queueCapacity: number;
  readonly overflow: number;
  /** Spouts: tracked tuples pending (all tasks of the executor); ackers: tuple trees in the ledger. */
  readonly pending: number;
  readonly windows: Readonly<Record<WindowKey, WindowStats>>;
  readonly taskStats: readonly TaskStats[];
}

export interface ComponentStats {
  readonly id: string;
  readonly kind: ComponentRole;
  readonly executors: number;
  readonly tasks: readonly number[];
  readonly windows: Readonly<Record<WindowKey, WindowStats>>;
  /** Latency distributions (exact counts, log-linear histograms) for the 10-minute window and all time. */
  readonly latency: Readonly<Record<'600' | 'all', LatencyPercentiles>>;
  /** Sum of the executors' queue depths now. */
  readonly queued: number;
  readonly pending: number;
  readonly lastError: { readonly time: number; readonly task: number; readonly message: string } | null;
}

export interface EdgeStats {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly stream: string;
  readonly transferred: Readonly<Record<WindowKey, number>>;
}

export interface TopologyStats {
  readonly windows: Readonly<Record<WindowKey, Pick<WindowStats, 'spanMs' | 'emitted' | 'transferred' | 'acked' | 'failed' | 'completeLatencyMs'>>>;
}

/** Live (non-cumulative) state of hosted executors, merged by id. */
export interface LiveExecutor {
  readonly id: number;
  readonly state: ExecutorState;
  readonly queue: number;
  readonly queueCapacity: number;
  readonly overflow: number;
  readonly pending: number;
  readonly taskPending: readonly (readonly [number, number])[];
}

/** Static facts about the run, identical on every host. */
export interface SnapshotMeta {
  readonly components: readonly { readonly id: string; readonly role: ComponentRole }[];
  readonly edges: readonly { readonly id: string; readonly from: string; readonly to: string; readonly stream: string }[];
}

export interface HostSnapshot {
  /** Hosts merged into this snapshot. */
  readonly hosts: readonly number[];
  readonly clock: 'virtual' | 'wall';
  readonly seed: Seed;
  /** Engine time (ms) and events processed. */
  readonly time: number;
  readonly events: number;
  readonly plan: PhysicalPlan;
  readonly meta: SnapshotMeta;
  readonly raw: RawMetrics;
  readonly live: readonly LiveExecutor[];
  /** Alive state of every Storm worker a host of this snapshot runs. */
  readonly workers: readonly { readonly index: number; readonly alive: boolean }[];
  readonly restarts: number;
  /** Log lines after the requested cursor, oldest first; `logCursor` is the last line number per host. */
  readonly logs: readonly (LogLine & { readonly host: number })[];
  readonly logCursor: Readonly<Record<number, number>>;
  readonly lineage: readonly LineageTree[];
  readonly lastErrors: Readonly<Record<string, { readonly time: number; readonly task: number; readonly message: string }>>;
  /** The run's Redis and MongoDB as the Data tab shows them; null (or absent) while unused. */
  readonly datastores?: DatastoresView | null;
  // The view, derived from the above.
  readonly topology: TopologyStats;
  /** User components (spouts and bolts), by id. */
  readonly components: Readonly<Record<string, ComponentStats>>;
  /** System components (`__acker`), by id. */
  readonly system: Readonly<Record<string, ComponentStats>>;
  readonly executors: readonly ExecutorStats[];
  readonly edges: Readonly<Record<string, EdgeStats>>;
}
