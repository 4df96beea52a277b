/**
 * Step descriptions: what `engine.step()` returns about the call it ran (see events.ts). Built only
 * while stepping, from the call's outbox and the emits and acks it logged.
 *
 * Stepping describes every event (the app's event stream steps through whole runs), so these
 * builders write each event as one object literal with its final keys, in a fixed order: no
 * intermediate description spread into the event, no filter/map passes.
 */
import { errorText } from './errors';
import type { AckMessageDescription, EmitDescription, StepEvent } from './events';
import type { Executor, TaskState } from './executor';
import { describeValues } from './lineage';
import { hex64, K_ACK_ACK, K_ACK_FAIL, K_ACK_INIT, type Tuple } from './tuple';

/**
 * The one (frozen) empty list events share for their empty lists: most calls fail nothing, many
 * emit nothing or send no acker message, and an empty array per list per event is garbage.
 */
export const NONE: readonly never[] = Object.freeze([]);

/** What a described call logged while it ran: its emits and the tuples it acked or failed. */
export class CallLog {
  emits: readonly EmitDescription[] = NONE;
  acked: readonly string[] = NONE;
  failed: readonly string[] = NONE;
  /** The executor's outbox length when the call started (its acker messages follow). */
  outStart = 0;

  /** Starts the log of a new call (its lists are new ones: the previous call's event keeps its own). */
  reset(outStart: number): void {
    this.emits = NONE;
    this.acked = NONE;
    this.failed = NONE;
    this.outStart = outStart;
  }

  addEmit(emit: EmitDescription): void {
    if (this.emits === NONE) this.emits = [emit];
    else (this.emits as EmitDescription[]).push(emit);
  }

  addAck(id: string, failed: boolean): void {
    const list = failed ? this.failed : this.acked;
    if (list !== NONE) (list as string[]).push(id);
    else if (failed) this.failed = [id];
    else this.acked = [id];
  }
}

/** The acker messages a call sent: its part of the executor's outbox. */
function ackerMessagesOf(ex: Executor, outStart: number): readonly AckMessageDescription[] {
  let out: AckMessageDescription[] | null = null;
  for (let i = outStart; i < ex.outN; i++) {
    const t = ex.outbox[i]!;
    const kind = t.kind;
    if (kind === K_ACK_INIT || kind === K_ACK_ACK || kind === K_ACK_FAIL) {
      (out ??= []).push({ op: kind === K_ACK_INIT ? 'init' : kind === K_ACK_ACK ? 'ack' : 'fail', root: hex64(t.rh, t.rl), value: hex64(t.vh, t.vl), ackerTask: t.dest });
    }
  }
  return out ?? NONE;
}

/** The first line of an error's text, or null. */
function errorLine(error: unknown): string | null {
  if (error === null) return null;
  const text = errorText(error);
  const nl = text.indexOf('\n');
  return nl < 0 ? text : text.slice(0, nl);
}

/**
 * The step event of a `process` (execute or tick) or `nextTuple` call of `task`, which started at
 * `time` and keeps its executor busy until `busyUntil`.
 */
export function describeStep(time: number, ex: Executor, task: TaskState, busyUntil: number, error: unknown, log: CallLog, kind: 'execute' | 'tick' | 'nextTuple', input: Tuple | null): StepEvent {
  const component = ex.component.id;
  const ackerMessages = ackerMessagesOf(ex, log.outStart);
  const err = errorLine(error);
  const emits = log.emits;
  if (kind === 'execute' && input !== null) {
    return {
      time,
      component,
      executor: ex.id,
      task: task.id,
      emits,
      ackerMessages,
      busyUntil,
      error: err,
      kind,
      input: { id: input.id, component: input.component, task: input.task, stream: input.stream, values: describeValues(input.values, 120) },
      acked: log.acked,
      failed: log.failed,
    };
  }
  if (kind === 'nextTuple') return { time, component, executor: ex.id, task: task.id, emits, ackerMessages, busyUntil, error: err, kind, emitted: emits.length > 0 };
  return { time, component, executor: ex.id, task: task.id, emits, ackerMessages, busyUntil, error: err, kind: 'tick' };
}

/** The step event of a spout's `ack`/`fail` call for tree `root` (timeouts call `fail`). */
export function describeOutcome(
  time: number,
  ex: Executor,
  task: TaskState,
  busyUntil: number,
  error: unknown,
  log: CallLog,
  kind: 'spout-ack' | 'spout-fail' | 'spout-timeout',
  messageId: unknown,
  root: string,
  latencyMs: number,
): StepEvent {
  return {
    time,
    component: ex.component.id,
    executor: ex.id,
    task: task.id,
    emits: log.emits,
    ackerMessages: ackerMessagesOf(ex, log.outStart),
    busyUntil,
    error: errorLine(error),
    kind,
    messageId: describeValues([messageId], 200).slice(1, -1),
    root,
    latencyMs,
  };
}
