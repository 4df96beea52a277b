import { describe, expect, it } from 'vitest';
import type { HostSnapshot } from '../../engine';
import { startEngine } from '../../engine/test-kit';
import { setTickFrequency, updateComponent, updateSubscription } from '../../model/operations';
import { TICK_FREQ_KEY, type TopologyDocument } from '../../model';
import { checkLesson, LESSONS, parseTaskIds, type Lesson } from './lessons';
import { adviseRun, applyAdvice } from '../advisor/advice';

const lesson = (id: string): Lesson => LESSONS.find((l) => l.id === id)!;

async function run(doc: TopologyDocument, ms: number, during?: (engine: Awaited<ReturnType<typeof startEngine>>) => void): Promise<HostSnapshot> {
  const engine = await startEngine(doc);
  if (during) {
    engine.runUntil(ms / 4);
    during(engine);
  }
  engine.runUntil(ms);
  return engine.snapshot();
}

const results = (l: Lesson, snapshot: HostSnapshot, doc: TopologyDocument, answers: Record<string, string> = {}) => checkLesson(l, { snapshot, doc, answers });

describe('the lessons', () => {
  it('are six, each with a topology that validates and goals', () => {
    expect(LESSONS.map((l) => l.id)).toEqual(['anatomy', 'groupings', 'guaranteed', 'failures', 'capacity', 'ticks']);
    for (const l of LESSONS) {
      expect(l.goals.length).toBeGreaterThan(0);
      expect(l.start().components.length).toBeGreaterThan(1);
    }
  });

  it('parseTaskIds reads lists and ranges, and refuses the rest', () => {
    expect(parseTaskIds('3, 4 5')).toEqual([3, 4, 5]);
    expect(parseTaskIds('3–6')).toEqual([3, 4, 5, 6]);
    expect(parseTaskIds('three')).toBeNull();
    expect(parseTaskIds('')).toBeNull();
  });

  it('anatomy: met only with count at 4 executors and the plan’s task ids predicted', async () => {
    const l = lesson('anatomy');
    const start = l.start();
    const before = results(l, await run(start, 500), start, { 'count-tasks': '3, 4, 5, 6' });
    expect(before.parallelism!.met).toBe(false);
    const doc = updateComponent(start, 'count', { parallelism: 4 });
    const snapshot = await run(doc, 500);
    expect(results(l, snapshot, doc, { 'count-tasks': '3, 4, 5' }).predicted!.met).toBe(false);
    const r = results(l, snapshot, doc, { 'count-tasks': '3–6' });
    expect(r.parallelism!.met).toBe(true);
    expect(r.predicted!.met).toBe(true);
    expect(r.predicted!.detail).toContain('__acker 1–2');
  });

  it('groupings: fields sends “the” to one task, shuffle to several', async () => {
    const l = lesson('groupings');
    const doc = l.start();
    const snapshot = await run(doc, 15_000);
    const r = results(l, snapshot, doc, { 'the-task': '1' });
    expect(r.watched!.met).toBe(true);
    expect(r.watched!.detail).toMatch(/“the” went to count task \d/);
    expect(r.shuffle!.met).toBe(false);
    const sub = doc.subscriptions.find((s) => s.to === 'count')!;
    const shuffled = updateSubscription(doc, sub.id, { grouping: { kind: 'shuffle' } });
    if (!shuffled.ok) throw new Error(shuffled.errors.join());
    expect(results(l, await run(shuffled.value, 15_000), shuffled.value).shuffle!.met).toBe(true);
  });

  it('guaranteed processing: an acked tree’s XOR reaches zero, then the fix makes trees fail', async () => {
    const l = lesson('guaranteed');
    const doc = l.start();
    const r = results(l, await run(doc, 5000), doc);
    expect(r['xor-zero']!.met).toBe(true);
    expect(r.failed!.met).toBe(false);
    const failing = l.fixes[0]!.apply(doc);
    expect(failing.components.find((c) => c.id === 'split')!.code.javascript).toContain(l.fixes[0]!.shows);
    expect(results(l, await run(failing, 10_000), failing).failed!.met).toBe(true);
  });

  it('failures: a killed worker’s trees time out between T and 2T and are replayed', async () => {
    const l = lesson('failures');
    const doc = l.start();
    const idle = results(l, await run(doc, 3000), doc);
    expect(idle.killed!.met).toBe(false);
    const spoutWorker = (await startEngine(doc)).snapshot().plan.executors.find((e) => e.component === 'sentences')!.worker;
    const snapshot = await run(doc, 25_000, (engine) => engine.killWorker(1 - spoutWorker));
    const r = results(l, snapshot, doc);
    expect(r.killed!.met).toBe(true);
    expect(r.timeouts!.met, r.timeouts!.detail).toBe(true);
    expect(r.replay!.met, r.replay!.detail).toBe(true);
  });

  it('capacity: saturated first, keeps up once the advice is applied', async () => {
    const l = lesson('capacity');
    const doc = l.start();
    const first = await run(doc, 10_000);
    const r = results(l, first, doc);
    expect(r.saturated!.met).toBe(true);
    expect(r['keeps-up']!.met).toBe(false);
    const fixed = applyAdvice(doc, adviseRun(first));
    expect(results(l, await run(fixed, 10_000), fixed)['keeps-up']!.met).toBe(true);
  });

  it('ticks: the measured tick period follows the configured one', async () => {
    const l = lesson('ticks');
    const doc = l.start();
    const r = results(l, await run(doc, 15_000), doc);
    expect(r.ticks!.met, r.ticks!.detail).toBe(true);
    expect(r.faster!.met).toBe(false);
    const faster = setTickFrequency(doc, 'rolling-count', 1);
    expect(faster.components.find((c) => c.id === 'rolling-count')!.config[TICK_FREQ_KEY]).toBe(1);
    expect(results(l, await run(faster, 8000), faster).faster!.met).toBe(true);
  });
});
