/**
 * Evaluates the literal part of Python expressions: strings, numbers, booleans, `None`, lists,
 * tuples, dicts with string keys, names bound to such values, and arithmetic on them. Anything
 * else is "not a literal", reported with its line, never run.
 */
import type { Expr, Stmt } from './parse';

/** A value Python code states literally, as JSON carries it (what configuration values are). */
export type LiteralValue = string | number | boolean | null | readonly LiteralValue[] | { readonly [key: string]: LiteralValue };

export type LiteralResult = { readonly ok: true; readonly value: LiteralValue } | { readonly ok: false; readonly line: number; readonly reason: string };

/** Names bound to literal values (module-level constants such as `EMIT_EVERY_SECS = 3`). */
export type LiteralEnv = ReadonlyMap<string, LiteralResult>;

const fail = (line: number, reason: string): LiteralResult => ({ ok: false, line, reason });

/**
 * The value of a literal expression, or why it has none.
 *
 * @example
 * literal(expr("{'topology.tick.tuple.freq.secs': SECS}"), new Map([['SECS', { ok: true, value: 3 }]]))
 * // { ok: true, value: { 'topology.tick.tuple.freq.secs': 3 } }
 */
export function literal(e: Expr, env: LiteralEnv = new Map()): LiteralResult {
  switch (e.kind) {
    case 'const':
      return { ok: true, value: e.value };
    case 'name': {
      const bound = env.get(e.id);
      if (bound === undefined) return fail(e.line, `the name ${e.id} is not a constant defined in this file`);
      return bound.ok ? bound : fail(e.line, `${e.id} is not a literal value (line ${bound.line}: ${bound.reason})`);
    }
    case 'list':
    case 'tuple': {
      const out: LiteralValue[] = [];
      for (const item of e.items) {
        const r = literal(item, env);
        if (!r.ok) return r;
        out.push(r.value);
      }
      return { ok: true, value: out };
    }
    case 'dict': {
      const out: Record<string, LiteralValue> = {};
      for (const [k, v] of e.entries) {
        const key = literal(k, env);
        if (!key.ok) return key;
        if (typeof key.value !== 'string') return fail(k.line, 'dict keys must be strings');
        const value = literal(v, env);
        if (!value.ok) return value;
        Object.defineProperty(out, key.value, { value: value.value, enumerable: true, writable: true, configurable: true });
      }
      return { ok: true, value: out };
    }
    case 'unary': {
      const r = literal(e.operand, env);
      if (!r.ok) return r;
      if (typeof r.value !== 'number' || e.op === '~' || e.op === 'not') return fail(e.line, `'${e.op}' applies to numbers only here`);
      return { ok: true, value: e.op === '-' ? -r.value : r.value };
    }
    case 'binop':
      return binop(e.op, e.left, e.right, e.line, env);
    case 'set':
      return fail(e.line, 'a set is not a configuration value');
    case 'attr': {
      // `self.X`, `cls.X`, `Class.X`: a class attribute the caller bound (see `classConstants`).
      const bound = e.value.kind === 'name' ? env.get(`${e.value.id}.${e.attr}`) : undefined;
      if (bound === undefined) return fail(e.line, 'a call or attribute cannot be read without running the code');
      return bound.ok ? bound : fail(e.line, `${e.attr} is not a literal value (line ${bound.line}: ${bound.reason})`);
    }
    case 'call':
      return fail(e.line, 'a call or attribute cannot be read without running the code');
    case 'other':
      return fail(e.line, `${e.what} cannot be read without running the code`);
  }
}

function binop(op: string, l: Expr, r: Expr, line: number, env: LiteralEnv): LiteralResult {
  const a = literal(l, env);
  if (!a.ok) return a;
  const b = literal(r, env);
  if (!b.ok) return b;
  const x = a.value;
  const y = b.value;
  if (typeof x === 'number' && typeof y === 'number') {
    switch (op) {
      case '+': return { ok: true, value: x + y };
      case '-': return { ok: true, value: x - y };
      case '*': return { ok: true, value: x * y };
      case '/': return y === 0 ? fail(line, 'division by zero') : { ok: true, value: x / y };
      case '//': return y === 0 ? fail(line, 'division by zero') : { ok: true, value: Math.floor(x / y) };
      case '%': return y === 0 ? fail(line, 'division by zero') : { ok: true, value: x - y * Math.floor(x / y) };
      case '**': return { ok: true, value: x ** y };
    }
  }
  if (op === '+' && typeof x === 'string' && typeof y === 'string') return { ok: true, value: x + y };
  if (op === '+' && Array.isArray(x) && Array.isArray(y)) return { ok: true, value: [...x, ...y] };
  return fail(line, `'${op}' on these values cannot be read without running the code`);
}

/**
 * Module-level names bound by simple assignments (`NAME = literal`), in order, so that later
 * constants may use earlier ones. Names bound to anything else are recorded as not literal.
 */
export function moduleConstants(body: readonly Stmt[]): Map<string, LiteralResult> {
  const env = new Map<string, LiteralResult>();
  for (const s of body) {
    if (s.kind !== 'assign') continue;
    const value = literal(s.value, env);
    for (const t of s.targets) if (t.kind === 'name') env.set(t.id, value);
  }
  return env;
}

/**
 * `env` with the class attributes of `classes` (the component class first, then its bases defined
 * in the module), bound as `self.X`, `cls.X` and `ClassName.X`: the book's idiom
 * `emitFrequencyInSeconds = 15` … `return {"topology.tick.tuple.freq.secs": self.emitFrequencyInSeconds}`.
 * A class body's assignments may use the module's constants and the attributes before them; a
 * literal `self.X = …` at the top of `__init__` counts when the class does not define `X`.
 */
export function classConstants(classes: readonly { readonly name: string; readonly body: readonly Stmt[] }[], env: LiteralEnv): Map<string, LiteralResult> {
  const out = new Map(env);
  const bind = (className: string, name: string, value: LiteralResult) => {
    for (const key of [`self.${name}`, `cls.${name}`, `${className}.${name}`]) if (!out.has(key)) out.set(key, value);
  };
  for (const cls of classes) {
    // Names inside the class body see the module's constants and the class's earlier attributes.
    const scope = new Map(env);
    for (const s of cls.body) {
      if (s.kind !== 'assign') continue;
      const value = literal(s.value, scope);
      for (const t of s.targets) {
        if (t.kind !== 'name') continue;
        scope.set(t.id, value);
        bind(cls.name, t.id, value);
      }
    }
    const init = cls.body.find((s): s is Extract<Stmt, { kind: 'def' }> => s.kind === 'def' && s.name === '__init__');
    for (const s of init?.body ?? []) {
      if (s.kind !== 'assign') continue;
      for (const t of s.targets) {
        if (t.kind === 'attr' && t.value.kind === 'name' && t.value.id === 'self' && !out.has(`self.${t.attr}`)) bind(cls.name, t.attr, literal(s.value, out));
      }
    }
  }
  return out;
}
