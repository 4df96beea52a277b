/**
 * Reads Petrel's `create.py` without running it: module imports, constants, and the calls that
 * `create(builder)` makes on Petrel's TopologyBuilder, with the arguments Petrel accepts. Anything
 * it cannot follow is an error naming the file and line.
 */
import { err, ok, type ConfigMap, type ConfigValue, type Grouping, type Result } from '../../model';
import { literal, type LiteralResult } from '../../python/literal';
import { parseModule, PythonSyntaxError, type Expr, type Keyword, type Stmt } from '../../python/parse';
import type { FormatError, FormatWarning } from '../types';
import { CONFIG_HELPER } from './create-py';

export interface DeclaredComponent {
  readonly id: string;
  readonly kind: 'spout' | 'bolt';
  /** Python module the class comes from, and the class name. */
  readonly module: string;
  readonly className: string;
  readonly parallelism: number;
  /** Configuration given in create.py through the config helper, if any. */
  readonly config: ConfigMap | null;
  readonly line: number;
}
export interface DeclaredStream {
  readonly component: string;
  readonly stream: string;
  readonly fields: readonly string[];
  readonly direct: boolean;
  readonly line: number;
}
export interface DeclaredSubscription {
  readonly to: string;
  readonly from: string;
  readonly stream: string;
  readonly grouping: Grouping;
  readonly line: number;
}
export interface CreatePyModel {
  readonly components: readonly DeclaredComponent[];
  readonly streams: readonly DeclaredStream[];
  readonly subscriptions: readonly DeclaredSubscription[];
}

type Value =
  | { readonly t: 'lit'; readonly value: ConfigValue }
  | { readonly t: 'module'; readonly name: string }
  | { readonly t: 'class'; readonly module: string; readonly name: string }
  | { readonly t: 'instance'; readonly module: string; readonly className: string; readonly config: ConfigMap | null }
  | { readonly t: 'builder' }
  | { readonly t: 'declarer'; readonly id: string }
  | { readonly t: 'helper' }
  | { readonly t: 'function'; readonly name: string }
  | { readonly t: 'method'; readonly of: Value; readonly name: string };

class ReadError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const UNDERSTOOD =
  'Storm Studio reads create.py without running it and follows imports, constants, builder.setSpout/setBolt with chained groupings, builder.addOutputStream and assignments of these.';

const GROUPINGS: Record<string, Grouping['kind']> = {
  shuffleGrouping: 'shuffle',
  fieldsGrouping: 'fields',
  globalGrouping: 'global',
  allGrouping: 'all',
  noneGrouping: 'none',
  localOrShuffleGrouping: 'localOrShuffle',
  directGrouping: 'direct',
};

/**
 * Reads a create.py. `definition` is the function petrel submit calls (`create` unless
 * `--definition` names another).
 */
export function readCreatePy(source: string, file: string, warnings: FormatWarning[], definition = 'create'): Result<CreatePyModel, FormatError> {
  let body: Stmt[];
  try {
    body = parseModule(source);
  } catch (e) {
    if (e instanceof PythonSyntaxError) return err([{ file, line: e.line, column: e.column, message: `Python syntax error: ${e.message}.` }]);
    if (e instanceof RangeError) return err([{ file, line: 1, message: 'The code is nested too deeply to read.' }]);
    throw e;
  }
  const reader = new Reader(file, warnings);
  try {
    return ok(reader.read(body, definition));
  } catch (e) {
    if (e instanceof ReadError) return err([{ file, line: e.line, message: e.message }]);
    throw e;
  }
}

class Reader {
  private readonly env = new Map<string, Value | { t: 'unknown'; line: number; reason: string }>();
  private readonly components: DeclaredComponent[] = [];
  private readonly streams: DeclaredStream[] = [];
  private readonly subscriptions: DeclaredSubscription[] = [];

  constructor(
    private readonly file: string,
    private readonly warnings: FormatWarning[],
  ) {}

  read(body: readonly Stmt[], definition: string): CreatePyModel {
    let create: Extract<Stmt, { kind: 'def' }> | undefined;
    for (const s of body) {
      switch (s.kind) {
        case 'import':
          for (const n of s.names) {
            if (n.asname) this.env.set(n.asname, { t: 'module', name: n.module });
            else this.env.set(n.module.split('.')[0]!, { t: 'module', name: n.module.split('.')[0]! });
          }
          break;
        case 'from':
          for (const n of s.names) {
            if (n.name === '*') throw new ReadError(`"from ${s.module} import *" hides which classes create.py uses: import them by name.`, s.line);
            this.env.set(n.asname ?? n.name, s.level > 0 ? { t: 'unknown', line: s.line, reason: 'relative imports are not supported' } : { t: 'class', module: s.module, name: n.name });
          }
          break;
        case 'def':
          if (s.name === definition) create = s;
          this.env.set(s.name, s.name === CONFIG_HELPER ? { t: 'helper' } : { t: 'function', name: s.name });
          break;
        case 'assign': {
          const value = literal(s.value, this.literalEnv());
          for (const target of s.targets) {
            if (target.kind === 'name') this.env.set(target.id, value.ok ? { t: 'lit', value: value.value } : { t: 'unknown', line: value.line, reason: value.reason });
          }
          break;
        }
        case 'pass':
          break;
        case 'expr':
          if (s.value.kind !== 'const') this.warnings.push({ code: 'W_IGNORED', file: this.file, line: s.line, message: 'This module-level statement is not read (only create() is).' });
          break;
        case 'class':
          this.env.set(s.name, { t: 'class', module: '', name: s.name });
          break;
        default:
          this.warnings.push({ code: 'W_IGNORED', file: this.file, line: s.line, message: `The ${s.kind === 'other' ? s.what : s.kind} at module level is not read (only create() is).` });
      }
    }
    if (!create) throw new ReadError(`No function ${definition}(builder) is defined: petrel submit calls ${definition}(builder) in this file.`, 1);
    if (create.params.length !== 1) throw new ReadError(`${definition}() must take exactly one parameter, the topology builder (it takes ${create.params.length}).`, create.line);
    this.env.set(create.params[0]!, { t: 'builder' });
    this.block(create.body);
    return { components: this.components, streams: this.streams, subscriptions: this.subscriptions };
  }

  private literalEnv(): Map<string, LiteralResult> {
    const out = new Map<string, LiteralResult>();
    for (const [k, v] of this.env) {
      if (v.t === 'lit') out.set(k, { ok: true, value: v.value });
      else if (v.t === 'unknown') out.set(k, { ok: false, line: v.line, reason: v.reason });
    }
    return out;
  }

  private block(body: readonly Stmt[]): void {
    for (const s of body) {
      switch (s.kind) {
        case 'expr':
          if (s.value.kind === 'const') break;
          this.eval(s.value);
          break;
        case 'assign': {
          const value = this.evalOrLiteral(s.value);
          for (const t of s.targets) {
            if (t.kind !== 'name') throw new ReadError(`Only assignments to plain names are understood. ${UNDERSTOOD}`, s.line);
            this.env.set(t.id, value);
          }
          break;
        }
        case 'pass':
          break;
        case 'return':
          if (s.value !== null && !(s.value.kind === 'const' && s.value.value === null)) throw new ReadError('create() returns a value, which Petrel ignores; remove the return value.', s.line);
          return;
        case 'import':
        case 'from':
          throw new ReadError('Imports inside create() are not followed: import the component modules at the top of create.py.', s.line);
        case 'def':
        case 'class':
          throw new ReadError(`A ${s.kind} inside create() is not followed. ${UNDERSTOOD}`, s.line);
        case 'other':
          throw new ReadError(`create() uses ${articled(s.what)}, which cannot be followed without running it. ${UNDERSTOOD}`, s.line);
      }
    }
  }

  private evalOrLiteral(e: Expr): Value {
    if (e.kind === 'call' || e.kind === 'attr' || e.kind === 'name') return this.eval(e);
    const r = literal(e, this.literalEnv());
    if (!r.ok) throw new ReadError(`Cannot read this value: ${r.reason}.`, r.line);
    return { t: 'lit', value: r.value };
  }

  private eval(e: Expr): Value {
    switch (e.kind) {
      case 'name': {
        const v = this.env.get(e.id);
        if (v === undefined) throw new ReadError(`${e.id} is not defined in create.py.`, e.line);
        if (v.t === 'unknown') throw new ReadError(`${e.id} is not a value create.py can be read with (line ${v.line}: ${v.reason}).`, e.line);
        return v;
      }
      case 'attr': {
        const of = this.eval(e.value);
        if (of.t === 'module') return { t: 'class', module: of.name, name: e.attr };
        if (of.t === 'builder' || of.t === 'declarer') return { t: 'method', of, name: e.attr };
        throw new ReadError(`.${e.attr} cannot be followed here. ${UNDERSTOOD}`, e.line);
      }
      case 'call':
        return this.call(e);
      default: {
        const r = literal(e, this.literalEnv());
        if (!r.ok) throw new ReadError(`Cannot read this value: ${r.reason}.`, r.line);
        return { t: 'lit', value: r.value };
      }
    }
  }

  private call(e: Extract<Expr, { kind: 'call' }>): Value {
    const f = this.eval(e.func);
    const line = e.line;
    if (f.t === 'class') {
      if (e.args.length || e.keywords.length) throw new ReadError(`${f.name}(…) is given arguments: Storm Studio creates components without arguments, as Petrel's examples do.`, line);
      if (f.module === '') throw new ReadError(`${f.name} is defined in create.py itself: Petrel starts each component from its own module file.`, line);
      return { t: 'instance', module: f.module, className: f.name, config: null };
    }
    if (f.t === 'helper') {
      const a = this.bind(CONFIG_HELPER, ['component', 'conf'], [], e);
      const component = a.get('component')!;
      if (component.t !== 'instance') throw new ReadError(`${CONFIG_HELPER}() expects a component instance first.`, line);
      const conf = this.literalArg(a.get('conf')!, 'conf', line);
      if (typeof conf !== 'object' || conf === null || Array.isArray(conf)) throw new ReadError(`${CONFIG_HELPER}() expects a dict of configuration.`, line);
      return { ...component, config: conf as ConfigMap };
    }
    if (f.t === 'method' && f.of.t === 'builder') return this.builderCall(f.name, e);
    if (f.t === 'method' && f.of.t === 'declarer') return this.groupingCall(f.of.id, f.name, e);
    if (f.t === 'function') throw new ReadError(`${f.name}() is a function of create.py; calls to it cannot be followed without running it. ${UNDERSTOOD}`, line);
    throw new ReadError(`This call cannot be followed without running it. ${UNDERSTOOD}`, line);
  }

  private builderCall(method: string, e: Extract<Expr, { kind: 'call' }>): Value {
    const line = e.line;
    if (method === 'setSpout' || method === 'setBolt') {
      const a = this.bind(method, ['id', method === 'setSpout' ? 'spout' : 'bolt', 'parallelism_hint'], [['parallelism_hint', { t: 'lit', value: null }]], e);
      const id = this.stringArg(a.get('id')!, 'id', line);
      const instance = a.get(method === 'setSpout' ? 'spout' : 'bolt')!;
      if (instance.t !== 'instance') throw new ReadError(`The second argument of ${method} must be a component instance, e.g. wordcount.WordCountBolt().`, line);
      const p = this.literalArg(a.get('parallelism_hint')!, 'parallelism_hint', line);
      if (p !== null && !(typeof p === 'number' && Number.isInteger(p) && p >= 1)) throw new ReadError(`The parallelism of ${JSON.stringify(id)} is ${JSON.stringify(p)}: it must be a whole number ≥ 1.`, line);
      if (this.components.some((c) => c.id === id)) throw new ReadError(`Component ${JSON.stringify(id)} is declared twice (Petrel raises KeyError).`, line);
      this.components.push({ id, kind: method === 'setSpout' ? 'spout' : 'bolt', module: instance.module, className: instance.className, parallelism: (p as number | null) ?? 1, config: instance.config, line });
      return method === 'setBolt' ? { t: 'declarer', id } : { t: 'lit', value: null };
    }
    if (method === 'addOutputStream') {
      const a = this.bind(method, ['id', 'streamId', 'output_fields', 'direct'], [['direct', { t: 'lit', value: false }]], e);
      const id = this.stringArg(a.get('id')!, 'id', line);
      if (!this.components.some((c) => c.id === id)) throw new ReadError(`addOutputStream for ${JSON.stringify(id)} comes before its setSpout/setBolt (Petrel raises KeyError).`, line);
      const stream = this.stringArg(a.get('streamId')!, 'streamId', line);
      const fields = this.stringList(a.get('output_fields')!, 'output_fields', line);
      const direct = this.literalArg(a.get('direct')!, 'direct', line);
      if (typeof direct !== 'boolean') throw new ReadError('direct must be True or False.', line);
      this.streams.push({ component: id, stream, fields, direct, line });
      return { t: 'lit', value: null };
    }
    throw new ReadError(`builder.${method}() is not part of Petrel's TopologyBuilder as Storm Studio reads it. ${UNDERSTOOD}`, line);
  }

  private groupingCall(to: string, method: string, e: Extract<Expr, { kind: 'call' }>): Value {
    const line = e.line;
    const kind = GROUPINGS[method];
    if (kind === undefined) {
      const hint = method === 'setNumTasks' ? ' Petrel has no setNumTasks; give the component config key topology.tasks instead.' : '';
      throw new ReadError(`.${method}() is not a grouping Petrel offers.${hint} ${UNDERSTOOD}`, line);
    }
    const names = kind === 'fields' ? ['componentId', 'fields', 'streamId'] : ['componentId', 'streamId'];
    const a = this.bind(method, names, [['streamId', { t: 'lit', value: 'default' }]], e);
    const from = this.stringArg(a.get('componentId')!, 'componentId', line);
    const stream = this.stringArg(a.get('streamId')!, 'streamId', line);
    let grouping: Grouping = { kind } as Grouping;
    if (kind === 'fields') {
      const fields = this.stringList(a.get('fields')!, 'fields', line);
      // Petrel's globalGrouping is fieldsGrouping with no fields, as in Storm's Thrift encoding.
      grouping = fields.length === 0 ? { kind: 'global' } : { kind: 'fields', fields };
    }
    this.subscriptions.push({ to, from, stream, grouping, line });
    return { t: 'declarer', id: to };
  }

  /** Python's argument binding for a known signature. */
  private bind(fn: string, params: readonly string[], defaults: readonly [string, Value][], e: Extract<Expr, { kind: 'call' }>): Map<string, Value> {
    const out = new Map<string, Value>();
    if (e.args.length > params.length) throw new ReadError(`${fn}() takes at most ${params.length} arguments (${params.join(', ')}); ${e.args.length} given.`, e.line);
    e.args.forEach((arg, i) => out.set(params[i]!, this.evalOrLiteral(arg)));
    for (const k of e.keywords as Keyword[]) {
      if (!params.includes(k.name)) throw new ReadError(`${fn}() has no parameter ${k.name} (it takes ${params.join(', ')}).`, e.line);
      if (out.has(k.name)) throw new ReadError(`${fn}() got ${k.name} twice.`, e.line);
      out.set(k.name, this.evalOrLiteral(k.value));
    }
    for (const [name, value] of defaults) if (!out.has(name)) out.set(name, value);
    const missing = params.filter((p) => !out.has(p));
    if (missing.length) throw new ReadError(`${fn}() is missing ${missing.join(', ')}.`, e.line);
    return out;
  }

  private literalArg(v: Value, name: string, line: number): ConfigValue {
    if (v.t !== 'lit') throw new ReadError(`${name} must be a plain value.`, line);
    return v.value;
  }
  private stringArg(v: Value, name: string, line: number): string {
    const x = this.literalArg(v, name, line);
    if (typeof x !== 'string') throw new ReadError(`${name} must be a string (got ${JSON.stringify(x)}).`, line);
    return x;
  }
  private stringList(v: Value, name: string, line: number): string[] {
    const x = this.literalArg(v, name, line);
    if (!Array.isArray(x) || !x.every((f) => typeof f === 'string')) throw new ReadError(`${name} must be a list of strings (got ${JSON.stringify(x)}).`, line);
    return x as string[];
  }
}

const articled = (what: string) => (/^(a|an|the) /.test(what) ? what : /^[aeiou]/i.test(what) ? `an ${what}` : `a ${what}`);
