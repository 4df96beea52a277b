/** The simulator's departures from Storm that the conformance suite shows (docs/conformance.md, "Departures"). */
import { LOCAL_MODE_CRASH, MULTILANG_DIRECT, SHELL_BACKPRESSURE, SHELL_EXECUTE } from './scenarios';

export const DEPARTURES: readonly { readonly title: string; readonly text: string }[] = [
  { title: 'Execute latency and capacity of JavaScript and Python bolts', text: SHELL_EXECUTE },
  { title: 'Backpressure in front of a JavaScript or Python bolt', text: SHELL_BACKPRESSURE },
  { title: 'Direct grouping from JavaScript or Python components', text: MULTILANG_DIRECT },
  { title: 'A crashing component on a LocalCluster', text: LOCAL_MODE_CRASH },
];
