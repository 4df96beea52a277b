/**
 * The `storm` module of one task (the engine side of {@link TaskApi}): what user code calls back
 * into while the engine calls it. It depends only on {@link TaskHost}, the few things a host
 * does for its tasks' calls.
 */
import type { TaskState } from './executor';
import type { EmitOptions, LogLevel, TaskApi, TupleView } from './runtime-api';
import { Tuple } from './tuple';
import type { RunDatastores } from './datastore/stores';

/** What an engine host does for the calls of its tasks' user code. */
export interface TaskHost {
  /** Routes and queues a tuple; returns the target task ids. */
  emit(task: TaskState, values: readonly unknown[], options: EmitOptions | undefined): number[];
  ack(task: TaskState, tuple: Tuple): void;
  fail(task: TaskState, tuple: Tuple): void;
  log(task: TaskState, level: LogLevel, message: string): void;
  reportError(task: TaskState, message: string): void;
  /** Adds `seconds` to the cost of the call in progress: the executor is busy that much longer. */
  sleep(seconds: number): void;
  /** Seconds since the epoch on the engine's clock. */
  time(): number;
  /** The run's data stores. */
  datastores(): RunDatastores;
}

/** The `storm` module of one task: what user code calls back into. */
export class EngineTaskApi implements TaskApi {
  constructor(
    private readonly host: TaskHost,
    private readonly task: TaskState,
  ) {}

  emit(values: readonly unknown[], options?: EmitOptions): number[] {
    return this.host.emit(this.task, values, options);
  }

  ack(tuple: TupleView): void {
    if (!(tuple instanceof Tuple)) throw new TypeError('ack expects a tuple this bolt received');
    this.host.ack(this.task, tuple);
  }

  fail(tuple: TupleView): void {
    if (!(tuple instanceof Tuple)) throw new TypeError('fail expects a tuple this bolt received');
    this.host.fail(this.task, tuple);
  }

  log(level: LogLevel, message: string): void {
    this.host.log(this.task, level, message);
  }

  reportError(message: string): void {
    this.host.reportError(this.task, String(message));
  }

  sleep(seconds: number): void {
    this.host.sleep(seconds);
  }

  time(): number {
    return this.host.time();
  }

  random(): number {
    return this.task.rng.random();
  }

  datastores(): RunDatastores {
    return this.host.datastores();
  }
}
