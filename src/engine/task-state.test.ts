import { describe, expect, it } from 'vitest';
import { wordCountExample, withLanguage } from '../model';
import { checkInspectedState, inspectJsInstance, STATE_LIMITS } from './task-state';
import { startEngine } from './test-kit';

const fields = (o: object) => Object.fromEntries(inspectJsInstance(o).fields.map((f) => [f.name, f]));

describe('a JavaScript task’s state', () => {
  it('shows own fields as a console prints them, with type and size', () => {
    class Counter {
      counts = new Map([['the', 12], ['cat', 3]]);
      seen = { the: 1, 'two words': 2 };
      words = ['a', 'b'];
      tags = new Set([1]);
      n = 7;
      _mine = 'kept';
      __hidden = 1;
    }
    const f = fields(new Counter());
    expect(f.counts).toEqual({ name: 'counts', repr: "Map(2) { 'the' => 12, 'cat' => 3 }", type: 'Map', size: 2 });
    expect(f.seen!.repr).toBe("{ the: 1, 'two words': 2 }");
    expect(f.words).toEqual({ name: 'words', repr: "['a', 'b']", type: 'Array', size: 2 });
    expect(f.tags!.repr).toBe('Set(1) { 1 }');
    expect(f.n).toEqual({ name: 'n', repr: '7', type: 'number', size: null });
    expect(f._mine!.repr).toBe("'kept'");
    expect(f.__hidden).toBeUndefined();
  });

  it('runs no user code: getters, toString, toJSON and iterators are not called', () => {
    let called = 0;
    const sneaky = {
      get secret() {
        called++;
        return 1;
      },
      toString() {
        called++;
        return 'x';
      },
      toJSON() {
        called++;
        return 'x';
      },
    };
    class Loud {
      [Symbol.iterator]() {
        called++;
        return [][Symbol.iterator]();
      }
    }
    class MyMap extends Map<unknown, unknown> {
      override entries(): MapIterator<[unknown, unknown]> {
        called++;
        return super.entries();
      }
    }
    const inst = { sneaky, loud: new Loud(), map: new MyMap([['k', 1]]) };
    Object.defineProperty(inst, 'computed', { enumerable: true, get: () => called++ });
    const f = fields(inst);
    expect(called).toBe(0);
    expect(f.sneaky!.repr).toBe('{ secret: [Getter], toString: [Function: toString], toJSON: [Function: toJSON] }');
    expect(f.loud!.repr).toBe('Loud {}');
    expect(f.map!.repr).toBe("Map(1) { 'k' => 1 }");
    expect(f.computed).toEqual({ name: 'computed', repr: '[Getter]', type: 'accessor', size: null });
  });

  it('is bounded: items, depth, cycles, long strings, many fields', () => {
    const big = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`w${i}`, i]));
    const loop: unknown[] = [];
    loop.push(loop);
    const f = fields({ big, deep: [[[[[1]]]]], loop, text: 'x'.repeat(10_000) });
    expect(f.big!.size).toBe(1000);
    expect(f.big!.repr.length).toBeLessThanOrEqual(STATE_LIMITS.chars);
    expect(f.big!.repr).toMatch(/^\{ w0: 0, w1: 1, /);
    expect(f.deep!.repr).toBe('[[[[…]]]]');
    expect(f.loop!.repr).toBe('[[Circular]]');
    expect(f.text!.repr.length).toBeLessThan(STATE_LIMITS.string + 5);
    const many = Object.fromEntries(Array.from({ length: STATE_LIMITS.fields + 3 }, (_, i) => [`f${i}`, i]));
    const state = inspectJsInstance(many);
    expect(state.fields).toHaveLength(STATE_LIMITS.fields);
    expect(state.more).toBe(3);
  });

  it('checks what another runtime sends', () => {
    expect(checkInspectedState({ fields: [{ name: 'n', repr: 'x'.repeat(5000), type: 'int', size: null }], more: 0 }).fields[0]!.repr.length).toBe(STATE_LIMITS.chars);
    expect(() => checkInspectedState({ fields: 'no', more: 0 })).toThrow(/malformed: no list of fields/);
    expect(() => checkInspectedState({ fields: [{ name: 1, repr: '', type: '' }], more: 0 })).toThrow(/without a name/);
    expect(() => checkInspectedState({ fields: [], more: -1 })).toThrow(/"more" is not a count/);
    expect(() => checkInspectedState({ fields: [{ name: 'a', repr: '', type: 'x', size: 1.5 }], more: 0 })).toThrow(/the size of a/);
  });
});

describe('engine.inspectTasks', () => {
  it('word count: each count task holds its own words (fields grouping), none in two tasks', async () => {
    const engine = await startEngine(withLanguage(wordCountExample(), 'javascript'));
    engine.runUntil(20_000);
    const states = engine.inspectTasks();
    expect(states.time).toBe(engine.time);
    const counts = states.tasks.filter((t) => t.component === 'count');
    expect(counts.map((t) => t.task)).toEqual(engine.plan.tasks.count);
    const wordsOf = counts.map((t) => {
      const field = t.state!.fields.find((f) => f.name === 'counts')!;
      expect(field.type).toBe('Map');
      return new Set([...field.repr.matchAll(/'([^']+)' =>/g)].map((m) => m[1]!));
    });
    expect(wordsOf.every((w) => w.size > 0)).toBe(true);
    for (let a = 0; a < wordsOf.length; a++) for (let b = a + 1; b < wordsOf.length; b++) expect([...wordsOf[a]!].filter((w) => wordsOf[b]!.has(w))).toEqual([]);
    // The acker has no state to show; spouts and bolts do.
    expect(states.tasks.some((t) => t.component === '__acker')).toBe(false);
    expect(states.tasks.find((t) => t.component === 'sentences')!.state!.fields.map((f) => f.name)).toEqual(['nextId', 'pending']);
  });

  it('a dead worker’s tasks say so', async () => {
    const engine = await startEngine(withLanguage(wordCountExample(), 'javascript'));
    engine.runUntil(2_000);
    const worker = engine.plan.executors.find((e) => e.component === 'count')!.worker;
    engine.killWorker(worker);
    const dead = engine.inspectTasks().tasks.filter((t) => t.state === null);
    expect(dead.length).toBeGreaterThan(0);
    expect(dead.every((t) => t.note === 'its worker is down')).toBe(true);
  });
});
