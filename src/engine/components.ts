/**
 * The components of a run as the engine runs them: their role, resolved cost, configuration, tick
 * period, and (for the components this host runs) their code loaded by the language's runtime.
 */
// Model modules are imported one by one (not the barrel), so that a Web Worker bundle of the
// engine does not pull the document format (zod) or the built-in examples.
import { componentId } from '../model/ids';
import { findComponent, stormConfig, tickFrequencySecs } from '../model/topology';
import type { ComponentSpec, ConfigValue } from '../model/types';
import type { EngineOptions } from './engine-options';
import { R_ACKER, R_BOLT, R_SPOUT, type ComponentInfo } from './executor';
import { buildPlan } from './plan';
import { ComponentError } from './runtime-api';

/**
 * Every component of the plan (`__acker` included), in task-id order, with the hosted ones loaded.
 * Rejects with a {@link ComponentError} when a component's code cannot be loaded.
 */
export async function loadComponents(options: EngineOptions): Promise<ComponentInfo[]> {
  const doc = options.document;
  const plan = buildPlan(doc);
  const hosted = new Set(options.workers ?? Array.from({ length: plan.workers }, (_, w) => w));
  const hostedComponents = new Set(plan.executors.filter((e) => hosted.has(e.worker)).map((e) => e.component));
  const sim = doc.simulation;
  const ids = Object.keys(plan.tasks).map(componentId);
  const languageOf = (spec: ComponentSpec) => options.languageOf?.(spec) ?? spec.language;
  // The runtimes this host uses see the whole document first (the modules of components other hosts run too).
  const ran = { ...doc, components: doc.components.map((c) => ({ ...c, language: languageOf(c) })) };
  for (const language of new Set(ran.components.filter((c) => hostedComponents.has(c.id)).map((c) => c.language))) {
    await (await options.runtimes(language))?.prepare?.(ran);
  }
  const components: ComponentInfo[] = [];
  const provided = new Set<unknown>();
  for (const [index, id] of ids.entries()) {
    const spec = findComponent(doc, id) ?? null;
    const role = spec === null ? R_ACKER : spec.kind === 'spout' ? R_SPOUT : R_BOLT;
    const language = spec === null ? null : languageOf(spec);
    const conf: Record<string, ConfigValue> = { ...stormConfig(doc.config), ...(spec?.config ?? {}) };
    const info: ComponentInfo = {
      id,
      index,
      role,
      spec,
      language,
      costMs: spec?.costMs ?? sim.defaultCostMs,
      ownCost: spec?.costMs !== null && spec?.costMs !== undefined,
      conf,
      tickSecs: spec ? tickFrequencySecs(doc, spec) : null,
      loaded: null,
    };
    if (spec && language !== null && hostedComponents.has(id)) {
      const runtime = await options.runtimes(language);
      if (!runtime) {
        throw new ComponentError(id, null, '', `No ${language} runtime is available to run component "${id}".`);
      }
      if (!provided.has(runtime)) {
        provided.add(runtime);
        runtime.provideFiles?.(doc.dataFiles ?? []);
      }
      info.loaded = await runtime.load({ ...spec, language });
    }
    components.push(info);
  }
  return components;
}
