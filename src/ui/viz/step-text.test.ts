import { beforeAll, describe, expect, it } from 'vitest';
import type { StepEvent } from '../../engine';
import { startEngine } from '../../engine/test-kit';
import { wordCountExample } from '../../model/examples/word-count';
import { describeStepEvent, type TaskNames } from './step-text';
import { formatDuration, formatEngineTime } from './time';

describe('step sentences from real events', () => {
  let events: StepEvent[];
  let names: TaskNames;
  beforeAll(async () => {
    const engine = await startEngine(wordCountExample(), { seed: 1 });
    names = engine.plan.taskToComponent;
    events = [];
    for (let i = 0; i < 40; i++) events.push(engine.step()!);
  });

  const first = (kind: StepEvent['kind']) => events.find((e) => e.kind === kind)!;

  it('says what the spout emitted, where it went and what the acker was told', () => {
    const ev = first('nextTuple') as Extract<StepEvent, { kind: 'nextTuple' }>;
    const line = describeStepEvent(ev, names);
    expect(line.actor).toBe('sentences task 5');
    const e = ev.emits[0]!;
    const id = `0x${e.ids[0]!.slice(0, 4)}…${e.ids[0]!.slice(12)}`;
    const root = ev.ackerMessages[0]!;
    expect(line.text).toBe(`sentences task 5 emitted ${e.values} → split task ${e.targets[0]} as ${id}; sent init ⊕ ${id} to acker task 1`);
    expect(root.op).toBe('init');
  });

  it('says what a bolt executed, emitted, anchored and acked', () => {
    const ev = events.find((e) => e.kind === 'execute' && e.component === 'split') as Extract<StepEvent, { kind: 'execute' }>;
    const line = describeStepEvent(ev, names);
    const input = `0x${ev.input.id.slice(0, 4)}…${ev.input.id.slice(12)}`;
    expect(line.text.startsWith(`split task ${ev.task} executed ${ev.input.values} (${input} from sentences task 5) and emitted `)).toBe(true);
    expect(line.text).toContain(`, anchored to tuple ${input}; acked ${input}; sent ack ⊕ 0x`);
    expect(line.text).toMatch(/and \d+ more, anchored/);
    // The first emit's word and its count task, by the plan's task names.
    const w = ev.emits[0]!;
    expect(line.text).toContain(`${w.values} → count task ${w.targets[0]} as 0x`);
  });

  it('says a count bolt emitted to no subscriber', () => {
    const ev = events.find((e) => e.kind === 'execute' && e.component === 'count')!;
    expect(describeStepEvent(ev, names).text).toMatch(/^count task \d executed \["[a-z]+"\] \(0x[0-9a-f]{4}…[0-9a-f]{4} from split task \d\) and emitted \["[a-z]+",1\] → no subscriber; acked /);
  });

  it("gives the acker's XOR after each message", () => {
    const ev = first('acker') as Extract<StepEvent, { kind: 'acker' }>;
    const u = ev.updates[0]!;
    expect(describeStepEvent(ev, names).text).toBe(`acker task 1: init for tree 0x${u.root.slice(0, 4)}…${u.root.slice(12)} → XOR = 0x${u.value.slice(0, 4)}…${u.value.slice(12)}`);
  });

  it('describes every call of an event that made several (a spout handling an ack, then nextTuple)', () => {
    const ev = events.find((e) => e.kind === 'spout-ack') as Extract<StepEvent, { kind: 'spout-ack' | 'spout-fail' | 'spout-timeout' }>;
    const line = describeStepEvent(ev, names);
    expect(line.text).toMatch(/^sentences task 5 ack\(\d+\): tree 0x[0-9a-f]{4}…[0-9a-f]{4} completed, complete latency [\d.]+ ms$/);
    expect(ev.also?.map((a) => a.kind)).toEqual(['nextTuple']);
    expect(line.also.map((a) => a.text)).toEqual([describeStepEvent(ev.also![0]!, names).text]);
    expect(line.also[0]!.text).toMatch(/^sentences task 5 emitted /);
  });

  it('prints the engine time of the event', () => {
    const ev = events.at(-1)!;
    expect(describeStepEvent(ev, names).timeText).toBe(formatEngineTime(ev.time));
  });
});

describe('step sentences of the other kinds', () => {
  const names: TaskNames = { '1': '__acker', '2': 'count', '5': 'sentences' };
  const call = { time: 1200, component: 'sentences', executor: 4, task: 5, emits: [], ackerMessages: [], busyUntil: 1200.01, error: null };

  it('covers ack, fail and timeout at the spout', () => {
    expect(describeStepEvent({ ...call, kind: 'spout-ack', messageId: '7', root: '33b78dd5127512bf', latencyMs: 10.03 }, names).text).toBe(
      'sentences task 5 ack(7): tree 0x33b7…12bf completed, complete latency 10.03 ms',
    );
    expect(describeStepEvent({ ...call, kind: 'spout-fail', messageId: '7', root: '33b78dd5127512bf', latencyMs: 12 }, names).text).toBe('sentences task 5 fail(7): tree 0x33b7…12bf failed after 12 ms');
    expect(describeStepEvent({ ...call, kind: 'spout-timeout', messageId: '"a"', root: '33b78dd5127512bf', latencyMs: 45_000 }, names).text).toBe(
      'sentences task 5 fail("a"): tree 0x33b7…12bf timed out after 45 s (topology.message.timeout.secs)',
    );
  });

  it('covers a completed and a failed tree at the acker', () => {
    const text = describeStepEvent(
      {
        time: 5,
        kind: 'acker',
        executor: 0,
        task: 1,
        updates: [
          { op: 'ack', root: '33b78dd5127512bf', value: '0000000000000000', result: 'complete' },
          { op: 'fail', root: '5445732b75fbb666', value: '1ed005941757c703', result: 'failed' },
        ],
        rotated: 2,
      },
      names,
    ).text;
    expect(text).toBe(
      'acker task 1: ack for tree 0x33b7…12bf → XOR = 0: tree complete, the spout will ack it; fail for tree 0x5445…b666 → tree failed, the spout will fail it; forgot 2 trees not updated for 3 rotations',
    );
  });

  it('covers waits, idling, timers, crashes and restarts', () => {
    expect(describeStepEvent({ time: 1, kind: 'wait', component: 'sentences', executor: 4, reason: 'max-spout-pending', until: 2 }, names).text).toBe(
      'sentences executor 4 waits until 2 ms: topology.max.spout.pending is reached',
    );
    expect(describeStepEvent({ time: 1, kind: 'wait', component: 'sentences', executor: 4, reason: 'backpressure', until: 2 }, names).text).toContain('backpressure');
    expect(describeStepEvent({ time: 1, kind: 'idle', component: 'count', executor: 1 }, names).text).toBe('count executor 1 has nothing to do and sleeps until a tuple arrives');
    expect(describeStepEvent({ time: 1, kind: 'timer', what: 'tick', component: 'count', executor: 1 }, names).text).toBe('count executor 1: tick timer fired');
    expect(describeStepEvent({ time: 1, kind: 'worker-crash', worker: 0, component: 'count', task: 2, reason: 'Error: boom' }, names).text).toBe(
      'worker 0 crashed (count task 2): Error: boom; its in-flight tuples are lost',
    );
    expect(describeStepEvent({ time: 1, kind: 'worker-restart', worker: 1 }, names).actor).toBe('worker 1');
  });

  it('names a tick tuple, an error and an emit on another stream', () => {
    const text = describeStepEvent(
      { ...call, component: 'count', task: 2, kind: 'tick', emits: [{ stream: 'totals', values: '[3]', targets: [], ids: [] }], error: 'TypeError: x is undefined' },
      names,
    ).text;
    expect(text).toBe('count task 2 received a tick tuple (from __system task -1, stream __tick) and emitted [3] on totals → no subscriber; raised TypeError: x is undefined');
  });

  it('says when nextTuple emitted nothing', () => {
    expect(describeStepEvent({ ...call, kind: 'nextTuple', emitted: false }, names).text).toBe('sentences task 5: nextTuple emitted nothing, so the spout waits before calling it again');
  });
});

describe('engine time', () => {
  it('reads in ms, s, minutes and hours', () => {
    expect(formatEngineTime(0)).toBe('0 ms');
    expect(formatEngineTime(10.02)).toBe('10.02 ms');
    expect(formatEngineTime(1234.6)).toBe('1.235 s');
    expect(formatEngineTime(123_400)).toBe('2 min 03.4 s');
    expect(formatEngineTime(3 * 3_600_000 + 5 * 60_000)).toBe('3 h 05 min');
    expect(formatDuration(0.01)).toBe('0.01 ms');
    expect(formatDuration(null)).toBe('–');
  });
});
