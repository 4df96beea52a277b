import { describe, expect, it } from 'vitest';
import { Rng, seedWords } from './rng';

describe('Rng', () => {
  it('replays the same stream from the same seed and labels', () => {
    const a = new Rng(42, 'executor', 3);
    const b = new Rng(42, 'executor', 3);
    const xs = Array.from({ length: 100 }, () => a.nextU32());
    expect(Array.from({ length: 100 }, () => b.nextU32())).toEqual(xs);
  });

  it('gives independent streams for different labels and seeds', () => {
    const draw = (r: Rng) => Array.from({ length: 8 }, () => r.nextU32());
    expect(draw(new Rng(42, 'task', 7))).not.toEqual(draw(new Rng(42, 'task', 8)));
    expect(draw(new Rng(42))).not.toEqual(draw(new Rng('42x')));
    expect(seedWords('x')).toEqual(seedWords('x'));
  });

  it('random() is in [0, 1) and roughly uniform', () => {
    const r = new Rng(1);
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const x = r.random();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      buckets[Math.floor(x * 10)]++;
    }
    for (const n of buckets) expect(Math.abs(n - 10_000)).toBeLessThan(500);
  });

  it('nextInt(n) covers 0..n-1 evenly and rejects bad bounds', () => {
    const r = new Rng('dice');
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[r.nextInt(6)]++;
    for (const n of counts) expect(Math.abs(n - 10_000)).toBeLessThan(400);
    expect(r.nextInt(1)).toBe(0);
    expect(() => r.nextInt(0)).toThrow(/bound/);
  });
});
