/**
 * The capacity advisor's arithmetic: from a run's capacity and latencies, how many executors each
 * bolt needs to stay under a target capacity, and why (as a sentence with the figures).
 *
 * A bolt's load is the number of executors it keeps busy: `parallelism × capacity` (capacity is the
 * busiest executor's, so this errs on the safe side when keys are skewed), or, when that
 * under-reads because the bolt is saturated (its queue grows; capacity cannot pass 1), the rate
 * of tuples arriving × the execute latency. The bolt needs `ceil(load / target)` executors.
 *
 * @example
 * adviseBolt({ id: 'count', parallelism: 2, tasks: 2, capacity: 0.9, executeLatencyMs: 1, arrivalsPerSec: 0 })
 * // { needed: 3, … why: 'capacity 0.900 at parallelism 2 keeps 1.80 executors busy; to stay under 0.7 it needs ≥ 3 (1.80 / 0.7 = 2.57)' }
 */
import type { HostSnapshot } from '../../engine';
import type { TopologyDocument } from '../../model';

/** The capacity the advisor aims under (Storm's docs call for headroom well below 1). */
export const TARGET_CAPACITY = 0.7;
/** Below this nobody needs advice: the bolt is idle most of the time. */
const QUIET = 0.05;

export interface BoltFigures {
  readonly id: string;
  /** Executors now (in the run). */
  readonly parallelism: number;
  /** Tasks now: executors cannot outnumber them. */
  readonly tasks: number;
  /** Capacity over the 10-minute window (the busiest executor's), 0..1. */
  readonly capacity: number;
  /** Mean execute latency, ms (null before the first tuple). */
  readonly executeLatencyMs: number | null;
  /** Tuples arriving per second of engine time (sent to the bolt along its subscriptions). */
  readonly arrivalsPerSec: number;
}

export interface BoltAdvice {
  readonly id: string;
  readonly parallelism: number;
  readonly capacity: number;
  /** Executors kept busy (see the module's comment). */
  readonly load: number;
  /** Executors needed to stay under {@link TARGET_CAPACITY}; never below 1. */
  readonly needed: number;
  /** `needed > parallelism`: the bolt should get more executors. */
  readonly raise: boolean;
  /** The tasks must grow too (`numTasks` below `needed`). */
  readonly raiseTasks: boolean;
  /** The reason, with the figures. */
  readonly why: string;
}

const f2 = (x: number) => x.toFixed(2);
const f3 = (x: number) => x.toFixed(3);

/**
 * The busiest executor's share of a component's tuples when `tasks` tasks (spread evenly by the
 * grouping) are split over `executors` executors: Storm gives the first executors one task more.
 */
const busiestShare = (tasks: number, executors: number) => Math.ceil(tasks / executors) / tasks;

/**
 * The fewest executors that keep the busiest one under `target`, given the tasks (they grow with
 * the executors when fewer): 4 tasks over 3 executors put half the load on one of them.
 */
function executorsFor(load: number, tasks: number, target: number): number {
  let n = Math.max(1, Math.ceil(load / target - 1e-9));
  while (n < 1024 && load * busiestShare(Math.max(tasks, n), n) > target + 1e-9) n++;
  return n;
}

function unevenNote(load: number, tasks: number, needed: number, target: number): string {
  const even = Math.max(1, Math.ceil(load / target - 1e-9));
  return needed > even ? `, rounded up so that its ${tasks} tasks spread evenly enough over the executors` : '';
}

/** The advice for one bolt. */
export function adviseBolt(b: BoltFigures, target = TARGET_CAPACITY): BoltAdvice {
  const fromCapacity = b.parallelism * b.capacity;
  const fromArrivals = b.executeLatencyMs === null ? 0 : (b.arrivalsPerSec * b.executeLatencyMs) / 1000;
  // Saturated bolts under-read their capacity (busy time cannot exceed elapsed time).
  const useArrivals = fromArrivals > fromCapacity * 1.05;
  const load = useArrivals ? fromArrivals : fromCapacity;
  const needed = executorsFor(load, b.tasks, target);
  const raise = needed > b.parallelism;
  const basis = useArrivals
    ? `${f2(b.arrivalsPerSec)} tuples/s arrive × ${f3(b.executeLatencyMs ?? 0)} ms each keeps ${f2(load)} executors busy (capacity ${f3(b.capacity)} at parallelism ${b.parallelism} cannot show more: it is saturated)`
    : `capacity ${f3(b.capacity)} at parallelism ${b.parallelism} keeps ${f2(load)} executors busy`;
  let why: string;
  if (load < QUIET * b.parallelism && !raise) why = `${basis}: it is idle most of the time; parallelism ${b.parallelism} is plenty`;
  else if (raise) why = `${basis}; to stay under ${target} it needs ≥ ${needed} (${f2(load)} / ${target} = ${f2(load / target)}${unevenNote(load, b.tasks, needed, target)})`;
  else why = `${basis}; under ${target} with ${b.parallelism} (it would need ${needed})`;
  const raiseTasks = raise && needed > b.tasks;
  if (raiseTasks) why += `; it has ${b.tasks} task${b.tasks === 1 ? '' : 's'}, so its tasks must grow to ${needed} too`;
  return { id: b.id, parallelism: b.parallelism, capacity: b.capacity, load, needed, raise, raiseTasks, why };
}

/** The figures of every bolt of a run, from its snapshot (the 10-minute window). */
export function boltFigures(snapshot: HostSnapshot): BoltFigures[] {
  const span = Math.max(1e-9, snapshot.topology.windows['600'].spanMs / 1000);
  const arrivals = new Map<string, number>();
  for (const edge of Object.values(snapshot.edges)) arrivals.set(edge.to, (arrivals.get(edge.to) ?? 0) + edge.transferred['600']);
  return Object.values(snapshot.components)
    .filter((c) => c.kind === 'bolt')
    .map((c) => {
      const w = c.windows['600'];
      return {
        id: c.id,
        parallelism: c.executors,
        tasks: c.tasks.length,
        capacity: w.capacity ?? 0,
        executeLatencyMs: w.executeLatencyMs,
        arrivalsPerSec: (arrivals.get(c.id) ?? 0) / span,
      };
    });
}

/** Advice for every bolt of a run, most loaded first. */
export function adviseRun(snapshot: HostSnapshot, target = TARGET_CAPACITY): BoltAdvice[] {
  return boltFigures(snapshot)
    .map((b) => adviseBolt(b, target))
    .sort((a, b) => b.load / b.parallelism - a.load / a.parallelism || a.id.localeCompare(b.id));
}

/** The document with the advised parallelism (and tasks, where they must grow) applied. */
export function applyAdvice(doc: TopologyDocument, advice: readonly BoltAdvice[]): TopologyDocument {
  const raise = new Map(advice.filter((a) => a.raise).map((a) => [a.id, a]));
  if (raise.size === 0) return doc;
  return {
    ...doc,
    components: doc.components.map((c) => {
      const a = raise.get(c.id);
      if (!a) return c;
      const numTasks = c.numTasks !== null && c.numTasks < a.needed ? a.needed : c.numTasks;
      return { ...c, parallelism: a.needed, numTasks };
    }),
  };
}

/** Engine time before the advice means something (the first second is start-up). */
export const WARM_MS = 2000;
/** Below this every bolt "reads 0" on the canvas. */
export const NEGLIGIBLE_CAPACITY = 0.01;

/** Why every bolt's capacity is about 0, or null when some bolt is busy. */
export function zeroCapacityReason(snapshot: HostSnapshot, doc: TopologyDocument): string | null {
  const bolts = Object.values(snapshot.components).filter((c) => c.kind === 'bolt');
  if (bolts.length === 0 || snapshot.time < WARM_MS) return null;
  if (bolts.some((b) => (b.windows['600'].capacity ?? 0) >= NEGLIGIBLE_CAPACITY)) return null;
  const cost = doc.simulation.measureCost ? 'its measured CPU time (microseconds for this code)' : `the simulation's default cost, ${doc.simulation.defaultCostMs} ms of simulated time`;
  return `Every bolt's capacity is below ${NEGLIGIBLE_CAPACITY}: a call costs ${cost}, so at these rates each executor is idle almost all the time — as on a real cluster, where this code takes microseconds. To see capacity at work, give a bolt the cost of its real work (a database call, say 5 ms): select it and set "Simulated cost per call (ms)" in the inspector, then run again.`;
}
