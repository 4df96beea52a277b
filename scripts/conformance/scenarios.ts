/**
 * The conformance scenarios: Storm Studio documents in storm/conformance/scenarios/<id>.json
 * (JavaScript components, finite seeded spouts where counts must match exactly) and what to
 * compare in each. Bolts log `got <value>` for each value they receive (where it went) and `tick`
 * for each tick tuple.
 */
import { join } from 'node:path';
import { REPO_ROOT } from '../storm/maven';
import type { ScenarioSpec } from './compare';

export const SCENARIO_DIR = join(REPO_ROOT, 'storm', 'conformance', 'scenarios');

/**
 * Storm runs JavaScript (and Python) components as shell components: `ShellBolt.execute` only puts
 * the tuple on the queue to the component's process (storm-client/.../task/ShellBolt.java,
 * `execute` → `pendingWrites.putBoltMsg`), so Storm's execute latency and capacity measure that
 * handoff, not the code.
 */
export const SHELL_EXECUTE =
  'On Storm a JavaScript or Python bolt is a ShellBolt: its execute() only puts the tuple on the queue to the component\'s process (ShellBolt.java, pendingWrites, up to topology.shellbolt.max.pending = 100 tuples), so Storm UI\'s execute latency and capacity of a shell bolt stay near 0 however busy the code is, and its process latency (execute to ack) includes the wait in that queue. The simulator times the code itself and queues tuples before the call, as Storm does for a bolt that runs in the executor (Java): that is what a learner needs to see a bottleneck. The complete latency, end to end, is the figure that agrees.';

/** A shell bolt buffers tuples outside the executor's receive queue; Storm counts its backpressure waits in whole milliseconds. */
export const SHELL_BACKPRESSURE =
  'A shell bolt takes tuples off its receive queue at once into its own queue to the process (topology.shellbolt.max.pending, 100), so on Storm the receive queue fills, and the spout waits, only once that queue is full too (more tuples wait, and the complete latency is longer); and Storm adds to __skipped-backpressure-ms the whole milliseconds around each 100 µs park of its backpressure wait (SpoutExecutor.backPressureWaitStrategy, WaitStrategyProgressive), so short waits count 0. The simulator holds the spout back as soon as the bolt\'s receive queue is full, as for a Java bolt.';

/** Storm 2.8's multilang JSON reader cannot take a direct emit's task. */
export const MULTILANG_DIRECT =
  'Storm 2.8 cannot run a direct emit from a shell component: its multilang JsonSerializer reads the emit\'s "task" with json-smart, which gives an Integer, and casts it to Long (storm-client/.../multilang/JsonSerializer.java, readShellMsg, unchanged up to v2.8.8): ClassCastException, the spout\'s process is killed and nothing is emitted; its worker dies, which on a LocalCluster ends the JVM (the other components report "Shutdown in progress"). The simulator routes direct emits as Storm\'s Java API (emitDirect) does; on Storm direct grouping needs a Java component.';

/** Storm's LocalCluster exits when a worker dies; the simulator's supervisor restarts it. */
export const LOCAL_MODE_CRASH =
  'A crashing component kills its worker. On Storm\'s LocalCluster the whole JVM exits then (local mode halts the process; the runner reports what Storm counted until then); on a cluster the supervisor restarts the worker and the spouts replay the lost trees, which is what the simulator does (simulation.workerRestartSecs). The counts after the crash therefore differ by design; the error itself must match.';

const crashCounts = Object.fromEntries(
  ['src.emitted', 'src.transferred', 'src.acked', 'src.failed', 'fragile.executed', 'fragile.acked', 'fragile.failed', 'fragile.emitted', 'fragile.transferred'].map((f) => [f, LOCAL_MODE_CRASH]),
);

const shell = (bolt: string) => ({ [`${bolt}.executeLatencyMs`]: SHELL_EXECUTE, [`${bolt}.capacity`]: SHELL_EXECUTE, [`${bolt}.processLatencyMs`]: SHELL_EXECUTE });

const directFigures = Object.fromEntries(
  ['src.emitted', 'src.transferred', 'src.acked', 'src.failed', 'src.lastError', 'sink.lastError', 'sink.executed', 'sink.acked', 'sink.failed', 'sink.emitted', 'sink.transferred', 'routing: sink'].map((f) => [f, MULTILANG_DIRECT]),
);

export const SCENARIOS: readonly ScenarioSpec[] = [
  { id: 'word-count', what: 'the word count: 40 sentences, split (shuffle, 2 executors), count (fields, 3 executors), anchored, acked', seconds: 4, counts: 'exact', routing: { count: 'exact' } },
  { id: 'shuffle-one-worker', what: 'shuffle grouping in one worker: 400 values to 4 tasks', seconds: 4, counts: 'exact', routing: { sink: 'distribution' } },
  { id: 'shuffle-two-workers', what: 'shuffle grouping over 2 workers: 2 spout tasks, 4 bolt tasks (Storm 2.x load-aware: local tasks first)', seconds: 4, counts: 'exact', routing: { sink: 'distribution' } },
  { id: 'fields', what: 'fields grouping on a string and an integer field (Java hash codes): 120 values to 3 tasks', seconds: 4, counts: 'exact', routing: { sink: 'exact' } },
  { id: 'partial-key', what: 'partialKey grouping: 10 keys, 4 tasks, each key split between two tasks', seconds: 4, counts: 'exact', routing: { sink: 'exact' } },
  { id: 'global', what: 'global grouping: every value to the lowest task', seconds: 4, counts: 'exact', routing: { sink: 'exact' } },
  { id: 'all', what: 'all grouping: every value to each of 3 tasks (transferred = 3 × emitted)', seconds: 4, counts: 'exact', routing: { sink: 'exact' } },
  { id: 'none', what: 'none grouping: 300 values drawn over 3 tasks', seconds: 4, counts: 'exact', routing: { sink: 'distribution' } },
  { id: 'local-or-shuffle', what: 'localOrShuffle over 2 workers: each spout task reaches only the bolt tasks of its worker', seconds: 4, counts: 'exact', routing: { sink: 'distribution' } },
  { id: 'direct', what: 'direct grouping: the spout picks each target task (emitDirect) from the context\'s task→component map', seconds: 4, counts: 'exact', routing: { sink: 'exact' }, departures: directFigures },
  { id: 'num-tasks', what: 'numTasks > parallelism: a spout of 3 tasks in 1 executor, a bolt of 5 tasks in 2 executors (fields)', seconds: 4, counts: 'exact', routing: { sink: 'exact' } },
  { id: 'acking', what: 'acking: explicit anchors and acks, multi-anchoring (a join anchored to two tuples), explicit fail and replay', seconds: 4, counts: 'exact', routing: { check: 'exact' } },
  { id: 'message-timeout', what: 'message timeout (3 s): a bolt that never acks one tuple in 5; the trees time out and fail at the spout', seconds: 10, counts: 'exact' },
  {
    id: 'max-pending-topology',
    what: 'topology.max.spout.pending 4: 60 tuples through a bolt taking 20 ms each; complete latency ≈ 4 × 20 ms',
    seconds: 5,
    counts: 'exact',
    timings: ['src.completeLatencyMs', 'slow.processLatencyMs', 'slow.executeLatencyMs', 'slow.capacity'],
    departures: shell('slow'),
  },
  {
    id: 'max-pending-spout',
    what: 'max spout pending set for one spout (2) over the topology\'s (50): complete latency ≈ 2 × 20 ms',
    seconds: 5,
    counts: 'exact',
    timings: ['src.completeLatencyMs', 'slow.processLatencyMs', 'slow.executeLatencyMs', 'slow.capacity'],
    departures: shell('slow'),
  },
  { id: 'tick-topology', what: 'tick tuples every second, set for the topology: each task of the bolt gets them', seconds: 5, counts: 'exact', ticks: ['sink'] },
  { id: 'tick-component', what: 'tick tuples every 2 s, set by the bolt (getComponentConfiguration and its config)', seconds: 6, counts: 'exact', ticks: ['sink'] },
  { id: 'sleepy-spout', what: 'a spout that sleeps 50 ms in nextTuple and never runs out: about 20 tuples a second', seconds: 5, counts: 'rate', timings: ['src.completeLatencyMs', 'sink.processLatencyMs'] },
  {
    id: 'backpressure',
    what: 'a slow bolt (5 ms a tuple) behind a receive queue of 16: backpressure holds the spout back; 400 tuples',
    seconds: 5,
    counts: 'exact',
    timings: ['src.throttledMs', 'src.completeLatencyMs', 'slow.processLatencyMs', 'slow.executeLatencyMs', 'slow.capacity'],
    departures: { ...shell('slow'), 'src.throttledMs': SHELL_BACKPRESSURE, 'src.completeLatencyMs': SHELL_BACKPRESSURE },
  },
  { id: 'crash', what: 'a bolt that throws on one value: the error reported, the worker lost', seconds: 4, counts: 'exact', departures: crashCounts },
];

/** The fast subset `npm run test:storm` runs (storm/conformance.test.ts). */
export const CI_SUBSET = ['word-count', 'fields', 'acking'] as const;
