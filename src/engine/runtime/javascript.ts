/**
 * The JavaScript component runtime (docs/components.md): a component is a module whose `export default` is a
 * class extending `Spout`, `BasicBolt` or `Bolt`, using the global `storm` (Petrel's API) and
 * `FailedException`. The module is parsed with acorn (exact syntax-error lines, `import` rejected),
 * rewritten into a function body and compiled once; the body runs once per task, so every task has
 * its own module scope, as every Petrel task has its own Python process.
 *
 * Where the realm has been locked down (SES `lockdown()`: the simulation hosts do it, see
 * workers/sandbox/lockdown.ts) each component is compiled in its own SES `Compartment` whose global
 * object is frozen and holds only the language's intrinsics: the code reaches the component API it
 * is given and nothing of the host (no `process`, `require`, `fetch`, `indexedDB`, `postMessage`,
 * `import()`; constructor chains end in inert functions). Elsewhere (unit tests, in-process tools)
 * it is compiled with `new Function` and is not sandboxed (docs/security.md).
 *
 * Inside that scope `Math.random`, `Date` and `performance.now` come from the engine (a seeded
 * generator and the engine clock), so a virtual-time run replays exactly; `console` writes to the
 * component log; timers are not available (a component runs only inside the engine's calls).
 */
import { mongoClient, redisClient } from '../datastore/clients';
import { parse, type Node } from 'acorn';
import type { ComponentSpec, ConfigValue, DataFile } from '../../model';
import {
  ComponentError,
  FailedException,
  type ComponentInstance,
  type ComponentRuntime,
  type EmitOptions,
  type InstanceKind,
  type LoadedComponent,
  type LogLevel,
  type TaskApi,
  type TaskContext,
  type TupleView,
} from '../runtime-api';
import { inspectJsInstance } from '../task-state';

/** Base class of spouts: `nextTuple()`, `ack(id)`, `fail(id)`. */
export class Spout {
  static declareOutputFields(): string[] {
    return [];
  }
  initialize(_conf: unknown, _context: unknown): void {}
  nextTuple(): void {}
  ack(_id: unknown): void {}
  fail(_id: unknown): void {}
}

/** Base class of bolts that anchor and ack by hand (`storm.emit(values, {anchors})`, `storm.ack(tup)`). */
export class Bolt {
  static declareOutputFields(): string[] {
    return [];
  }
  initialize(_conf: unknown, _context: unknown): void {}
  process(_tup: TupleView): void {}
}

/** Base class of bolts whose emits are anchored to the input and whose input is acked after `process`. */
export class BasicBolt {
  static declareOutputFields(): string[] {
    return [];
  }
  initialize(_conf: unknown, _context: unknown): void {}
  process(_tup: TupleView): void {}
}

const PARAMS = [
  'Spout',
  'BasicBolt',
  'Bolt',
  'FailedException',
  'storm',
  'console',
  'Math',
  'Date',
  'performance',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'queueMicrotask',
  'requestAnimationFrame',
] as const;

/** Lines the `new Function` wrapper adds before the body (measured once: engines differ). */
const LINE_OFFSET = (() => {
  try {
    new Function('throw new Error("probe")\n//# sourceURL=storm-studio-probe.js')();
  } catch (e) {
    const m = /storm-studio-probe\.js:(\d+)/.exec((e as Error).stack ?? '');
    if (m) return Number(m[1]) - 1;
  }
  return 2;
})();

/** What SES adds to a locked-down realm (`ses` installs them as globals; the engine does not import it). */
interface SesRealm {
  readonly Compartment: new (options: { readonly __options__: true; readonly globals?: object }) => { readonly globalThis: object; evaluate(source: string): unknown };
  readonly harden: <T>(value: T) => T;
}

/** The SES globals when this realm is locked down (intrinsics frozen), else null. */
export function sesRealm(): SesRealm | null {
  const g = globalThis as unknown as Partial<SesRealm>;
  return typeof g.Compartment === 'function' && typeof g.harden === 'function' && Object.isFrozen(Object.prototype) && Object.isFrozen(Function.prototype) ? (g as SesRealm) : null;
}

let hardened = false;

/** The classes every component shares are frozen before the first one is sandboxed (no component can change another's base class). */
function hardenShared(ses: SesRealm): void {
  if (hardened) return;
  for (const shared of [Spout, Bolt, BasicBolt, FailedException]) ses.harden(shared);
  hardened = true;
}

/** The component's file name in stack traces: the id URL-encoded, so no id can end the `sourceURL` comment. */
const fileOf = (component: string) => `storm-studio/${encodeURIComponent(component)}.js`;

/** The module rewritten as a function body returning the default export. */
interface CompiledModule {
  readonly factory: (...args: unknown[]) => unknown;
  /** Lines the compiler's wrapper adds before the component's line 1. */
  readonly lineOffset: number;
  /** Whether it was compiled in its own SES Compartment. */
  readonly sandboxed: boolean;
}

/**
 * Parses and compiles a component's module. Throws a {@link ComponentError} naming the component,
 * line and column for a syntax error, an `import`, or a missing default export.
 */
export function compileModule(component: string, source: string, sandbox: SandboxMode = 'auto'): CompiledModule {
  const file = fileOf(component);
  const fail = (line: number, column: number, message: string): never => {
    const where = `${file}:${line}:${column}`;
    const text = source.split('\n')[line - 1] ?? '';
    throw new ComponentError(component, null, `${message}\n    at ${where}\n${text}\n${' '.repeat(Math.max(0, column - 1))}^`, `${message} (component "${component}", line ${line})`);
  };
  let program: Node & { body: Node[] };
  try {
    program = parse(source, { ecmaVersion: 'latest', sourceType: 'module', locations: true }) as Node & { body: Node[] };
  } catch (e) {
    const err = e as SyntaxError & { loc?: { line: number; column: number } };
    const msg = err.message.replace(/\s*\(\d+:\d+\)$/, '');
    return fail(err.loc?.line ?? 1, (err.loc?.column ?? 0) + 1, `SyntaxError: ${msg}`);
  }
  // Rewrite from the end so earlier offsets stay valid; every rewrite keeps line breaks.
  const edits: { start: number; end: number; text: string }[] = [];
  let returned: string | null = null;
  for (const node of program.body) {
    const n = node as Node & { type: string; declaration?: (Node & { type: string; id?: { name: string } | null }) | null; specifiers?: { local: { name: string }; exported: { name?: string; value?: string } }[]; source?: unknown; loc?: { start: { line: number; column: number } } };
    if (n.type === 'ImportDeclaration' || n.type === 'ImportExpression') {
      fail(n.loc!.start.line, n.loc!.start.column + 1, 'SyntaxError: import is not available in Storm Studio JavaScript components (everything must be in the component file)');
    }
    if (n.type === 'ExportAllDeclaration' || (n.type === 'ExportNamedDeclaration' && n.source)) {
      fail(n.loc!.start.line, n.loc!.start.column + 1, 'SyntaxError: re-exports are not available in Storm Studio JavaScript components');
    }
    if (n.type === 'ExportDefaultDeclaration') {
      const decl = n.declaration!;
      const named = (decl.type === 'ClassDeclaration' || decl.type === 'FunctionDeclaration') && decl.id;
      if (named) {
        edits.push({ start: n.start, end: decl.start, text: '' });
        returned = decl.id!.name;
      } else {
        edits.push({ start: n.start, end: decl.start, text: 'const __stormDefault = ' });
        returned = '__stormDefault';
      }
    } else if (n.type === 'ExportNamedDeclaration') {
      if (n.declaration) edits.push({ start: n.start, end: n.declaration.start, text: '' });
      else {
        const asDefault = n.specifiers?.find((s) => (s.exported.name ?? s.exported.value) === 'default');
        if (asDefault) returned = asDefault.local.name;
        edits.push({ start: n.start, end: n.end, text: source.slice(n.start, n.end).replace(/[^\n]/g, ' ') });
      }
    }
  }
  if (returned === null) {
    return fail(1, 1, 'SyntaxError: the module must `export default` a class extending Spout, Bolt or BasicBolt');
  }
  let body = source;
  for (const e of edits.sort((a, b) => b.start - a.start)) body = body.slice(0, e.start) + e.text + body.slice(e.end);
  body = `${body}\n;return ${returned};`;
  const ses = sandbox === 'off' ? null : sesRealm();
  if (ses) return compileInCompartment(ses, file, body, fail);
  if (sandbox === 'required') {
    throw new ComponentError(component, null, '', `Component "${component}" cannot run: this host has no sandbox (SES lockdown) for JavaScript components.`);
  }
  try {
    return { factory: new Function(...PARAMS, `${body}\n//# sourceURL=${file}`) as (...args: unknown[]) => unknown, lineOffset: LINE_OFFSET, sandboxed: false };
  } catch (e) {
    // acorn accepted it as a module; the function form can still reject e.g. top-level await.
    return fail(1, 1, `SyntaxError: ${(e as Error).message}`);
  }
}

/**
 * Compiles the body as a function in a new Compartment whose global object is frozen: what the
 * code can name is the intrinsics (frozen by lockdown) and the parameters each task passes. Tasks
 * of one component share the compartment, but it holds nothing they could change.
 */
function compileInCompartment(ses: SesRealm, file: string, body: string, fail: (line: number, column: number, message: string) => never): CompiledModule {
  hardenShared(ses);
  const compartment = new ses.Compartment({ __options__: true, globals: {} });
  ses.harden(compartment.globalThis);
  let factory: unknown;
  try {
    factory = compartment.evaluate(`(function (${PARAMS.join(', ')}) {\n${body}\n})\n//# sourceURL=${file}`);
  } catch (e) {
    // SES refuses, by a textual check, what could be an `import(` or an HTML comment (`<!--`, `-->`), strings included.
    const message = e instanceof Error ? e.message : String(e);
    const line = /:(\d+)\. \(SES_/.exec(message);
    return fail(line ? Math.max(1, Number(line[1]) - 1) : 1, 1, `SyntaxError: ${message.replace(/ at [^ ]*:\d+\. \(SES_[A-Z_]+\)$/, '')} (the sandbox refuses \`import(\`, \`<!--\` and \`-->\` anywhere in a component, strings and comments included)`);
  }
  return { factory: factory as (...args: unknown[]) => unknown, lineOffset: 1, sandboxed: true };
}

/** The JavaScript stack of an error thrown by user code, keeping only the component's frames. */
export function userTraceback(component: string, error: unknown, lineOffset = LINE_OFFSET): string {
  const file = fileOf(component);
  if (!(error instanceof Error)) return `Uncaught ${describe(error)}`;
  const head = `${error.name}: ${error.message}`;
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((l) => l.includes(file))
    .map((l) => l.replace(/:(\d+):(\d+)/, (_m, line: string, col: string) => `:${Number(line) - lineOffset}:${col}`));
  return [head, ...frames].join('\n');
}

function describe(x: unknown): string {
  if (typeof x === 'string') return x;
  if (x instanceof Error) return x.stack ?? `${x.name}: ${x.message}`;
  try {
    const json = JSON.stringify(x);
    if (json !== undefined) return json;
  } catch {
    // fall through
  }
  return String(x);
}

function formatArgs(args: readonly unknown[]): string {
  return args.map(describe).join(' ');
}

function wrap(component: string, task: number, error: unknown, lineOffset = LINE_OFFSET): unknown {
  if (error instanceof FailedException || error instanceof ComponentError) return error;
  const traceback = userTraceback(component, error, lineOffset);
  return new ComponentError(component, task, traceback, traceback.split('\n')[0]!);
}

const noTimers = (name: string) => () => {
  throw new Error(`${name} is not available in Storm components: a component runs only inside the engine's calls (use tick tuples, topology.tick.tuple.freq.secs, for periodic work)`);
};

function shadowMath(api: TaskApi): Math {
  const m = Object.create(null) as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(Math)) m[key] = (Math as unknown as Record<string, unknown>)[key];
  m.random = () => api.random();
  return m as unknown as Math;
}

function shadowDate(api: TaskApi): DateConstructor {
  const now = () => Math.floor(api.time() * 1000);
  function SimDate(this: unknown, ...args: unknown[]): unknown {
    if (!new.target) return new Date(now()).toString();
    return args.length === 0 ? new Date(now()) : new (Date as unknown as new (...a: unknown[]) => Date)(...args);
  }
  SimDate.prototype = Date.prototype;
  SimDate.now = now;
  SimDate.parse = Date.parse;
  SimDate.UTC = Date.UTC;
  return SimDate as unknown as DateConstructor;
}

/** Creates one task's instance from a compiled module. */
function instantiate(component: string, compiled: CompiledModule, taskId: number, api: TaskApi, files: ReadonlyMap<string, string>): ComponentInstance {
  const log = (level: LogLevel) => (...args: unknown[]) => api.log(level, formatArgs(args));
  const console = { log: log('INFO'), info: log('INFO'), debug: log('DEBUG'), warn: log('WARNING'), error: log('ERROR'), trace: log('DEBUG') };
  const storm = {
    emit: (values: readonly unknown[], options?: EmitOptions) => api.emit(values, options),
    emitDirect: (task: number, values: readonly unknown[], options?: EmitOptions) => api.emit(values, { ...options, directTask: task }),
    ack: (tup: TupleView) => api.ack(tup),
    fail: (tup: TupleView) => api.fail(tup),
    log: (message: unknown) => api.log('INFO', describe(message)),
    reportError: (message: unknown) => api.reportError(describe(message)),
    sleep: (seconds: number) => api.sleep(seconds),
    time: () => api.time(),
    random: () => api.random(),
    redis: (url?: string) => redisClient(api, url),
    mongo: () => mongoClient(api),
    readFile: (name: unknown) => readDataFile(files, name),
  };
  const start = api.time() * 1000;
  const performance = { now: () => api.time() * 1000 - start };
  let cls: unknown;
  let instance: Record<string, unknown>;
  try {
    cls = compiled.factory(
      Spout,
      BasicBolt,
      Bolt,
      FailedException,
      storm,
      console,
      shadowMath(api),
      shadowDate(api),
      performance,
      noTimers('setTimeout'),
      noTimers('setInterval'),
      noTimers('setImmediate'),
      noTimers('queueMicrotask'),
      noTimers('requestAnimationFrame'),
    );
    if (typeof cls !== 'function' || !(cls.prototype instanceof Spout || cls.prototype instanceof Bolt || cls.prototype instanceof BasicBolt)) {
      throw new ComponentError(component, taskId, '', `The default export of component "${component}" must be a class extending Spout, Bolt or BasicBolt.`);
    }
    instance = new (cls as new () => Record<string, unknown>)();
  } catch (e) {
    throw wrap(component, taskId, e, compiled.lineOffset);
  }
  const kind: InstanceKind = instance instanceof Spout ? 'spout' : instance instanceof BasicBolt ? 'basicBolt' : 'bolt';
  let declaredFields: readonly string[] | null;
  try {
    declaredFields = readFields(cls as { declareOutputFields?: () => unknown }, instance);
  } catch (e) {
    throw wrap(component, taskId, e, compiled.lineOffset);
  }
  let componentConfig: Record<string, ConfigValue> | null = null;
  if (typeof instance.getComponentConfiguration === 'function') {
    try {
      const conf = (instance.getComponentConfiguration as () => unknown).call(instance);
      if (conf !== null && typeof conf === 'object') componentConfig = conf as Record<string, ConfigValue>;
    } catch (e) {
      throw wrap(component, taskId, e, compiled.lineOffset);
    }
  }
  const call = (name: string) => {
    const fn = instance[name] as ((...a: unknown[]) => void) | undefined;
    return fn;
  };
  const process = call('process');
  const nextTuple = call('nextTuple');
  const ack = call('ack');
  const fail = call('fail');
  const initialize = call('initialize');
  return {
    kind,
    declaredFields,
    componentConfig,
    initialize(conf: Readonly<Record<string, ConfigValue>>, context: TaskContext) {
      try {
        initialize?.call(instance, conf, context);
      } catch (e) {
        throw wrap(component, taskId, e, compiled.lineOffset);
      }
    },
    nextTuple() {
      try {
        nextTuple?.call(instance);
      } catch (e) {
        throw wrap(component, taskId, e, compiled.lineOffset);
      }
    },
    ack(id: unknown) {
      try {
        ack?.call(instance, id);
      } catch (e) {
        throw wrap(component, taskId, e, compiled.lineOffset);
      }
    },
    fail(id: unknown) {
      try {
        fail?.call(instance, id);
      } catch (e) {
        throw wrap(component, taskId, e, compiled.lineOffset);
      }
    },
    process(tuple: TupleView) {
      try {
        process?.call(instance, tuple);
      } catch (e) {
        throw wrap(component, taskId, e, compiled.lineOffset);
      }
    },
    inspectState() {
      return inspectJsInstance(instance);
    },
  };
}

/** The fields `declareOutputFields` returns (null when it returns no list of strings); what it throws propagates. */
function readFields(cls: { declareOutputFields?: () => unknown }, instance: Record<string, unknown>): readonly string[] | null {
  const fromInstance = Object.prototype.hasOwnProperty.call(Object.getPrototypeOf(instance), 'declareOutputFields') ? (instance.declareOutputFields as () => unknown).call(instance) : undefined;
  const fields = fromInstance ?? cls.declareOutputFields?.();
  return Array.isArray(fields) && fields.every((f) => typeof f === 'string') ? fields : null;
}

/**
 * Where a component is compiled: `auto` in its own SES Compartment when the realm is locked down,
 * else with `new Function`; `required` refuses to run it without the Compartment; `off` never uses one.
 */
export type SandboxMode = 'auto' | 'required' | 'off';

/**
 * `storm.readFile(name)`: the text of one of the document's data files, by its file name (the
 * exported project reads it from the folder the component runs in).
 */
function readDataFile(files: ReadonlyMap<string, string>, name: unknown): string {
  if (typeof name !== 'string') throw new TypeError(`storm.readFile expects a file name, not ${describe(name)}`);
  const text = files.get(name);
  if (text === undefined) {
    const held = [...files.keys()];
    throw new Error(`storm.readFile: no data file named ${JSON.stringify(name)} (${held.length ? `the document holds ${held.map((n) => JSON.stringify(n)).join(', ')}` : 'the document holds none'}; give one in a File replay spout's inspector)`);
  }
  return text;
}

/** The JavaScript runtime: compiles each component's `code.javascript`. */
export class JavaScriptRuntime implements ComponentRuntime {
  readonly language = 'javascript' as const;
  private files: ReadonlyMap<string, string> = new Map();

  provideFiles(files: readonly DataFile[]): void {
    this.files = new Map(files.map((f) => [f.name, f.text]));
  }

  constructor(private readonly sandbox: SandboxMode = 'auto') {}

  /**
   * Compiles a component's JavaScript code (whatever its active language, so that a Python
   * component can run its JavaScript twin).
   *
   * @example
   * const loaded = await new JavaScriptRuntime().load(component);
   * const instance = loaded.create(taskId, api);
   */
  async load(component: ComponentSpec): Promise<LoadedComponent> {
    const source = component.code.javascript;
    if (source === undefined || source.trim() === '') {
      throw new ComponentError(component.id, null, '', `Component "${component.id}" has no JavaScript code.`);
    }
    const compiled = compileModule(component.id, source, this.sandbox);
    const files = this.files;
    return { create: (taskId, api) => instantiate(component.id, compiled, taskId, api, files) };
  }
}
