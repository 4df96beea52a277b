/**
 * Timers, crashes and restarts: tick tuples (a bolt's `topology.tick.tuple.freq.secs`, the
 * spouts' and ackers' message-timeout rotation), the metrics windows' rotation, starting an
 * executor's tasks (create, `initialize`), a Storm worker dying (its queues, pending trees and
 * acker entries lost) and the supervisor restarting it after `simulation.workerRestartSecs`.
 */
import { TICK_FREQ_KEY } from '../model/types';
import { beginCall, endCall, userError } from './calls';
import { addTrace, PRIO_TIMER, TM_METRICS, TM_RESTART, TM_TICK, type EngineState, type Timer } from './engine-state';
import { errorText } from './errors';
import { R_ACKER, R_BOLT, R_SPOUT, X_BLOCKED, X_DEAD, X_IDLE, X_REMOTE, type CrashInfo, type Executor, type TaskState } from './executor';
import { E_LOST, E_TREES_LOST } from './metrics';
import { enqueue, schedule, wake } from './queues';
import type { TaskContext } from './runtime-api';
import { K_TICK, Tuple } from './tuple';
import { slots } from './slots';

/** Adds a timer first due at `first` (ms), repeating every `period` for tick and metrics timers; returns its index. */
export function addTimer(s: EngineState, kind: number, executor: number, worker: number, period: number, first: number): number {
  // Reuse the slot of a cancelled timer (crash loops must not grow the table); its generation
  // was bumped when it was cancelled, so its old agenda entries stay stale.
  const reused = s.freeTimers.pop();
  const index = reused ?? s.timers.length;
  if (reused === undefined) s.timers.push({ kind, executor, worker, period, gen: 0 });
  else {
    const timer = s.timers[index]!;
    timer.kind = kind;
    timer.executor = executor;
    timer.worker = worker;
    timer.period = period;
  }
  s.agenda.push(first, PRIO_TIMER, s.nExec + index, s.timers[index]!.gen);
  return index;
}

function cancelTimer(s: EngineState, index: number): void {
  s.timers[index]!.gen++;
  s.freeTimers.push(index);
}

/** Runs a due timer (agenda item `item`). */
export function fireTimer(s: EngineState, timer: Timer, item: number): void {
  if (timer.kind === TM_METRICS) {
    s.metrics.rotate(s.now);
    s.agenda.push(s.now + timer.period, PRIO_TIMER, item, timer.gen);
    if (s.describing) addTrace(s, { time: s.now, kind: 'timer', what: 'metrics', component: null, executor: null });
    return;
  }
  if (timer.kind === TM_RESTART) {
    cancelTimer(s, item - s.nExec);
    restartWorker(s, timer.worker);
    return;
  }
  const ex = s.executors[timer.executor]!;
  s.agenda.push(s.now + timer.period, PRIO_TIMER, item, timer.gen);
  if (ex.state === X_DEAD) return;
  enqueue(s, ex, tickTuple(s, ex, timer.period / 1000));
  if (s.describing) addTrace(s, { time: s.now, kind: 'timer', what: ex.component.role === R_BOLT ? 'tick' : 'rotate', component: ex.component.id, executor: ex.id });
}

function tickTuple(s: EngineState, ex: Executor, secs: number): Tuple {
  return new Tuple(K_TICK, ex.firstTask, -1, '__system', '__tick', 1, [secs], s.tupleSeq++);
}

/** Creates and initializes the instances of an executor's tasks, and sets its timers. */
export function bootExecutor(s: EngineState, ex: Executor): void {
  const info = ex.component;
  const timeoutMs = s.document.config.messageTimeoutSecs * 1000;
  if (info.role === R_ACKER) {
    ex.state = X_IDLE;
    addTimer(s, TM_TICK, ex.id, ex.worker, timeoutMs, s.now + timeoutMs);
    return;
  }
  for (const task of ex.tasks) {
    task.lastEnd = s.now;
    const before = beginCall(s, task, s.now);
    try {
      task.instance = info.loaded!.create(task.id, task.api);
      task.kind = task.instance.kind;
      task.basic = task.kind === 'basicBolt';
      if (task === ex.tasks[0] && ex.firstTask === s.plan.tasks[info.id]![0]) checkDeclaredFields(s, task);
      if (info.tickSecs === null && info.role === R_BOLT) {
        const fromCode = task.instance.componentConfig?.[TICK_FREQ_KEY];
        if (typeof fromCode === 'number' && fromCode > 0) info.tickSecs = fromCode;
      }
      const context: TaskContext = { taskid: task.id, componentid: info.id, 'task->component': s.plan.taskToComponent };
      const conf = { ...info.conf, ...(task.instance.componentConfig ?? {}) };
      task.instance.initialize(conf, context);
    } catch (e) {
      endCall(s, task, before);
      userError(s, ex, task, e, null, task.instance === null ? 'create' : 'initialize');
      break;
    }
    endCall(s, task, before);
  }
  if (info.role === R_SPOUT || ex.crash !== null) {
    if (s.acking && info.role === R_SPOUT) addTimer(s, TM_TICK, ex.id, ex.worker, timeoutMs, s.now + timeoutMs);
    schedule(s, ex);
  } else {
    ex.state = X_IDLE;
    if (info.tickSecs !== null) addTimer(s, TM_TICK, ex.id, ex.worker, info.tickSecs * 1000, s.now + info.tickSecs * 1000);
    if (ex.outN > 0) schedule(s, ex);
  }
}

/** Says once when the code declares other default-stream fields than the document (the document wins). */
function checkDeclaredFields(s: EngineState, task: TaskState): void {
  const declared = task.instance?.declaredFields;
  const stream = task.component.spec?.streams.find((st) => st.id === 'default');
  if (!declared || !stream) return;
  if (declared.length !== stream.fields.length || declared.some((f, i) => f !== stream.fields[i])) {
    s.logs.add(s.now, task.component.id, task.id, 'WARNING', `The code declares fields [${declared.join(', ')}] but the topology's default stream has [${stream.fields.join(', ')}]: the topology's fields are used (emits must have ${stream.fields.length} value${stream.fields.length === 1 ? '' : 's'}).`);
  }
}

/** A Storm worker of this host dies: its executors lose their queues, pending trees and acker entries; the supervisor restarts it later. */
export function crashWorker(s: EngineState, worker: number, crash: CrashInfo): void {
  if (!s.workerAlive[worker]) return;
  s.workerAlive[worker] = false;
  const who = crash.task ? `component "${crash.task.component.id}" (task ${crash.task.id}) raised an exception in ${crash.call}` : String(crash.error);
  s.logs.add(s.now, '__system', -1, 'ERROR', `Worker ${worker} (port ${6700 + worker}) died: ${who}. The supervisor restarts it in ${s.restartMs / 1000} s; its in-flight tuples are lost and their trees will time out.`);
  const deadSpoutTasks = new Set<number>();
  for (const ex of s.executors) {
    if (ex.worker !== worker || ex.state === X_REMOTE) continue;
    ex.state = X_DEAD;
    ex.gen++;
    const lostN = ex.queue.length + ex.overflow.length + ex.outN;
    s.counters[ex.base + E_LOST]! += lostN;
    ex.queue.drain();
    ex.overflow.drain();
    ex.outbox = slots();
    ex.outN = 0;
    if (ex.pending) s.counters[ex.base + E_TREES_LOST]! += ex.pending.size;
    ex.pending?.clear();
    ex.ledger?.clear();
    ex.crash = null;
    ex.blockedSince = -1;
    if (ex.congested) {
      // Its queue is gone: tell the other hosts they may send again (their tuples will be lost).
      ex.congested = false;
      s.congestionChanged = true;
    }
    for (const task of ex.tasks) {
      task.instance = null;
      task.current = null;
      if (ex.component.role === R_SPOUT) deadSpoutTasks.add(task.id);
    }
    for (const w of ex.waiters) if (w.state === X_BLOCKED) wake(s, w);
    ex.waiters = [];
  }
  s.timers.forEach((t, i) => {
    if (t.kind === TM_TICK && t.executor >= 0 && s.executors[t.executor]!.worker === worker && !s.freeTimers.includes(i)) cancelTimer(s, i);
  });
  if (deadSpoutTasks.size > 0) s.lineage?.markLost(deadSpoutTasks, s.now);
  addTimer(s, TM_RESTART, -1, worker, 0, s.now + s.restartMs);
  if (s.describing) {
    addTrace(s, { time: s.now, kind: 'worker-crash', worker, component: crash.task?.component.id ?? null, task: crash.task?.id ?? null, reason: crash.task ? errorText(crash.error).split('\n')[0]! : String(crash.error) });
  }
}

function restartWorker(s: EngineState, worker: number): void {
  s.workerAlive[worker] = true;
  s.restarts++;
  s.logs.add(s.now, '__system', -1, 'INFO', `Worker ${worker} (port ${6700 + worker}) restarted by the supervisor.`);
  for (const ex of s.executors) {
    if (ex.worker !== worker || ex.state !== X_DEAD) continue;
    ex.state = X_IDLE;
    ex.gen++;
    bootExecutor(s, ex);
  }
  if (s.describing) addTrace(s, { time: s.now, kind: 'worker-restart', worker });
}
