import { describe, expect, it } from 'vitest';
import { bolt, spout, stream, subscribe, topology, type Grouping } from '../model';
import { buildEdges, buildRoutes, type StreamRoute } from './groupings';
import { buildPlan } from './plan';
import { Rng } from './rng';

const code = 'export default class X extends BasicBolt {}';

/** A source with 1 task feeding bolt "t" (n tasks) with the given grouping; tasks of "t" come first. */
function route(grouping: Grouping, n: number, opts: { workers?: number; fields?: string[]; sourceWorker?: number; custom?: Record<string, boolean> } = {}) {
  const fields = opts.fields ?? ['word'];
  const doc = topology(
    'g',
    [spout('src', { javascript: code, streams: [stream('default', fields, grouping.kind === 'direct')] }), bolt('t', { javascript: code, parallelism: n, fields: ['x'] })],
    [subscribe('src', 't', grouping)],
    { workers: opts.workers ?? 1, ackers: 0, custom: opts.custom ?? {} },
  );
  const plan = buildPlan(doc);
  const edges = buildEdges(doc, plan);
  const worker = opts.sourceWorker ?? plan.executors.find((e) => e.component === 'src')!.worker;
  const r = buildRoutes(doc, plan, edges, 'src', worker, new Rng(1)).get('default')!;
  return { plan, r };
}

function choose(r: StreamRoute, values: unknown[]): number[] {
  const out = new Int32Array(64);
  let n = 0;
  for (const g of r.groupers) n = g.choose(values, out, n);
  return Array.from(out.subarray(0, n));
}

describe('groupings', () => {
  it('fields: the same task index as Storm for known Java hashes', () => {
    const { plan, r } = route({ kind: 'fields', fields: ['word'] }, 3);
    const t = plan.tasks.t!; // "src" sorts first: t = [2, 3, 4]
    // floorMod(31 + "the".hashCode(), 3) = 1, "storm" → 2, "apple" → 0, "jumped" → 0
    expect(choose(r, ['the'])).toEqual([t[1]]);
    expect(choose(r, ['storm'])).toEqual([t[2]]);
    expect(choose(r, ['apple'])).toEqual([t[0]]);
    expect(choose(r, ['jumped'])).toEqual([t[0]]);
    expect(choose(r, ['😀'])).toEqual([t[2]]);
  });

  it('fields on several fields hashes the selected values in grouping order', () => {
    const { plan, r } = route({ kind: 'fields', fields: ['b', 'a'] }, 5, { fields: ['a', 'b'] });
    // Grouping on (b, a) of [1, 'a'] selects ["a", 1]: Arrays.deepHashCode = 31 × (31 + "a".hashCode()) + 1 = 3969 → floorMod(3969, 5) = 4
    expect(choose(r, [1, 'a'])).toEqual([plan.tasks.t![4]]);
  });

  it('global: always the lowest task id', () => {
    const { plan, r } = route({ kind: 'global' }, 4);
    for (const w of ['a', 'b', 'c']) expect(choose(r, [w])).toEqual([plan.tasks.t![0]]);
  });

  it('all: every task', () => {
    const { plan, r } = route({ kind: 'all' }, 3);
    expect(choose(r, ['x'])).toEqual(plan.tasks.t);
    expect(r.maxTargets).toBe(3);
  });

  it('shuffle: Storm’s ShuffleGrouping order (starts at choices[1]) and equal shares', () => {
    const { plan, r } = route({ kind: 'shuffle' }, 4);
    const picks = Array.from({ length: 8 }, () => choose(r, ['x'])[0]!);
    // Round-robin over a fixed permutation: the second round repeats the first.
    expect(picks.slice(4)).toEqual(picks.slice(0, 4));
    expect([...picks.slice(0, 4)].sort()).toEqual([...plan.tasks.t!].sort());
  });

  it('none: uniformly random targets', () => {
    const { r } = route({ kind: 'none' }, 4);
    const counts = new Map<number, number>();
    for (let i = 0; i < 4000; i++) {
      const t = choose(r, ['x'])[0]!;
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    expect(counts.size).toBe(4);
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(150);
  });

  it('localOrShuffle: only tasks in the emitter’s worker when there are some', () => {
    const { plan, r } = route({ kind: 'localOrShuffle' }, 4, { workers: 2 });
    const srcWorker = plan.executors.find((e) => e.component === 'src')!.worker;
    const local = plan.executors.filter((e) => e.component === 't' && e.worker === srcWorker).map((e) => e.tasks[0]);
    expect(local.length).toBe(2);
    const picks = new Set(Array.from({ length: 20 }, () => choose(r, ['x'])[0]));
    expect([...picks].sort()).toEqual([...local].sort());
  });

  it('shuffle over several workers: Storm 2.x’s load-aware shuffle keeps to the emitter’s worker; with load-aware messaging disabled, every task', () => {
    // storm-client/src/jvm/org/apache/storm/grouping/LoadAwareShuffleGrouping.java (v2.8.3): prepare()
    // starts in LocalityScope.WORKER_LOCAL and getTargetsInScope() returns the worker's own targets;
    // GrouperFactory picks it for shuffle unless topology.disable.loadaware.messaging is true.
    const { plan, r } = route({ kind: 'shuffle' }, 4, { workers: 2 });
    const srcWorker = plan.executors.find((e) => e.component === 'src')!.worker;
    const local = plan.executors.filter((e) => e.component === 't' && e.worker === srcWorker).map((e) => e.tasks[0]);
    expect(local.length).toBe(2);
    expect(new Set(Array.from({ length: 20 }, () => choose(r, ['x'])[0]))).toEqual(new Set(local));
    const off = route({ kind: 'shuffle' }, 4, { workers: 2, custom: { 'topology.disable.loadaware.messaging': true } });
    expect(new Set(Array.from({ length: 20 }, () => choose(off.r, ['x'])[0]))).toEqual(new Set(off.plan.tasks.t));
  });

  it('localOrShuffle: every task when none is local', () => {
    const { plan, r } = route({ kind: 'localOrShuffle' }, 1, { workers: 2, sourceWorker: 1 });
    // "src" executor 0 → worker 0 normally; pretend it runs in worker 1, where "t" has no task
    const t = plan.tasks.t!;
    expect(plan.executors.find((e) => e.component === 't')!.worker).toBe(1);
    expect(choose(r, ['x'])).toEqual([t[0]]);
  });

  it('direct: no regular choice; the emitter names the task', () => {
    const { r } = route({ kind: 'direct' }, 3);
    expect(r.groupers).toHaveLength(0);
    expect([...r.direct.keys()]).toEqual(['t']);
  });

  it('partialKey: Java’s two candidates, the less loaded wins', () => {
    // Reference (Java): tasks [10..14], key "the" → candidates 10 and 14, "storm" → 13 and 12,
    // ["a", 1] → 11 and 12, 7 → 14 and 11, null → 10 and 13. Here targets are t[0..4].
    const { plan, r } = route({ kind: 'partialKey', fields: ['word'] }, 5);
    const t = plan.tasks.t!;
    const idx = (task: number) => t.findIndex((x) => x === task);
    expect(idx(choose(r, ['the'])[0]!)).toBe(0);
    expect(idx(choose(r, ['the'])[0]!)).toBe(4); // second time: the other candidate has fewer
    expect(idx(choose(r, ['storm'])[0]!)).toBe(3);
    expect(idx(choose(r, [7])[0]!)).toBe(1); // candidate 4 already has one tuple, 1 has none
    expect(idx(choose(r, [null])[0]!)).toBe(0);
  });

  it('partialKey balances a skewed key over two tasks', () => {
    const { r } = route({ kind: 'partialKey', fields: ['word'] }, 4);
    const counts = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const t = choose(r, ['hot'])[0]!;
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    expect([...counts.values()]).toEqual([500, 500]);
  });
});
