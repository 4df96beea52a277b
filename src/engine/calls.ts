/**
 * Calls into user code: what the engine does around each one (the watchdog's mark, the clock
 * reading for a measured cost, the cost of the call: the cost model or the measured time, plus the
 * time it slept), the exceptions user code raises (a worker crash as in Petrel, or a failed tuple),
 * and the `storm` functions that only need the call in progress (log, reportError, sleep).
 */
import { failTuple } from './acking';
import { readWall } from './clock';
import type { EngineState } from './engine-state';
import { errorName, errorSummary, errorText } from './errors';
import { R_SPOUT, type Executor, type TaskState } from './executor';
import { describeValues } from './lineage';
import { pythonRepr } from './python-repr';
import type { LogLevel } from './runtime-api';
import { K_TICK, K_USER, type Tuple } from './tuple';
import { WATCH_SEQ, WATCH_TASK } from './watch';

/** Starts a call of `task` at engine time `start`; returns what {@link endCall} needs to measure it. */
export function beginCall(s: EngineState, task: TaskState, start: number): number {
  if (s.describing) s.callLog.reset(task.executor.outN);
  s.callBase = start;
  s.callSleep = 0;
  s.callExtra = 0;
  const watch = s.watch;
  if (watch !== undefined) {
    // Plain writes: only this thread writes, and the watchdog only samples (an atomic
    // read-modify-write per call would cost more than many calls take).
    watch[WATCH_TASK] = task.id;
    watch[WATCH_SEQ] = (watch[WATCH_SEQ]! + 1) | 0;
  }
  // Measured costs run from the last clock reading (the end of the previous call, or the run
  // loop's), so each call reads the clock once; the engine's own work between calls is charged
  // to the executor, as a thread's time would be. (Virtual time with measureCost reads it here.)
  if (!s.measure) return 0;
  return s.wallMode ? s.lastWall : readWall(s);
}

/** Ends a call: its cost is the cost model (or the measured time) plus the time it slept. */
export function endCall(s: EngineState, task: TaskState, before: number): number {
  const watch = s.watch;
  if (watch !== undefined) watch[WATCH_TASK] = 0;
  let cost: number;
  if (s.measure && (s.wallMode || !task.component.ownCost)) cost = readWall(s) - before;
  else cost = task.component.costMs;
  return cost + s.callSleep + s.callExtra;
}

/** An exception from user code: a crash of the worker, or (`fail-tuple`) a failed tuple. */
export function userError(s: EngineState, ex: Executor, task: TaskState, error: unknown, tuple: Tuple | null, call: string): void {
  const failTupleMode = s.onError === 'fail-tuple';
  const component = task.component.id;
  const isSpout = task.component.role === R_SPOUT;
  const kind = isSpout ? 'E_SPOUTFAILED' : 'E_BOLTFAILED';
  const at = s.callBase;
  s.lastErrors.set(component, { time: at, task: task.id, message: errorSummary(error) });
  if (failTupleMode) {
    s.logs.add(at, component, task.id, 'ERROR', `Exception in ${call} (fail-tuple mode: ${tuple && tuple.kind === K_USER ? 'the tuple is failed' : 'the call is skipped'}):\n${errorText(error)}`);
    if (tuple !== null && tuple.kind === K_USER && tuple.done === 0) failTuple(s, task, tuple);
    return;
  }
  // Petrel's report_exception line, then the traceback and the tuple, as its run loop logs them.
  const script = component.replace(/\./g, '_');
  s.logs.add(at, component, task.id, 'ERROR', `${kind}__${script}__storm-studio__pid__${1000 + ex.worker}__port__${6700 + ex.worker}__taskindex__${task.index}__${errorName(error)}`);
  s.logs.add(at, component, task.id, 'ERROR', `Caught exception in ${isSpout ? 'Spout' : task.kind === 'basicBolt' ? 'BasicBolt' : 'Bolt'}.run\n${errorText(error)}`);
  if (tuple !== null && tuple.kind !== K_TICK) {
    // Petrel logs repr(tup.values)[:2000]; JavaScript components get the values as JSON.
    const values = task.component.language === 'python' ? pythonRepr(tuple.values).slice(0, 2000) : describeValues(tuple.values, 2000);
    s.logs.add(at, component, task.id, 'ERROR', `The error occurred while processing this tuple: ${values}`);
  }
  ex.crash ??= { task, error, tuple, call };
}

/** `storm.log`: a line in the component's log, at the call's time so far. */
export function log(s: EngineState, task: TaskState, level: LogLevel, message: string): void {
  s.logs.add(s.callBase + s.callSleep, task.component.id, task.id, level, message);
}

/** `storm.reportError`: an error line, also the component's last error. */
export function reportError(s: EngineState, task: TaskState, message: string): void {
  const time = s.callBase + s.callSleep;
  s.lastErrors.set(task.component.id, { time, task: task.id, message });
  s.logs.add(time, task.component.id, task.id, 'ERROR', message);
}

/** `time.sleep` / `storm.sleep`: adds to the call's cost. */
export function sleep(s: EngineState, seconds: number): void {
  if (!(seconds >= 0) || !Number.isFinite(seconds)) throw new RangeError(`sleep needs a number of seconds ≥ 0, got ${seconds}`);
  s.callSleep += seconds * 1000;
}
