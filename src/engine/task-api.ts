/**
 * The `storm` module of one task (the engine side of {@link TaskApi}): what user code calls back
 * into while the engine calls it.
 */
import type { Engine } from './engine';
import type { TaskState } from './executor';
import type { EmitOptions, LogLevel, TaskApi, TupleView } from './runtime-api';
import { Tuple } from './tuple';

/** The `storm` module of one task: what user code calls back into. */
export class EngineTaskApi implements TaskApi {
  constructor(
    private readonly engine: Engine,
    private readonly task: TaskState,
  ) {}

  emit(values: readonly unknown[], options?: EmitOptions): number[] {
    return this.engine.emit(this.task, values, options);
  }

  ack(tuple: TupleView): void {
    if (!(tuple instanceof Tuple)) throw new TypeError('ack expects a tuple this bolt received');
    this.engine.ackTuple(this.task, tuple);
  }

  fail(tuple: TupleView): void {
    if (!(tuple instanceof Tuple)) throw new TypeError('fail expects a tuple this bolt received');
    this.engine.failTuple(this.task, tuple);
  }

  log(level: LogLevel, message: string): void {
    this.engine.log(this.task, level, message);
  }

  reportError(message: string): void {
    this.engine.reportError(this.task, String(message));
  }

  sleep(seconds: number): void {
    this.engine.sleep(seconds);
  }

  time(): number {
    return this.engine.timeSeconds();
  }

  random(): number {
    return this.task.rng.random();
  }
}
