import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../engine';
import { startEngine } from '../../engine/test-kit';
import { wordCountExample } from '../../model/examples/word-count';
import type { TopologyDocument } from '../../model';
import { documentPlan, kindsOf, planView, samePlan } from './plan-layout';

const twoWorkers = (doc: TopologyDocument): TopologyDocument => ({ ...doc, config: { ...doc.config, workers: 2 } });

describe('plan view', () => {
  it("lays out word count as Storm assigns it: ackers, executors' task ranges, workers", () => {
    const doc = wordCountExample();
    const view = planView(buildPlan(doc), kindsOf(doc), null, 'document');
    expect(view.source).toBe('document');
    expect(view.workers).toHaveLength(1);
    expect(view.workers[0]!.port).toBe(6700);
    expect(view.workers[0]!.executors.map((e) => `${e.component} ${e.label}`)).toEqual([
      '__acker [1 1]',
      'count [2 2]',
      'count [3 3]',
      'count [4 4]',
      'sentences [5 5]',
      'split [6 6]',
      'split [7 7]',
    ]);
    expect(view.workers[0]!.executors[0]!.role).toBe('acker');
    expect(view.workers[0]!.executors[4]!.role).toBe('spout');
    expect(view.totalTasks).toBe(7);
    expect(view.workers[0]!.executors[1]!.tasks[0]!.count).toBeNull();
  });

  it('deals executors round-robin over two workers, one acker each', () => {
    const doc = twoWorkers(wordCountExample());
    const view = planView(buildPlan(doc), kindsOf(doc), null, 'document');
    expect(view.ackers).toBe(2);
    expect(view.workers.map((w) => w.executors.map((e) => e.label).join(' '))).toEqual(['[1 1] [3 3] [5 5] [7 7]', '[2 2] [4 4] [6 6] [8 8]']);
    expect(view.workers.map((w) => w.executors.map((e) => e.component).join(' '))).toEqual(['__acker count count split', '__acker count sentences split']);
    expect(view.workers.map((w) => w.tasks)).toEqual([4, 4]);
  });

  it('groups several tasks into an executor (numTasks > parallelism)', () => {
    const base = wordCountExample();
    const doc = { ...base, components: base.components.map((c) => (c.id === 'count' ? { ...c, parallelism: 2, numTasks: 5 } : c)) };
    const view = planView(buildPlan(doc), kindsOf(doc), null, 'document');
    const count = view.workers[0]!.executors.filter((e) => e.component === 'count');
    expect(count.map((e) => e.tasks.map((t) => t.id))).toEqual([[2, 3, 4], [5, 6]]);
    expect(count.map((e) => e.label)).toEqual(['[2 4]', '[5 6]']);
  });

  it('shows per-task counts from a run, with the fields-grouping skew of count', async () => {
    const doc = wordCountExample();
    const engine = await startEngine(doc);
    engine.runUntil(5000);
    const snap = engine.snapshot();
    const view = planView(snap.plan, kindsOf(doc), snap, 'run');
    const count = view.workers[0]!.executors.filter((e) => e.component === 'count').flatMap((e) => e.tasks);
    for (const t of count) expect(t.count).toBe(snap.executors.flatMap((e) => e.taskStats).find((s) => s.id === t.id)!.windows.all.executed);
    expect(Math.max(...count.map((t) => t.share))).toBe(1);
    const skew = view.skew.find((s) => s.component === 'count')!;
    const counts = count.map((t) => t.count!);
    expect(skew.maxOverMean).toBeCloseTo(Math.max(...counts) / (counts.reduce((a, c) => a + c, 0) / 3), 9);
    // Five sentences' words on three tasks by hash: not even.
    expect(skew.maxOverMean).toBeGreaterThan(1.05);
    const spout = view.workers[0]!.executors.find((e) => e.component === 'sentences')!.tasks[0]!;
    expect(spout.count).toBe(snap.components.sentences!.windows.all.emitted);
    expect(spout.pending).not.toBeNull();
    expect(view.workers[0]!.alive).toBe(true);
    expect(view.workers[0]!.executors[0]!.state).not.toBeNull();
  });

  it('builds the plan of the document as it is edited, and says when it cannot', () => {
    const doc = wordCountExample();
    const r = documentPlan(doc);
    expect(r.ok && r.plan.maxTask).toBe(7);
    const more = documentPlan({ ...doc, components: doc.components.map((c) => (c.id === 'split' ? { ...c, parallelism: 4 } : c)) });
    expect(more.ok && more.plan.tasks.split).toEqual([6, 7, 8, 9]);
    expect(more.ok && samePlan(more.plan, buildPlan(doc))).toBe(false);
    expect(samePlan(buildPlan(doc), buildPlan(wordCountExample()))).toBe(true);
    const bad = documentPlan({ ...doc, components: doc.components.map((c) => (c.id === 'split' ? { ...c, parallelism: 0 } : c)) });
    expect(bad).toEqual({ ok: false, reason: 'Component "split" needs a parallelism and task count of at least 1.' });
  });
});
