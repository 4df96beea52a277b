/**
 * What Storm measured in a run (the JSON the runner in storm/runner writes) turned into the
 * simulator's snapshot view, so that `npm run storm` prints the tables and the JSON object of
 * `npm run simulate` (scripts/lib/report.ts) from Storm's own figures:
 *
 * - the plan from Nimbus's assignment (executors, their tasks and worker slots);
 * - components and executors from the executor statistics Storm UI reads (getTopologyInfo),
 *   system streams left out as Storm UI does, capacity as Storm UI computes it;
 * - topology statistics from Storm UI's topology page (getTopologyPageInfo);
 * - tasks from Storm's per-task counters (TaskMetrics, `__emit-count-…`);
 * - logs from the shell components' `log` messages, errors from Storm's error reports.
 */
import type { ComponentStats, ExecutorStats, HostSnapshot, LatencyDistribution, LogLine, PhysicalPlan, PlanExecutor, TaskStats, WindowKey, WindowStats } from '../../src/engine';
import { WINDOWS } from '../../src/engine';
import { componentId, taskId, type ComponentId, type TaskId } from '../../src/model/ids';
import { jsonReport, type RunInfo } from '../lib/report';

type ByWindow<T> = Readonly<Record<string, Readonly<Record<string, T>>>>;

/** One executor as the runner reports it (Storm's ExecutorSummary). */
export interface StormExecutor {
  readonly component: string;
  readonly taskStart: number;
  readonly taskEnd: number;
  readonly host: string;
  readonly port: number;
  readonly uptimeSecs: number;
  /** Storm UI's capacity of the executor (bolts), over the last 10 minutes. */
  readonly capacity: number | null;
  readonly stats: {
    readonly kind?: 'spout' | 'bolt';
    readonly emitted: ByWindow<number>;
    readonly transferred: ByWindow<number>;
    readonly acked?: ByWindow<number>;
    readonly failed?: ByWindow<number>;
    readonly executed?: ByWindow<number>;
    readonly executeMsAvg?: ByWindow<number | null>;
    readonly processMsAvg?: ByWindow<number | null>;
    readonly completeMsAvg?: ByWindow<number | null>;
  } | null;
}

/** The runner's result (storm/runner's Report.java). */
export interface StormRun {
  readonly id: string;
  readonly name: string;
  readonly storm: string;
  readonly uptimeSecs: number;
  readonly workers: number;
  readonly executors: readonly StormExecutor[];
  readonly components: Readonly<Record<string, { readonly kind: 'spout' | 'bolt'; readonly emitted?: number; readonly transferred?: number; readonly acked?: number; readonly failed?: number; readonly executed?: number }>>;
  readonly topologyStats: {
    readonly emitted?: Readonly<Record<string, number>>;
    readonly transferred?: Readonly<Record<string, number>>;
    readonly acked?: Readonly<Record<string, number>>;
    readonly failed?: Readonly<Record<string, number>>;
    readonly completeLatencyMs?: Readonly<Record<string, number | null>>;
  };
  readonly errors: Readonly<Record<string, readonly { readonly timeSecs: number; readonly error: string }[]>>;
  readonly tasks: Readonly<Record<string, { readonly component: string; readonly counters: Readonly<Record<string, number>> }>>;
  readonly logs: readonly { readonly timeMs: number; readonly component: string; readonly task: number; readonly level: string; readonly message: string }[];
  readonly droppedLogLines: number;
  readonly times: { readonly submitted: number; readonly running: number; readonly deactivated: number; readonly read: number };
  readonly seed: string | number | null;
  /** Storm's per-task counters summed by component at the times a run asked for (`LaunchOptions.samples`). */
  readonly samples?: readonly { readonly time: number; readonly components: Readonly<Record<string, Readonly<Record<string, number>>>> }[];
  /** Set when Storm ended the run early (in local mode a dying worker exits the JVM): why. */
  readonly ended?: string;
}

/** Storm's window names for the simulator's. */
const STORM_WINDOW: Record<WindowKey, string> = { '600': '600', '10800': '10800', '86400': '86400', all: ':all-time' };
const WINDOW_SECS: Record<WindowKey, number> = { '600': 600, '10800': 10800, '86400': 86400, all: Infinity };

/** Storm's system streams and components start with `__` (acks, ticks, metrics). */
const isSystem = (id: string): boolean => id.startsWith('__');
/** `component:stream` → stream. */
const streamOf = (key: string): string => key.slice(key.lastIndexOf(':') + 1);

function sum(values: Readonly<Record<string, number>> | undefined, keep: (key: string) => boolean): number {
  let total = 0;
  for (const [k, v] of Object.entries(values ?? {})) if (keep(k)) total += v;
  return total;
}

/** Σ(avg × count) / Σcount over the streams kept: how Storm UI averages latencies over streams. */
function weighted(avgs: Readonly<Record<string, number | null>> | undefined, counts: Readonly<Record<string, number>> | undefined, keep: (key: string) => boolean): { sum: number; n: number } {
  let total = 0;
  let n = 0;
  for (const [k, c] of Object.entries(counts ?? {})) {
    const a = avgs?.[k];
    if (!keep(k) || a === null || a === undefined) continue;
    total += a * c;
    n += c;
  }
  return { sum: total, n };
}

const NO_LATENCY: LatencyDistribution = { count: 0, meanMs: null, p50Ms: null, p99Ms: null };

/** The components kept in the plan: the topology's own and Storm's ackers (not __system, metrics or event loggers). */
const planned = (component: string): boolean => !isSystem(component) || component === '__acker';

/**
 * The plan Nimbus assigned: executors sorted by first task; workers numbered by the lowest task
 * each slot holds (Storm names slots by host and port).
 */
export function planOf(run: StormRun): PhysicalPlan {
  const executors = run.executors.filter((e) => planned(e.component)).slice().sort((a, b) => a.taskStart - b.taskStart);
  const slots: string[] = [];
  for (const e of executors) {
    const slot = `${e.host}:${e.port}`;
    if (!slots.includes(slot)) slots.push(slot);
  }
  const planExecutors: PlanExecutor[] = executors.map((e, id) => ({
    id,
    component: componentId(e.component),
    tasks: [taskId(e.taskStart), taskId(e.taskEnd)] as const,
    worker: slots.indexOf(`${e.host}:${e.port}`),
  }));
  const tasks: Record<string, TaskId[]> = {};
  const taskToComponent: Record<string, ComponentId> = {};
  for (const e of planExecutors) {
    for (let t = e.tasks[0]; t <= e.tasks[1]; t++) {
      (tasks[e.component] ??= []).push(taskId(t));
      taskToComponent[String(t)] = e.component;
    }
  }
  const workers = Math.max(run.workers, slots.length);
  return {
    workers,
    ackers: tasks.__acker?.length ?? 0,
    tasks,
    taskToComponent,
    executors: planExecutors,
    workerExecutors: Array.from({ length: workers }, (_, w) => planExecutors.filter((e) => e.worker === w).map((e) => e.id)),
    maxTask: Math.max(0, ...planExecutors.map((e) => e.tasks[1])),
    systemTask: -1,
  };
}

/** Statistics of a set of executors over one window, in Storm UI's terms (system streams left out unless `system`). */
function windowStats(list: readonly StormExecutor[], key: WindowKey, kind: 'spout' | 'bolt' | 'acker', uptimeSecs: number): WindowStats {
  const w = STORM_WINDOW[key];
  const keep = kind === 'acker' ? () => true : (k: string) => !isSystem(streamOf(k));
  let emitted = 0, transferred = 0, executed = 0, acked = 0, failed = 0, ticks = 0;
  const exec = { sum: 0, n: 0 }, proc = { sum: 0, n: 0 }, comp = { sum: 0, n: 0 };
  let capacity: number | null = kind === 'spout' ? null : 0;
  for (const e of list) {
    const s = e.stats;
    if (!s) continue;
    emitted += sum(s.emitted[w], keep);
    transferred += sum(s.transferred[w], keep);
    executed += sum(s.executed?.[w], keep);
    ticks += sum(s.executed?.[w], (k) => streamOf(k) === '__tick');
    acked += sum(s.acked?.[w], keep);
    failed += sum(s.failed?.[w], keep);
    const add = (into: { sum: number; n: number }, x: { sum: number; n: number }) => {
      into.sum += x.sum;
      into.n += x.n;
    };
    add(exec, weighted(s.executeMsAvg?.[w], s.executed?.[w], keep));
    add(proc, weighted(s.processMsAvg?.[w], s.acked?.[w], keep));
    add(comp, weighted(s.completeMsAvg?.[w], s.acked?.[w], keep));
    if (capacity !== null && key === '600') capacity = Math.max(capacity, e.capacity ?? 0);
  }
  return {
    spanMs: Math.min(uptimeSecs, WINDOW_SECS[key]) * 1000,
    emitted,
    transferred,
    executed,
    acked,
    failed,
    executeLatencyMs: exec.n > 0 ? exec.sum / exec.n : null,
    processLatencyMs: proc.n > 0 ? proc.sum / proc.n : null,
    completeLatencyMs: comp.n > 0 ? comp.sum / comp.n : null,
    // Storm UI has no read time (Petrel logs it only at DEBUG, per bolt process).
    readLatencyMs: null,
    // Storm UI defines capacity over the last 10 minutes only.
    capacity: key === '600' ? capacity : null,
    ticks,
    timeouts: 0,
    nextTupleCalls: 0,
    throttledMs: 0,
    maxPendingMs: 0,
    emptyWaitMs: 0,
    lost: 0,
    trees: 0,
    treesLost: 0,
  };
}

/** A task's counts from Storm's per-task counters (`__emit-count-<stream>`, `__execute-count-<component>:<stream>`, …). */
function taskCounts(counters: Readonly<Record<string, number>>, system: boolean): Pick<WindowStats, 'emitted' | 'transferred' | 'executed' | 'acked' | 'failed'> {
  const of = (prefix: string) => {
    let total = 0;
    for (const [name, n] of Object.entries(counters)) {
      if (!name.startsWith(`${prefix}-`)) continue;
      if (!system && isSystem(streamOf(name.slice(prefix.length + 1)))) continue;
      total += n;
    }
    return total;
  };
  return { emitted: of('__emit-count'), transferred: of('__transfer-count'), executed: of('__execute-count'), acked: of('__ack-count'), failed: of('__fail-count') };
}

/** How ShellBolt/ShellSpout wrap an error the component reported (`error` command). */
const SHELL_ERROR = 'java.lang.Exception: Shell Process Exception: ';

/** The first line of an error Storm recorded, without the wrapper ShellBolt/ShellSpout put around the component's message. */
export function errorMessage(error: string): string {
  const text = error.startsWith(SHELL_ERROR) ? error.slice(SHELL_ERROR.length) : error;
  return text.split('\n')[0]!.trim();
}

/**
 * The run as the simulator's snapshot: what scripts/lib/report.ts prints. Figures Storm does not
 * measure are zero here (events, restarts, timeouts apart from failures, tuples lost, throttling of
 * bolts) and null in {@link stormJson}.
 */
export function stormSnapshot(run: StormRun): HostSnapshot {
  const plan = planOf(run);
  const t0 = run.times.running;
  const timeMs = run.times.deactivated - t0;
  const kindOf = (component: string): 'spout' | 'bolt' | 'acker' => (component === '__acker' ? 'acker' : (run.components[component]?.kind ?? run.executors.find((e) => e.component === component)?.stats?.kind ?? 'bolt'));
  const byId = new Map(plan.executors.map((pe) => [pe.id, run.executors.find((e) => e.component === pe.component && e.taskStart === pe.tasks[0])!]));
  const perWindow = <T>(f: (key: WindowKey) => T): Record<WindowKey, T> => Object.fromEntries(WINDOWS.map((k) => [k, f(k)])) as Record<WindowKey, T>;

  const executors: ExecutorStats[] = plan.executors.map((pe) => {
    const e = byId.get(pe.id)!;
    const kind = kindOf(pe.component);
    const taskStats: TaskStats[] = [];
    for (let t = pe.tasks[0]; t <= pe.tasks[1]; t++) {
      const counts = taskCounts(run.tasks[String(t)]?.counters ?? {}, kind === 'acker');
      taskStats.push({ id: t, pending: 0, windows: perWindow(() => counts) });
    }
    return {
      id: pe.id,
      component: pe.component,
      tasks: pe.tasks,
      worker: pe.worker,
      state: 'idle',
      queue: 0,
      queueCapacity: 0,
      overflow: 0,
      pending: 0,
      windows: perWindow((k) => windowStats([e], k, kind, e.uptimeSecs)),
      taskStats,
    };
  });

  const lastErrors: Record<string, { time: number; task: number; message: string }> = {};
  for (const [component, list] of Object.entries(run.errors)) {
    // The component's own report (storm.reportError, or its crash) over what Storm adds after it
    // (the broken pipe to the process that ended, the worker dying), which says less.
    const own = list.filter((e) => e.error.startsWith(SHELL_ERROR));
    const latest = (own.length > 0 ? own : list).reduce((a, b) => (b.timeSecs >= a.timeSecs ? b : a));
    lastErrors[component] = { time: Math.max(0, latest.timeSecs * 1000 - t0), task: -1, message: errorMessage(latest.error) };
  }

  const components: Record<string, ComponentStats> = {};
  const system: Record<string, ComponentStats> = {};
  for (const [component, tasks] of Object.entries(plan.tasks)) {
    const list = plan.executors.filter((pe) => pe.component === component).map((pe) => byId.get(pe.id)!);
    const kind = kindOf(component);
    const uptime = Math.max(0, ...list.map((e) => e.uptimeSecs));
    // Spouts: Storm's per-task counters of the time nextTuple was skipped (all time; a run is shorter than 10 minutes).
    const skipped = (name: string) => tasks.reduce((total, t) => total + (run.tasks[String(t)]?.counters[name] ?? 0), 0);
    const windows = perWindow((k) => windowStats(list, k, kind, uptime));
    if (kind === 'spout') windows.all = { ...windows.all, throttledMs: skipped('__skipped-backpressure-ms'), maxPendingMs: skipped('__skipped-max-spout-ms') };
    const stats: ComponentStats = {
      id: component,
      kind,
      executors: list.length,
      tasks,
      windows,
      latency: { '600': { execute: NO_LATENCY, process: NO_LATENCY, complete: NO_LATENCY }, all: { execute: NO_LATENCY, process: NO_LATENCY, complete: NO_LATENCY } },
      queued: 0,
      pending: 0,
      lastError: lastErrors[component] ?? null,
    };
    (kind === 'acker' ? system : components)[component] = stats;
  }

  const ts = run.topologyStats;
  const topology = {
    windows: perWindow((k) => {
      const w = STORM_WINDOW[k];
      return {
        spanMs: Math.min(run.uptimeSecs, WINDOW_SECS[k]) * 1000,
        emitted: ts.emitted?.[w] ?? 0,
        transferred: ts.transferred?.[w] ?? 0,
        acked: ts.acked?.[w] ?? 0,
        failed: ts.failed?.[w] ?? 0,
        completeLatencyMs: ts.completeLatencyMs?.[w] ?? null,
      };
    }),
  };

  const logs: (LogLine & { host: number })[] = run.logs.map((l, i) => ({
    seq: i + 1 + run.droppedLogLines,
    time: Math.max(0, l.timeMs - t0),
    component: l.component,
    task: l.task,
    level: l.level === 'DEBUG' || l.level === 'WARNING' || l.level === 'ERROR' ? l.level : 'INFO',
    message: l.message,
    host: 0,
  }));

  return {
    hosts: [0],
    clock: 'wall',
    seed: run.seed ?? '',
    time: timeMs,
    events: 0,
    plan,
    meta: { components: Object.keys(plan.tasks).map((id) => ({ id, role: kindOf(id) })), edges: [] },
    raw: { time: timeMs, start: 0, windows: perWindow(() => ({ spanMs: timeMs, values: new Float64Array(0) })), histograms: { '600': {}, all: {} } },
    live: [],
    workers: Array.from({ length: plan.workers }, (_, index) => ({ index, alive: true })),
    restarts: 0,
    logs,
    logCursor: { 0: logs.length },
    lineage: [],
    lastErrors,
    topology,
    components,
    system,
    executors,
    edges: {},
  };
}

type SimulateJson = ReturnType<typeof jsonReport>;
type ComponentJson = SimulateJson['components'][string];

/** A component of {@link StormJson}: what Storm does not measure is null. */
export type StormComponentJson = Omit<ComponentJson, 'timeouts' | 'lost' | 'throttledMs'> & { timeouts: null; lost: null; throttledMs: number | null };

/** The object `npm run storm --json` prints: the keys of `npm run simulate --json`, Storm's figures. */
export type StormJson = Omit<SimulateJson, 'components' | 'system' | 'topology'> & {
  components: Record<string, StormComponentJson>;
  system: Record<string, StormComponentJson>;
  topology: Omit<SimulateJson['topology'], 'events' | 'restarts'> & { events: null; restarts: null };
};

/**
 * `simulate --json`'s object from a Storm run. Storm does not count timeouts apart from other
 * failures, tuples lost with a worker, engine events or worker restarts, nor keep latency
 * distributions, nor time bolts blocked by backpressure: those are null (a spout's throttledMs is
 * Storm's `__skipped-backpressure-ms`).
 */
export function stormJson(run: StormRun, info: RunInfo): StormJson {
  const report = jsonReport(stormSnapshot(run), info);
  const component = (c: ComponentJson): StormComponentJson => ({ ...c, timeouts: null, lost: null, throttledMs: c.kind === 'spout' ? c.throttledMs : null });
  const map = (o: Record<string, ComponentJson>) => Object.fromEntries(Object.entries(o).map(([id, c]) => [id, component(c)]));
  return { ...report, components: map(report.components), system: map(report.system), topology: { ...report.topology, events: null, restarts: null } };
}
