/**
 * Step descriptions: what `engine.step()` returns about the call it ran (see events.ts). Built only
 * while stepping, from the call's outbox and the emits and acks it logged.
 */
import { errorText } from './errors';
import type { AckMessageDescription, EmitDescription, StepEvent } from './events';
import type { Executor, TaskState } from './executor';
import { describeValues } from './lineage';
import { hex64, K_ACK_ACK, K_ACK_FAIL, K_ACK_INIT, type Tuple } from './tuple';

export interface CallDescription {
  readonly time: number;
  readonly component: string;
  readonly executor: number;
  readonly task: number;
  readonly emits: readonly EmitDescription[];
  readonly ackerMessages: readonly AckMessageDescription[];
  readonly busyUntil: number;
  readonly error: string | null;
}

/** Tuples acked or failed by the call being described. */
export interface AckLogEntry {
  readonly id: string;
  readonly failed: boolean;
}

/** The common part of a call's description: its emits and the acker messages it sent. */
export function describeCall(time: number, ex: Executor, task: TaskState, busyUntil: number, error: unknown, emits: readonly EmitDescription[], outStart: number): CallDescription {
  const ackerMessages: AckMessageDescription[] = [];
  for (let i = outStart; i < ex.outN; i++) {
    const t = ex.outbox[i]!;
    if (t.kind === K_ACK_INIT || t.kind === K_ACK_ACK || t.kind === K_ACK_FAIL) {
      ackerMessages.push({ op: t.kind === K_ACK_INIT ? 'init' : t.kind === K_ACK_ACK ? 'ack' : 'fail', root: hex64(t.rh, t.rl), value: hex64(t.vh, t.vl), ackerTask: t.dest });
    }
  }
  return {
    time,
    component: ex.component.id,
    executor: ex.id,
    task: task.id,
    emits,
    ackerMessages,
    busyUntil,
    error: error === null ? null : errorText(error).split('\n')[0]!,
  };
}

/** The step event of a `process` (execute or tick) or `nextTuple` call. */
export function describeStep(base: CallDescription, kind: 'execute' | 'tick' | 'nextTuple', input: Tuple | null, acks: readonly AckLogEntry[]): StepEvent {
  if (kind === 'execute' && input !== null) {
    return {
      ...base,
      kind,
      input: { id: input.id, component: input.component, task: input.task, stream: input.stream, values: describeValues(input.values, 120) },
      acked: acks.filter((a) => !a.failed).map((a) => a.id),
      failed: acks.filter((a) => a.failed).map((a) => a.id),
    };
  }
  if (kind === 'nextTuple') return { ...base, kind, emitted: base.emits.length > 0 };
  return { ...base, kind: 'tick' };
}
