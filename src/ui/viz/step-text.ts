/**
 * Step mode's sentences: what one processed event did, in Storm's words, built from the engine's
 * structured {@link StepEvent} ("split task 6 executed … and emitted ["moon"] → count task 3 as
 * 0x1f3a…c0de, anchored to tuple 0x…; sent ack ⊕ 0x… to acker task 1").
 */
import type { EmitDescription, StepEvent } from '../../engine';
import { shortHex, xorHex } from './hex';
import { formatDuration, formatEngineTime } from './time';

export interface StepLine {
  readonly time: number;
  readonly timeText: string;
  readonly kind: StepEvent['kind'];
  /** Who acted: `split task 6`, `acker task 1`, `worker 0`. */
  readonly actor: string;
  readonly text: string;
  /** The other calls of the same event (a spout's acks then its nextTuple, a tick to each task). */
  readonly also: readonly StepLine[];
}

/** Task id (as a string) → component id: the plan's `taskToComponent`. */
export type TaskNames = Readonly<Record<string, string>>;

const MAX_EMITS = 4;
const MAX_UPDATES = 4;

function taskList(targets: readonly number[], names: TaskNames): string {
  if (targets.length === 0) return 'no subscriber';
  const byComponent = new Map<string, number[]>();
  for (const t of targets) {
    const c = names[String(t)] ?? '?';
    byComponent.set(c, [...(byComponent.get(c) ?? []), t]);
  }
  return [...byComponent].map(([c, ts]) => `${c} task${ts.length > 1 ? 's' : ''} ${ts.join(', ')}`).join(' and ');
}

function emitText(e: EmitDescription, names: TaskNames): string {
  const stream = e.stream === 'default' ? '' : ` on ${e.stream}`;
  const ids = e.ids.length === 0 ? '' : e.ids.length === 1 ? ` as ${shortHex(e.ids[0]!)}` : ` as ${e.ids.map(shortHex).join(', ')}`;
  return `${e.values}${stream} → ${taskList(e.targets, names)}${ids}`;
}

function emitsText(emits: readonly EmitDescription[], names: TaskNames): string {
  const shown = emits.slice(0, MAX_EMITS).map((e) => emitText(e, names));
  if (emits.length > MAX_EMITS) shown.push(`and ${emits.length - MAX_EMITS} more`);
  return shown.join(', ');
}

function ackerText(messages: Extract<StepEvent, { kind: 'execute' }>['ackerMessages']): string {
  return messages.map((m) => (m.op === 'fail' ? `sent fail for tree ${shortHex(m.root)} to acker task ${m.ackerTask}` : `sent ${m.op} ⊕ ${shortHex(m.value)} to acker task ${m.ackerTask}`)).join('; ');
}

/**
 * Whether every tracked emit of an execute call was anchored to its input: the ack it sent for
 * the input XORs in the input's id and exactly the new tuples' ids (Storm's `ack(input)` value).
 */
function anchoredToInput(ev: Extract<StepEvent, { kind: 'execute' }>): boolean {
  const ids = ev.emits.flatMap((e) => e.ids);
  if (ids.length === 0 || !ev.acked.includes(ev.input.id)) return false;
  const acks = ev.ackerMessages.filter((m) => m.op === 'ack');
  return acks.length > 0 && acks.every((m) => m.value === xorHex(ev.input.id, ...ids));
}

function join(parts: readonly (string | false | null | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join('; ');
}

/**
 * The sentence of one step event.
 *
 * @example
 * describeStepEvent(await run.step(), snapshot.plan.taskToComponent).text
 * // 'split task 6 executed ["the cow jumped over the moon"] (0xcfc2…0c5c from sentences task 5) and emitted …'
 */
export function describeStepEvent(ev: StepEvent, names: TaskNames): StepLine {
  const also = 'also' in ev && ev.also ? ev.also.map((e) => describeStepEvent(e, names)) : [];
  return { ...describeOne(ev, names), also };
}

function describeOne(ev: StepEvent, names: TaskNames): Omit<StepLine, 'also'> {
  const base = { time: ev.time, timeText: formatEngineTime(ev.time), kind: ev.kind };
  switch (ev.kind) {
    case 'nextTuple': {
      const actor = `${ev.component} task ${ev.task}`;
      const text = ev.emitted
        ? join([`${actor} emitted ${emitsText(ev.emits, names)}`, ackerText(ev.ackerMessages), ev.error && `raised ${ev.error}`])
        : join([`${actor}: nextTuple emitted nothing, so the spout waits before calling it again`, ev.error && `raised ${ev.error}`]);
      return { ...base, actor, text };
    }
    case 'execute': {
      const actor = `${ev.component} task ${ev.task}`;
      const stream = ev.input.stream === 'default' ? '' : ` on stream ${ev.input.stream}`;
      const input = `${ev.input.values} (${shortHex(ev.input.id)} from ${ev.input.component} task ${ev.input.task}${stream})`;
      const emits = ev.emits.length === 0 ? '' : ` and emitted ${emitsText(ev.emits, names)}${anchoredToInput(ev) ? `, anchored to tuple ${shortHex(ev.input.id)}` : ''}`;
      return {
        ...base,
        actor,
        text: join([
          `${actor} executed ${input}${emits}`,
          ev.acked.length > 0 && `acked ${ev.acked.map(shortHex).join(', ')}`,
          ev.failed.length > 0 && `failed ${ev.failed.map(shortHex).join(', ')}`,
          ackerText(ev.ackerMessages),
          ev.error && `raised ${ev.error}`,
        ]),
      };
    }
    case 'tick': {
      const actor = `${ev.component} task ${ev.task}`;
      return {
        ...base,
        actor,
        text: join([`${actor} received a tick tuple (from __system task -1, stream __tick)${ev.emits.length ? ` and emitted ${emitsText(ev.emits, names)}` : ''}`, ackerText(ev.ackerMessages), ev.error && `raised ${ev.error}`]),
      };
    }
    case 'spout-ack':
    case 'spout-fail':
    case 'spout-timeout': {
      const actor = `${ev.component} task ${ev.task}`;
      const what =
        ev.kind === 'spout-ack'
          ? `ack(${ev.messageId}): tree ${shortHex(ev.root)} completed, complete latency ${formatDuration(ev.latencyMs)}`
          : ev.kind === 'spout-fail'
            ? `fail(${ev.messageId}): tree ${shortHex(ev.root)} failed after ${formatDuration(ev.latencyMs)}`
            : `fail(${ev.messageId}): tree ${shortHex(ev.root)} timed out after ${formatDuration(ev.latencyMs)} (topology.message.timeout.secs)`;
      return { ...base, actor, text: join([`${actor} ${what}`, ev.emits.length > 0 && `emitted ${emitsText(ev.emits, names)}`, ev.error && `raised ${ev.error}`]) };
    }
    case 'acker': {
      const actor = `acker task ${ev.task}`;
      const updates = ev.updates.slice(0, MAX_UPDATES).map((u) => {
        const result = u.result === 'complete' ? 'XOR = 0: tree complete, the spout will ack it' : u.result === 'failed' ? 'tree failed, the spout will fail it' : `XOR = ${shortHex(u.value)}`;
        return `${u.op} for tree ${shortHex(u.root)} → ${result}`;
      });
      if (ev.updates.length > MAX_UPDATES) updates.push(`and ${ev.updates.length - MAX_UPDATES} more`);
      const rotated = ev.rotated > 0 ? `forgot ${ev.rotated} tree${ev.rotated === 1 ? '' : 's'} not updated for 3 rotations` : '';
      return { ...base, actor, text: `${actor}: ${join([...updates, rotated]) || 'rotated its pending map'}` };
    }
    case 'wait': {
      const actor = `${ev.component} executor ${ev.executor}`;
      const why = ev.reason === 'max-spout-pending' ? 'topology.max.spout.pending is reached' : 'a downstream queue is full (backpressure)';
      return { ...base, actor, text: `${actor} waits until ${formatEngineTime(ev.until)}: ${why}` };
    }
    case 'idle': {
      const actor = `${ev.component} executor ${ev.executor}`;
      return { ...base, actor, text: `${actor} has nothing to do and sleeps until a tuple arrives` };
    }
    case 'timer': {
      const actor = ev.component === null ? 'timer' : `${ev.component} executor ${ev.executor}`;
      const what = ev.what === 'tick' ? 'tick timer fired' : ev.what === 'rotate' ? 'timeout rotation' : 'metrics sample';
      return { ...base, actor, text: `${actor}: ${what}` };
    }
    case 'worker-crash': {
      const actor = `worker ${ev.worker}`;
      const who = ev.component === null ? '' : ` (${ev.component}${ev.task === null ? '' : ` task ${ev.task}`})`;
      return { ...base, actor, text: `${actor} crashed${who}: ${ev.reason}; its in-flight tuples are lost` };
    }
    case 'worker-restart':
      return { ...base, actor: `worker ${ev.worker}`, text: `worker ${ev.worker} restarted: its tasks run initialize again` };
  }
}
