import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue';

function drain(q: EventQueue): number[] {
  const out: number[] = [];
  while (q.size > 0) {
    out.push(q.peekItem());
    q.pop();
  }
  return out;
}

describe('EventQueue', () => {
  it('orders by time, then priority, then insertion', () => {
    const q = new EventQueue(2);
    q.push(5, 1, 0);
    q.push(1, 2, 1);
    q.push(1, 1, 2);
    q.push(1, 1, 3);
    q.push(0.5, 9, 4);
    expect(q.peekTime()).toBe(0.5);
    expect(drain(q)).toEqual([4, 2, 3, 1, 0]);
    expect(q.peekTime()).toBe(Infinity);
  });

  it('keeps generations with their items', () => {
    const q = new EventQueue();
    q.push(2, 0, 7, 3);
    q.push(1, 0, 8, 4);
    expect([q.peekItem(), q.peekGen()]).toEqual([8, 4]);
    q.pop();
    expect([q.peekItem(), q.peekGen()]).toEqual([7, 3]);
  });

  it('matches a stable sort for any sequence of pushes and pops', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.record({ t: fc.integer({ min: 0, max: 20 }), p: fc.integer({ min: 0, max: 3 }) }), fc.constant(null)), { maxLength: 200 }),
        (ops) => {
          const q = new EventQueue(1);
          const model: { t: number; p: number; s: number }[] = [];
          let s = 0;
          for (const op of ops) {
            if (op === null) {
              if (model.length === 0) continue;
              model.sort((a, b) => a.t - b.t || a.p - b.p || a.s - b.s);
              const head = model.shift()!;
              expect(q.peekItem()).toBe(head.s);
              q.pop();
            } else {
              q.push(op.t, op.p, s);
              model.push({ ...op, s: s++ });
            }
          }
          model.sort((a, b) => a.t - b.t || a.p - b.p || a.s - b.s);
          expect(drain(q)).toEqual(model.map((m) => m.s));
        },
      ),
    );
  });
});
