/**
 * Storm UI's tables as data: the topology summary, the spouts and bolts tables with Storm UI's
 * columns (from the one registry the hover card reads too, `viz/storm-columns.ts`; plus p50/p99
 * latencies, which Storm UI lacks), and the per-executor / per-task breakdown of a row. Pure: a
 * snapshot and a window in, rows of formatted cells out.
 */
import type { ComponentStats, ExecutorStats, HostSnapshot, WindowKey } from '../../engine';
import { formatCapacity } from '../viz/capacity';
import { columnsFor, formatInt, formatLatency, hintOf, type Role } from '../viz/storm-columns';
import { formatEngineTime } from '../viz/time';

/**
 * Storm UI's own window names, kept verbatim on purpose: Storm UI labels its windows with
 * `UIHelpers.getWindowHint` → `prettyUptimeSec(600)` = "10m 0s", "3h 0m 0s", "1d 0h 0m 0s", and
 * "All time" for `:all-time` (storm-webapp, UIHelpers.java). They look odd ("10m 0s", not "10
 * min") but they are what a Storm user sees; do not "fix" them. tables.test.ts pins them.
 */
export const WINDOW_LABELS: Readonly<Record<WindowKey, string>> = { '600': '10m 0s', '10800': '3h 0m 0s', '86400': '1d 0h 0m 0s', all: 'All time' };
export const WINDOW_SHORT: Readonly<Record<WindowKey, string>> = { '600': '10m', '10800': '3h', '86400': '1d', all: 'all' };

export interface Column {
  readonly key: string;
  readonly label: string;
  readonly hint?: string;
  /** Numbers are right-aligned. */
  readonly numeric?: boolean;
}

export interface Row {
  readonly id: string;
  readonly cells: Readonly<Record<string, string>>;
  /** Cells with a warning tone (capacity near 1, failures, an error). */
  readonly hot?: readonly string[];
}

export const SUMMARY_COLUMNS: readonly Column[] = [
  { key: 'window', label: 'Window' },
  { key: 'emitted', label: 'Emitted', numeric: true },
  { key: 'transferred', label: 'Transferred', numeric: true },
  { key: 'complete', label: 'Complete latency (ms)', numeric: true, hint: 'Spout emit → tuple tree acked, mean over the window' },
  { key: 'acked', label: 'Acked', numeric: true },
  { key: 'failed', label: 'Failed', numeric: true },
];

export const TOPOLOGY_COLUMNS: readonly Column[] = [
  { key: 'workers', label: 'Num workers', numeric: true },
  { key: 'executors', label: 'Num executors', numeric: true },
  { key: 'tasks', label: 'Num tasks', numeric: true },
  { key: 'uptime', label: 'Uptime', hint: "On the engine's clock" },
];

const tableColumns = (role: Role): readonly Column[] =>
  columnsFor(role).map((c) => {
    const hint = hintOf(c, role);
    return { key: c.key, label: c.label, ...(hint ? { hint } : {}), ...(c.numeric ? { numeric: true } : {}) };
  });

export const SPOUT_COLUMNS: readonly Column[] = tableColumns('spout');
export const BOLT_COLUMNS: readonly Column[] = tableColumns('bolt');

export const EXECUTOR_COLUMNS: readonly Column[] = [
  { key: 'id', label: 'Executor' },
  { key: 'worker', label: 'Worker', numeric: true },
  { key: 'tasks', label: 'Tasks' },
  { key: 'state', label: 'State' },
  { key: 'emitted', label: 'Emitted', numeric: true },
  { key: 'transferred', label: 'Transferred', numeric: true },
  { key: 'executed', label: 'Executed', numeric: true },
  { key: 'acked', label: 'Acked', numeric: true },
  { key: 'failed', label: 'Failed', numeric: true },
  { key: 'queue', label: 'Queue', numeric: true, hint: 'Tuples waiting in the receive queue / its capacity' },
  { key: 'capacity', label: 'Capacity', numeric: true },
];

export const TASK_COLUMNS: readonly Column[] = [
  { key: 'id', label: 'Task' },
  { key: 'worker', label: 'Worker', numeric: true },
  { key: 'executor', label: 'Executor' },
  { key: 'emitted', label: 'Emitted', numeric: true },
  { key: 'transferred', label: 'Transferred', numeric: true },
  { key: 'executed', label: 'Executed', numeric: true },
  { key: 'acked', label: 'Acked', numeric: true },
  { key: 'failed', label: 'Failed', numeric: true },
  { key: 'pending', label: 'Pending', numeric: true, hint: 'Spout tasks: tuple trees not yet acked or failed' },
];

/** The topology summary: one row per window (Storm UI's "Topology stats"). */
export function summaryRows(snapshot: HostSnapshot): Row[] {
  return (['600', '10800', '86400', 'all'] as const).map((key) => {
    const w = snapshot.topology.windows[key];
    return {
      id: key,
      cells: {
        window: WINDOW_LABELS[key],
        emitted: formatInt(w.emitted),
        transferred: formatInt(w.transferred),
        complete: formatLatency(w.completeLatencyMs),
        acked: formatInt(w.acked),
        failed: formatInt(w.failed),
      },
      hot: w.failed > 0 ? ['failed'] : [],
    };
  });
}

/** Workers, executors, tasks (user components and ackers, as Storm UI counts them) and uptime. */
export function topologyRow(snapshot: HostSnapshot): Row {
  const plan = snapshot.plan;
  return {
    id: 'topology',
    cells: {
      workers: String(plan.workers),
      executors: String(plan.executors.length),
      tasks: String(Object.keys(plan.taskToComponent).length),
      uptime: formatEngineTime(snapshot.raw.time - snapshot.raw.start),
    },
  };
}

/** Storm UI lists components by id. */
const byId = (a: ComponentStats, b: ComponentStats) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A role's table over a window: every component of the role, a cell per column of the registry. */
function componentRows(snapshot: HostSnapshot, role: Role, window: WindowKey): Row[] {
  const columns = columnsFor(role);
  return Object.values(snapshot.components)
    .filter((c) => (c.kind === 'spout' ? 'spout' : 'bolt') === role)
    .sort(byId)
    .map((c) => ({
      id: c.id,
      cells: Object.fromEntries(columns.map((col) => [col.key, col.value(c, window)])),
      hot: columns.filter((col) => col.hot?.(c, window)).map((col) => col.key),
    }));
}

/** Storm UI's "Spouts" table over a window. */
export const spoutRows = (snapshot: HostSnapshot, window: WindowKey): Row[] => componentRows(snapshot, 'spout', window);

/** Storm UI's "Bolts" table over a window (capacity is always the last 10 minutes, as in Storm UI). */
export const boltRows = (snapshot: HostSnapshot, window: WindowKey): Row[] => componentRows(snapshot, 'bolt', window);

const taskRange = (e: ExecutorStats) => (e.tasks[0] === e.tasks[1] ? `[${e.tasks[0]}]` : `[${e.tasks[0]}-${e.tasks[1]}]`);

/** The executors of a component (Storm UI's component page), with live queue depths. */
export function executorRows(snapshot: HostSnapshot, component: string, window: WindowKey): Row[] {
  return snapshot.executors
    .filter((e) => e.component === component)
    .map((e) => {
      const w = e.windows[window];
      return {
        id: `executor-${e.id}`,
        cells: {
          id: taskRange(e),
          worker: String(e.worker),
          tasks: e.tasks[0] === e.tasks[1] ? String(e.tasks[0]) : `${e.tasks[0]}–${e.tasks[1]}`,
          state: e.state,
          emitted: formatInt(w.emitted),
          transferred: formatInt(w.transferred),
          executed: formatInt(w.executed),
          acked: formatInt(w.acked),
          failed: formatInt(w.failed),
          queue: `${formatInt(e.queue)} / ${formatInt(e.queueCapacity)}${e.overflow > 0 ? ` (+${formatInt(e.overflow)} waiting)` : ''}`,
          capacity: formatCapacity(e.windows['600'].capacity),
        },
        hot: [...(e.state === 'dead' ? ['state'] : []), ...(e.queue >= e.queueCapacity ? ['queue'] : [])],
      };
    });
}

/** The tasks of a component: per-task counts show fields-grouping skew. */
export function taskRows(snapshot: HostSnapshot, component: string, window: WindowKey): Row[] {
  return snapshot.executors
    .filter((e) => e.component === component)
    .flatMap((e) =>
      e.taskStats.map((t) => {
        const w = t.windows[window];
        return {
          id: `task-${t.id}`,
          cells: {
            id: String(t.id),
            worker: String(e.worker),
            executor: taskRange(e),
            emitted: formatInt(w.emitted),
            transferred: formatInt(w.transferred),
            executed: formatInt(w.executed),
            acked: formatInt(w.acked),
            failed: formatInt(w.failed),
            pending: formatInt(t.pending),
          },
        };
      }),
    );
}
