/**
 * The Python module name of each component: the one rule of the simulator (which loads a component
 * as `/topology/<name>.py`), the pre-run import check, and the exporters (which write `<name>.py`).
 *
 * Petrel packs every component module flat into the topology's `resources/` folder and runs each
 * with that folder first on `sys.path`, so a module named `random.py` would shadow the standard
 * `random` for every component. A name is therefore a valid identifier, lower-case ASCII (unique
 * even on case-insensitive file systems), and never a keyword, a standard-library module, Petrel's
 * own modules or files, Pyodide's, nor a module the component's own code imports. A module that
 * another component imports under the component's name is that component's module (Petrel
 * components may import each other).
 */
import { pythonImports, PROVIDED_MODULES, PYTHON_STDLIB_MODULES } from './imports';

/** What naming needs of a component. */
export interface NamedComponent {
  readonly id: string;
  readonly kind: 'spout' | 'bolt';
  readonly code: { readonly python?: string };
  /** The module name the component keeps (an imported project's file name), when it has one. */
  readonly module?: string;
}

/** Python's keywords and soft keywords (a module named `match` imports, but reads badly). */
const KEYWORDS = new Set(
  `False None True and as assert async await break class continue def del elif else except finally for from global if
  import in is lambda nonlocal not or pass raise return try while with yield match case type`.split(/\s+/),
);

/**
 * Names no component module may take besides the standard library and `petrel`/`storm`: Pyodide's
 * and Storm Studio's runtime modules, and what a Petrel project holds or installs next to the
 * components (`create.py`, `setup.sh`, Petrel's dependencies, Storm's `resources/`).
 */
const RUNTIME_AND_PROJECT = ['pyodide', 'pyodide_js', 'js', 'micropip', '_storm_studio', '_storm_studio_js', '__main__', 'create', 'setup', 'six', 'thrift', 'yaml', 'test', 'tests', 'resources'];

const RESERVED: ReadonlySet<string> = new Set([...PYTHON_STDLIB_MODULES, ...PROVIDED_MODULES, ...RUNTIME_AND_PROJECT].map((n) => n.toLowerCase()));

/** The name derived from the id alone: lower-case ASCII letters, digits and `_`, accents dropped. */
function baseName(c: NamedComponent): string {
  let base = c.id
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (base === '') base = c.kind;
  if (/^[0-9]/.test(base)) base = `${c.kind}_${base}`;
  if (base.length > 60) base = base.slice(0, 60).replace(/_+$/, '');
  return base;
}

/**
 * The module name of component `c`, given the names other components already took: its id made a
 * module name, with `_<kind>` added when that name is reserved, taken or imported by its own code,
 * then `_2`, `_3`… until it is free.
 *
 * @example
 * pythonModuleName({ id: 'word-count', kind: 'bolt', code: {} }, new Set()) // 'word_count'
 * pythonModuleName({ id: 'random', kind: 'bolt', code: {} }, new Set())     // 'random_bolt'
 */
export function pythonModuleName(c: NamedComponent, taken: ReadonlySet<string>): string {
  const base = baseName(c);
  const own = new Set(c.code.python ? pythonImports(c.code.python).map((i) => i.module.toLowerCase()) : []);
  const free = (name: string) => !taken.has(name) && !RESERVED.has(name) && !KEYWORDS.has(name) && !own.has(name);
  // A kept name (the project's own file name) is used as it is when it is a free module name.
  if (c.module !== undefined && /^[A-Za-z_][A-Za-z0-9_]{0,99}$/.test(c.module) && free(c.module.toLowerCase())) return c.module;
  if (free(base)) return base;
  const suffixed = `${base}_${c.kind}`;
  if (free(suffixed)) return suffixed;
  let n = 2;
  while (!free(`${suffixed}_${n}`)) n++;
  return `${suffixed}_${n}`;
}

/**
 * The module name of every component, in document order (a clash goes to the later component).
 *
 * @example
 * pythonModuleNames([spout('split-sentence'), bolt('random')]) // Map { 'split-sentence' → 'split_sentence', 'random' → 'random_bolt' }
 */
export function pythonModuleNames(components: readonly NamedComponent[]): Map<string, string> {
  const taken = new Set<string>();
  const named = new Map<string, string>();
  // Kept names first (other modules import them by these names), then names from ids.
  for (const pass of ['kept', 'derived'] as const) {
    for (const c of components) {
      if ((c.module !== undefined) !== (pass === 'kept') || named.has(c.id)) continue;
      const name = pythonModuleName(c, taken);
      taken.add(name.toLowerCase());
      named.set(c.id, name);
    }
  }
  return new Map(components.flatMap((c) => (named.has(c.id) ? [[c.id, named.get(c.id)!] as const] : [])));
}
