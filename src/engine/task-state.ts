/**
 * A task's own state for the run views (docs/run-views.md, "What each task holds"): the fields
 * of the component instance — a counting bolt's dict of counts — shown per task while the
 * run is paused or after it stopped, so that fields grouping's routing shows in what each task keeps.
 *
 * User code is untrusted: reading the state runs none of it. JavaScript: own enumerable data
 * properties only (getters are named, not called), built-in containers walked through their own
 * built-in methods, other objects shown by class name. Python does the same on its side
 * (storm/python/_storm_studio/state.py). Everything is bounded: fields, items per container,
 * depth, and characters per field.
 */
import type { Language } from '../model';

/** The bounds both runtimes apply (state.py has the same numbers). */
export const STATE_LIMITS = {
  /** Fields per task (the first ones, in definition order). */
  fields: 40,
  /** Items shown per container. */
  items: 30,
  /** Containers nested deeper are shown as `{…}` / `[…]`. */
  depth: 3,
  /** Characters per field's text (cut with `…`). */
  chars: 400,
  /** Characters of a string value shown before it is cut. */
  string: 120,
} as const;

export interface StateField {
  readonly name: string;
  /** The value as its language prints it (Python's repr, JavaScript's console-like form), bounded. */
  readonly repr: string;
  /** The value's type name (`dict`, `Counter`, `Map`, `Object`, `int`, `number`…). */
  readonly type: string;
  /** Items of a container (dict, list, set, Map, Set, Array, object keys), else null. */
  readonly size: number | null;
}

export interface InspectedState {
  readonly fields: readonly StateField[];
  /** Fields left out past {@link STATE_LIMITS.fields}. */
  readonly more: number;
}

/** A task's state, or why it has none to show. */
export interface TaskStateView {
  readonly task: number;
  readonly component: string;
  readonly language: Language;
  readonly state: InspectedState | null;
  /** Why `state` is null: the worker is down, the runtime cannot read it, or reading it failed. */
  readonly note?: string;
}

/** Every hosted task's state at an engine time. */
export interface TaskStates {
  readonly time: number;
  readonly tasks: readonly TaskStateView[];
}

const L = STATE_LIMITS;

/**
 * Dunder names are the language's, not the component's state. A single leading underscore is
 * kept: the book's bolts keep their counts in `self._counts`.
 */
const isHidden = (name: string) => name.startsWith('__');

class Budget {
  constructor(public left: number) {}
  get spent(): boolean {
    return this.left <= 0;
  }
  take(text: string): string {
    this.left -= text.length;
    return text;
  }
}

const objectProto = Object.prototype;
const getProto = Object.getPrototypeOf;
const ownDescriptor = Object.getOwnPropertyDescriptor;
const ownKeys = Object.keys;
const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, 'size')!.get!;
const setSize = Object.getOwnPropertyDescriptor(Set.prototype, 'size')!.get!;
const mapEntries = Map.prototype.entries;
const setValues = Set.prototype.values;
const fnName = (f: unknown): string => {
  const d = ownDescriptor(f as object, 'name');
  return d && typeof d.value === 'string' ? d.value : '';
};

/** The class name of an object without running its code (its constructor's own `name` data property). */
function className(o: object): string {
  let proto: unknown;
  try {
    proto = getProto(o);
  } catch {
    return 'Object';
  }
  if (proto === null) return 'Object';
  const ctor = ownDescriptor(proto as object, 'constructor');
  return ctor && typeof ctor.value === 'function' ? fnName(ctor.value) || 'Object' : 'Object';
}

function quote(s: string): string {
  const cut = s.length > L.string ? `${s.slice(0, L.string)}…` : s;
  return `'${cut.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

function primitive(v: unknown): string | null {
  switch (typeof v) {
    case 'string':
      return quote(v);
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'bigint':
      return `${String(v)}n`;
    case 'boolean':
      return String(v);
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return v.description === undefined ? 'Symbol()' : `Symbol(${v.description.slice(0, L.string)})`;
    case 'function':
      return `[Function${fnName(v) ? `: ${fnName(v)}` : ' (anonymous)'}]`;
    default:
      return v === null ? 'null' : null;
  }
}

/** Items of a container as text, at most {@link STATE_LIMITS.items}, stopping when the budget is spent. */
function items(entries: Iterable<string>, total: number, budget: Budget): string {
  const out: string[] = [];
  for (const e of entries) {
    if (out.length >= L.items || budget.spent) break;
    out.push(budget.take(e));
  }
  if (total > out.length) out.push(`… ${total - out.length} more`);
  return out.join(', ');
}

/** A value as a console would print it (`{ the: 12 }`, `Map(2) { 'a' => 1 }`), bounded; runs no user code. */
function show(v: unknown, depth: number, seen: Set<object>, budget: Budget): string {
  const p = primitive(v);
  if (p !== null) return p;
  const o = v as object;
  if (seen.has(o)) return '[Circular]';
  const name = className(o);
  if (depth >= L.depth) return Array.isArray(o) ? '[…]' : name === 'Object' ? '{…}' : `${name} {…}`;
  seen.add(o);
  try {
    if (Array.isArray(o)) {
      const n = o.length;
      const gen = function* () {
        for (let i = 0; i < n; i++) {
          const d = ownDescriptor(o, i);
          yield d === undefined ? '<empty>' : 'value' in d ? show(d.value, depth + 1, seen, budget) : '[Getter]';
        }
      };
      return `[${items(gen(), n, budget)}]`;
    }
    if (o instanceof Map) {
      const n = mapSize.call(o) as number;
      const it = mapEntries.call(o) as IterableIterator<[unknown, unknown]>;
      const gen = function* () {
        for (const [k, val] of it) yield `${show(k, depth + 1, seen, budget)} => ${show(val, depth + 1, seen, budget)}`;
      };
      return `Map(${n}) {${n ? ` ${items(gen(), n, budget)} ` : ''}}`;
    }
    if (o instanceof Set) {
      const n = setSize.call(o) as number;
      const it = setValues.call(o) as IterableIterator<unknown>;
      const gen = function* () {
        for (const val of it) yield show(val, depth + 1, seen, budget);
      };
      return `Set(${n}) {${n ? ` ${items(gen(), n, budget)} ` : ''}}`;
    }
    if (o instanceof Date) return `Date(${Number.isNaN(Date.prototype.getTime.call(o)) ? 'Invalid' : Date.prototype.toISOString.call(o)})`;
    const keys = ownKeys(o);
    const gen = function* () {
      for (const k of keys) {
        const d = ownDescriptor(o, k);
        if (d === undefined) continue;
        const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k);
        yield `${key}: ${'value' in d ? show(d.value, depth + 1, seen, budget) : '[Getter]'}`;
      }
    };
    const body = keys.length ? `{ ${items(gen(), keys.length, budget)} }` : '{}';
    return name === 'Object' && (getProto(o) === objectProto || getProto(o) === null) ? body : `${name} ${body}`;
  } finally {
    seen.delete(o);
  }
}

function sizeOf(v: unknown): number | null {
  if (typeof v !== 'object' || v === null) return null;
  if (Array.isArray(v)) return v.length;
  if (v instanceof Map) return mapSize.call(v) as number;
  if (v instanceof Set) return setSize.call(v) as number;
  return ownKeys(v).length;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return Array.isArray(v) ? 'Array' : className(v);
  return typeof v;
}

/** Cuts a field's text to {@link STATE_LIMITS.chars}. */
export function boundRepr(text: string): string {
  return text.length > L.chars ? `${text.slice(0, L.chars - 1)}…` : text;
}

/**
 * The state of a JavaScript component instance: its own enumerable fields (not `__`-prefixed),
 * each printed as a console would, bounded; getters are not called.
 *
 * @example
 * inspectJsInstance(Object.assign(new Counter(), { counts: { the: 12, cat: 3 } }))
 * // { fields: [{ name: 'counts', repr: '{ the: 12, cat: 3 }', type: 'Object', size: 2 }], more: 0 }
 */
export function inspectJsInstance(instance: object): InspectedState {
  const fields: StateField[] = [];
  let more = 0;
  for (const name of ownKeys(instance)) {
    if (isHidden(name)) continue;
    if (fields.length >= L.fields) {
      more++;
      continue;
    }
    const d = ownDescriptor(instance, name);
    if (d === undefined) continue;
    if (!('value' in d)) {
      fields.push({ name, repr: '[Getter]', type: 'accessor', size: null });
      continue;
    }
    const budget = new Budget(L.chars);
    fields.push({ name, repr: boundRepr(show(d.value, 0, new Set(), budget)), type: typeOf(d.value), size: sizeOf(d.value) });
  }
  return { fields, more };
}

/**
 * Checks a state another runtime sent (Python's JSON) against the shape and the bounds: what
 * crosses into the page is plain, bounded data whatever the runtime returned.
 */
export function checkInspectedState(value: unknown): InspectedState {
  const fail = (what: string): never => {
    throw new Error(`A task's state from the runtime is malformed: ${what}`);
  };
  if (typeof value !== 'object' || value === null) fail('not an object');
  const { fields, more } = value as { fields?: unknown; more?: unknown };
  if (!Array.isArray(fields)) fail('no list of fields');
  if (typeof more !== 'number' || !Number.isInteger(more) || more < 0) fail('"more" is not a count');
  const out: StateField[] = [];
  for (const f of (fields as unknown[]).slice(0, L.fields)) {
    const { name, repr, type, size } = (f ?? {}) as Record<string, unknown>;
    if (typeof name !== 'string' || typeof repr !== 'string' || typeof type !== 'string') fail('a field without a name, repr or type');
    if (size !== null && (typeof size !== 'number' || !Number.isInteger(size) || size < 0)) fail(`the size of ${String(name)}`);
    out.push({ name: (name as string).slice(0, 200), repr: boundRepr(repr as string), type: (type as string).slice(0, 100), size: size as number | null });
  }
  return { fields: out, more: (more as number) + Math.max(0, (fields as unknown[]).length - L.fields) };
}
