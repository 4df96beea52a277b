/**
 * A loaded Python component and its per-task instances, behind the engine's runtime contract.
 * Each task gets a fresh copy of the module (Storm runs one Python process per task), created
 * by running the module's `run()` the Petrel way.
 */
import type { ConfigValue } from '../../src/model';
import type {
  ComponentInstance,
  InstanceKind,
  LoadedComponent,
  TaskApi,
  TaskContext,
  TupleView,
} from '../../src/engine/runtime-api';
import { checkInspectedState, type InspectedState } from '../../src/engine/task-state';
import { failureToError, PythonComponentError, type PythonFailure } from './errors';
import type { PythonEntries, PythonHost } from './host';
import { levelNumber, LOG_LEVEL_KEY } from './log-level';
import { petrelLine, TupleProfiler } from './profiler';

/** What the runtime shares with its components. */
export interface ComponentContext {
  readonly host: PythonHost;
  readonly interrupt: Int32Array | null;
  /** Real time in milliseconds, for profiling only. */
  readonly now: () => number;
}

/** A value Pyodide passes to Python exactly as JSON would (no proxy, no precision change). */
function plain(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isInteger(v) ? Number.isSafeInteger(v) : Number.isFinite(v);
    default:
      return v === null;
  }
}

function plainValues(values: readonly unknown[]): boolean {
  for (let i = 0; i < values.length; i++) if (!plain(values[i])) return false;
  return true;
}

/** JSON as Storm's multilang would carry it; BigInts become numbers. */
function toJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x)) ?? 'null';
}

export class PythonComponent implements LoadedComponent {
  private readonly live = new Map<number, number>();
  private disposed = false;

  constructor(
    private readonly ctx: ComponentContext,
    private readonly handle: number,
    readonly id: string,
    readonly moduleName: string,
    readonly filename: string,
    /** Python log level from the component's own config, or the runtime's default. */
    private readonly level: number,
  ) {}

  create(taskId: number, api: TaskApi): ComponentInstance {
    if (this.disposed) throw new Error(`Python component '${this.id}' was unloaded`);
    const { host } = this.ctx;
    // A task has one live instance: a new one (after a worker restart) replaces the old.
    const previous = this.live.get(taskId);
    if (previous !== undefined) host.release(previous);
    const h = host.allocate(api);
    const seed = Math.floor(api.random() * 2 ** 52);
    this.ctx.interrupt?.fill(0);
    let result: string;
    try {
      result = host.entries.create(this.handle, h, taskId, this.id, seed, this.level);
    } catch (e) {
      host.release(h);
      throw this.unexpected(e, taskId);
    }
    if (result.startsWith('!')) {
      host.release(h);
      throw failureToError(JSON.parse(result.slice(1)) as PythonFailure, this.id, taskId, this.filename);
    }
    this.live.set(taskId, h);
    const [kind, fields, config] = JSON.parse(result) as [InstanceKind, string[] | null, Record<string, ConfigValue> | null];
    return new PythonInstance(this.ctx, h, this.id, taskId, kind, fields, config, this.level);
  }

  /** Frees every instance and the compiled module. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // A SIGINT the watchdog wrote after the last call returned must not interrupt the clean-up.
    this.ctx.interrupt?.fill(0);
    for (const h of this.live.values()) this.ctx.host.release(h);
    this.live.clear();
    this.ctx.host.entries.drop_component(this.handle);
  }

  private unexpected(e: unknown, task: number): PythonComponentError {
    const text = e instanceof Error ? e.message : String(e);
    return new PythonComponentError(this.id, task, text, `component '${this.id}' (task ${task}): ${text.trim().split('\n').pop()}`);
  }
}

export class PythonInstance implements ComponentInstance {
  private readonly e: PythonEntries;
  private profiler: TupleProfiler | null = null;

  constructor(
    private readonly ctx: ComponentContext,
    private readonly h: number,
    private readonly component: string,
    private readonly taskId: number,
    readonly kind: InstanceKind,
    readonly declaredFields: readonly string[] | null,
    readonly componentConfig: Readonly<Record<string, ConfigValue>> | null,
    level: number,
  ) {
    this.e = ctx.host.entries;
    this.setLevel(level);
  }

  initialize(conf: Readonly<Record<string, ConfigValue>>, context: TaskContext): void {
    const level = levelNumber(conf[LOG_LEVEL_KEY]);
    if (level !== null) this.setLevel(level);
    this.check(this.call(() => this.e.initialize(this.h, toJson(conf), toJson(context), this.levelNo)));
  }

  nextTuple(): void {
    if (this.kind !== 'spout') throw this.wrongKind('nextTuple');
    this.check(this.call(() => this.e.next_tuple(this.h)));
  }

  ack(messageId: unknown): void {
    if (this.kind !== 'spout') throw this.wrongKind('ack');
    const id = messageId ?? null;
    this.check(this.call(() => (plain(id) ? this.e.ack(this.h, id) : this.e.ack_json(this.h, toJson(id)))));
  }

  fail(messageId: unknown): void {
    if (this.kind !== 'spout') throw this.wrongKind('fail');
    const id = messageId ?? null;
    this.check(this.call(() => (plain(id) ? this.e.fail(this.h, id) : this.e.fail_json(this.h, toJson(id)))));
  }

  process(tuple: TupleView): void {
    if (this.kind === 'spout') throw this.wrongKind('process');
    if (this.kind === 'bolt') this.ctx.host.received(this.h, tuple);
    const values = tuple.values;
    const prof = this.profiler;
    const started = prof ? prof.begin() : 0;
    const interrupt = this.ctx.interrupt;
    if (interrupt) interrupt[0] = 0;
    const host = this.ctx.host;
    const component = host.nameCode(tuple.component);
    const stream = host.nameCode(tuple.stream);
    let r: string | undefined;
    try {
      r = plainValues(values)
        ? this.e.process(this.h, tuple.id, component, stream, tuple.task, ...values)
        : this.e.process_json(this.h, tuple.id, component, stream, tuple.task, toJson(values));
    } catch (e) {
      throw this.unexpected(e);
    }
    if (prof) prof.end(started, this.ctx.now());
    if (r !== undefined) throw this.failure(r);
  }

  /** The instance's attributes, read by Python without running user code (state.py), checked and bounded. */
  inspectState(): InspectedState {
    const r = this.call(() => this.e.inspect_state(this.h))!;
    if (r.startsWith('!')) throw new Error(r.slice(1));
    return checkInspectedState(JSON.parse(r));
  }

  private levelNo = 20;

  private setLevel(level: number): void {
    this.levelNo = level;
    const profiling = level <= 10 && this.kind !== 'spout';
    if (profiling && !this.profiler) {
      const api = this.ctx.host.slot(this.h).api;
      this.profiler = new TupleProfiler(this.kind === 'basicBolt', this.ctx.now, (message) =>
        api.log('DEBUG', petrelLine(api.time(), 'storm', 'DEBUG', message), 'storm'),
      );
    } else if (!profiling) this.profiler = null;
  }

  private call(fn: () => string | undefined): string | undefined {
    const interrupt = this.ctx.interrupt;
    if (interrupt) interrupt[0] = 0;
    try {
      return fn();
    } catch (e) {
      throw this.unexpected(e);
    }
  }

  private check(result: string | undefined): void {
    if (result !== undefined) throw this.failure(result);
  }

  private failure(result: string): Error {
    return failureToError(JSON.parse(result.slice(1)) as PythonFailure, this.component, this.taskId, '');
  }

  /** An error the Python side did not catch itself (a bug in the runtime or a fatal interpreter error). */
  private unexpected(e: unknown): Error {
    if (e instanceof PythonComponentError) return e;
    const text = e instanceof Error ? e.message : String(e);
    return new PythonComponentError(
      this.component,
      this.taskId,
      text,
      `component '${this.component}' (task ${this.taskId}): ${text.trim().split('\n').pop()}`,
    );
  }

  private wrongKind(method: string): Error {
    return new Error(`component '${this.component}' is a ${this.kind}: it has no ${method}()`);
  }
}
