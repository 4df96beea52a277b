/** The simulator's departures from Storm that the conformance suite shows (docs/conformance.md, "Departures"). */
import { LOCAL_MODE_CRASH, MULTILANG_DIRECT, SHELL_BACKPRESSURE, SHELL_EXECUTE } from './scenarios';

export const DEPARTURES: readonly { readonly title: string; readonly text: string }[] = [
  { title: 'Execute latency and capacity of JavaScript and Python bolts', text: SHELL_EXECUTE },
  { title: 'Backpressure in front of a JavaScript or Python bolt', text: SHELL_BACKPRESSURE },
  { title: 'Direct grouping from JavaScript or Python components', text: MULTILANG_DIRECT },
  { title: 'A crashing component on a LocalCluster', text: LOCAL_MODE_CRASH },
];

/** Differences the suite found that the engine now follows Storm 2.x on (each with a unit test citing Storm's source). */
export const ENGINE_FIXES: readonly string[] = [
  '**Complete latency** is Storm 2.x\'s: the time the acker held the tree, sent to the spout with the ack (`daemon/Acker.java`, `getTimeDeltaMillis(curr.startTime)`), no longer the time from the emit to when the spout takes the ack (Storm 1.x), which counted the wait for a spout busy in `nextTuple` (`src/engine/acker.ts`, `acking.ts`, `execute.ts`; tests: `acker.test.ts`, `engine-acking.test.ts`).',
  '**Shuffle over several workers** keeps to the emitter\'s worker, as Storm 2.x\'s default `LoadAwareShuffleGrouping` does in its `WORKER_LOCAL` scope (`grouping/LoadAwareShuffleGrouping.java`, `daemon/GrouperFactory.java`); `topology.disable.loadaware.messaging: true` gives `ShuffleGrouping` over every task (`src/engine/groupings.ts`; test: `groupings.test.ts`). The suite found it in shuffle-two-workers (each spout task reached all 4 tasks in the simulator, its worker\'s 2 on Storm).',
  '**Max spout pending set for one spout** overrides the topology\'s, as Storm 2.x keeps `topology.max.spout.pending` per component (`executor/Executor.java`, `normalizedComponentConf`; `SpoutExecutor`) (`src/engine/engine-state.ts`; test: `engine-acking.test.ts`). The suite found it in max-pending-spout (complete latency 592 ms in the simulator, 43 ms on Storm).',
];
