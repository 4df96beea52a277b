/**
 * A TaskApi that records what a component does, for tests and benchmarks of the runtimes
 * without the engine: emits, acks, fails, logs, errors and sleeps, on a virtual clock.
 */
import { RunDatastores } from '../../src/engine/datastore/stores';
import type { EmitOptions, LogLevel, TaskApi, TupleView } from '../../src/engine/runtime-api';

export interface RecordedEmit {
  readonly values: readonly unknown[];
  readonly options: EmitOptions | undefined;
}

export interface RecordedLog {
  readonly level: LogLevel;
  readonly message: string;
  readonly logger: string | undefined;
}

export interface FakeTaskApi extends TaskApi {
  readonly emits: RecordedEmit[];
  readonly acked: TupleView[];
  readonly failed: TupleView[];
  readonly logs: RecordedLog[];
  readonly errors: string[];
  readonly sleeps: number[];
  /** Seconds on the virtual clock; `sleep` advances it. */
  clock: number;
  /** Task ids `emit` returns. */
  emitTargets: number[];
}

/** A recording TaskApi starting at `clock` seconds, with a deterministic `random()`. */
export function fakeTaskApi(clock = 1_800_000_000, seed = 1): FakeTaskApi {
  let state = seed >>> 0 || 1;
  const api: FakeTaskApi = {
    emits: [],
    acked: [],
    failed: [],
    logs: [],
    errors: [],
    sleeps: [],
    clock,
    emitTargets: [],
    emit(values, options) {
      api.emits.push({ values, options });
      return api.emitTargets;
    },
    ack(tuple) {
      api.acked.push(tuple);
    },
    fail(tuple) {
      api.failed.push(tuple);
    },
    log(level, message, logger) {
      api.logs.push({ level, message, logger });
    },
    reportError(message) {
      api.errors.push(message);
    },
    sleep(seconds) {
      api.sleeps.push(seconds);
      api.clock += seconds;
    },
    time() {
      return api.clock;
    },
    random() {
      // xorshift32: deterministic, good enough for tests
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) / 2 ** 32;
    },
    datastores() {
      return stores;
    },
  };
  const stores = new RunDatastores(() => api.clock);
  return api;
}

let nextTupleId = 1;

/** A tuple as the engine would deliver it. */
export function tupleOf(values: readonly unknown[], from: Partial<Omit<TupleView, 'values'>> = {}): TupleView {
  return {
    id: from.id ?? String(nextTupleId++),
    component: from.component ?? 'source',
    stream: from.stream ?? 'default',
    task: from.task ?? 1,
    values,
  };
}

/** A tick tuple as Storm sends it: from `__system`, task -1, stream `__tick`, values `[freqSecs]`. */
export function tickTuple(freqSecs: number): TupleView {
  return tupleOf([freqSecs], { component: '__system', stream: '__tick', task: -1 });
}
