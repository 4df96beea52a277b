/**
 * Real Storm beside the simulator, as data: Storm UI's spouts and bolts tables (the columns of the
 * one registry, `viz/storm-columns.ts`) with each figure of the real run above the same figure of
 * the last simulator run of the document, and a "Simulator vs Storm" column saying how far apart
 * their counts are. Counts are compared per second of run: the simulator ran for its engine time,
 * Storm's spouts for the run's seconds.
 */
import type { ComponentStats, HostSnapshot, WindowStats } from '../../engine';
import { columnsFor, formatInt, formatLatency, hintOf, type Role } from '../viz/storm-columns';
import { formatCapacity } from '../viz/capacity';
import type { StormComponent, StormResult } from './companion-client';

export interface CompareColumn {
  readonly key: string;
  readonly label: string;
  readonly hint?: string;
  readonly numeric?: boolean;
}

export interface CompareCell {
  readonly storm: string;
  /** The simulator's figure; null without a simulator run of the document (or without that component). */
  readonly sim: string | null;
}

export interface CompareRow {
  readonly id: string;
  readonly cells: Readonly<Record<string, CompareCell>>;
  /** How the simulator's counts compare with Storm's ("" without a simulator run). */
  readonly verdict: string;
  /** The counts differ by more than {@link FAR}. */
  readonly far: boolean;
}

/** Counts further apart than this (relative, per second) are flagged. */
export const FAR = 0.25;
const COUNTS = ['emitted', 'transferred', 'executed', 'acked', 'failed'] as const;
export const VERDICT_COLUMN: CompareColumn = { key: 'vs', label: 'Simulator vs Storm', hint: 'The simulator’s counts per second of run against Storm’s: the furthest apart of emitted, transferred, executed, acked and failed' };

const WINDOW_KEYS = ['600', '10800', '86400', 'all'] as const;

/** How long Storm's spouts ran (what its counts are over): measured, else the seconds asked for. */
export const stormSeconds = (result: StormResult): number => Math.max(result.topology.timeMs > 0 ? result.topology.timeMs / 1000 : result.topology.seconds, 0.001);

/** A component of the real run as the registry's columns read it (a run is shorter than every window). */
export function stormComponentStats(id: string, c: StormComponent, result: StormResult): ComponentStats {
  const executors = result.plan.executors.filter((e) => e.component === id).length;
  const w: WindowStats = {
    spanMs: stormSeconds(result) * 1000,
    emitted: c.emitted,
    transferred: c.transferred,
    executed: c.executed,
    acked: c.acked,
    failed: c.failed,
    executeLatencyMs: c.executeLatencyMs,
    processLatencyMs: c.processLatencyMs,
    completeLatencyMs: c.completeLatencyMs,
    readLatencyMs: null,
    capacity: c.capacity,
    ticks: 0,
    timeouts: 0,
    nextTupleCalls: 0,
    throttledMs: 0,
    maxPendingMs: 0,
    emptyWaitMs: 0,
    lost: 0,
    // Storm counts no trees started or lost with a worker.
    trees: 0,
    treesLost: 0,
  };
  const none = { count: 0, meanMs: null, p50Ms: null, p99Ms: null };
  const latency = { execute: none, process: none, complete: none };
  return {
    id,
    kind: c.kind === 'acker' ? 'acker' : c.kind,
    executors,
    tasks: (result.plan.tasks[id] ?? []) as ComponentStats['tasks'],
    windows: Object.fromEntries(WINDOW_KEYS.map((k) => [k, w])) as ComponentStats['windows'],
    latency: { '600': latency, all: latency },
    queued: 0,
    pending: 0,
    lastError: c.lastError === null ? null : { time: 0, task: -1, message: c.lastError },
  };
}

const roleOf = (kind: string): Role => (kind === 'spout' ? 'spout' : 'bolt');

/** The columns of a role's table: the registry's (Id first), then the verdict. */
export function compareColumns(role: Role): CompareColumn[] {
  return [
    ...columnsFor(role).map((c) => {
      const hint = hintOf(c, role);
      return { key: c.key, label: c.label, ...(hint ? { hint } : {}), ...(c.numeric ? { numeric: true } : {}) };
    }),
    VERDICT_COLUMN,
  ];
}

/** A cell of the registry, with the error's message only (Storm's errors have no task or engine time). */
function cellOf(key: string, role: Role, c: ComponentStats): string {
  if (key === 'error') return c.lastError?.message ?? '';
  if (key === 'capacity') return formatCapacity(c.windows['600'].capacity);
  // The means only: Storm keeps no latency distribution, the simulator's p50 · p99 would be alone.
  if (key === 'complete') return formatLatency(c.windows.all.completeLatencyMs);
  if (key === 'execute') return formatLatency(c.windows.all.executeLatencyMs);
  if (key === 'process') return formatLatency(c.windows.all.processLatencyMs);
  const col = columnsFor(role).find((x) => x.key === key);
  return col ? col.value(c, 'all') : '';
}

/** "+12 %" / "−3 %" / "same". */
function percent(x: number): string {
  if (Math.abs(x) < 0.005) return 'same';
  const p = Math.round(x * 100);
  return `${p > 0 ? '+' : p < 0 ? '−' : '±'}${Math.abs(p)} %`;
}

/** The furthest apart of the counts, per second of run (`simSecs`, `stormSecs`). */
function verdictOf(storm: ComponentStats, sim: ComponentStats, simSecs: number, stormSecs: number): { text: string; far: boolean } {
  let worst: { key: string; diff: number } | null = null;
  for (const key of COUNTS) {
    const a = storm.windows.all[key] / stormSecs;
    const b = sim.windows.all[key] / simSecs;
    if (a === 0 && b === 0) continue;
    const diff = a === 0 ? Infinity : (b - a) / a;
    if (worst === null || Math.abs(diff) > Math.abs(worst.diff)) worst = { key, diff };
  }
  if (worst === null) return { text: 'no tuples in either', far: false };
  if (worst.diff === Infinity) return { text: `${worst.key}: Storm 0, simulator ${formatInt(sim.windows.all[worst.key as (typeof COUNTS)[number]])}`, far: true };
  const far = Math.abs(worst.diff) > FAR;
  if (Math.abs(worst.diff) < 0.005) return { text: 'same counts per second', far };
  return { text: far ? `${worst.key} ${percent(worst.diff)} per second` : `within ${Math.max(1, Math.round(Math.abs(worst.diff) * 100))} % per second`, far };
}

/**
 * The rows of a role's table: one per component of the real run, sorted by id as Storm UI does.
 * `sim` is the last simulator run's snapshot of the same document (or null).
 */
export function compareRows(result: StormResult, sim: HostSnapshot | null, role: Role): CompareRow[] {
  const columns = compareColumns(role).filter((c) => c.key !== VERDICT_COLUMN.key);
  const simSecs = sim ? Math.max(sim.time, 1) / 1000 : 1;
  const stormSecs = stormSeconds(result);
  return Object.entries(result.components)
    .filter(([, c]) => roleOf(c.kind) === role)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, c]) => {
      const storm = stormComponentStats(id, c, result);
      const simC = sim?.components[id] ?? null;
      const cells: Record<string, CompareCell> = {};
      for (const col of columns) cells[col.key] = { storm: cellOf(col.key, role, storm), sim: col.key === 'id' || simC === null ? null : cellOf(col.key, role, simC) };
      const verdict = simC ? verdictOf(storm, simC, simSecs, stormSecs) : { text: sim ? 'not in the simulator run' : '', far: false };
      cells[VERDICT_COLUMN.key] = { storm: verdict.text, sim: null };
      return { id, cells, verdict: verdict.text, far: verdict.far };
    });
}

export interface PlanComparison {
  /** Executors per worker of the real run: `component [first-last]`. */
  readonly workers: readonly (readonly { readonly component: string; readonly tasks: readonly [number, number] }[])[];
  /** How the real plan compares with the simulator's (null without a simulator run). */
  readonly sameAsSimulator: boolean | null;
}

const planKey = (executors: readonly { component: string; tasks: readonly [number, number] }[]) =>
  executors
    .map((e) => `${e.component}:${e.tasks[0]}-${e.tasks[1]}`)
    .sort()
    .join(' ');

/** The real plan by worker, and whether its executors and task ids are the simulator's. */
export function comparePlan(result: StormResult, sim: HostSnapshot | null): PlanComparison {
  const workers = Array.from({ length: Math.max(result.plan.workers, ...result.plan.executors.map((e) => e.worker + 1)) }, (_, w) =>
    result.plan.executors.filter((e) => e.worker === w).map((e) => ({ component: e.component, tasks: e.tasks })),
  );
  const sameAsSimulator = sim ? planKey(result.plan.executors) === planKey(sim.plan.executors.map((e) => ({ component: e.component, tasks: [e.tasks[0], e.tasks[1]] as const }))) && sim.plan.workers === result.plan.workers : null;
  return { workers, sameAsSimulator };
}
