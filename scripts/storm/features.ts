/**
 * What a topology uses that real Storm does not do as Storm Studio does, found before a run:
 * `blocking` ones would make Storm refuse the topology or a component fail as it starts (so the
 * run does not start), the others are listed as notes (Storm runs, without them).
 */
import { spawnSync } from 'node:child_process';
import { compileModule, ComponentError } from '../../src/engine';
import type { ExportBundle } from '../../src/formats';
import { DEFAULT_SIMULATION, validate, type TopologyDocument } from '../../src/model';
import { pythonModuleNames } from '../../src/python/module-names';
import { thirdPartyImports } from '../../src/python/imports';

export interface FeatureCheck {
  readonly blocking: readonly string[];
  readonly notes: readonly string[];
}

/** Modules only Storm Studio's Python (Pyodide, in the browser) has. */
const BROWSER_ONLY_MODULES = new Set(['js', 'pyodide', 'pyodide_js', 'micropip']);

/**
 * The modules of `modules` that `python3` on this machine cannot import (what Storm's shell
 * processes would fail on), or null when python3 cannot be run (findToolchain says so then).
 */
export function unimportable(modules: readonly string[]): Set<string> | null {
  if (modules.length === 0) return new Set();
  const r = spawnSync('python3', ['-c', 'import importlib.util,sys\nfor m in sys.argv[1:]:\n  if importlib.util.find_spec(m) is None: print(m)', ...modules], { encoding: 'utf8', timeout: 30_000 });
  if (r.error || r.status !== 0) return null;
  return new Set(r.stdout.split('\n').filter(Boolean));
}

/**
 * Checks `doc` and its Storm project export (`bundle`, with its warnings). `missing` says which
 * third-party modules the Python components cannot import where Storm runs them (by default,
 * what this machine's python3 cannot import).
 */
export function checkFeatures(doc: TopologyDocument, bundle: ExportBundle, missing: (modules: readonly string[]) => Set<string> | null = unimportable): FeatureCheck {
  const blocking: string[] = [];
  const notes: string[] = [];
  const python = doc.components.filter((c) => c.language === 'python');
  const localModules = [...pythonModuleNames(doc.components).values()];
  const imports = python.map((c) => ({ c, imports: thirdPartyImports(c.code.python ?? '', localModules) }));
  const absent = missing([...new Set(imports.flatMap((i) => i.imports.map((x) => x.module)).filter((m) => !BROWSER_ONLY_MODULES.has(m)))]) ?? new Set<string>();
  for (const { c, imports: list } of imports) {
    for (const i of list) {
      const browser = BROWSER_ONLY_MODULES.has(i.module);
      if (!browser && !absent.has(i.module)) continue;
      const what = `"${c.id}" imports '${i.module}' (line ${i.line}), which ${browser ? 'exists only in Storm Studio\'s browser runtime (Pyodide)' : 'python3 on this machine cannot import (pip install -r requirements.txt on every machine that runs a Storm worker)'}`;
      if (i.guarded) notes.push(`${what}; its import is guarded, so the component runs without it.`);
      else blocking.push(`${what}: the component would fail as it starts.`);
    }
  }
  if (python.length > 0) notes.push('Python components run with python3 and a random hash seed, as Storm starts them: iterating over a set of strings may give another order than in Storm Studio, whose hash seed is fixed (PYTHONHASHSEED=0).');
  for (const c of doc.components) {
    if (c.language !== 'python') {
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
  // Storm 2.8's multilang cannot take a direct emit: the same warning the app shows in Problems.
  for (const d of validate(doc)) if (d.code === 'W_DIRECT_FROM_SHELL') notes.push(d.message);
  const sim = doc.simulation;
  if (sim.onError !== DEFAULT_SIMULATION.onError) notes.push('"When a component raises: fail the tuple" is a Storm Studio setting: on Storm an exception ends the component\'s process, as in Petrel.');
  if (sim.workerRestartSecs !== DEFAULT_SIMULATION.workerRestartSecs) notes.push(`The worker restart delay (${sim.workerRestartSecs} s) is simulated: Storm's supervisor restarts workers on its own schedule.`);
  if (sim.defaultCostMs !== DEFAULT_SIMULATION.defaultCostMs || sim.measureCost !== DEFAULT_SIMULATION.measureCost) notes.push('The simulated cost settings apply to Storm Studio\'s virtual time only.');
  return { blocking, notes };
}
