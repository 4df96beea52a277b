/**
 * Exact counters (Storm samples 5 % of tuples; the simulator counts every one) in one Float64Array:
 * a row per task, a row per executor and a cell per edge, laid out for the whole plan so that
 * counters of several hosts merge by addition. Windows (10 min, 3 h, 1 day, all time) come from
 * cumulative snapshots taken every 30 s of engine time into rings of 21: the value over a window is
 * `now − snapshot at the latest boundary ≤ now − W`, covering between W and W + one bucket, like
 * Storm's rolling buckets. Memory is fixed by the plan's size, however long the run.
 */
import { HIST_SIZE, histAdd, histBin, histToSparse, type SparseHistogram } from './histogram';
import { idRecord } from './id-record';

// Task row.
export const T_EMITTED = 0;
export const T_TRANSFERRED = 1;
export const T_EXECUTED = 2;
export const T_ACKED = 3;
export const T_FAILED = 4;
export const T_EXEC_MS = 5;
export const T_EXEC_N = 6;
export const T_PROC_MS = 7;
export const T_PROC_N = 8;
export const T_COMPLETE_MS = 9;
export const T_COMPLETE_N = 10;
export const T_TICKS = 11;
export const T_TIMEOUTS = 12;
/** Spouts: `nextTuple` calls. */
export const T_CALLS = 13;
/**
 * Bolts: engine time from the end of the task's previous call (or its start) to the start of a
 * `process` call, summed over executed tuples: Petrel's "read time" (waiting for and reading the next tuple).
 */
export const T_READ_MS = 14;
export const T_READ_N = 15;
export const T_N = 16;

// Executor row.
export const E_BUSY_MS = 0;
/** Time the executor could not run because a queue it emits to was full (backpressure). */
export const E_THROTTLED_MS = 1;
/** Spouts: time `nextTuple` was skipped because of `topology.max.spout.pending`. */
export const E_MAX_PENDING_MS = 2;
/** Spouts: time waited after a `nextTuple` that emitted nothing. */
export const E_EMPTY_WAIT_MS = 3;
/** Tuples that reached this executor while its worker was down (lost). */
export const E_LOST = 4;
/** Spouts: tuple trees started (tuples emitted with a message id, tracked until acked or failed). */
export const E_TREES = 5;
/** Spouts: trees still pending when the spout's worker died (never acked nor failed, as in Storm). */
export const E_TREES_LOST = 6;
export const E_N = 7;

/** Latency histograms per executor. */
export const H_EXECUTE = 0;
export const H_PROCESS = 1;
export const H_COMPLETE = 2;
const H_KINDS = 3;

/** Window keys as Storm UI names them (seconds), plus all time. */
export type WindowKey = '600' | '10800' | '86400' | 'all';
export const WINDOWS: readonly WindowKey[] = ['600', '10800', '86400', 'all'];
const WINDOW_MS = [600_000, 10_800_000, 86_400_000] as const;
/** Snapshot period: 10 minutes / 20 buckets. */
export const METRICS_BUCKET_MS = 30_000;
const RING = 21;
/** Boundaries per window bucket: 30 s, 9 min (18 × 30 s), 72 min (144 × 30 s). */
const EVERY = [1, 18, 144] as const;

/** Offsets of the rows in the counter vector of a plan. */
interface CounterLayout {
  readonly maxTask: number;
  readonly executors: number;
  readonly edges: number;
  readonly executorBase: number;
  readonly edgeBase: number;
  readonly length: number;
}

export function counterLayout(maxTask: number, executors: number, edges: number): CounterLayout {
  const executorBase = (maxTask + 1) * T_N;
  const edgeBase = executorBase + executors * E_N;
  return { maxTask, executors, edges, executorBase, edgeBase, length: edgeBase + edges };
}

/** The mergeable, structured-clone-friendly form of a host's metrics. */
export interface RawMetrics {
  /** Engine time of the snapshot and of the start (ms). */
  readonly time: number;
  readonly start: number;
  /** Per window: the counter vector over the window and the time it spans (ms). */
  readonly windows: Readonly<Record<WindowKey, { readonly spanMs: number; readonly values: Float64Array }>>;
  /** Latency histograms per component (execute, process, complete), for the 10-minute window and all time. */
  readonly histograms: Readonly<Record<'600' | 'all', Readonly<Record<string, readonly [SparseHistogram, SparseHistogram, SparseHistogram]>>>>;
}

export class MetricsStore {
  readonly layout: CounterLayout;
  readonly counters: Float64Array;
  /** Cumulative histograms: executor × kind × HIST_SIZE (call {@link flushLatencies} before reading). */
  readonly hist: Float64Array;
  /**
   * Latencies not yet in `hist`, per executor × kind: a run of equal values (a cost model repeats
   * the same latency) is kept as the value and its count, and added when another value comes or
   * the histograms are read, one addition per value in order: the sums come out bit for bit.
   */
  private readonly runValue: Float64Array;
  private readonly runCount: Float64Array;
  private readonly rings: Float64Array[];
  private readonly ringTime: Float64Array[];
  private readonly ringK: Int32Array[];
  /** Component-level cumulative histograms at each 30 s boundary (10-minute window only). */
  private readonly histRing: Float64Array;
  private readonly histRingK = new Int32Array(RING).fill(-1);
  private readonly componentOfExecutor: readonly number[];
  private readonly components: readonly string[];
  private start: number;
  private k = 0;

  constructor(layout: CounterLayout, componentOfExecutor: readonly number[], components: readonly string[], start: number) {
    this.layout = layout;
    this.counters = new Float64Array(layout.length);
    this.hist = new Float64Array(layout.executors * H_KINDS * HIST_SIZE);
    this.runValue = new Float64Array(layout.executors * H_KINDS);
    this.runCount = new Float64Array(layout.executors * H_KINDS);
    this.rings = WINDOW_MS.map(() => new Float64Array(RING * layout.length));
    this.ringTime = WINDOW_MS.map(() => new Float64Array(RING));
    this.ringK = WINDOW_MS.map(() => new Int32Array(RING).fill(-1));
    this.componentOfExecutor = componentOfExecutor;
    this.components = components;
    this.histRing = new Float64Array(RING * components.length * H_KINDS * HIST_SIZE);
    this.start = start;
  }

  /** Engine time the metrics started at. */
  get startTime(): number {
    return this.start;
  }

  taskBase(task: number): number {
    return task * T_N;
  }

  executorBase(executor: number): number {
    return this.layout.executorBase + executor * E_N;
  }

  edgeIndex(edge: number): number {
    return this.layout.edgeBase + edge;
  }

  /** Records one latency (ms) of an executor: `kind` is H_EXECUTE, H_PROCESS or H_COMPLETE. */
  recordLatency(executor: number, kind: number, ms: number): void {
    const i = executor * H_KINDS + kind;
    const n = this.runCount[i]!;
    if (n > 0 && this.runValue[i] === ms) {
      this.runCount[i] = n + 1;
      return;
    }
    if (n > 0) this.flushRun(i);
    this.runValue[i] = ms;
    this.runCount[i] = 1;
  }

  /** Adds the pending runs of latencies to the histograms. */
  flushLatencies(): void {
    for (let i = 0; i < this.runCount.length; i++) if (this.runCount[i]! > 0) this.flushRun(i);
  }

  private flushRun(i: number): void {
    const ms = this.runValue[i]!;
    const n = this.runCount[i]!;
    const at = i * HIST_SIZE + 2 * histBin(ms);
    let sum = this.hist[at + 1]!;
    for (let k = 0; k < n; k++) sum += ms;
    this.hist[at] = this.hist[at]! + n;
    this.hist[at + 1] = sum;
    this.runCount[i] = 0;
  }

  /** Called at every 30 s boundary of engine time (the `k`-th since the start). */
  rotate(now: number): void {
    this.k++;
    const k = this.k;
    for (let w = 0; w < WINDOW_MS.length; w++) {
      if (k % EVERY[w]! !== 0) continue;
      const slot = (k / EVERY[w]!) % RING;
      this.rings[w]!.set(this.counters, slot * this.layout.length);
      this.ringTime[w]![slot] = now;
      this.ringK[w]![slot] = k / EVERY[w]!;
    }
    const slot = k % RING;
    const per = H_KINDS * HIST_SIZE;
    const base = slot * this.components.length * per;
    this.histRing.fill(0, base, base + this.components.length * per);
    this.componentHistograms(this.histRing, base);
    this.histRingK[slot] = k;
  }

  /** Sums executors' cumulative histograms into component rows at `offset` of `into`. */
  private componentHistograms(into: Float64Array, offset: number): void {
    this.flushLatencies();
    const per = H_KINDS * HIST_SIZE;
    for (let e = 0; e < this.layout.executors; e++) {
      const c = this.componentOfExecutor[e]!;
      for (let kind = 0; kind < H_KINDS; kind++) {
        histAdd(into, offset + c * per + kind * HIST_SIZE, this.hist, (e * H_KINDS + kind) * HIST_SIZE);
      }
    }
  }

  /** The mergeable snapshot of the metrics at engine time `now`. */
  raw(now: number): RawMetrics {
    const len = this.layout.length;
    const windows = {} as Record<WindowKey, { spanMs: number; values: Float64Array }>;
    for (let w = 0; w < WINDOW_MS.length; w++) {
      const key = WINDOWS[w]!;
      const bucket = METRICS_BUCKET_MS * EVERY[w]!;
      // The latest boundary at or before now - W, if its snapshot is still in the ring.
      const target = Math.floor((now - this.start - WINDOW_MS[w]!) / bucket);
      const slot = target >= 1 ? target % RING : -1;
      const values = Float64Array.from(this.counters);
      let spanMs = now - this.start;
      if (slot >= 0 && this.ringK[w]![slot] === target) {
        const ring = this.rings[w]!;
        for (let i = 0; i < len; i++) values[i]! -= ring[slot * len + i]!;
        spanMs = now - this.ringTime[w]![slot]!;
      }
      windows[key] = { spanMs, values };
    }
    windows.all = { spanMs: now - this.start, values: Float64Array.from(this.counters) };

    const per = H_KINDS * HIST_SIZE;
    const current = new Float64Array(this.components.length * per);
    this.componentHistograms(current, 0);
    const recent = Float64Array.from(current);
    const target = Math.floor((now - this.start - WINDOW_MS[0]) / METRICS_BUCKET_MS);
    if (target >= 1 && this.histRingK[target % RING] === target) {
      const base = (target % RING) * this.components.length * per;
      for (let i = 0; i < recent.length; i++) recent[i]! -= this.histRing[base + i]!;
    }
    const toRecord = (data: Float64Array) => {
      const out = idRecord<[SparseHistogram, SparseHistogram, SparseHistogram]>();
      this.components.forEach((id, c) => {
        out[id] = [histToSparse(data, c * per), histToSparse(data, c * per + HIST_SIZE), histToSparse(data, c * per + 2 * HIST_SIZE)];
      });
      return out;
    };
    return { time: now, start: this.start, windows, histograms: { '600': toRecord(recent), all: toRecord(current) } };
  }
}
