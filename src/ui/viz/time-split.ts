/**
 * Where a bolt's time goes per tuple, split as Petrel's BasicBolt profile logs it (`avg_read_time`,
 * `avg_process_time`, `avg_ack_time` and their percentages; the book's chapter 6 reads it), from the
 * figures the engine measures for every bolt (JavaScript and Python) in engine time:
 * - read: from the end of the task's previous call (or its start) to the start of `process`, i.e.
 *   waiting for the tuple and receiving it (`readLatencyMs`). Mostly read time means the bolt waits
 *   for input: it is not the bottleneck;
 * - process: Storm's execute latency, the `process` call with its emits;
 * - ack: Storm's process latency minus its execute latency, i.e. how long after `process` returned
 *   the input was acked: 0 for a BasicBolt (acked as `process` returns, at no simulated cost),
 *   the holding time for a Bolt that acks later; unknown when the bolt acked nothing.
 */
import type { WindowStats } from '../../engine';

export interface TimeSplit {
  /** Mean ms per tuple; `ackMs` is null when no input was acked. */
  readonly readMs: number;
  readonly processMs: number;
  readonly ackMs: number | null;
  /** Shares of read + process + ack (ack counted as 0 when unknown), in % as Petrel prints them. */
  readonly readPct: number;
  readonly processPct: number;
  readonly ackPct: number;
}

/**
 * The split of a bolt's window, or null before its first executed tuple (or for a spout).
 *
 * @example
 * timeSplit({ readLatencyMs: 50, executeLatencyMs: 50, processLatencyMs: 50, ... })
 * // { readMs: 50, processMs: 50, ackMs: 0, readPct: 50, processPct: 50, ackPct: 0 }
 */
export function timeSplit(w: Pick<WindowStats, 'readLatencyMs' | 'executeLatencyMs' | 'processLatencyMs'>): TimeSplit | null {
  // `?? null`: snapshots saved before the engine measured read time lack it.
  const read = w.readLatencyMs ?? null;
  const proc = w.executeLatencyMs ?? null;
  if (read === null || proc === null) return null;
  const ack = (w.processLatencyMs ?? null) === null ? null : Math.max(0, w.processLatencyMs! - proc);
  const total = read + proc + (ack ?? 0);
  const pct = (x: number) => (total > 0 ? (x / total) * 100 : 0);
  return { readMs: read, processMs: proc, ackMs: ack, readPct: pct(read), processPct: pct(proc), ackPct: pct(ack ?? 0) };
}

/** The cell: `read · process · ack` in ms (three decimals, as Storm UI), then the percentages. */
export function formatTimeSplit(split: TimeSplit | null): string {
  if (split === null) return '–';
  const ms = (x: number | null) => (x === null ? '–' : x.toFixed(3));
  const pct = (x: number) => `${x.toFixed(1)}%`;
  const ackPct = split.ackMs === null ? '–' : pct(split.ackPct);
  return `${ms(split.readMs)} · ${ms(split.processMs)} · ${ms(split.ackMs)}\n${pct(split.readPct)} · ${pct(split.processPct)} · ${ackPct}`;
}
