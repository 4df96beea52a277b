import { describe, expect, it } from 'vitest';
import type { StepEvent } from '../../engine';
import { startEngine } from '../../engine/test-kit';
import { wordCountExample } from '../../model/examples/word-count';
import { addTokens, edgeIndex, tokensOf, tripsOf, type Token } from './tokens';

const trip = (edge: string, values = '[1]') => ({ edge, values });

describe('travelling tuples', () => {
  it('maps the emits of real step events to the canvas edges they travel', async () => {
    const doc = wordCountExample();
    const engine = await startEngine(doc);
    const events: StepEvent[] = [];
    for (let i = 0; i < 30; i++) events.push(engine.step()!);
    const trips = tripsOf(events, engine.plan.taskToComponent, edgeIndex(doc.subscriptions));
    const spoutEmits = events.flatMap((e) => [e, ...('also' in e && e.also ? e.also : [])]).filter((e) => e.kind === 'nextTuple' && e.emitted).length;
    expect(trips.filter((t) => t.edge === 'sentences->split')).toHaveLength(spoutEmits);
    const splitEmits = events.filter((e) => e.kind === 'execute' && e.component === 'split').flatMap((e) => (e.kind === 'execute' ? e.emits : []));
    expect(trips.filter((t) => t.edge === 'split->count').map((t) => t.values)).toEqual(splitEmits.map((e) => e.values));
    // count emits to no subscriber: no trip.
    expect(trips.every((t) => t.edge !== 'count')).toBe(true);
  });

  it('sends one token per edge for an emit to every task of a bolt', () => {
    const ev: StepEvent = {
      time: 0, kind: 'nextTuple', component: 's', executor: 0, task: 1, busyUntil: 0, error: null, ackerMessages: [], emitted: true,
      emits: [{ stream: 'default', values: '[1]', targets: [2, 3, 4], ids: [] }],
    };
    expect(tripsOf([ev], { '2': 'b', '3': 'b', '4': 'b' }, edgeIndex([{ id: 's->b', from: 's', stream: 'default', to: 'b' }]))).toEqual([trip('s->b')]);
  });

  it('caps tokens per edge and in total, keeping the newest', () => {
    const limits = { perEdge: 2, total: 3, tripMs: 1000, staggerMs: 100 };
    let t: readonly Token[] = addTokens([], [trip('a', '[1]'), trip('a', '[2]'), trip('a', '[3]'), trip('b'), trip('c')], 0, 1, limits);
    expect(t.map((x) => `${x.edge}${x.values}`)).toEqual(['a[3]', 'b[1]', 'c[1]']);
    t = addTokens(t, [trip('a', '[4]')], 10, 10, limits);
    expect(t.map((x) => `${x.edge}${x.values}`)).toEqual(['b[1]', 'c[1]', 'a[4]']);
    expect(new Set(t.map((x) => x.key)).size).toBe(3);
    expect(tokensOf(t, 'a').map((x) => x.values)).toEqual(['[4]']);
  });

  it('drops tokens whose trip is over, and returns the same array when nothing changed', () => {
    const limits = { perEdge: 5, total: 10, tripMs: 1000, staggerMs: 100 };
    const t = addTokens([], [trip('a')], 0, 1, limits);
    expect(addTokens(t, [], 500, 2, limits)).toBe(t);
    expect(addTokens(t, [], 1000, 2, limits)).toEqual([]);
  });

  it('staggers the tokens of one batch on one edge, and keeps each until its own trip is over', () => {
    const limits = { perEdge: 5, total: 10, tripMs: 1000, staggerMs: 100 };
    const t = addTokens([], [trip('a', '[1]'), trip('b', '[1]'), trip('a', '[2]'), trip('a', '[3]')], 0, 1, limits);
    expect(t.map((x) => `${x.edge}${x.values}+${x.delayMs}`)).toEqual(['a[1]+0', 'b[1]+0', 'a[2]+100', 'a[3]+200']);
    expect(addTokens(t, [], 1100, 9, limits).map((x) => x.values)).toEqual(['[3]']);
  });
});
