/**
 * The contract between the engine and the component runtimes (JavaScript in `src/engine/runtime`,
 * Python on Pyodide in `workers/python`). Every call into user code is synchronous: the engine
 * calls an instance method, user code calls back into {@link TaskApi} while it runs, and the call
 * returns. Loading (compiling, importing, starting Pyodide) is the only asynchronous step.
 *
 * Extend this file rather than renaming what is here: both runtimes and the engine depend on it.
 */
import type { ComponentSpec, ConfigValue, DataFile, Language, TopologyDocument } from '../model';
import type { RunDatastores } from './datastore/stores';
import type { InspectedState } from './task-state';

/** A tuple as user code sees it (Petrel's `Tuple`; `isTickTuple()` / `is_tick_tuple()`). */
export interface TupleView {
  /** Storm's multilang sends tuple ids as strings. */
  readonly id: string;
  readonly component: string;
  readonly stream: string;
  /** The emitting task; -1 for tick tuples from `__system`. */
  readonly task: number;
  readonly values: readonly unknown[];
}

/** Options of `storm.emit` (Petrel keywords: `stream`, `id`, `anchors`, `directTask`). */
export interface EmitOptions {
  /** Output stream; `default` when absent. */
  readonly stream?: string;
  /** Spouts only: the message id that makes the tuple tracked (acked or failed back to the spout). */
  readonly id?: unknown;
  /** Bolts only: input tuples to anchor to (BasicBolt anchors to the current input automatically). */
  readonly anchors?: readonly TupleView[];
  /** Emit to this task only; the stream must be direct and the task must subscribe with direct grouping. */
  readonly directTask?: number;
}

export type LogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';

/**
 * What user code may ask of the engine: Petrel's `storm` module, bound to one task. The engine
 * gives each task its own object.
 */
export interface TaskApi {
  /** Emits a tuple; returns the task ids it was sent to (empty for none). */
  emit(values: readonly unknown[], options?: EmitOptions): number[];
  ack(tuple: TupleView): void;
  fail(tuple: TupleView): void;
  /** `storm.log` and the `logging` module / `console` end up here, already formatted. */
  log(level: LogLevel, message: string, logger?: string): void;
  reportError(message: string): void;
  /**
   * `time.sleep` / `storm.sleep`: in virtual time charges `seconds` of the executor's busy time and
   * returns at once; in wall time really waits.
   */
  sleep(seconds: number): void;
  /** Seconds since the epoch on the engine's clock (virtual or wall): `time.time()`. */
  time(): number;
  /** A uniform [0, 1) number from the task's seeded generator: `random.random()` / `Math.random` in user code. */
  random(): number;
  /**
   * The run's Redis and MongoDB (`import redis` / `import pymongo`, `storm.redis()` / `storm.mongo()`):
   * one per run, shared by every task, as a server is (src/engine/datastore).
   */
  datastores(): RunDatastores;
}

/** The component classes (docs/components.md). A BasicBolt is auto-anchored and auto-acked by the engine. */
export type InstanceKind = 'spout' | 'basicBolt' | 'bolt';

/** One instance of a user component, living in one task. */
export interface ComponentInstance {
  readonly kind: InstanceKind;
  /** Fields of the default stream as the code declares them (`declareOutputFields`), if readable. */
  readonly declaredFields: readonly string[] | null;
  /** What `getComponentConfiguration()` returned, if the component defines it. */
  readonly componentConfig: Readonly<Record<string, ConfigValue>> | null;
  initialize(conf: Readonly<Record<string, ConfigValue>>, context: TaskContext): void;
  nextTuple(): void;
  ack(messageId: unknown): void;
  fail(messageId: unknown): void;
  process(tuple: TupleView): void;
  /**
   * The instance's public state for the run views (task-state.ts), read without running user code
   * and bounded; absent when the runtime cannot read it. Called between calls (a paused or stopping run).
   */
  inspectState?(): InspectedState;
}

/** The context dict of Storm's multilang handshake (what Petrel's `initialize` receives). */
export interface TaskContext {
  readonly taskid: number;
  readonly componentid: string;
  /** Every task id (as a string key, as in Storm's JSON) → component id, system tasks included. */
  readonly 'task->component': Readonly<Record<string, string>>;
}

/**
 * Thrown by user code to fail the current tuple of a BasicBolt (Storm's `FailedException`); any
 * other exception is a crash (docs/engine.md, "Crashes").
 */
export class FailedException extends Error {
  constructor(message = 'FailedException') {
    super(message);
    this.name = 'FailedException';
  }
}

/**
 * An error raised by user code, with the traceback as the language prints it. Runtimes wrap
 * everything user code throws (other than {@link FailedException}) in this.
 */
export class ComponentError extends Error {
  constructor(
    readonly component: string,
    readonly task: number | null,
    /** The traceback text, as Python or JavaScript prints it. */
    readonly traceback: string,
    message: string,
  ) {
    super(message);
    this.name = 'ComponentError';
  }
}

/** A component's code prepared to create instances (one per task). */
export interface LoadedComponent {
  create(taskId: number, api: TaskApi): ComponentInstance;
}

/** A language runtime. One per engine host (per Web Worker in the app). */
export interface ComponentRuntime {
  readonly language: Language;
  /**
   * Compiles or imports a component's code. Rejects with a {@link ComponentError} that names the
   * component and the line when the code cannot be loaded (syntax error, missing import…).
   */
  load(component: ComponentSpec): Promise<LoadedComponent>;
  /**
   * The document's data files for the run about to load its components (called before the first
   * `load` of a run, also with none): Python finds them in its working directory (`open(name)`),
   * JavaScript with `storm.readFile(name)`, as the exported project does.
   */
  provideFiles?(files: readonly DataFile[]): void;
  /**
   * Called once per run before the first `load()`, with the run's document (each component's
   * `language` the one it runs in), for a runtime whose modules reach each other: Python makes
   * every module of the document importable by its name, whichever components this host loads.
   */
  prepare?(document: TopologyDocument): Promise<void>;
  /** Frees what the runtime holds (e.g. Pyodide's memory); the runtime is unusable afterwards. */
  dispose?(): void;
}
