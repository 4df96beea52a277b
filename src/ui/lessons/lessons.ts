/**
 * The guided lessons (docs/lessons.md): each a starting topology, a few steps, and goals whose
 * checks read the RUN — its snapshot (plan, Storm UI figures, sampled tuple trees) and the
 * document it ran — never the clicks that led there. Pure: no React, no store.
 */
import type { HostSnapshot, LineageTree } from '../../engine';
import { TICK_FREQ_KEY, type TopologyDocument } from '../../model';
import { capacityLessonTopology, rollingLessonTopology, wordCountLesson } from './topologies';

/** What a goal's check reads: the run and the learner's predictions. */
export interface LessonRun {
  readonly snapshot: HostSnapshot;
  /** The document the run started with (edits since apply at the next run). */
  readonly doc: TopologyDocument;
  readonly answers: Readonly<Record<string, string>>;
}

export interface GoalResult {
  readonly met: boolean;
  /** What the run shows, in Storm's words, with its figures. */
  readonly detail: string;
}

export interface Goal {
  readonly id: string;
  readonly title: string;
  readonly check: (run: LessonRun) => GoalResult;
}

export interface Prediction {
  readonly id: string;
  readonly label: string;
  readonly placeholder: string;
}

/** A one-click change a step offers (undoable): what it changes, shown before it is applied. */
export interface LessonFix {
  readonly id: string;
  readonly label: string;
  /** The change as the learner would type it. */
  readonly shows: string;
  readonly apply: (doc: TopologyDocument) => TopologyDocument;
}

export interface Lesson {
  readonly id: string;
  readonly title: string;
  /** Where it comes from (the book's chapter, Storm's docs). */
  readonly source: string;
  readonly summary: string;
  readonly start: () => TopologyDocument;
  readonly steps: readonly string[];
  readonly predictions: readonly Prediction[];
  readonly fixes: readonly LessonFix[];
  readonly goals: readonly Goal[];
}

const met = (detail: string): GoalResult => ({ met: true, detail });
const notYet = (detail: string): GoalResult => ({ met: false, detail });
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const ZERO = '0000000000000000';

/** Task ids typed by a learner ("3, 4 5–6" → [3, 4, 5, 6]); null when there are none. */
export function parseTaskIds(text: string | undefined): number[] | null {
  if (!text) return null;
  const ids: number[] = [];
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(part);
    if (range) {
      const [a, b] = [Number(range[1]), Number(range[2])];
      if (b < a || b - a > 1000) return null;
      for (let i = a; i <= b; i++) ids.push(i);
    } else if (/^\d+$/.test(part)) ids.push(Number(part));
    else return null;
  }
  return ids.length ? [...new Set(ids)].sort((x, y) => x - y) : null;
}

const ranges = (ids: readonly number[]) => (ids.length === 1 ? `${ids[0]}` : `${ids[0]}–${ids[ids.length - 1]}`);

/** Storm's numbering as the plan shows it: components in id order, each a run of task ids. */
export function planNumbering(snapshot: HostSnapshot): string {
  return Object.entries(snapshot.plan.tasks)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, tasks]) => `${id} ${ranges(tasks)}`)
    .join(', ');
}

/** Count tasks that received a value in the sampled trees: value → task → times. */
export function valuesByTask(trees: readonly LineageTree[], component: string): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  const seen = new Set<string>();
  for (const tree of trees) {
    for (const node of tree.nodes) {
      if (node.destComponent !== component || seen.has(`${node.id}>${node.dest}`)) continue;
      seen.add(`${node.id}>${node.dest}`);
      const byTask = out.get(node.values) ?? new Map<number, number>();
      byTask.set(node.dest, (byTask.get(node.dest) ?? 0) + 1);
      out.set(node.values, byTask);
    }
  }
  return out;
}

const subscriptionInto = (doc: TopologyDocument, from: string, to: string) => doc.subscriptions.find((s) => s.from === from && s.to === to);
const component = (doc: TopologyDocument, id: string) => doc.components.find((c) => c.id === id);

// 1. Anatomy ---------------------------------------------------------------------------------

const anatomy: Lesson = {
  id: 'anatomy',
  title: 'Anatomy: workers, executors, tasks',
  source: 'Storm docs, “Understanding the parallelism of a Storm topology”; the book, chapter 2',
  summary: 'Storm numbers every task of every component, in the order of the components’ ids, and deals executors to workers. Predict the ids, then read them in the plan.',
  start: () => wordCountLesson('lesson-anatomy', { workers: 2 }),
  steps: [
    'Select the count bolt and set its Parallelism to 4 in the inspector.',
    'Predict count’s task ids. Storm sorts the components by id (__acker first: one acker per worker), numbers their tasks from 1, and gives each component a contiguous run.',
    'Run (F5) and open the Plan tab: each worker holds executors, each executor its tasks.',
  ],
  predictions: [{ id: 'count-tasks', label: 'count’s task ids', placeholder: 'e.g. 1, 2, 3' }],
  fixes: [],
  goals: [
    {
      id: 'parallelism',
      title: 'count runs 4 executors',
      check: ({ snapshot }) => {
        const count = snapshot.components.count;
        if (!count) return notYet('This run has no count bolt: restart the lesson.');
        const tasks = snapshot.plan.tasks.count ?? [];
        return count.executors === 4
          ? met(`count runs ${count.executors} executors, tasks ${tasks.join(', ')}, over ${snapshot.plan.workers} workers.`)
          : notYet(`This run’s count has ${count.executors} executor${count.executors === 1 ? '' : 's'}: set its parallelism to 4 and run again.`);
      },
    },
    {
      id: 'predicted',
      title: 'Your prediction matches the plan',
      check: ({ snapshot, answers }) => {
        const predicted = parseTaskIds(answers['count-tasks']);
        const tasks = [...(snapshot.plan.tasks.count ?? [])];
        if (predicted === null) return notYet('Type your prediction of count’s task ids (e.g. 3, 4, 5, 6 or 3–6).');
        if (tasks.length !== 4) return notYet('Run with count’s parallelism at 4 to compare.');
        const numbering = planNumbering(snapshot);
        return predicted.join(',') === tasks.join(',')
          ? met(`Right: count has tasks ${tasks.join(', ')}. The plan: ${numbering}.`)
          : notYet(`The plan gives count tasks ${tasks.join(', ')}, not ${predicted.join(', ')}. In id order: ${numbering}. Try again.`);
      },
    },
  ],
};

// 2. Stream groupings ------------------------------------------------------------------------

const THE = '["the"]';

function theTasks(snapshot: HostSnapshot): Map<number, number> {
  return valuesByTask(snapshot.lineage, 'count').get(THE) ?? new Map();
}

const describeTasks = (tasks: Map<number, number>) =>
  [...tasks.entries()]
    .sort(([a], [b]) => a - b)
    .map(([task, n]) => `task ${task} (${n}×)`)
    .join(', ');

const groupings: Lesson = {
  id: 'groupings',
  title: 'Stream groupings: which task gets “the”?',
  source: 'The book, chapter 2 (word count); Storm docs, “Stream groupings”',
  summary: 'A fields grouping sends every tuple with the same word to the same task (the word’s hash modulo the tasks); a shuffle grouping spreads them.',
  start: () => wordCountLesson('lesson-groupings'),
  steps: [
    'split → count is grouped by fields(word); count has 3 tasks. Predict which count task receives every “the”.',
    'Run (F5). Open the Tasks tab (or Tuple trees) to see which values reached which count task.',
    'Select the split → count edge, change its grouping to shuffle, and run again: “the” now reaches several tasks.',
  ],
  predictions: [{ id: 'the-task', label: 'The count task that gets “the”', placeholder: 'a task id' }],
  fixes: [],
  goals: [
    {
      id: 'watched',
      title: 'Predict, then watch “the” go to one task',
      check: ({ snapshot, doc, answers }) => {
        const predicted = parseTaskIds(answers['the-task']);
        if (predicted === null || predicted.length !== 1) return notYet('Type one task id as your prediction first.');
        if (subscriptionInto(doc, 'split', 'count')?.grouping.kind !== 'fields') return notYet('Run with split → count grouped by fields(word).');
        const tasks = theTasks(snapshot);
        if (tasks.size === 0) return notYet('No sampled tree has reached “the” yet: let the run go on (one tree in 100 is sampled).');
        if (tasks.size > 1) return notYet(`“the” reached ${describeTasks(tasks)}: with fields(word) it should reach one task.`);
        const [task] = [...tasks.keys()];
        const right = predicted[0] === task;
        return met(
          `“the” went to count task ${task} every time (${tasks.get(task!)} sampled tuples): fields(word) hashes the word (Java’s hashCode) modulo count’s ${snapshot.plan.tasks.count?.length ?? 0} tasks. ${right ? 'You predicted it.' : `You predicted task ${predicted[0]}: the hash decides, not the order.`}`,
        );
      },
    },
    {
      id: 'shuffle',
      title: 'With shuffle, “the” reaches several tasks',
      check: ({ snapshot, doc }) => {
        if (subscriptionInto(doc, 'split', 'count')?.grouping.kind !== 'shuffle') return notYet('Change split → count to shuffle and run again.');
        const tasks = theTasks(snapshot);
        return tasks.size >= 2
          ? met(`With shuffle, “the” reached ${describeTasks(tasks)}: each count task now has its own partial count of “the”, which is why word count needs fields grouping.`)
          : notYet(tasks.size === 1 ? `So far “the” reached ${describeTasks(tasks)}: let the run go on.` : 'No sampled tree has reached “the” yet: let the run go on.');
      },
    },
  ],
};

// 3. Guaranteed processing -------------------------------------------------------------------

const splitFailsCow: LessonFix = {
  id: 'fail-some',
  label: 'Make split fail one sentence in four',
  shows: "if (Math.random() < 0.25) throw new FailedException('a flaky database');",
  apply: (doc) => ({
    ...doc,
    components: doc.components.map((c) =>
      c.id === 'split' && c.code.javascript !== undefined && !c.code.javascript.includes('a flaky database')
        ? {
            ...c,
            language: 'javascript' as const,
            code: { ...c.code, javascript: c.code.javascript.replace('process(tup) {', "process(tup) {\n    // A flaky dependency: one call in four fails (a replay usually succeeds).\n    if (Math.random() < 0.25) throw new FailedException('a flaky database');") },
          }
        : c,
    ),
  }),
};

const lastXor = (tree: LineageTree) => tree.xor[tree.xor.length - 1]?.value;

const guaranteed: Lesson = {
  id: 'guaranteed',
  title: 'Guaranteed processing: the acker’s XOR',
  source: 'Storm docs, “Guaranteeing message processing”; the book, chapter 6',
  summary: 'The acker XORs every tuple id of a tree twice (created, acked): zero means the whole tree was processed. A failed tuple fails its tree, and the spout replays it.',
  start: () => wordCountLesson('lesson-guaranteed'),
  steps: [
    'Run (F5), then Pause (F6) and Step (F10) a few times in the Step tab: each ack is a message to the acker.',
    'Open Tuple trees and select an acked tree: its steps show the XOR after each acker message, down to 0.',
    'Apply “Make split fail one sentence in four” (Ctrl+Z undoes it) and run again: a tree fails, the spout’s fail() replays it.',
  ],
  predictions: [],
  fixes: [splitFailsCow],
  goals: [
    {
      id: 'xor-zero',
      title: 'A tree’s XOR reaches zero',
      check: ({ snapshot }) => {
        const tree = snapshot.lineage.find((t) => t.status === 'acked' && t.xor.length >= 2 && lastXor(t) === ZERO);
        return tree
          ? met(`Tree ${tree.root.slice(0, 4)}…: ${tree.xor.length} acker messages for ${tree.nodes.length} tuples, XOR 0 at t = ${((tree.completedAt ?? 0) / 1000).toFixed(3)} s: the spout’s ack(${tree.messageId}) ran.`)
          : notYet('No sampled tree has been acked yet: run (or step) on.');
      },
    },
    {
      id: 'failed',
      title: 'A tree fails, and is replayed',
      check: ({ snapshot }) => {
        const failed = snapshot.lineage.find((t) => t.status === 'failed');
        const spoutFailed = snapshot.components.sentences?.windows.all.failed ?? 0;
        if (!failed) return notYet(spoutFailed > 0 ? `${spoutFailed} trees failed (Spouts table); none sampled yet: run on.` : 'No tree has failed: make split fail a tuple and run again.');
        const where = failed.nodes.find((n) => n.failedAt !== null);
        return met(
          `Tree ${failed.root.slice(0, 4)}… failed${where ? ` at ${where.destComponent} task ${where.dest} (${where.values})` : ''}: the acker told the spout, whose fail(${failed.messageId}) re-emits it. ${spoutFailed} trees failed in all.`,
        );
      },
    },
  ],
};

// 4. Failures and replay ---------------------------------------------------------------------

const TIMEOUT_SECS = 5;

const failures: Lesson = {
  id: 'failures',
  title: 'Failures and replay: kill a worker',
  source: 'Storm docs, “Fault tolerance”; the book, chapter 6',
  summary: 'Tuples in a dead worker are lost; their trees are never acked and time out between T and 2T (the acker rotates its buckets every T/2… T); the spout replays them.',
  start: () => wordCountLesson('lesson-failures', { workers: 2, messageTimeoutSecs: TIMEOUT_SECS }),
  steps: [
    `The message timeout T is ${TIMEOUT_SECS} s (topology.message.timeout.secs). Run (F5).`,
    'Open the Plan tab and press Kill worker on the worker that does not hold the sentences spout.',
    `Wait ${2 * TIMEOUT_SECS} s of engine time: the Tuple trees tab lists trees timed out and their replays.`,
  ],
  predictions: [],
  fixes: [],
  goals: [
    {
      id: 'killed',
      title: 'A worker dies and restarts',
      check: ({ snapshot }) => {
        const dead = snapshot.workers.filter((w) => !w.alive).map((w) => 6700 + w.index);
        if (snapshot.restarts > 0) return met(`${snapshot.restarts} worker restart${snapshot.restarts === 1 ? '' : 's'} this run: the supervisor started it again.`);
        return dead.length ? met(`Worker ${dead.join(', ')} is down.`) : notYet('Kill a worker in the Plan tab.');
      },
    },
    {
      id: 'timeouts',
      title: 'Trees time out between T and 2T',
      check: ({ snapshot, doc }) => {
        const t = doc.config.messageTimeoutSecs * 1000;
        const timeouts = Object.values(snapshot.components).reduce((n, c) => n + (c.kind === 'spout' ? c.windows.all.timeouts : 0), 0);
        const tree = snapshot.lineage.find((x) => x.status === 'timed-out' && x.completedAt !== null);
        if (timeouts === 0) return notYet('No tree has timed out yet.');
        if (!tree) return notYet(`${timeouts} trees timed out (Spouts table); none sampled yet: let it run on.`);
        const age = tree.completedAt! - tree.emittedAt;
        return age >= t && age <= 2 * t + 1
          ? met(`${timeouts} trees timed out. Tree ${tree.root.slice(0, 4)}… timed out ${seconds(age)} after its emit: between T = ${seconds(t)} and 2T = ${seconds(2 * t)}.`)
          : notYet(`Tree ${tree.root.slice(0, 4)}… timed out after ${seconds(age)}, outside [T, 2T].`);
      },
    },
    {
      id: 'replay',
      title: 'The spout replays them',
      check: ({ snapshot }) => {
        const replay = snapshot.lineage.find((x) => x.replayOf !== null && snapshot.lineage.some((y) => y.root === x.replayOf && (y.status === 'timed-out' || y.status === 'lost')));
        return replay
          ? met(`Message ${replay.messageId} was emitted again (tree ${replay.root.slice(0, 4)}…, ${replay.status}) after its first tree timed out: the spout’s fail() re-emitted it.`)
          : notYet('No replay of a timed-out tree sampled yet.');
      },
    },
  ],
};

// 5. Parallelism and capacity ----------------------------------------------------------------

const capacityOf = (snapshot: HostSnapshot, id: string) => snapshot.components[id]?.windows['600'].capacity ?? 0;

const capacity: Lesson = {
  id: 'capacity',
  title: 'Parallelism and capacity: make a bolt keep up',
  source: 'Storm UI’s Capacity (last 10m); Storm docs, “Understanding the parallelism”',
  summary: 'Capacity is the share of time an executor spends executing. Near 1 it cannot keep up: its queue grows. More executors share the work.',
  start: capacityLessonTopology,
  steps: [
    'enrich costs 15 ms a call and receives 100 readings a second: run (F5) and watch it turn red on the canvas.',
    'Open the Run tab: the capacity advisor says how many executors enrich needs and why.',
    'Press Apply and rerun (Ctrl+Z undoes it), or set enrich’s parallelism yourself, and run again.',
  ],
  predictions: [],
  fixes: [],
  goals: [
    {
      id: 'saturated',
      title: 'See enrich saturated',
      check: ({ snapshot }) => {
        const c = capacityOf(snapshot, 'enrich');
        const queued = snapshot.components.enrich?.queued ?? 0;
        if (snapshot.time < 3000) return notYet('Let the run go 3 s.');
        return c >= 0.9 ? met(`enrich’s capacity is ${c.toFixed(3)} with ${queued} tuples queued: it never idles.`) : notYet(`enrich’s capacity is ${c.toFixed(3)}.`);
      },
    },
    {
      id: 'keeps-up',
      title: 'enrich keeps up (capacity under 0.7)',
      check: ({ snapshot }) => {
        const enrich = snapshot.components.enrich;
        if (!enrich) return notYet('Restart the lesson: this run has no enrich bolt.');
        const c = capacityOf(snapshot, 'enrich');
        if (snapshot.time < 5000) return notYet('Let the run go 5 s.');
        return c < 0.7 && enrich.queued < 100
          ? met(`With ${enrich.executors} executors enrich’s capacity is ${c.toFixed(3)} and its queue ${enrich.queued}: it keeps up.`)
          : notYet(`With ${enrich.executors} executor${enrich.executors === 1 ? '' : 's'}, capacity ${c.toFixed(3)}, ${enrich.queued} queued.`);
      },
    },
  ],
};

// 6. Tick tuples and rolling counts ----------------------------------------------------------

/** A bolt's tick period as measured in the run: engine time over the ticks each task received. */
export function measuredTickPeriod(snapshot: HostSnapshot, id: string): { ticksPerTask: number; periodMs: number | null } {
  const c = snapshot.components[id];
  if (!c) return { ticksPerTask: 0, periodMs: null };
  const ticksPerTask = c.windows.all.ticks / Math.max(1, c.tasks.length);
  return { ticksPerTask, periodMs: ticksPerTask >= 1 ? snapshot.time / ticksPerTask : null };
}

function tickGoal(id: string, title: string, wanted: number | null): Goal {
  return {
    id,
    title,
    check: ({ snapshot, doc }) => {
      const period = Number(component(doc, 'rolling-count')?.config[TICK_FREQ_KEY] ?? NaN);
      if (wanted !== null && period !== wanted) return notYet(`Set rolling-count’s tick period to ${wanted} s and run again (this run: ${period} s).`);
      const { ticksPerTask, periodMs } = measuredTickPeriod(snapshot, 'rolling-count');
      const emitted = snapshot.components['rolling-count']?.windows.all.emitted ?? 0;
      if (ticksPerTask < 3 || periodMs === null) return notYet(`rolling-count’s tasks have had ${Math.floor(ticksPerTask)} ticks so far: let it run.`);
      const ok = Math.abs(periodMs / 1000 - period) <= period * 0.4;
      return ok && emitted > 0
        ? met(`Each rolling-count task got ${Math.floor(ticksPerTask)} ticks in ${seconds(snapshot.time)}: one every ${seconds(periodMs)} (its period: ${period} s). On each tick it emitted its window’s counts (${emitted} tuples so far).`)
        : notYet(`One tick every ${seconds(periodMs)} per task; its period is ${period} s.`);
    },
  };
}

const ticks: Lesson = {
  id: 'ticks',
  title: 'Tick tuples and rolling counts',
  source: 'storm-starter’s RollingTopWords; Storm docs, “Tick tuples”',
  summary: 'Storm sends a bolt a tick tuple every topology.tick.tuple.freq.secs from __system: rolling-count slides its window and emits its counts on each tick.',
  start: rollingLessonTopology,
  steps: [
    'rolling-count counts words in 3 slots and emits on every tick (every 3 s). Run (F5) and watch its ticks in the Step tab (“__system” tuples).',
    'Select rolling-count and set its Tick period to 1 s in the inspector; run again: counts come three times as often.',
  ],
  predictions: [],
  fixes: [],
  goals: [tickGoal('ticks', 'rolling-count ticks at its period and emits on each tick', null), tickGoal('faster', 'With a 1 s tick period, ticks come every second', 1)],
};

/** Every lesson, in order. */
export const LESSONS: readonly Lesson[] = [anatomy, groupings, guaranteed, failures, capacity, ticks];

/** Runs every goal's check. */
export function checkLesson(lesson: Lesson, run: LessonRun): Record<string, GoalResult> {
  const out: Record<string, GoalResult> = {};
  for (const goal of lesson.goals) {
    try {
      out[goal.id] = goal.check(run);
    } catch (e) {
      out[goal.id] = notYet(`This check could not read the run: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}
