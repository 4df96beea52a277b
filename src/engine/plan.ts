/**
 * The physical plan: how Storm turns a topology into tasks, executors and workers (docs/engine.md, "Physical plan"). The
 * rules follow Storm's code: `StormCommon.stormTaskInfo` (task ids), `Nimbus.computeExecutors` with
 * `Utils.partitionFixed`/`integerDivided` (executors), and `EvenScheduler.scheduleTopology`
 * (executors sorted by start task, dealt round-robin over the worker slots).
 */
import { ACKER_COMPONENT, taskId, type ComponentId, type TaskId } from '../model/ids';
import { ackerCount, taskCount } from '../model/topology';
import type { TopologyDocument } from '../model/types';
import { idRecord } from './id-record';

/** One executor (a thread in Storm): a contiguous range of one component's tasks, in one worker. */
export interface PlanExecutor {
  /** Index in {@link PhysicalPlan.executors} (executors are sorted by first task). */
  readonly id: number;
  readonly component: ComponentId;
  /** First and last task id, inclusive, as Storm writes executor ids: `[first, last]`. */
  readonly tasks: readonly [TaskId, TaskId];
  /** Worker index, 0-based (Storm's slot order). */
  readonly worker: number;
}

/** Storm's physical plan as plain data: what the UI draws and the engine runs. */
export interface PhysicalPlan {
  /** `topology.workers`. */
  readonly workers: number;
  /** Number of acker tasks (= acker executors); 0 means acking is off. */
  readonly ackers: number;
  /** Component id → its task ids, ascending. Includes `__acker` when there are ackers. */
  readonly tasks: Readonly<Record<string, readonly TaskId[]>>;
  /** Task id (as a string key, as in Storm's JSON context) → component id. */
  readonly taskToComponent: Readonly<Record<string, ComponentId>>;
  /** Every executor, sorted by first task. */
  readonly executors: readonly PlanExecutor[];
  /** Executor ids per worker, in order. A worker may be empty when there are more workers than executors. */
  readonly workerExecutors: readonly (readonly number[])[];
  /** Highest task id (task ids are 1..maxTask). */
  readonly maxTask: number;
  /** The task id of `__system` (tick tuples come from it): -1, as in Storm. */
  readonly systemTask: -1;
}

/**
 * Splits `sum` into `pieces` near-equal parts, Storm's `Utils.integerDivided`: a map from part
 * size to how many parts have that size.
 *
 * @example
 * integerDivided(5, 3) // Map { 1 => 1, 2 => 2 }: one part of 1, two parts of 2
 */
export function integerDivided(sum: number, pieces: number): Map<number, number> {
  const base = Math.floor(sum / pieces);
  const numInc = sum % pieces;
  const result = new Map<number, number>([[base, pieces - numInc]]);
  if (numInc !== 0) result.set(base + 1, numInc);
  return result;
}

/**
 * Storm's `Utils.partitionFixed`: contiguous chunks of `items`, at most `maxChunks` of them, larger
 * chunks first.
 *
 * @example
 * partitionFixed(3, [1, 2, 3, 4, 5]) // [[1, 2], [3, 4], [5]]
 */
export function partitionFixed<T>(maxChunks: number, items: readonly T[]): T[][] {
  if (maxChunks <= 0 || items.length === 0) return [];
  const parts = integerDivided(items.length, maxChunks);
  const out: T[][] = [];
  let next = 0;
  for (const size of [...parts.keys()].sort((a, b) => b - a)) {
    for (let n = parts.get(size)!; n > 0 && next < items.length; n--) {
      if (size === 0) break;
      out.push(items.slice(next, next + size));
      next += size;
    }
  }
  return out;
}

/** UTF-16 code-unit order, as Java's `String.compareTo` (and a `TreeMap<String, …>`). */
function compareUtf16(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Computes the physical plan of a (valid) document.
 *
 * - Task ids: every component, `__acker` included, sorted by id in UTF-16 order; ids from 1,
 *   consecutive within a component. `__system` has no task id of its own (it uses -1).
 * - Executors: `min(parallelism, tasks)` per component, contiguous task chunks, larger first.
 * - Workers: executors sorted by first task, executor i in worker `i mod topology.workers`.
 *
 * @example
 * const plan = buildPlan(wordCountExample());
 * // "__acker" < "count" < "sentences" < "split" ('_' is U+005F, before lower-case letters)
 * plan.tasks.count  // [2, 3, 4]
 * plan.executors[0] // { id: 0, component: '__acker', tasks: [1, 1], worker: 0 }
 */
export function buildPlan(doc: TopologyDocument): PhysicalPlan {
  const ackers = ackerCount(doc.config);
  const workers = Math.max(1, doc.config.workers);
  const entries: { id: ComponentId; tasks: number; executors: number }[] = doc.components.map((c) => ({
    id: c.id,
    tasks: taskCount(c),
    executors: c.parallelism,
  }));
  if (ackers > 0) entries.push({ id: ACKER_COMPONENT, tasks: ackers, executors: ackers });
  entries.sort((a, b) => compareUtf16(a.id, b.id));

  const tasks = idRecord<TaskId[]>();
  const taskToComponent: Record<string, ComponentId> = {};
  const ranges: { component: ComponentId; tasks: [TaskId, TaskId] }[] = [];
  let next = 1;
  for (const e of entries) {
    const ids = Array.from({ length: e.tasks }, (_, i) => taskId(next + i));
    next += e.tasks;
    tasks[e.id] = ids;
    for (const t of ids) taskToComponent[String(t)] = e.id;
    for (const chunk of partitionFixed(Math.min(e.executors, e.tasks), ids)) {
      ranges.push({ component: e.id, tasks: [chunk[0]!, chunk[chunk.length - 1]!] });
    }
  }
  ranges.sort((a, b) => a.tasks[0] - b.tasks[0]);
  const executors = ranges.map((r, i): PlanExecutor => ({ id: i, component: r.component, tasks: r.tasks, worker: i % workers }));
  const workerExecutors = Array.from({ length: workers }, (_, w) => executors.filter((e) => e.worker === w).map((e) => e.id));
  return { workers, ackers, tasks, taskToComponent, executors, workerExecutors, maxTask: next - 1, systemTask: -1 };
}

/** Task id → worker index, for task ids 1..maxTask (index 0 unused). */
export function workerOfTask(plan: PhysicalPlan): Int32Array {
  const out = new Int32Array(plan.maxTask + 1).fill(-1);
  for (const e of plan.executors) for (let t = e.tasks[0]; t <= e.tasks[1]; t++) out[t] = e.worker;
  return out;
}
