/**
 * Where a Petrel component module states the two facts it shares with the topology document: the
 * fields `declareOutputFields` returns and a number `getComponentConfiguration` returns for a key
 * (the tick period). Read with the parser, with the spans a rewrite replaces; anything but a plain
 * literal is "unreadable", so that the designer never rewrites code it does not understand.
 */
import { classesOf, findMethod, moduleInfo, soleReturn, tryParse, type ClassDef, type FunctionDef } from './module-info';
import type { Expr, Span, Stmt } from './parse';

/** The literal `declareOutputFields` returns: a list, a tuple in parentheses, or a bare tuple (`return 'a', 'b'`). */
export interface FieldsLiteral {
  readonly fields: readonly string[];
  readonly span: Span;
  readonly form: 'list' | 'tuple' | 'bare';
}

/** The entry of `key` in the dict `getComponentConfiguration` returns. */
export interface ConfigEntry {
  readonly dict: Span;
  /** `'key': value`, when the dict has the key. */
  readonly entry: Span | null;
  /** Where the number is written: in the dict, or in the module-level constant the dict names. */
  readonly number: Span | null;
  readonly value: number | null;
}

interface Module {
  readonly body: readonly Stmt[];
  readonly classes: ReadonlyMap<string, ClassDef>;
  /** The component class, when the module says which it is (run() instantiates it, or it is the only Petrel class). */
  readonly component: string | null;
}

function read(code: string): Module | null {
  const parsed = tryParse(code);
  if (!parsed.ok) return null;
  return { body: parsed.body, classes: classesOf(parsed.body), component: moduleInfo(parsed.body).className };
}

/** The component class's method (or its base's); without a known component class, the first class defining it. */
function method(m: Module, name: string): FunctionDef | null {
  if (m.component !== null) return findMethod(m.classes, m.component, name);
  for (const c of m.classes.values()) {
    const fn = c.body.find((s): s is FunctionDef => s.kind === 'def' && s.name === name);
    if (fn) return fn;
  }
  return null;
}

/** What the method returns, when its whole body is `return <expression>`. */
function returned(fn: FunctionDef): Expr | null {
  return soleReturn(fn)?.value ?? null;
}

/**
 * The fields `declareOutputFields` returns, when it returns a literal list or tuple of plain strings;
 * null otherwise (no such method, another expression, code that does not parse).
 *
 * @example
 * pythonDeclaredFields("class B(Bolt):\n    def declareOutputFields(cls):\n        return ['word']\n")?.fields // ['word']
 */
export function pythonDeclaredFields(code: string): FieldsLiteral | null {
  const m = read(code);
  const fn = m && method(m, 'declareOutputFields');
  const value = fn && returned(fn);
  if (!value || (value.kind !== 'list' && value.kind !== 'tuple')) return null;
  const fields: string[] = [];
  for (const item of value.items) {
    if (item.kind !== 'const' || typeof item.value !== 'string') return null;
    fields.push(item.value);
  }
  const form = value.kind === 'list' ? 'list' : code[value.start] === '(' ? 'tuple' : 'bare';
  return { fields, span: { start: value.start, end: value.end }, form };
}

/**
 * What `getComponentConfiguration` says of `key`: `absent` (no such method), `unreadable` (it does
 * not return a literal dict, or the key's value is neither a number nor a module-level constant
 * holding one), or the entry with its spans.
 *
 * @example
 * pythonConfigEntry(code, 'topology.tick.tuple.freq.secs') // { dict, entry, number, value: 5 }
 */
export function pythonConfigEntry(code: string, key: string): ConfigEntry | 'absent' | 'unreadable' {
  const m = read(code);
  if (!m) return 'unreadable';
  const fn = method(m, 'getComponentConfiguration');
  if (!fn) return 'absent';
  const dict = returned(fn);
  if (!dict || dict.kind !== 'dict') return 'unreadable';
  const span = { start: dict.start, end: dict.end };
  const found = dict.entries.filter(([k]) => k.kind === 'const' && k.value === key).pop();
  if (!found) return { dict: span, entry: null, number: null, value: null };
  const [k, v] = found;
  const entry = { start: k.start, end: v.end };
  const number = v.kind === 'name' ? moduleConstant(m.body, v.id) : v;
  if (!number || number.kind !== 'const' || typeof number.value !== 'number') return 'unreadable';
  return { dict: span, entry, number: { start: number.start, end: number.end }, value: number.value };
}

/** The value of the one module-level `NAME = value` statement binding `name`. */
function moduleConstant(body: readonly Stmt[], name: string): Expr | null {
  const bindings = body.filter((s) => s.kind === 'assign' && s.targets.some((t) => t.kind === 'name' && t.id === name));
  const only = bindings.length === 1 ? bindings[0]! : null;
  return only && only.kind === 'assign' && only.targets.length === 1 ? only.value : null;
}

/**
 * Where a new method of the component class goes (after its last statement) and the indentation
 * of its statements; null when the module has no class to add it to.
 */
export function pythonMethodInsertion(code: string): { readonly at: number; readonly indent: string } | null {
  const m = read(code);
  if (!m) return null;
  const classes = [...m.classes.values()];
  const cls = classOf(m, classes) ?? classes[classes.length - 1];
  if (!cls) return null;
  const first = cls.body[0];
  const lineOf = (offset: number) => code.lastIndexOf('\n', offset - 1) + 1;
  const indent = first && lineOf(first.start) > cls.start ? code.slice(lineOf(first.start), first.start) : '';
  const end = code.indexOf('\n', cls.end);
  return { at: end < 0 ? code.length : end, indent: /^[ \t]+$/.test(indent) ? indent : '    ' };
}

/** The component class, or the class defining declareOutputFields. */
function classOf(m: Module, classes: readonly ClassDef[]): ClassDef | null {
  if (m.component !== null) return m.classes.get(m.component) ?? null;
  return classes.find((c) => c.body.some((s) => s.kind === 'def' && s.name === 'declareOutputFields')) ?? null;
}
