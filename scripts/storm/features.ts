/**
 * What a topology uses that real Storm does not do as Storm Studio does, found before a run:
 * `blocking` ones would make Storm refuse the topology or a component fail as it starts (so the
 * run does not start), the others are listed as notes (Storm runs, without them).
 */
import { compileModule, ComponentError } from '../../src/engine';
import type { ExportBundle } from '../../src/formats';
import { DEFAULT_SIMULATION, type TopologyDocument } from '../../src/model';

export interface FeatureCheck {
  readonly blocking: readonly string[];
  readonly notes: readonly string[];
}

/** Checks `doc` and its Storm project export (`bundle`, with its warnings). */
export function checkFeatures(doc: TopologyDocument, bundle: ExportBundle): FeatureCheck {
  const blocking: string[] = [];
  const notes: string[] = [];
  for (const c of doc.components) {
    if (c.language === 'python') {
      blocking.push(`"${c.id}" runs Python, which this build cannot start on Storm's multilang protocol yet: switch the component to JavaScript (inspector → Language) to run it on Storm, or use npm run simulate.`);
    } else {
      try {
        compileModule(c.id, c.code.javascript ?? '');
      } catch (e) {
        blocking.push(e instanceof ComponentError ? e.message : `"${c.id}": ${(e as Error).message}`);
      }
    }
    if (c.costMs !== null) notes.push(`"${c.id}" has a simulated cost of ${c.costMs} ms per call: Storm Studio's virtual time only; on Storm the code takes the time it takes.`);
  }
  for (const w of bundle.warnings) {
    if (w.code === 'W_EMPTY_STREAM' && /rejects the subscriptions/.test(w.message)) blocking.push(w.message);
    else if (w.code !== 'W_SIMULATION') notes.push(w.message);
  }
  for (const sub of doc.subscriptions) {
    if (sub.grouping.kind !== 'direct') continue;
    // storm-client/.../multilang/JsonSerializer.java (2.8.x) casts the emit's "task" (json-smart: Integer) to Long.
    notes.push(`"${sub.from}" emits directly to "${sub.to}": Storm 2.8 cannot take a direct emit from a JavaScript or Python component (its multilang reader fails on the task id, ClassCastException), so "${sub.from}"'s process dies at its first direct emit. Direct grouping on Storm needs a Java component.`);
  }
  const sim = doc.simulation;
  if (sim.onError !== DEFAULT_SIMULATION.onError) notes.push('"When a component raises: fail the tuple" is a Storm Studio setting: on Storm an exception ends the component\'s process, as in Petrel.');
  if (sim.workerRestartSecs !== DEFAULT_SIMULATION.workerRestartSecs) notes.push(`The worker restart delay (${sim.workerRestartSecs} s) is simulated: Storm's supervisor restarts workers on its own schedule.`);
  if (sim.defaultCostMs !== DEFAULT_SIMULATION.defaultCostMs || sim.measureCost !== DEFAULT_SIMULATION.measureCost) notes.push('The simulated cost settings apply to Storm Studio\'s virtual time only.');
  return { blocking, notes };
}
