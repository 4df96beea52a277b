import { PYTHON_STDLIB_MODULES, pythonImports, type ComponentSpec } from '../model';

const PYTHON_KEYWORDS = new Set(
  `False None True and as assert async await break class continue def del elif else except finally for from global if
  import in is lambda nonlocal not or pass raise return try while with yield match case type`.split(/\s+/),
);

/**
 * Names a component module may not take: Python keywords, the standard library, Petrel and what it
 * needs at run time, and the project's own files. A module named `random.py` would shadow the
 * standard `random` for every component of the topology.
 */
const RESERVED = new Set([...PYTHON_STDLIB_MODULES, 'petrel', 'storm', 'create', 'setup', 'six', 'thrift', 'yaml', 'test', 'tests', 'resources']);

/**
 * A valid, unique Python module name for each component, derived from its id: lower-case ASCII
 * letters, digits and `_`; never a keyword, a standard-library module, Petrel's own modules or a
 * module the components import; unique even on case-insensitive file systems.
 *
 * @example
 * moduleNames([spout('split-sentence'), bolt('random')]) // Map { 'split-sentence' → 'split_sentence', 'random' → 'random_bolt' }
 */
export function moduleNames(components: readonly ComponentSpec[]): Map<string, string> {
  const taken = new Set<string>(RESERVED);
  for (const c of components) {
    for (const code of Object.values(c.code)) {
      if (code) for (const i of pythonImports(code)) taken.add(i.module.toLowerCase());
    }
  }
  const out = new Map<string, string>();
  for (const c of components) {
    let base = c.id
      .normalize('NFKD').replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/_+/g, '_')
      .replace(/^_+|_+$/g, '');
    if (base === '') base = c.kind;
    if (/^[0-9]/.test(base)) base = `${c.kind}_${base}`;
    if (base.length > 60) base = base.slice(0, 60).replace(/_+$/, '');
    let name = taken.has(base) || PYTHON_KEYWORDS.has(base) ? `${base}_${c.kind}` : base;
    for (let n = 2; taken.has(name) || PYTHON_KEYWORDS.has(name); n++) name = `${base}_${c.kind}_${n}`;
    taken.add(name);
    out.set(c.id, name);
  }
  return out;
}

/** A file-name-safe folder name for a topology name (for the zip and the CLI's output). */
export function folderName(name: string): string {
  const safe = name
    .normalize('NFKD').replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
  return safe === '' ? 'topology' : safe.slice(0, 80);
}
