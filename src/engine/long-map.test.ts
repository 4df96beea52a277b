import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LongMap } from './long-map';

describe('LongMap', () => {
  it('stores, replaces and deletes 64-bit keys', () => {
    const m = new LongMap();
    m.set(1, 2, 10);
    m.set(2, 1, 20);
    m.set(-1, -1, 30);
    expect(m.get(1, 2)).toBe(10);
    expect(m.get(2, 1)).toBe(20);
    expect(m.get(-1, -1)).toBe(30);
    expect(m.get(1, 1)).toBe(-1);
    m.set(1, 2, 11);
    expect(m.get(1, 2)).toBe(11);
    expect(m.size).toBe(3);
    expect(m.delete(1, 2)).toBe(11);
    expect(m.delete(1, 2)).toBe(-1);
    expect(m.get(1, 2)).toBe(-1);
    expect(m.size).toBe(2);
  });

  it('behaves like a Map under random operations, across resizes and probe-run deletions', () => {
    const key = fc.tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: -64, max: 64 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('set', 'delete', 'get'), key, fc.nat(1000)), { maxLength: 400 }), (ops) => {
        const m = new LongMap(1);
        const model = new Map<string, number>();
        for (const [op, [hi, lo], v] of ops) {
          const k = `${hi}:${lo}`;
          if (op === 'set') {
            m.set(hi, lo, v);
            model.set(k, v);
          } else if (op === 'delete') {
            expect(m.delete(hi, lo)).toBe(model.get(k) ?? -1);
            model.delete(k);
          } else {
            expect(m.get(hi, lo)).toBe(model.get(k) ?? -1);
          }
          expect(m.size).toBe(model.size);
        }
        for (const [k, v] of model) {
          const [hi, lo] = k.split(':').map(Number) as [number, number];
          expect(m.get(hi, lo)).toBe(v);
        }
        const seen: number[] = [];
        m.forEachValue((v) => seen.push(v));
        expect(seen.sort()).toEqual([...model.values()].sort());
      }),
    );
  });
});
