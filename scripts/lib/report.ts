/**
 * What `npm run simulate` prints: Storm UI-style tables, or one JSON object whose field names are
 * a contract (`plan`, `components.<id>.{emitted, transferred, executed, acked, failed,
 * completeLatencyMs, executeLatencyMs, processLatencyMs, capacity, tasks}`, `logs`).
 */
import type { ComponentStats, HostSnapshot, LogLine, WindowKey } from '../../src/engine';

/** Logs kept in the JSON output: the last 10,000 lines. */
export const MAX_JSON_LOGS = 10_000;

export interface RunInfo {
  readonly name: string;
  readonly clock: 'virtual' | 'wall';
  readonly seed: string | number;
  readonly seconds: number;
  /** Language run per component, and why when it is not the component's own. */
  readonly languages: Readonly<Record<string, string>>;
  readonly notes: readonly string[];
}

const round = (x: number | null, digits = 3): number | null => (x === null ? null : Number(x.toFixed(digits)));

/**
 * Every tuple tree a spout started, accounted for: acked, failed (timeouts included), still pending
 * at the end of the run, or lost with the spout's worker (pending when it died: Storm neither acks
 * nor fails those). `started` is their sum.
 */
export function spoutTrees(c: ComponentStats): { started: number; acked: number; failed: number; pending: number; lostWithWorker: number } {
  const w = c.windows.all;
  return { started: w.trees, acked: w.acked, failed: w.failed, pending: c.pending, lostWithWorker: w.treesLost };
}

function componentJson(c: ComponentStats, snap: HostSnapshot) {
  const w = c.windows.all;
  const tasks: Record<string, { executed: number; emitted: number }> = {};
  for (const e of snap.executors.filter((x) => x.component === c.id)) {
    for (const t of e.taskStats) tasks[String(t.id)] = { executed: t.windows.all.executed, emitted: t.windows.all.emitted };
  }
  return {
    kind: c.kind,
    emitted: w.emitted,
    transferred: w.transferred,
    executed: w.executed,
    acked: w.acked,
    failed: w.failed,
    completeLatencyMs: round(w.completeLatencyMs),
    executeLatencyMs: round(w.executeLatencyMs),
    processLatencyMs: round(w.processLatencyMs),
    capacity: c.kind === 'spout' ? null : round(c.windows['600'].capacity),
    latency: {
      execute: { p50Ms: round(c.latency.all.execute.p50Ms), p99Ms: round(c.latency.all.execute.p99Ms) },
      process: { p50Ms: round(c.latency.all.process.p50Ms), p99Ms: round(c.latency.all.process.p99Ms) },
      complete: { p50Ms: round(c.latency.all.complete.p50Ms), p99Ms: round(c.latency.all.complete.p99Ms) },
    },
    timeouts: w.timeouts,
    lost: w.lost,
    throttledMs: round(w.throttledMs, 1),
    lastError: c.lastError?.message ?? null,
    tasks,
    ...(c.kind === 'spout' ? { trees: spoutTrees(c) } : {}),
  };
}

/** The JSON report (all-time counts; capacity over the last 10 minutes, as Storm UI computes it). */
export function jsonReport(snap: HostSnapshot, info: RunInfo) {
  const components: Record<string, ReturnType<typeof componentJson>> = {};
  for (const [id, c] of Object.entries(snap.components)) components[id] = componentJson(c, snap);
  const system: Record<string, ReturnType<typeof componentJson>> = {};
  for (const [id, c] of Object.entries(snap.system)) system[id] = componentJson(c, snap);
  const logs = snap.logs.slice(-MAX_JSON_LOGS).map((l) => ({ time: round(l.time, 3), component: l.component, task: l.task, level: l.level, message: l.message }));
  return {
    plan: {
      workers: snap.plan.workers,
      tasks: snap.plan.tasks,
      executors: snap.plan.executors.map((e) => ({ component: e.component, tasks: e.tasks, worker: e.worker })),
    },
    components,
    system,
    logs,
    topology: { name: info.name, clock: info.clock, seed: info.seed, seconds: info.seconds, timeMs: round(snap.time, 3), events: snap.events, restarts: snap.restarts, ...snap.topology.windows.all },
    languages: info.languages,
    notes: info.notes,
  };
}

// ───────────────────────────── tables ─────────────────────────────

const num = (x: number) => Math.round(x).toLocaleString('en-US');
const ms = (x: number | null) => (x === null ? '-' : x < 10 ? x.toFixed(3) : x.toFixed(1));
const cap = (x: number | null) => (x === null ? '-' : x.toFixed(3));

function table(title: string, head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [title, line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const WINDOW_LABEL: Record<WindowKey, string> = { '600': '10m 0s', '10800': '3h 0m 0s', '86400': '1d 0h 0m 0s', all: 'All time' };

/** Storm UI's pages as text: topology summary and stats, spouts, bolts, per-task counts, last log lines. */
export function textReport(snap: HostSnapshot, info: RunInfo, logLines = 15): string {
  const out: string[] = [];
  const spouts = Object.values(snap.components).filter((c) => c.kind === 'spout');
  const bolts = Object.values(snap.components).filter((c) => c.kind === 'bolt');
  out.push(
    table('Topology summary', ['Name', 'Clock', 'Seed', 'Simulated', 'Workers', 'Executors', 'Tasks', 'Events', 'Restarts'], [
      [info.name, info.clock, String(info.seed), `${(snap.time / 1000).toFixed(1)} s`, String(snap.plan.workers), String(snap.plan.executors.length), String(snap.plan.maxTask), num(snap.events), String(snap.restarts)],
    ]),
  );
  const windows: WindowKey[] = ['600', '10800', '86400', 'all'];
  out.push(
    table(
      'Topology stats',
      ['Window', 'Emitted', 'Transferred', 'Complete latency (ms)', 'Acked', 'Failed'],
      windows.map((k) => {
        const w = snap.topology.windows[k];
        return [WINDOW_LABEL[k], num(w.emitted), num(w.transferred), ms(w.completeLatencyMs), num(w.acked), num(w.failed)];
      }),
    ),
  );
  out.push(
    table(
      'Spouts (All time)',
      ['Id', 'Executors', 'Tasks', 'Emitted', 'Transferred', 'Complete latency (ms)', 'p99 (ms)', 'Acked', 'Failed', 'Timed out', 'Last error'],
      spouts.map((c) => {
        const w = c.windows.all;
        return [c.id, String(c.executors), String(c.tasks.length), num(w.emitted), num(w.transferred), ms(w.completeLatencyMs), ms(c.latency.all.complete.p99Ms), num(w.acked), num(w.failed), num(w.timeouts), c.lastError?.message.slice(0, 40) ?? ''];
      }),
    ),
  );
  out.push(
    table(
      'Bolts (All time)',
      ['Id', 'Executors', 'Tasks', 'Emitted', 'Transferred', 'Capacity (last 10m)', 'Execute latency (ms)', 'Executed', 'Process latency (ms)', 'Acked', 'Failed', 'Last error'],
      bolts.map((c) => {
        const w = c.windows.all;
        return [c.id, String(c.executors), String(c.tasks.length), num(w.emitted), num(w.transferred), cap(c.windows['600'].capacity), ms(w.executeLatencyMs), num(w.executed), ms(w.processLatencyMs), num(w.acked), num(w.failed), c.lastError?.message.slice(0, 40) ?? ''];
      }),
    ),
  );
  out.push(
    table(
      'Tasks (All time)',
      ['Component', 'Task', 'Executor', 'Worker', 'Executed', 'Emitted', 'Acked', 'Failed', 'Queue'],
      snap.executors
        .filter((e) => e.component !== '__acker')
        .flatMap((e) =>
          e.taskStats.map((t) => [e.component, String(t.id), `[${e.tasks[0]}-${e.tasks[1]}]`, String(e.worker), num(t.windows.all.executed), num(t.windows.all.emitted), num(t.windows.all.acked), num(t.windows.all.failed), String(e.queue)]),
        ),
    ),
  );
  const logs = snap.logs.slice(-logLines);
  if (logs.length > 0) out.push(['Log (last lines)', ...logs.map(formatLog)].join('\n'));
  if (info.notes.length > 0) out.push(['Notes', ...info.notes.map((n) => `- ${n}`)].join('\n'));
  return out.join('\n\n') + '\n';
}

export function formatLog(l: LogLine): string {
  return `${(l.time / 1000).toFixed(3).padStart(9)} s  ${l.level.padEnd(7)} ${l.component}${l.task >= 0 ? `[${l.task}]` : ''}  ${l.message}`;
}
