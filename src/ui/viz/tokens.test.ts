import { describe, expect, it } from 'vitest';
import type { StepEvent } from '../../engine';
import { startEngine } from '../../engine/test-kit';
import { wordCountExample } from '../../model/examples/word-count';
import { addTokens, DEFAULT_TOKEN_LIMITS, edgeIndex, slotChanges, slotsOf, tokensOf, tripsOf, type Token, type Trip } from './tokens';

const trip = (edge: string, values = '[1]', event?: number): Trip => (event === undefined ? { edge, values } : { edge, values, event });

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
    expect(tripsOf([ev], { '2': 'b', '3': 'b', '4': 'b' }, edgeIndex([{ id: 's->b', from: 's', stream: 'default', to: 'b' }]))).toEqual([trip('s->b', '[1]', 0)]);
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

  it('gives each token in flight its own slot of the pool, reusing the slots of tokens that are gone', () => {
    const limits = { perEdge: 10, total: 4, tripMs: 1000, staggerMs: 0 };
    let t = addTokens([], [trip('a'), trip('b'), trip('c')], 0, 1, limits);
    expect(t.map((x) => x.slot)).toEqual([0, 1, 2]);
    // At 500 a, b and c are still flying: d takes the free slot 3.
    t = addTokens(t, [trip('d')], 500, 4, limits);
    expect(t.map((x) => `${x.edge}${x.slot}`)).toEqual(['a0', 'b1', 'c2', 'd3']);
    // The pool is full: the oldest (a) gives way, and e draws with a's dot.
    t = addTokens(t, [trip('e')], 600, 5, limits);
    expect(t.map((x) => `${x.edge}${x.slot}`)).toEqual(['b1', 'c2', 'd3', 'e0']);
    // At 1000 a, b and c are over: their slots are free again, lowest first.
    t = addTokens(t, [trip('f'), trip('g')], 1000, 6, limits);
    expect(t.map((x) => `${x.edge}${x.slot}`)).toEqual(['d3', 'e0', 'f1', 'g2']);
    expect(slotsOf(t, 4).map((x) => x?.edge ?? null)).toEqual(['e', 'f', 'g', 'd']);
  });

  it('keeps slots unique and below the pool size, whatever the batches (a stream of random batches)', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let t: readonly Token[] = [];
    let key = 1;
    for (let now = 0; now < 20_000; now += 50 + Math.floor(random() * 300)) {
      const batch = Array.from({ length: Math.floor(random() * 30) }, (_, i) => trip(`e${Math.floor(random() * 12)}`, '[1]', i));
      t = addTokens(t, batch, now, key, DEFAULT_TOKEN_LIMITS, 250);
      key += batch.length;
      const slots = t.map((x) => x.slot);
      expect(new Set(slots).size).toBe(slots.length);
      expect(slots.every((s) => s >= 0 && s < DEFAULT_TOKEN_LIMITS.total)).toBe(true);
      expect(t.length).toBeLessThanOrEqual(DEFAULT_TOKEN_LIMITS.total);
      for (const e of new Set(t.map((x) => x.edge))) expect(tokensOf(t, e).length).toBeLessThanOrEqual(DEFAULT_TOKEN_LIMITS.perEdge);
    }
  });

  it('spreads a batch over the time between batches, event by event, each edge still staggered', () => {
    const limits = { perEdge: 10, total: 10, tripMs: 1000, staggerMs: 100 };
    // Four events: 0 and 1 emit on a, 2 on b, 3 on a.
    const t = addTokens([], [trip('a', '[0]', 0), trip('a', '[1]', 1), trip('b', '[2]', 2), trip('a', '[3]', 3)], 0, 1, limits, 200);
    expect(t.map((x) => `${x.edge}${x.values}+${x.delayMs}`)).toEqual(['a[0]+0', 'a[1]+100', 'b[2]+100', 'a[3]+200']);
    // Kept until the last one's trip is over.
    expect(addTokens(t, [], 1150, 9, limits).map((x) => x.values)).toEqual(['[3]']);
  });

  it('restarts only the dots whose token changed', () => {
    const limits = { perEdge: 10, total: 4, tripMs: 1000, staggerMs: 0 };
    const a = addTokens([], [trip('a'), trip('b')], 0, 1, limits);
    const b = addTokens(a, [trip('c')], 500, 3, limits);
    expect(slotChanges(slotsOf([], 4), slotsOf(a, 4))).toEqual({ start: [0, 1], stop: [] });
    expect(slotChanges(slotsOf(a, 4), slotsOf(b, 4))).toEqual({ start: [2], stop: [] });
    expect(slotChanges(slotsOf(b, 4), slotsOf(b, 4))).toEqual({ start: [], stop: [] });
    // a and b over, d in a's old slot: slot 0 restarts, slot 1 stops, slot 2 (c) goes on.
    const c = addTokens(b, [trip('d')], 1200, 4, limits);
    expect(slotChanges(slotsOf(b, 4), slotsOf(c, 4))).toEqual({ start: [0], stop: [1] });
  });
});
