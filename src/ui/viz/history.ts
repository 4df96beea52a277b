/**
 * The charts' history: bounded rings of points built from successive snapshots, one ring per
 * Storm UI window (10 min, 3 h, 1 day on the engine clock, and all time), so each window is drawn
 * from about 600 points whatever the run's length. Each point holds, for the interval since the
 * ring's previous point:
 *
 * - throughput per component: tuples emitted (spouts) or executed (bolts) per second of engine time;
 * - capacity per bolt: its busiest executor's busy time / the interval (Storm's capacity, over the interval);
 * - complete latency p50 and p99 per spout, from the difference of the cumulative histograms.
 *
 * Memory is fixed by the number of components; each snapshot costs a pass over the components and
 * executors. No DOM: the chart component reads {@link ChartHistory.series}.
 */
import type { HostSnapshot, WindowKey } from '../../engine';
import { histFromSparse, histPercentile, HIST_SIZE } from '../../engine/histogram';
import { counterLayout, E_BUSY_MS, E_N } from '../../engine/metrics';

export type ChartMetric = 'throughput' | 'capacity' | 'latency';

interface Tier {
  readonly window: WindowKey;
  /** Minimum engine time between two points (ms); doubles in the all-time ring when it is full. */
  stepMs: number;
  readonly size: number;
  /** Points, oldest first: engine time (s) and one value column per series (NaN = no value). */
  times: number[];
  columns: number[][];
  /** The cumulative state at the last point. */
  base: Baseline | null;
}

interface Baseline {
  readonly time: number;
  readonly counts: Float64Array;
  readonly busy: Float64Array;
  readonly hist: Float64Array[];
}

export interface SeriesInfo {
  readonly component: string;
  readonly kind: 'spout' | 'bolt';
  readonly metric: ChartMetric;
  /** For latency: which percentile. */
  readonly percentile?: 'p50' | 'p99';
}

/** The data of one chart: x (engine seconds) and the series' values (null = none), uPlot's layout. */
export interface ChartData {
  readonly x: readonly number[];
  readonly series: readonly { readonly info: SeriesInfo; readonly values: readonly (number | null)[] }[];
}

/** Points per ring and the step of each window's ring. */
export const RING_POINTS = 600;
const TIERS: readonly { window: WindowKey; stepMs: number }[] = [
  { window: '600', stepMs: 1000 },
  { window: '10800', stepMs: 18_000 },
  { window: '86400', stepMs: 144_000 },
  { window: 'all', stepMs: 1000 },
];
export const WINDOW_MS: Readonly<Record<WindowKey, number>> = { '600': 600_000, '10800': 10_800_000, '86400': 86_400_000, all: Infinity };

export class ChartHistory {
  /** The series, in column order: throughput of every component, capacity of bolts, p50 and p99 of spouts. */
  readonly series: readonly SeriesInfo[];
  private readonly components: readonly { id: string; kind: 'spout' | 'bolt'; executors: readonly number[] }[];
  private readonly spouts: readonly string[];
  private readonly tiers: Tier[];
  private lastTime = -Infinity;
  /** Bumped by every point added (for views to know when to redraw). */
  version = 0;

  constructor(first: HostSnapshot) {
    this.components = first.meta.components
      .filter((c) => c.role !== 'acker')
      .map((c) => ({ id: c.id, kind: c.role === 'spout' ? 'spout' : 'bolt', executors: first.plan.executors.filter((e) => e.component === c.id).map((e) => e.id) }));
    this.spouts = this.components.filter((c) => c.kind === 'spout').map((c) => c.id);
    const series: SeriesInfo[] = [];
    for (const c of this.components) series.push({ component: c.id, kind: c.kind, metric: 'throughput' });
    for (const c of this.components) if (c.kind === 'bolt') series.push({ component: c.id, kind: c.kind, metric: 'capacity' });
    for (const id of this.spouts) {
      series.push({ component: id, kind: 'spout', metric: 'latency', percentile: 'p50' });
      series.push({ component: id, kind: 'spout', metric: 'latency', percentile: 'p99' });
    }
    this.series = series;
    this.tiers = TIERS.map((t) => ({ window: t.window, stepMs: t.stepMs, size: RING_POINTS, times: [], columns: series.map(() => []), base: null }));
    this.ingest(first);
  }

  /** Whether `snapshot` belongs to the run this history was started with (same components and plan size). */
  accepts(snapshot: HostSnapshot): boolean {
    const ids = snapshot.meta.components.filter((c) => c.role !== 'acker').map((c) => c.id);
    return ids.length === this.components.length && ids.every((id, i) => id === this.components[i]!.id) && snapshot.time >= this.lastTime;
  }

  /** Adds a snapshot: each ring whose step has elapsed gets a point. */
  ingest(snapshot: HostSnapshot): void {
    if (snapshot.time < this.lastTime) return;
    this.lastTime = snapshot.time;
    let current: Baseline | null = null;
    for (const tier of this.tiers) {
      if (tier.base !== null && snapshot.time - tier.base.time < tier.stepMs) continue;
      current ??= this.baseline(snapshot);
      if (tier.base !== null) this.addPoint(tier, tier.base, current);
      tier.base = current;
    }
  }

  private baseline(s: HostSnapshot): Baseline {
    const values = s.raw.windows.all.values;
    const layout = counterLayout(s.plan.maxTask, s.plan.executors.length, s.meta.edges.length);
    const counts = new Float64Array(this.components.length);
    const busy = new Float64Array(s.plan.executors.length);
    this.components.forEach((c, i) => {
      const stats = s.components[c.id];
      counts[i] = stats ? (c.kind === 'spout' ? stats.windows.all.emitted : stats.windows.all.executed) : 0;
    });
    for (let e = 0; e < busy.length; e++) busy[e] = values[layout.executorBase + e * E_N + E_BUSY_MS] ?? 0;
    const hist = this.spouts.map((id) => {
      const sparse = s.raw.histograms.all[id]?.[2];
      return sparse ? histFromSparse(sparse) : new Float64Array(HIST_SIZE);
    });
    return { time: s.time, counts, busy, hist };
  }

  private addPoint(tier: Tier, a: Baseline, b: Baseline): void {
    const dt = b.time - a.time;
    const row: number[] = [];
    this.components.forEach((_, i) => row.push(((b.counts[i]! - a.counts[i]!) / dt) * 1000));
    for (const c of this.components) {
      if (c.kind !== 'bolt') continue;
      let max = 0;
      for (const e of c.executors) max = Math.max(max, (b.busy[e]! - a.busy[e]!) / dt);
      row.push(max);
    }
    const diff = new Float64Array(HIST_SIZE);
    this.spouts.forEach((_, i) => {
      const ha = a.hist[i]!;
      const hb = b.hist[i]!;
      for (let k = 0; k < HIST_SIZE; k++) diff[k] = hb[k]! - ha[k]!;
      row.push(histPercentile(diff, 0, 0.5) ?? Number.NaN, histPercentile(diff, 0, 0.99) ?? Number.NaN);
    });
    tier.times.push(b.time / 1000);
    row.forEach((v, i) => tier.columns[i]!.push(v));
    if (tier.times.length > tier.size) {
      if (tier.window === 'all') {
        // All time: keep every other point and sample half as often from now on.
        const keep = (_: number, i: number) => i % 2 === 1 || i === tier.times.length - 1;
        tier.times = tier.times.filter(keep);
        tier.columns = tier.columns.map((col) => col.filter(keep));
        tier.stepMs *= 2;
      } else {
        tier.times.shift();
        for (const col of tier.columns) col.shift();
      }
    }
    this.version++;
  }

  /** The step between points of a window's ring now (ms). */
  stepOf(window: WindowKey): number {
    return this.tiers.find((t) => t.window === window)!.stepMs;
  }

  /** Number of points of a window's ring. */
  pointsOf(window: WindowKey): number {
    return this.tiers.find((t) => t.window === window)!.times.length;
  }

  /**
   * The points of one metric over a window (the ring of that window, cut to the window's length
   * before the newest point), optionally for some components only.
   */
  data(window: WindowKey, metric: ChartMetric, components?: ReadonlySet<string>): ChartData {
    const tier = this.tiers.find((t) => t.window === window)!;
    const end = tier.times.length;
    const lastT = end > 0 ? tier.times[end - 1]! : 0;
    let start = 0;
    if (window !== 'all') while (start < end && tier.times[start]! < lastT - WINDOW_MS[window] / 1000) start++;
    const series = this.series
      .map((info, i) => ({ info, i }))
      .filter(({ info }) => info.metric === metric && (!components || components.has(info.component)))
      .map(({ info, i }) => ({ info, values: tier.columns[i]!.slice(start, end).map((v) => (Number.isNaN(v) ? null : v)) }));
    return { x: tier.times.slice(start, end), series };
  }
}
