/**
 * What the exporters and importers need to know about a Petrel component module, read without
 * running it: its component class, whether it has a module-level `run()`, the fields its
 * `declareOutputFields` returns and the configuration its `getComponentConfiguration` returns.
 */
import { classConstants, literal, moduleConstants, type LiteralEnv, type LiteralResult, type LiteralValue } from './literal';
import { parseModule, PythonSyntaxError, type Stmt } from './parse';

/** Petrel's component base classes (`petrel.emitter`). */
export type PetrelBase = 'Spout' | 'BasicBolt' | 'Bolt';

/** A dict of literal values (a component configuration). */
export type LiteralMap = Readonly<Record<string, LiteralValue>>;

/** A value read from the code, or why it could not be read (with the line). */
export type Readable<T> = { readonly kind: 'value'; readonly value: T; readonly line: number } | { readonly kind: 'absent' } | { readonly kind: 'unreadable'; readonly line: number; readonly reason: string };

export interface ModuleInfo {
  /** The component class: the one `run()` instantiates, else the only Petrel class. */
  readonly className: string | null;
  readonly classLine: number | null;
  /** The Petrel base the class derives from (directly or through classes of this module). */
  readonly base: PetrelBase | null;
  readonly hasRun: boolean;
  readonly fields: Readable<readonly string[]>;
  readonly componentConfig: Readable<LiteralMap>;
  /** Every class of the module with its Petrel base, if any. */
  readonly classes: readonly { readonly name: string; readonly base: PetrelBase | null; readonly line: number }[];
}

export type ModuleAnalysis = { readonly ok: true; readonly info: ModuleInfo } | { readonly ok: false; readonly line: number; readonly column: number; readonly message: string };

const PETREL_BASES = new Set<string>(['Spout', 'BasicBolt', 'Bolt']);

/**
 * Reads a component module. Fails only when the code is not Python (syntax error with line).
 * `forClass` names the component class when the caller knows it (create.py instantiates it).
 *
 * @example
 * const a = analyzeModule(code);
 * if (a.ok) a.info.className // 'WordCountBolt'
 */
export function analyzeModule(code: string, forClass?: string): ModuleAnalysis {
  const parsed = tryParse(code);
  return parsed.ok ? { ok: true, info: moduleInfo(parsed.body, forClass) } : parsed;
}

/** The statements of `code`, or its syntax error (with line and column). */
export function tryParse(code: string): { readonly ok: true; readonly body: Stmt[] } | { readonly ok: false; readonly line: number; readonly column: number; readonly message: string } {
  try {
    return { ok: true, body: parseModule(code) };
  } catch (e) {
    if (e instanceof PythonSyntaxError) return { ok: false, line: e.line, column: e.column, message: e.message };
    if (e instanceof RangeError) return { ok: false, line: 1, column: 1, message: 'the code is nested too deeply to read' };
    throw e;
  }
}

export type ClassDef = Extract<Stmt, { kind: 'class' }>;
export type FunctionDef = Extract<Stmt, { kind: 'def' }>;

/** The module-level classes of `body`, by name. */
export function classesOf(body: readonly Stmt[]): Map<string, ClassDef> {
  const classDefs = new Map<string, ClassDef>();
  for (const s of body) if (s.kind === 'class') classDefs.set(s.name, s);
  return classDefs;
}

/** {@link analyzeModule} of statements already parsed. */
export function moduleInfo(body: readonly Stmt[], forClass?: string): ModuleInfo {
  const env = moduleConstants(body);
  const classDefs = classesOf(body);

  const baseOf = (name: string, seen = new Set<string>()): PetrelBase | null => {
    const def = classDefs.get(name);
    if (!def || seen.has(name)) return null;
    seen.add(name);
    for (const b of def.bases) {
      const last = b.kind === 'name' ? b.id : b.kind === 'attr' ? b.attr : null;
      if (last === null) continue;
      if (classDefs.has(last) && last !== name) {
        const inherited = baseOf(last, seen);
        if (inherited) return inherited;
      } else if (PETREL_BASES.has(last)) return last as PetrelBase;
    }
    return null;
  };
  const classes = [...classDefs.values()].map((c) => ({ name: c.name, base: baseOf(c.name), line: c.line }));

  const run = body.find((s): s is FunctionDef => s.kind === 'def' && s.name === 'run');
  let className: string | null = forClass ?? (run ? instantiatedIn(run.body) : null);
  if (className !== null && !classDefs.has(className)) className = null;
  if (className === null && forClass === undefined) {
    const petrel = classes.filter((c) => c.base !== null);
    if (petrel.length === 1) className = petrel[0]!.name;
  }
  const cls = className === null ? undefined : classDefs.get(className);
  return {
    className,
    classLine: cls?.line ?? null,
    base: className === null ? null : baseOf(className),
    hasRun: run !== undefined,
    fields: className === null ? { kind: 'absent' } : readMethod(className, 'declareOutputFields', classDefs, env, stringList),
    componentConfig: className === null ? { kind: 'absent' } : readMethod(className, 'getComponentConfiguration', classDefs, classConstants(classChain(classDefs, className), env), configMap),
    classes,
  };
}

/** Class `className` and its bases defined in this module, nearest first (how Python looks attributes up, as far as this module says). */
function classChain(classDefs: ReadonlyMap<string, ClassDef>, className: string): ClassDef[] {
  const out: ClassDef[] = [];
  const queue = [className];
  while (queue.length) {
    const def = classDefs.get(queue.shift()!);
    if (!def || out.includes(def)) continue;
    out.push(def);
    for (const b of def.bases) if (b.kind === 'name') queue.push(b.id);
  }
  return out;
}

/** The class `X` of a `X().run()` statement in `run()`'s body. */
function instantiatedIn(body: readonly Stmt[]): string | null {
  for (const s of body) {
    if (s.kind !== 'expr' || s.value.kind !== 'call') continue;
    const f = s.value.func;
    if (f.kind === 'attr' && f.attr === 'run' && f.value.kind === 'call' && f.value.func.kind === 'name') return f.value.func.id;
  }
  return null;
}

type Convert<T> = (value: LiteralValue, line: number) => { ok: true; value: T } | { ok: false; reason: string };

const stringList: Convert<readonly string[]> = (value) =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? { ok: true, value: value as string[] } : { ok: false, reason: 'it does not return a list of strings' };

const configMap: Convert<LiteralMap> = (value) => {
  if (value === null) return { ok: true, value: {} };
  if (typeof value === 'object' && !Array.isArray(value)) return { ok: true, value: value as LiteralMap };
  return { ok: false, reason: 'it does not return a dict (or None)' };
};

/** The value a method returns, when its body is a single readable `return` (docstrings and comments aside). */
function readMethod<T>(className: string, method: string, classDefs: ReadonlyMap<string, ClassDef>, env: LiteralEnv, convert: Convert<T>): Readable<T> {
  const fn = findMethod(classDefs, className, method);
  return fn ? readReturn(fn, env, convert) : { kind: 'absent' };
}

/**
 * The method `method` of class `className`: its own, or that of the first base defined in this
 * module that has it (as Python looks it up, as far as this module says).
 */
export function findMethod(classDefs: ReadonlyMap<string, ClassDef>, className: string, method: string): FunctionDef | null {
  const seen = new Set<string>();
  let current: string | undefined = className;
  while (current !== undefined && !seen.has(current)) {
    seen.add(current);
    const def = classDefs.get(current);
    if (!def) return null;
    const fn = def.body.find((s): s is FunctionDef => s.kind === 'def' && s.name === method);
    if (fn) return fn;
    current = def.bases.map((b) => (b.kind === 'name' ? b.id : null)).find((b): b is string => b !== null && classDefs.has(b));
  }
  return null;
}

/** The `return` statement that is the whole body of `fn` (docstrings and `pass` aside), or null. */
export function soleReturn(fn: FunctionDef): Extract<Stmt, { kind: 'return' }> | null {
  const statements = fn.body.filter((s) => !(s.kind === 'expr' && s.value.kind === 'const' && typeof s.value.value === 'string') && s.kind !== 'pass');
  const ret = statements[0];
  return statements.length === 1 && ret!.kind === 'return' ? ret! : null;
}

function readReturn<T>(fn: FunctionDef, env: LiteralEnv, convert: Convert<T>): Readable<T> {
  const ret = soleReturn(fn);
  if (!ret) return { kind: 'unreadable', line: fn.line, reason: `${fn.name}() does more than return a literal` };
  if (ret.value === null) {
    const c = convert(null, ret.line);
    return c.ok ? { kind: 'value', value: c.value, line: ret.line } : { kind: 'unreadable', line: ret.line, reason: c.reason };
  }
  const r: LiteralResult = literal(ret.value, env);
  if (!r.ok) return { kind: 'unreadable', line: r.line, reason: r.reason };
  const c = convert(r.value, ret.line);
  return c.ok ? { kind: 'value', value: c.value, line: ret.line } : { kind: 'unreadable', line: ret.line, reason: `${fn.name}(): ${c.reason}` };
}
