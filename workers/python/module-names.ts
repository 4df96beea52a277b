/**
 * Python module names for components: Storm Studio loads each component's code as a real module
 * (`/topology/<name>.py`), so its name must be a valid identifier that shadows nothing the
 * component could import.
 */
import { PROVIDED_MODULES, PYTHON_STDLIB_MODULES } from '../../src/model';

const KEYWORDS = new Set(
  ('False None True and as assert async await break class continue def del elif else except finally for from ' +
    'global if import in is lambda nonlocal not or pass raise return try while with yield').split(' '),
);

/** Modules of Pyodide and of Storm Studio's runtime itself. */
const RUNTIME_MODULES = new Set(['pyodide', 'pyodide_js', 'js', 'micropip', '_storm_studio', '_storm_studio_js', '__main__']);

function reserved(name: string): boolean {
  return KEYWORDS.has(name) || PYTHON_STDLIB_MODULES.has(name) || PROVIDED_MODULES.has(name) || RUNTIME_MODULES.has(name);
}

/**
 * A module name for component `id`, not in `taken`: non-identifier characters become `_`, a
 * leading digit gets a `c_` prefix, a name that would shadow a module (`random`, `petrel`…) gets
 * a `_component` suffix, and clashes get `_2`, `_3`…
 *
 * @example
 * pythonModuleName('word-count', new Set()) // 'word_count'
 * pythonModuleName('random', new Set())     // 'random_component'
 */
export function pythonModuleName(id: string, taken: ReadonlySet<string> = new Set()): string {
  let base = id.replace(/[^A-Za-z0-9_]/g, '_');
  if (!base) base = 'component';
  if (/^[0-9]/.test(base)) base = `c_${base}`;
  if (reserved(base)) base = `${base}_component`;
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  return name;
}
