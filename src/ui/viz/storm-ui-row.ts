/**
 * A component's row of Storm UI's "Spouts (10m)" / "Bolts (10m)" tables, as label/value cells:
 * what the live canvas's hover card shows. Storm UI's columns and number formats.
 */
import type { ComponentStats } from '../../engine';
import { formatCapacity } from './capacity';

export interface RowCell {
  readonly label: string;
  readonly value: string;
  /** A longer explanation (the column's tooltip in Storm UI). */
  readonly hint?: string;
}

/** Storm UI prints latencies with three decimals. */
export function formatLatency(ms: number | null): string {
  return ms === null ? '–' : ms.toFixed(3);
}

const INT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Integers with thousands separators, as Storm UI does. */
export function formatInt(n: number): string {
  return INT.format(Math.round(n));
}

/**
 * The cells of Storm UI's row for a component over the 10-minute window: spouts show complete
 * latency, bolts capacity, execute and process latency.
 *
 * @example
 * stormUiRow(snapshot.components.split).map((c) => c.label)
 * // ['Executors', 'Tasks', 'Emitted', 'Transferred', 'Capacity (last 10m)', 'Execute latency (ms)', 'Executed', 'Process latency (ms)', 'Acked', 'Failed']
 */
export function stormUiRow(c: ComponentStats): RowCell[] {
  const w = c.windows['600'];
  const head: RowCell[] = [
    { label: 'Executors', value: String(c.executors) },
    { label: 'Tasks', value: String(c.tasks.length) },
    { label: 'Emitted', value: formatInt(w.emitted), hint: 'Tuples emitted (emit calls)' },
    { label: 'Transferred', value: formatInt(w.transferred), hint: 'Tuples delivered to tasks' },
  ];
  const tail: RowCell[] = [
    { label: 'Acked', value: formatInt(w.acked), hint: c.kind === 'spout' ? 'Tuple trees completed' : 'Input tuples acked' },
    { label: 'Failed', value: formatInt(w.failed), hint: c.kind === 'spout' ? 'Tuple trees failed or timed out' : 'Input tuples failed' },
  ];
  const middle: RowCell[] =
    c.kind === 'spout'
      ? [{ label: 'Complete latency (ms)', value: formatLatency(w.completeLatencyMs), hint: 'Spout emit → tuple tree acked' }]
      : [
          { label: 'Capacity (last 10m)', value: formatCapacity(w.capacity), hint: 'Fraction of the time executing; ≈ 1 means saturated' },
          { label: 'Execute latency (ms)', value: formatLatency(w.executeLatencyMs), hint: 'Time inside process' },
          { label: 'Executed', value: formatInt(w.executed) },
          { label: 'Process latency (ms)', value: formatLatency(w.processLatencyMs), hint: 'process start → ack' },
        ];
  const error: RowCell[] = c.lastError ? [{ label: 'Last error', value: c.lastError.message }] : [];
  return [...head, ...middle, ...tail, ...error];
}
