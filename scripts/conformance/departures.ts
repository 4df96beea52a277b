/** The simulator's departures from Storm that the conformance suite shows (docs/conformance.md, "Departures"). */
import { LOCAL_MODE_CRASH, SHELL_EXECUTE } from './scenarios';

export const DEPARTURES: readonly { readonly title: string; readonly text: string }[] = [
  { title: 'Execute latency and capacity of JavaScript and Python bolts', text: SHELL_EXECUTE },
  { title: 'A crashing component on a LocalCluster', text: LOCAL_MODE_CRASH },
];
