/**
 * Storm UI's columns of the Spouts and Bolts tables, in one registry: label, hint (Storm UI's
 * tooltip), which roles show it, and the cell's value. The Run tab's tables and the live canvas's
 * hover card (the component's row over the 10-minute window) both read it, so they never disagree.
 */
import type { ComponentStats, WindowKey } from '../../engine';
import { formatCapacity } from './capacity';
import { formatEngineTime } from './time';
import { formatTimeSplit, timeSplit } from './time-split';

export type Role = 'spout' | 'bolt';

export interface StormColumn {
  readonly key: string;
  readonly label: string;
  /** A longer explanation (the column's tooltip in Storm UI): one text, or one per role. */
  readonly hint?: string | Readonly<Record<Role, string>>;
  /** Numbers are right-aligned. */
  readonly numeric?: boolean;
  readonly roles: readonly Role[];
  /** Not on the hover card (the card is titled with the id already). */
  readonly tableOnly?: boolean;
  /** The cell: one line, or two (a mean, then `p50 … · p99 …`). */
  readonly value: (c: ComponentStats, window: WindowKey) => string;
  /** The cell has the warning tone (capacity near 1, failures, an error). */
  readonly hot?: (c: ComponentStats, window: WindowKey) => boolean;
}

export interface RowCell {
  readonly label: string;
  readonly value: string;
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

/** The latency distribution matching a window (10m for 10m, all-time otherwise: the engine keeps those two). */
const distKey = (window: WindowKey): '600' | 'all' => (window === '600' ? '600' : 'all');

/** `mean` then `p50 / p99` (from the 10-minute window's or all-time distribution). */
function latencyCell(mean: number | null, dist: { p50Ms: number | null; p99Ms: number | null } | undefined): string {
  if (mean === null) return '–';
  if (!dist || dist.p50Ms === null) return formatLatency(mean);
  return `${formatLatency(mean)}\np50 ${formatLatency(dist.p50Ms)} · p99 ${formatLatency(dist.p99Ms)}`;
}

const BOTH: readonly Role[] = ['spout', 'bolt'];
const BOLT: readonly Role[] = ['bolt'];
/** Capacity is always the last 10 minutes, as in Storm UI. */
const capacityOf = (c: ComponentStats) => c.windows['600'].capacity;

/** Storm UI's component columns, in its order. */
export const STORM_COLUMNS: readonly StormColumn[] = [
  { key: 'id', label: 'Id', roles: BOTH, tableOnly: true, value: (c) => c.id },
  { key: 'executors', label: 'Executors', numeric: true, roles: BOTH, value: (c) => String(c.executors) },
  { key: 'tasks', label: 'Tasks', numeric: true, roles: BOTH, value: (c) => String(c.tasks.length) },
  { key: 'emitted', label: 'Emitted', numeric: true, roles: BOTH, hint: 'Tuples emitted (emit calls)', value: (c, w) => formatInt(c.windows[w].emitted) },
  { key: 'transferred', label: 'Transferred', numeric: true, roles: BOTH, hint: 'Tuples delivered to tasks (an emit to n tasks counts n)', value: (c, w) => formatInt(c.windows[w].transferred) },
  {
    key: 'complete',
    label: 'Complete latency (ms)',
    numeric: true,
    roles: ['spout'],
    hint: 'Spout emit → tuple tree acked: the mean, then p50 · p99',
    value: (c, w) => latencyCell(c.windows[w].completeLatencyMs, c.latency[distKey(w)].complete),
  },
  {
    key: 'capacity',
    label: 'Capacity (last 10m)',
    numeric: true,
    roles: BOLT,
    hint: 'executed × execute latency / (1000 × min(uptime, 600)): the fraction of the time executing; ≈ 1 means saturated. On real Storm a Python or JavaScript bolt (a ShellBolt) shows ≈ 0 here: its execute() only queues the tuple to its process; Storm Studio times the code, as Storm does for a Java bolt (docs/conformance.md, Departures).',
    value: (c) => formatCapacity(capacityOf(c)),
    hot: (c) => (capacityOf(c) ?? 0) >= 0.8,
  },
  {
    key: 'execute',
    label: 'Execute latency (ms)',
    numeric: true,
    roles: BOLT,
    hint: 'Time inside process: the mean, then p50 · p99. On real Storm a Python or JavaScript bolt (a ShellBolt) shows ≈ 0 here: its execute() only queues the tuple to its process; Storm Studio times the code, as Storm does for a Java bolt (docs/conformance.md, Departures).',
    value: (c, w) => latencyCell(c.windows[w].executeLatencyMs, c.latency[distKey(w)].execute),
  },
  { key: 'executed', label: 'Executed', numeric: true, roles: BOLT, hint: 'Input tuples processed', value: (c, w) => formatInt(c.windows[w].executed) },
  {
    key: 'process',
    label: 'Process latency (ms)',
    numeric: true,
    roles: BOLT,
    hint: 'process start → ack: the mean, then p50 · p99. On real Storm, for a Python or JavaScript bolt, it also counts the wait in the queue to its process.',
    value: (c, w) => latencyCell(c.windows[w].processLatencyMs, c.latency[distKey(w)].process),
  },
  {
    key: 'split',
    label: 'Read · process · ack (ms)',
    numeric: true,
    roles: BOLT,
    hint:
      "Where a task's time goes per tuple, as Petrel's BasicBolt profile splits it (avg_read_time · avg_process_time · avg_ack_time, " +
      'then their shares), measured by the simulator for every bolt in engine time (the cost model, or measured CPU time). ' +
      "Read: from the end of the task's previous call to the start of process, waiting for and receiving the tuple (mostly read: the bolt waits for input, it is not the bottleneck). " +
      'Process: the execute latency (process() and its emits). ' +
      'Ack: process latency − execute latency, how long after process() returned the input was acked (0 for a BasicBolt, acked as process returns; – when the bolt acked nothing). ' +
      "Petrel's own profile lines (real time, this browser) are in the Log at DEBUG. " +
      "On real Storm a Python bolt's execute latency is ≈ 0 (its ShellBolt only queues the tuple to the process): there the profile lines are the only place this split shows, and their avg_process_time is what process measures here.",
    value: (c, w) => formatTimeSplit(timeSplit(c.windows[w])),
  },
  { key: 'acked', label: 'Acked', numeric: true, roles: BOTH, hint: { spout: 'Tuple trees completed', bolt: 'Input tuples acked' }, value: (c, w) => formatInt(c.windows[w].acked) },
  {
    key: 'failed',
    label: 'Failed',
    numeric: true,
    roles: BOTH,
    hint: { spout: 'Tuple trees failed or timed out', bolt: 'Input tuples failed' },
    value: (c, w) => formatInt(c.windows[w].failed),
    hot: (c, w) => c.windows[w].failed > 0,
  },
  {
    key: 'error',
    label: 'Last error',
    roles: BOTH,
    hint: 'The last error a task reported (a crash, or reportError), with the task and the time',
    value: (c) => (c.lastError ? `${c.lastError.message} (task ${c.lastError.task}, at ${formatEngineTime(c.lastError.time)})` : ''),
    hot: (c) => c.lastError !== null,
  },
];

export const roleOf = (c: ComponentStats): Role => (c.kind === 'spout' ? 'spout' : 'bolt');

/** The columns of a role's table. */
export function columnsFor(role: Role): StormColumn[] {
  return STORM_COLUMNS.filter((col) => col.roles.includes(role));
}

/** A column's hint for a role. */
export function hintOf(column: StormColumn, role: Role): string | undefined {
  return typeof column.hint === 'string' || column.hint === undefined ? column.hint : column.hint[role];
}

/**
 * The component's row of Storm UI's "Spouts (10m)" / "Bolts (10m)" table as label/value cells:
 * what the live canvas's hover card shows (an empty Last error is left out).
 *
 * @example
 * stormUiRow(snapshot.components.split).map((c) => c.label)
 * // ['Executors', 'Tasks', 'Emitted', 'Transferred', 'Capacity (last 10m)', 'Execute latency (ms)', 'Executed', 'Process latency (ms)', 'Acked', 'Failed']
 */
export function stormUiRow(c: ComponentStats): RowCell[] {
  const role = roleOf(c);
  return columnsFor(role)
    .filter((col) => !col.tableOnly)
    .map((col) => ({ label: col.label, value: col.value(c, '600'), hint: hintOf(col, role) }))
    .filter((cell) => cell.value !== '');
}
