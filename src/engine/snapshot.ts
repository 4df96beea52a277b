/**
 * Snapshots: the engine's state as plain data for the page (a few per second, never per tuple).
 * A snapshot carries the mergeable raw metrics of its host(s) and a view derived from them in Storm
 * UI's terms. {@link mergeSnapshots} adds the raw parts of several hosts (one per Storm worker in
 * wall-time mode) and derives the view again.
 */
import type { EngineState } from './engine-state';
import { R_ACKER, R_SPOUT, X_BLOCKED, X_DEAD, X_IDLE, X_REMOTE, X_SCHEDULED } from './executor';
import { histFromSparse, histPercentile, HIST_SIZE, type SparseHistogram } from './histogram';
import { idRecord, own } from './id-record';
import type { LineageTree } from './lineage';
import {
  E_BUSY_MS,
  E_EMPTY_WAIT_MS,
  E_LOST,
  E_TREES,
  E_TREES_LOST,
  E_MAX_PENDING_MS,
  E_N,
  E_THROTTLED_MS,
  T_ACKED,
  T_CALLS,
  T_COMPLETE_MS,
  T_COMPLETE_N,
  T_EMITTED,
  T_EXEC_MS,
  T_EXEC_N,
  T_EXECUTED,
  T_FAILED,
  T_N,
  T_PROC_MS,
  T_PROC_N,
  T_READ_MS,
  T_READ_N,
  T_TICKS,
  T_TIMEOUTS,
  T_TRANSFERRED,
  WINDOWS,
  type WindowKey,
} from './metrics';

import type { ComponentRole, WindowStats, LatencyDistribution, LatencyPercentiles, ExecutorState, ExecutorStats, ComponentStats, EdgeStats, TopologyStats, HostSnapshot, LiveExecutor } from './snapshot-types';
export type { ComponentRole, WindowStats, LatencyDistribution, LatencyPercentiles, TaskStats, ExecutorState, ExecutorStats, ComponentStats, EdgeStats, TopologyStats, HostSnapshot } from './snapshot-types';

/** What {@link buildHostSnapshot} reads from an engine's state. */
export type SnapshotInput = Pick<
  EngineState,
  'host' | 'hostedWorkers' | 'clock' | 'seed' | 'now' | 'events' | 'plan' | 'edges' | 'components' | 'executors' | 'metrics' | 'logs' | 'lineage' | 'workerAlive' | 'lastErrors' | 'restarts' | 'datastores'
>;

const STATE: Record<number, ExecutorState> = { [X_IDLE]: 'idle', [X_SCHEDULED]: 'running', [X_BLOCKED]: 'blocked', [X_DEAD]: 'dead', [X_REMOTE]: 'remote' };

/**
 * Builds the snapshot of one host.
 *
 * @example
 * const snap = engine.snapshot({ logsAfter: lastSeq });
 * snap.components.count.windows['600'].capacity
 */
export function buildHostSnapshot(input: SnapshotInput, options: { logsAfter?: number; maxLogs?: number; lineage?: boolean } = {}): HostSnapshot {
  const live: LiveExecutor[] = [];
  for (const ex of input.executors) {
    if (ex.state === X_REMOTE) continue;
    const taskPending: [number, number][] = [];
    if (ex.pending) for (let t = ex.firstTask; t <= ex.lastTask; t++) taskPending.push([t, ex.pending.pendingOf(t)]);
    live.push({
      id: ex.id,
      state: STATE[ex.state]!,
      queue: ex.queue.length,
      queueCapacity: ex.capacity,
      overflow: ex.overflow.length,
      pending: ex.pending?.size ?? ex.ledger?.size ?? 0,
      taskPending,
    });
  }
  const logs = input.logs.since(options.logsAfter ?? 0, options.maxLogs ?? input.logs.capacity).map((l) => ({ ...l, host: input.host }));
  const base = {
    hosts: [input.host],
    clock: input.clock,
    seed: input.seed,
    time: input.now,
    events: input.events,
    plan: input.plan,
    meta: {
      components: input.components.map((c) => ({ id: c.id, role: (c.role === R_SPOUT ? 'spout' : c.role === R_ACKER ? 'acker' : 'bolt') as ComponentRole })),
      edges: input.edges.map((e) => ({ id: e.subscription.id, from: e.subscription.from, to: e.subscription.to, stream: e.subscription.stream })),
    },
    raw: input.metrics.raw(input.now),
    live,
    workers: input.hostedWorkers.map((index) => ({ index, alive: input.workerAlive[index] ?? false })),
    restarts: input.restarts,
    logs,
    logCursor: { [input.host]: input.logs.lastSeq },
    lineage: options.lineage === false || input.lineage === null ? [] : input.lineage.snapshot(),
    lastErrors: recordOf(input.lastErrors),
    datastores: input.datastores.view(),
  };
  return { ...base, ...deriveView(base) };
}

type SnapshotBase = Omit<HostSnapshot, 'topology' | 'components' | 'system' | 'executors' | 'edges'>;

/**
 * Merges the snapshots of the hosts of one run (one per Storm worker in wall-time mode) into one:
 * counters and histograms add up, live state and logs are joined, lineage trees with the same root
 * are merged, and the Storm UI view is derived again.
 *
 * @example
 * const all = mergeSnapshots(await Promise.all(hosts.map((h) => h.snapshot())));
 */
export function mergeSnapshots(snapshots: readonly HostSnapshot[]): HostSnapshot {
  if (snapshots.length === 0) throw new Error('mergeSnapshots needs at least one snapshot');
  if (snapshots.length === 1) return snapshots[0]!;
  const first = snapshots[0]!;
  const windows = {} as Record<WindowKey, { spanMs: number; values: Float64Array }>;
  for (const key of WINDOWS) {
    const values = new Float64Array(first.raw.windows[key].values.length);
    let spanMs = 0;
    for (const s of snapshots) {
      const w = s.raw.windows[key];
      for (let i = 0; i < values.length; i++) values[i]! += w.values[i]!;
      spanMs = Math.max(spanMs, w.spanMs);
    }
    windows[key] = { spanMs, values };
  }
  const histograms: Record<'600' | 'all', Record<string, [SparseHistogram, SparseHistogram, SparseHistogram]>> = { '600': idRecord(), all: idRecord() };
  for (const key of ['600', 'all'] as const) {
    for (const c of first.meta.components) {
      const sums = [0, 1, 2].map(() => new Float64Array(HIST_SIZE));
      for (const s of snapshots) {
        const h = own(s.raw.histograms[key], c.id);
        if (h) h.forEach((sparse, k) => histFromSparse(sparse, sums[k]));
      }
      histograms[key][c.id] = sums.map((d) => sparseOf(d)) as [SparseHistogram, SparseHistogram, SparseHistogram];
    }
  }
  const trees = new Map<string, LineageTree>();
  for (const s of snapshots) {
    for (const t of s.lineage) {
      const seen = trees.get(t.root);
      trees.set(t.root, seen ? mergeTree(seen, t) : t);
    }
  }
  const base: SnapshotBase = {
    hosts: snapshots.flatMap((s) => s.hosts),
    clock: first.clock,
    seed: first.seed,
    time: Math.max(...snapshots.map((s) => s.time)),
    events: snapshots.reduce((a, s) => a + s.events, 0),
    plan: first.plan,
    meta: first.meta,
    raw: { time: Math.max(...snapshots.map((s) => s.raw.time)), start: Math.min(...snapshots.map((s) => s.raw.start)), windows, histograms },
    live: snapshots.flatMap((s) => s.live).sort((a, b) => a.id - b.id),
    workers: snapshots.flatMap((s) => s.workers).sort((a, b) => a.index - b.index),
    restarts: snapshots.reduce((a, s) => a + s.restarts, 0),
    logs: snapshots.flatMap((s) => s.logs).sort((a, b) => a.time - b.time || a.host - b.host || a.seq - b.seq),
    logCursor: Object.assign({}, ...snapshots.map((s) => s.logCursor)) as Record<number, number>,
    lineage: [...trees.values()].sort((a, b) => a.emittedAt - b.emittedAt),
    lastErrors: mergedErrors(snapshots),
    datastores: snapshots.find((s) => s.datastores)?.datastores ?? null,
  };
  return { ...base, ...deriveView(base) };
}

type LastErrors = HostSnapshot['lastErrors'];

function recordOf(errors: ReadonlyMap<string, LastErrors[string]>): LastErrors {
  const out = idRecord<LastErrors[string]>();
  for (const [id, e] of errors) out[id] = e;
  return out;
}

/** Each component's last error over the hosts: the latest. */
function mergedErrors(snapshots: readonly HostSnapshot[]): LastErrors {
  const out = idRecord<LastErrors[string]>();
  for (const s of snapshots) {
    for (const [id, e] of Object.entries(s.lastErrors)) {
      const seen = out[id];
      if (seen === undefined || e.time >= seen.time) out[id] = e;
    }
  }
  return out;
}

function sparseOf(data: Float64Array): SparseHistogram {
  const out: [number, number, number][] = [];
  for (let b = 0; b < HIST_SIZE / 2; b++) if (data[2 * b]! > 0) out.push([b, data[2 * b]!, data[2 * b + 1]!]);
  return out;
}

function mergeTree(a: LineageTree, b: LineageTree): LineageTree {
  const main = a.spout !== '' ? a : b;
  const nodes = new Map(a.nodes.map((n) => [n.id, n]));
  for (const n of b.nodes) {
    const seen = nodes.get(n.id);
    if (!seen) nodes.set(n.id, n);
    else {
      // One host knows how the tuple was emitted, the receiving host how it was acked or failed.
      const full = seen.component !== '' ? seen : n;
      nodes.set(n.id, { ...full, ackedAt: seen.ackedAt ?? n.ackedAt, failedAt: seen.failedAt ?? n.failedAt });
    }
  }
  return {
    ...main,
    nodes: [...nodes.values()].sort((x, y) => x.emittedAt - y.emittedAt),
    xor: [...a.xor, ...b.xor].sort((x, y) => x.time - y.time),
    truncated: a.truncated || b.truncated,
  };
}

const ratio = (sum: number, n: number): number | null => (n > 0 ? sum / n : null);

function windowStats(v: Float64Array, taskIds: readonly number[], executorIds: readonly number[], layout: { executorBase: number }, spanMs: number, uptimeMs: number, windowMs: number, bolt: boolean): WindowStats {
  let emitted = 0, transferred = 0, executed = 0, acked = 0, failed = 0, execMs = 0, execN = 0, procMs = 0, procN = 0, compMs = 0, compN = 0, ticks = 0, timeouts = 0, calls = 0, readMs = 0, readN = 0;
  for (const t of taskIds) {
    const b = t * T_N;
    emitted += v[b + T_EMITTED]!;
    transferred += v[b + T_TRANSFERRED]!;
    executed += v[b + T_EXECUTED]!;
    acked += v[b + T_ACKED]!;
    failed += v[b + T_FAILED]!;
    execMs += v[b + T_EXEC_MS]!;
    execN += v[b + T_EXEC_N]!;
    procMs += v[b + T_PROC_MS]!;
    procN += v[b + T_PROC_N]!;
    compMs += v[b + T_COMPLETE_MS]!;
    compN += v[b + T_COMPLETE_N]!;
    ticks += v[b + T_TICKS]!;
    timeouts += v[b + T_TIMEOUTS]!;
    calls += v[b + T_CALLS]!;
    readMs += v[b + T_READ_MS]!;
    readN += v[b + T_READ_N]!;
  }
  let throttledMs = 0, maxPendingMs = 0, emptyWaitMs = 0, lost = 0, trees = 0, treesLost = 0;
  let capacity: number | null = bolt ? 0 : null;
  const denom = Math.min(uptimeMs, windowMs);
  for (const e of executorIds) {
    const b = layout.executorBase + e * E_N;
    throttledMs += v[b + E_THROTTLED_MS]!;
    maxPendingMs += v[b + E_MAX_PENDING_MS]!;
    emptyWaitMs += v[b + E_EMPTY_WAIT_MS]!;
    lost += v[b + E_LOST]!;
    trees += v[b + E_TREES]!;
    treesLost += v[b + E_TREES_LOST]!;
    if (bolt && denom > 0) capacity = Math.max(capacity!, v[b + E_BUSY_MS]! / denom);
  }
  return {
    spanMs,
    emitted,
    transferred,
    executed,
    acked,
    failed,
    executeLatencyMs: ratio(execMs, execN),
    processLatencyMs: ratio(procMs, procN),
    readLatencyMs: ratio(readMs, readN),
    completeLatencyMs: ratio(compMs, compN),
    capacity,
    ticks,
    timeouts,
    nextTupleCalls: calls,
    throttledMs,
    maxPendingMs,
    emptyWaitMs,
    lost,
    trees,
    treesLost,
  };
}

const WINDOW_LENGTH_MS: Record<WindowKey, number> = { '600': 600_000, '10800': 10_800_000, '86400': 86_400_000, all: Infinity };

function distribution(sparse: SparseHistogram | undefined): LatencyDistribution {
  if (!sparse || sparse.length === 0) return { count: 0, meanMs: null, p50Ms: null, p99Ms: null };
  const data = histFromSparse(sparse);
  let count = 0;
  let sum = 0;
  for (const [, c, s] of sparse) {
    count += c;
    sum += s;
  }
  return { count, meanMs: sum / count, p50Ms: histPercentile(data, 0, 0.5), p99Ms: histPercentile(data, 0, 0.99) };
}

/** Derives Storm UI's view (topology, components, executors, tasks, edges) from the raw parts. */
function deriveView(s: SnapshotBase): Pick<HostSnapshot, 'topology' | 'components' | 'system' | 'executors' | 'edges'> {
  const plan = s.plan;
  const uptimeMs = s.raw.time - s.raw.start;
  const roles = new Map(s.meta.components.map((c) => [c.id, c.role]));
  const liveById = new Map(s.live.map((l) => [l.id, l]));
  const executorBase = (plan.maxTask + 1) * T_N;
  const layout = { executorBase };
  const perWindow = <T>(f: (key: WindowKey, values: Float64Array, spanMs: number) => T): Record<WindowKey, T> => {
    const out = {} as Record<WindowKey, T>;
    for (const key of WINDOWS) out[key] = f(key, s.raw.windows[key].values, s.raw.windows[key].spanMs);
    return out;
  };

  const executors: ExecutorStats[] = plan.executors.map((pe) => {
    const taskIds: number[] = [];
    for (let t = pe.tasks[0]; t <= pe.tasks[1]; t++) taskIds.push(t);
    const bolt = roles.get(pe.component) !== 'spout';
    const lv = liveById.get(pe.id);
    const pendingOf = new Map(lv?.taskPending ?? []);
    return {
      id: pe.id,
      component: pe.component,
      tasks: pe.tasks,
      worker: pe.worker,
      state: lv?.state ?? 'remote',
      queue: lv?.queue ?? 0,
      queueCapacity: lv?.queueCapacity ?? 0,
      overflow: lv?.overflow ?? 0,
      pending: lv?.pending ?? 0,
      windows: perWindow((key, v, span) => windowStats(v, taskIds, [pe.id], layout, span, uptimeMs, WINDOW_LENGTH_MS[key], bolt)),
      taskStats: taskIds.map((id) => ({
        id,
        pending: pendingOf.get(id) ?? 0,
        windows: perWindow((_key, v) => {
          const b = id * T_N;
          return { emitted: v[b + T_EMITTED]!, transferred: v[b + T_TRANSFERRED]!, executed: v[b + T_EXECUTED]!, acked: v[b + T_ACKED]!, failed: v[b + T_FAILED]! };
        }),
      })),
    };
  });

  const components = idRecord<ComponentStats>();
  const system = idRecord<ComponentStats>();
  for (const c of s.meta.components) {
    const taskIds = own(plan.tasks, c.id) ?? [];
    const exIds = plan.executors.filter((e) => e.component === c.id).map((e) => e.id);
    const lat = (key: '600' | 'all'): LatencyPercentiles => {
      const h = own(s.raw.histograms[key], c.id);
      return { execute: distribution(h?.[0]), process: distribution(h?.[1]), complete: distribution(h?.[2]) };
    };
    const stats: ComponentStats = {
      id: c.id,
      kind: c.role,
      executors: exIds.length,
      tasks: taskIds,
      windows: perWindow((key, v, span) => windowStats(v, taskIds, exIds, layout, span, uptimeMs, WINDOW_LENGTH_MS[key], c.role !== 'spout')),
      latency: { '600': lat('600'), all: lat('all') },
      queued: exIds.reduce((a, id) => a + (liveById.get(id)?.queue ?? 0), 0),
      pending: exIds.reduce((a, id) => a + (liveById.get(id)?.pending ?? 0), 0),
      lastError: own(s.lastErrors, c.id) ?? null,
    };
    (c.role === 'acker' ? system : components)[c.id] = stats;
  }

  const spouts = Object.values(components).filter((c) => c.kind === 'spout');
  const topology: TopologyStats = {
    windows: perWindow((key) => {
      let emitted = 0, transferred = 0, acked = 0, failed = 0, latSum = 0;
      for (const c of Object.values(components)) {
        emitted += c.windows[key].emitted;
        transferred += c.windows[key].transferred;
      }
      for (const sp of spouts) {
        const w = sp.windows[key];
        acked += w.acked;
        failed += w.failed;
        if (w.completeLatencyMs !== null) latSum += w.completeLatencyMs * w.acked;
      }
      return { spanMs: s.raw.windows[key].spanMs, emitted, transferred, acked, failed, completeLatencyMs: acked > 0 ? latSum / acked : null };
    }),
  };

  const edgeBase = executorBase + plan.executors.length * E_N;
  const edges = idRecord<EdgeStats>();
  s.meta.edges.forEach((e, i) => {
    edges[e.id] = { ...e, transferred: perWindow((_k, v) => v[edgeBase + i]!) };
  });
  return { topology, components, system, executors, edges };
}
