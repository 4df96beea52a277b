/**
 * The physical plan view's model: Storm workers as boxes holding executors holding tasks, with
 * the task ids Storm assigns (the engine's {@link buildPlan}, acker executors included), and per
 * task how many tuples it handled, so a fields grouping's skew shows as uneven bars.
 */
import { buildPlan, type HostSnapshot, type PhysicalPlan, type WindowKey } from '../../engine';
import { validate, type TopologyDocument } from '../../model';

export type PlanRole = 'spout' | 'bolt' | 'acker';

export interface TaskCell {
  readonly id: number;
  /** Tuples this task handled (bolts and ackers: executed; spouts: emitted), null without a run. */
  readonly count: number | null;
  /** count / the busiest task of the same component (0–1), for the bar. */
  readonly share: number;
  /** Spout tasks: tuple trees pending. */
  readonly pending: number | null;
}

export interface ExecutorBox {
  readonly id: number;
  readonly component: string;
  readonly role: PlanRole;
  /** Storm's executor id, `[first last]` task. */
  readonly label: string;
  readonly tasks: readonly TaskCell[];
  readonly state: 'idle' | 'running' | 'blocked' | 'dead' | 'remote' | null;
}

export interface WorkerBox {
  readonly index: number;
  /** Storm's default slot ports start at 6700 (what Petrel's log names show). */
  readonly port: number;
  readonly alive: boolean | null;
  readonly executors: readonly ExecutorBox[];
  readonly tasks: number;
}

export interface ComponentSkew {
  readonly component: string;
  readonly role: PlanRole;
  readonly tasks: number;
  /** Busiest task's count / the mean over the component's tasks (1 = even). */
  readonly maxOverMean: number | null;
}

export interface PlanView {
  /** Which plan this is: the current document's, or the running topology's. */
  readonly source: 'document' | 'run';
  readonly workers: readonly WorkerBox[];
  readonly ackers: number;
  readonly totalTasks: number;
  readonly executors: number;
  /** Components with more than one task, and how uneven their tasks' counts are. */
  readonly skew: readonly ComponentSkew[];
  /** What the counts count. */
  readonly window: WindowKey;
}

/** Storm's first worker slot port (`supervisor.slots.ports` default 6700–6703). */
const FIRST_PORT = 6700;

function roleOf(component: string, kinds: ReadonlyMap<string, 'spout' | 'bolt'>): PlanRole {
  if (component === '__acker') return 'acker';
  return kinds.get(component) ?? 'bolt';
}

/**
 * Lays out a plan, with counts from a snapshot of the same run (or none).
 *
 * @param kinds component id → spout/bolt (from the document the plan was built from).
 * @example
 * const view = planView(buildPlan(doc), kindsOf(doc), null, 'document');
 * view.workers[0].executors[0].label // '[1 1]' (__acker)
 */
export function planView(plan: PhysicalPlan, kinds: ReadonlyMap<string, 'spout' | 'bolt'>, snapshot: HostSnapshot | null, source: PlanView['source'], window: WindowKey = 'all'): PlanView {
  const taskStats = new Map<number, { count: number; pending: number | null }>();
  const states = new Map<number, ExecutorBox['state']>();
  if (snapshot) {
    for (const ex of snapshot.executors) {
      states.set(ex.id, ex.state);
      const role = roleOf(ex.component, kinds);
      for (const t of ex.taskStats) {
        const w = t.windows[window];
        taskStats.set(t.id, { count: role === 'spout' ? w.emitted : w.executed, pending: role === 'spout' ? t.pending : null });
      }
    }
  }
  const maxOf = new Map<string, number>();
  for (const [component, ids] of Object.entries(plan.tasks)) {
    maxOf.set(component, Math.max(0, ...ids.map((id) => taskStats.get(id)?.count ?? 0)));
  }
  const alive = new Map(snapshot?.workers.map((w) => [w.index, w.alive]) ?? []);

  const box = (id: number): ExecutorBox => {
    const e = plan.executors[id]!;
    const tasks: TaskCell[] = [];
    for (let t = e.tasks[0]; t <= e.tasks[1]; t++) {
      const s = taskStats.get(t);
      const max = maxOf.get(e.component) ?? 0;
      tasks.push({ id: t, count: s?.count ?? null, share: s && max > 0 ? s.count / max : 0, pending: s?.pending ?? null });
    }
    return { id, component: e.component, role: roleOf(e.component, kinds), label: `[${e.tasks[0]} ${e.tasks[1]}]`, tasks, state: states.get(id) ?? null };
  };

  const workers: WorkerBox[] = plan.workerExecutors.map((ids, index) => {
    const executors = ids.map(box);
    return { index, port: FIRST_PORT + index, alive: alive.get(index) ?? null, executors, tasks: executors.reduce((a, e) => a + e.tasks.length, 0) };
  });

  const skew: ComponentSkew[] = Object.entries(plan.tasks)
    .filter(([, ids]) => ids.length > 1)
    .map(([component, ids]) => {
      const counts = ids.map((id) => taskStats.get(id)?.count ?? null);
      const known = counts.filter((c): c is number => c !== null);
      const mean = known.length === ids.length ? known.reduce((a, c) => a + c, 0) / known.length : 0;
      return { component, role: roleOf(component, kinds), tasks: ids.length, maxOverMean: mean > 0 ? Math.max(...known) / mean : null };
    });

  return { source, workers, ackers: plan.ackers, totalTasks: plan.maxTask, executors: plan.executors.length, skew, window };
}

/** Component id → spout/bolt of a document. */
export function kindsOf(doc: TopologyDocument): Map<string, 'spout' | 'bolt'> {
  return new Map(doc.components.map((c) => [c.id as string, c.kind]));
}

/**
 * The plan of a document as Storm would build it, or the reason it cannot be built (a
 * parallelism or task count below 1: the inspector shows the validation error).
 */
export function documentPlan(doc: TopologyDocument): { ok: true; plan: PhysicalPlan } | { ok: false; reason: string } {
  const bad = doc.components.find((c) => !(c.parallelism >= 1) || (c.numTasks !== null && !(c.numTasks >= 1)));
  if (bad) return { ok: false, reason: `Component "${bad.id}" needs a parallelism and task count of at least 1.` };
  if (!(doc.config.workers >= 1)) return { ok: false, reason: 'topology.workers must be at least 1.' };
  // A plan past Storm Studio's limits (e.g. an imported numTasks of 10^9) is never built.
  const limit = validate(doc).find((d) => d.code.startsWith('E_LIMIT_'));
  if (limit) return { ok: false, reason: limit.message };
  return { ok: true, plan: buildPlan(doc) };
}

/** Whether two plans place the same tasks in the same executors and workers. */
export function samePlan(a: PhysicalPlan, b: PhysicalPlan): boolean {
  if (a.workers !== b.workers || a.executors.length !== b.executors.length) return false;
  return a.executors.every((e, i) => {
    const f = b.executors[i]!;
    return e.component === f.component && e.tasks[0] === f.tasks[0] && e.tasks[1] === f.tasks[1] && e.worker === f.worker;
  });
}
