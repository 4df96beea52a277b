import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Agenda } from './agenda';
import { EventQueue } from './event-queue';

const EXEC = 1;

/** Drains the agenda, returning items in the order it yields them. */
function drain(a: Agenda): number[] {
  const out: number[] = [];
  while (a.size > 0) {
    a.peekTime();
    out.push(a.peekItem());
    a.pop();
  }
  return out;
}

describe('Agenda', () => {
  it('yields self, FIFO and heap entries in one (time, priority, sequence) order', () => {
    const a = new Agenda(EXEC);
    a.push(5, 0, 1, 0); // a timer at 5
    a.pushNow(2, 2, 0); // woken at 2
    a.setSelf(2, 3, 0); // the running executor again at 2, scheduled after item 2
    a.pushNow(2, 4, 0); // woken at 2 after that
    a.push(2, 0, 5, 0); // a timer at 2: priority 0 comes first
    expect(a.peekTime()).toBe(2);
    expect(drain(a)).toEqual([5, 2, 3, 4, 1]);
    expect(a.peekTime()).toBe(Infinity);
  });

  it('a second self entry moves the first to the heap with its place in the order', () => {
    const a = new Agenda(EXEC);
    a.setSelf(3, 1, 0);
    a.pushNow(3, 2, 0);
    a.setSelf(3, 3, 0);
    expect(drain(a)).toEqual([1, 2, 3]);
  });

  it('an entry pushed at an earlier time than the FIFO tail goes to the heap', () => {
    const a = new Agenda(EXEC);
    a.pushNow(4, 1, 0);
    a.pushNow(1, 2, 0);
    expect(drain(a)).toEqual([2, 1]);
  });

  it('keeps generations with their items, and grows', () => {
    const a = new Agenda(EXEC, 2);
    for (let i = 0; i < 200; i++) a.pushNow(0, i, i * 3);
    const gens: number[] = [];
    while (a.size > 0) {
      a.peekTime();
      gens.push(a.peekGen() - a.peekItem() * 3);
      a.pop();
    }
    expect(gens).toEqual(new Array(200).fill(0));
  });

  it('matches a single binary heap on random schedules (property)', () => {
    // Operations as the engine makes them: time never goes back; `now` moves to the earliest event.
    const op = fc.oneof(
      fc.record({ kind: fc.constant('timer' as const), dt: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ kind: fc.constant('now' as const) }),
      fc.record({ kind: fc.constant('self' as const), dt: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('pop' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const a = new Agenda(EXEC);
        const heap = new EventQueue();
        let now = 0;
        let item = 0;
        // The reference pushes a self entry only when the next entry is taken (as the engine did).
        let pendingSelf: { time: number; item: number } | null = null;
        const flushSelf = () => {
          if (pendingSelf) heap.push(pendingSelf.time, EXEC, pendingSelf.item);
          pendingSelf = null;
        };
        const popped: number[][] = [[], []];
        for (const o of ops) {
          if (o.kind === 'timer') {
            flushSelf();
            a.push(now + o.dt, 0, item, 0);
            heap.push(now + o.dt, 0, item++);
          } else if (o.kind === 'now') {
            flushSelf();
            a.pushNow(now, item, 0);
            heap.push(now, EXEC, item++);
          } else if (o.kind === 'self') {
            flushSelf();
            a.setSelf(now + o.dt, item, 0);
            pendingSelf = { time: now + o.dt, item: item++ };
          } else {
            flushSelf();
            const t = a.peekTime();
            expect(t).toBe(heap.peekTime());
            if (t === Infinity) continue;
            popped[0]!.push(a.peekItem());
            popped[1]!.push(heap.peekItem());
            a.pop();
            heap.pop();
            now = t;
          }
        }
        flushSelf();
        expect(popped[0]).toEqual(popped[1]);
        expect(a.size).toBe(heap.size);
      }),
    );
  });
});
