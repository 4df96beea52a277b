import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACKER_BUCKETS, ACKER_COMPLETE, ACKER_FAILED, ACKER_PENDING, AckerLedger } from './acker';

describe('AckerLedger', () => {
  it('completes a tree when the XOR of its edges returns to 0 after the init', () => {
    const l = new AckerLedger();
    // Acks may arrive before the init (another path): the tree is pending until the spout is known.
    expect(l.update(1, 7, 9, 0x10, 0x20, -1, false)).toBe(ACKER_PENDING);
    expect(l.update(0, 7, 9, 0x11, 0x22, 3, false)).toBe(ACKER_PENDING);
    expect(l.lastSpoutTask).toBe(3);
    expect([l.lastValH, l.lastValL]).toEqual([0x01, 0x02]);
    expect(l.update(1, 7, 9, 0x01, 0x02, -1, false)).toBe(ACKER_COMPLETE);
    expect(l.lastSpoutTask).toBe(3);
    expect(l.size).toBe(0);
  });

  it('remembers when it first saw each root, through growth and deletions (Storm 2.x: Acker.java, AckObject.startTime)', () => {
    const l = new AckerLedger(2);
    // Many roots force resizes and backward-shift deletions; each keeps its own first-seen time.
    // Odd roots start with the spout's init; even ones with a bolt's ack, the init coming later.
    for (let r = 1; r <= 200; r++) expect(r % 2 === 0 ? l.update(1, r, r * 7, 0x1000, 0, -1, false, r) : l.update(0, r, r * 7, r, r, 9, false, r)).toBe(ACKER_PENDING);
    for (let r = 2; r <= 200; r += 2) expect(l.update(0, r, r * 7, r ^ 0x1000, r, 9, false, 1000 + r)).toBe(ACKER_PENDING);
    for (let r = 1; r <= 200; r++) {
      expect(l.update(1, r, r * 7, r, r, -1, false, 5000)).toBe(ACKER_COMPLETE);
      // Bolts' acks can reach the acker before the spout's init: the tree starts then.
      expect(l.lastBorn).toBe(r);
    }
  });

  it('fails a tree on __ack_fail once its spout is known, and remembers sampling', () => {
    const l = new AckerLedger();
    expect(l.update(2, 1, 1, 0, 0, -1, true)).toBe(ACKER_PENDING);
    expect(l.update(0, 1, 1, 5, 5, 4, false)).toBe(ACKER_FAILED);
    expect(l.lastSampled).toBe(true);
    expect(l.size).toBe(0);
  });

  it('drops entries not updated for 3 rotations', () => {
    const l = new AckerLedger();
    l.update(0, 1, 2, 3, 4, 1, false);
    l.update(0, 5, 6, 7, 8, 1, false);
    expect(l.rotate()).toBe(0);
    l.update(1, 5, 6, 1, 1, -1, false); // touched: back to the newest bucket
    expect(l.rotate()).toBe(0);
    expect(l.rotate()).toBe(1); // 1:2 was last updated ACKER_BUCKETS rotations ago
    expect(ACKER_BUCKETS).toBe(3);
    expect(l.size).toBe(1);
    expect(l.rotate()).toBe(1);
    expect(l.size).toBe(0);
  });

  it('agrees with a Map model on random updates, growth and rotations (property)', () => {
    const key = fc.record({ h: fc.integer({ min: -4, max: 4 }), l: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) });
    const op = fc.record({ kind: fc.integer({ min: 0, max: 3 }), key, vh: fc.integer(), vl: fc.integer() });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), fc.array(key, { maxLength: 60 }), (ops, warm) => {
        const l = new AckerLedger(4);
        const model = new Map<string, { vh: number; vl: number; spout: number; failed: boolean; gen: number }>();
        let rotations = 0;
        const all = [...warm.map((k) => ({ kind: 0, key: k, vh: 1, vl: 1 })), ...ops];
        for (const o of all) {
          if (o.kind === 3) {
            rotations++;
            let expired = 0;
            for (const [k, e] of model) {
              if (e.gen <= rotations - ACKER_BUCKETS) {
                model.delete(k);
                expired++;
              }
            }
            expect(l.rotate()).toBe(expired);
            continue;
          }
          const k = `${o.key.h}:${o.key.l}`;
          const e = model.get(k) ?? { vh: 0, vl: 0, spout: -1, failed: false, gen: 0 };
          e.gen = rotations;
          if (o.kind === 0) {
            e.vh ^= o.vh;
            e.vl ^= o.vl;
            e.spout = 9;
          } else if (o.kind === 1) {
            e.vh ^= o.vh;
            e.vl ^= o.vl;
          } else e.failed = true;
          const zero = (e.vh | e.vl) === 0;
          let expected = ACKER_PENDING;
          if (e.spout >= 0 && (zero || e.failed)) {
            expected = e.failed && !zero ? ACKER_FAILED : ACKER_COMPLETE;
            model.delete(k);
          } else model.set(k, e);
          expect(l.update(o.kind, o.key.h, o.key.l, o.vh, o.vl, 9, false)).toBe(expected);
          expect([l.lastValH, l.lastValL]).toEqual([e.vh, e.vl]);
          expect(l.size).toBe(model.size);
        }
      }),
    );
  });
});
