import { describe, expect, it } from 'vitest';
import { startEngine } from '../../engine/test-kit';
import { adviseBolt, adviseRun, applyAdvice } from './advice';
import { capacityLessonTopology } from '../lessons/topologies';

const bolt = { id: 'count', parallelism: 2, tasks: 2, capacity: 0.9, executeLatencyMs: 1, arrivalsPerSec: 0 };

describe('adviseBolt', () => {
  it('capacity 0.9 at parallelism 2 needs at least 3 to stay under 0.7', () => {
    const a = adviseBolt(bolt);
    expect(a.load).toBeCloseTo(1.8);
    expect(a.needed).toBe(3);
    expect(a.raise).toBe(true);
    expect(a.why).toContain('capacity 0.900 at parallelism 2');
    expect(a.why).toContain('≥ 3');
  });

  it('a bolt under the target keeps its parallelism', () => {
    const a = adviseBolt({ ...bolt, capacity: 0.3 });
    expect(a.needed).toBe(1);
    expect(a.raise).toBe(false);
  });

  it('exactly at the target does not round up', () => {
    expect(adviseBolt({ ...bolt, parallelism: 1, capacity: 0.7 }).needed).toBe(1);
  });

  it('a saturated bolt is judged by what arrives, since its capacity cannot pass 1', () => {
    const a = adviseBolt({ ...bolt, parallelism: 1, tasks: 1, capacity: 0.999, executeLatencyMs: 15, arrivalsPerSec: 100 });
    expect(a.load).toBeCloseTo(1.5);
    expect(a.needed).toBe(3);
    expect(a.why).toContain('saturated');
    expect(a.raiseTasks).toBe(true);
  });

  it('applyAdvice raises parallelism and the tasks that cap it', () => {
    const doc = capacityLessonTopology();
    const enrich = doc.components.find((c) => c.id === 'enrich')!;
    const next = applyAdvice({ ...doc, components: doc.components.map((c) => (c === enrich ? { ...c, numTasks: 1 } : c)) }, [adviseBolt({ ...bolt, id: 'enrich' })]);
    const after = next.components.find((c) => c.id === 'enrich')!;
    expect(after.parallelism).toBe(3);
    expect(after.numTasks).toBe(3);
    expect(applyAdvice(doc, [adviseBolt({ ...bolt, capacity: 0.1 })])).toBe(doc);
  });
});

describe('adviseRun on a run', () => {
  it('the capacity lesson’s saturated bolt gets the parallelism that makes it keep up', async () => {
    const doc = capacityLessonTopology();
    const engine = await startEngine(doc);
    engine.runUntil(20_000);
    const advice = adviseRun(engine.snapshot());
    const enrich = advice.find((a) => a.id === 'enrich')!;
    expect(enrich.capacity).toBeGreaterThan(0.95);
    expect(enrich.raise).toBe(true);
    const fixed = applyAdvice(doc, advice);
    const again = await startEngine(fixed);
    again.runUntil(20_000);
    const after = adviseRun(again.snapshot()).find((a) => a.id === 'enrich')!;
    expect(after.capacity).toBeLessThan(0.7);
    expect(after.raise).toBe(false);
  });
});
