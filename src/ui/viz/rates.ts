/**
 * Rates from successive snapshots: tuples per second of engine time, for the live canvas (edge
 * widths and labels, spout emit rates). A snapshot carries cumulative counts ("all time"); a rate
 * is the difference between the newest snapshot and one about {@link RATE_WINDOW_MS} of engine
 * time older, divided by the engine time between them. Before there are two snapshots, the rate
 * is the run's average so far.
 */
import type { HostSnapshot } from '../../engine';

/** Cumulative counts of one snapshot. */
export interface CountSample {
  /** Engine time, ms. */
  readonly time: number;
  /** Per edge (subscription id): tuples transferred. */
  readonly edges: Readonly<Record<string, number>>;
  /** Per component: tuples emitted and executed. */
  readonly emitted: Readonly<Record<string, number>>;
  readonly executed: Readonly<Record<string, number>>;
}

export interface Rates {
  /** Engine time the rates were computed at, and the span they average over (ms). */
  readonly time: number;
  readonly spanMs: number;
  /** Tuples per second of engine time. */
  readonly edges: Readonly<Record<string, number>>;
  readonly emitted: Readonly<Record<string, number>>;
  readonly executed: Readonly<Record<string, number>>;
}

export interface RateState {
  /** Recent samples, oldest first (bounded by {@link MAX_SAMPLES}). */
  readonly samples: readonly CountSample[];
  readonly rates: Rates;
}

/** Rates average over about this much engine time. */
const RATE_WINDOW_MS = 2000;
/** Samples kept at most (slow runs deliver many snapshots per engine second). */
export const MAX_SAMPLES = 48;

/** The cumulative counts of a snapshot. */
export function countSample(snapshot: HostSnapshot): CountSample {
  const edges: Record<string, number> = {};
  for (const [id, e] of Object.entries(snapshot.edges)) edges[id] = e.transferred.all;
  const emitted: Record<string, number> = {};
  const executed: Record<string, number> = {};
  for (const [id, c] of Object.entries(snapshot.components)) {
    emitted[id] = c.windows.all.emitted;
    executed[id] = c.windows.all.executed;
  }
  return { time: snapshot.time, edges, emitted, executed };
}

function diffRates(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>, seconds: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, v] of Object.entries(b)) out[id] = Math.max(0, v - (a[id] ?? 0)) / seconds;
  return out;
}

/** A count's run-average rate: what is shown until a second snapshot arrives. */
function averageRates(s: CountSample, uptimeMs: number): Rates {
  const seconds = uptimeMs / 1000;
  const per = (m: Readonly<Record<string, number>>) => {
    const out: Record<string, number> = {};
    for (const [id, v] of Object.entries(m)) out[id] = seconds > 0 ? v / seconds : 0;
    return out;
  };
  return { time: s.time, spanMs: uptimeMs, edges: per(s.edges), emitted: per(s.emitted), executed: per(s.executed) };
}

/** Whether `b` cannot follow `a` in one run (time went back or a count shrank): a new run. */
function restarted(a: CountSample, b: CountSample): boolean {
  if (b.time < a.time) return true;
  for (const [id, v] of Object.entries(a.edges)) if ((b.edges[id] ?? v) < v) return true;
  for (const [id, v] of Object.entries(a.emitted)) if ((b.emitted[id] ?? v) < v) return true;
  return false;
}

/**
 * Folds a new snapshot into the rate state. Pure: returns a new state.
 *
 * @param uptimeMs engine time since the run's start (for the first snapshot's average rates).
 * @example
 * let state = advanceRates(null, snap1, snap1.raw.time - snap1.raw.start);
 * state = advanceRates(state, snap2, …);
 * state.rates.edges['split->count'] // tuples/s of engine time
 */
export function advanceRates(state: RateState | null, sample: CountSample, uptimeMs: number, windowMs = RATE_WINDOW_MS): RateState {
  const last = state?.samples[state.samples.length - 1];
  if (!state || !last || restarted(last, sample)) return { samples: [sample], rates: averageRates(sample, uptimeMs) };
  if (sample.time === last.time) {
    // Nothing moved on the engine clock (paused, or stepping within one instant): keep the rates.
    const samples = [...state.samples.slice(0, -1), sample];
    return { samples, rates: state.rates };
  }
  // Keep the samples inside the window, plus the newest one older than it (the baseline).
  let samples = [...state.samples, sample];
  let first = 0;
  while (first + 1 < samples.length - 1 && samples[first + 1]!.time <= sample.time - windowMs) first++;
  samples = samples.slice(Math.max(first, samples.length - MAX_SAMPLES));
  const base = samples[0]!;
  const seconds = (sample.time - base.time) / 1000;
  return {
    samples,
    rates: {
      time: sample.time,
      spanMs: sample.time - base.time,
      edges: diffRates(base.edges, sample.edges, seconds),
      emitted: diffRates(base.emitted, sample.emitted, seconds),
      executed: diffRates(base.executed, sample.executed, seconds),
    },
  };
}

/** Stroke widths of the live edges: {@link MIN_EDGE_WIDTH} plus a part proportional to the rate. */
export const MIN_EDGE_WIDTH = 1.5;
export const MAX_EDGE_WIDTH = 10;

/**
 * The stroke width of an edge carrying `rate` tuples/s when the busiest edge carries `maxRate`:
 * linear in the rate, from {@link MIN_EDGE_WIDTH} (idle) to {@link MAX_EDGE_WIDTH} (the busiest).
 *
 * @example
 * edgeWidth(500, 1000) // 5.75
 */
export function edgeWidth(rate: number, maxRate: number): number {
  if (!(maxRate > 0) || !(rate > 0)) return MIN_EDGE_WIDTH;
  return MIN_EDGE_WIDTH + (MAX_EDGE_WIDTH - MIN_EDGE_WIDTH) * Math.min(1, rate / maxRate);
}

/**
 * A rate for a label: `0/s`, `3.4/s`, `341/s`, `12.3k/s`, `1.24M/s`.
 *
 * @example
 * formatRate(12345) // '12.3k/s'
 */
export function formatRate(perSecond: number): string {
  return `${formatCount(perSecond)}/s`;
}

/** A count with k/M suffixes and about three significant digits. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n) || n <= 0) return '0';
  if (n < 10) return n >= 1 && Number.isInteger(n) ? String(n) : trim(n.toFixed(n < 1 ? 2 : 1));
  if (n < 1000) return String(Math.round(n));
  if (n < 1e6) return `${trim((n / 1e3).toFixed(n < 1e4 ? 2 : n < 1e5 ? 1 : 0))}k`;
  if (n < 1e9) return `${trim((n / 1e6).toFixed(n < 1e7 ? 2 : n < 1e8 ? 1 : 0))}M`;
  return `${trim((n / 1e9).toFixed(2))}G`;
}

function trim(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
