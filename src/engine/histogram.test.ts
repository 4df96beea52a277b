import { describe, expect, it } from 'vitest';
import { HIST_BINS, HIST_SIZE, histAdd, histBin, histCount, histFromSparse, histPercentile, histRecord, histToSparse } from './histogram';

describe('histogram', () => {
  it('bins are monotonic and 25 % wide', () => {
    let prev = -1;
    for (let us = 0.5; us < 2 ** 38; us *= 1.07) {
      const b = histBin(us / 1000);
      expect(b).toBeGreaterThanOrEqual(prev);
      expect(b).toBeLessThan(HIST_BINS);
      prev = b;
    }
    expect(histBin(0)).toBe(0);
    expect(histBin(0.001)).toBe(1);
    expect(histBin(0.00125)).toBe(2);
    expect(histBin(0.002)).toBe(5);
    expect(histBin(1e12)).toBe(HIST_BINS - 1);
  });

  it('reports exact percentiles when values repeat (fixed cost model)', () => {
    const h = new Float64Array(HIST_SIZE);
    for (let i = 0; i < 1000; i++) histRecord(h, 0, 10);
    expect(histPercentile(h, 0, 0.5)).toBeCloseTo(10, 10);
    expect(histPercentile(h, 0, 0.99)).toBeCloseTo(10, 10);
  });

  it('p50 and p99 of a spread within a bin width', () => {
    const h = new Float64Array(HIST_SIZE);
    for (let i = 1; i <= 1000; i++) histRecord(h, 0, i / 10); // 0.1 … 100 ms
    expect(histCount(h)).toBe(1000);
    const p50 = histPercentile(h, 0, 0.5)!;
    const p99 = histPercentile(h, 0, 0.99)!;
    expect(Math.abs(p50 - 50) / 50).toBeLessThan(0.15);
    expect(Math.abs(p99 - 99) / 99).toBeLessThan(0.15);
    expect(histPercentile(new Float64Array(HIST_SIZE), 0, 0.5)).toBeNull();
  });

  it('merges, subtracts and round-trips through sparse form', () => {
    const data = new Float64Array(HIST_SIZE * 2);
    histRecord(data, 0, 1);
    histRecord(data, HIST_SIZE, 5);
    histRecord(data, HIST_SIZE, 5);
    histAdd(data, 0, data, HIST_SIZE);
    expect(histCount(data, 0)).toBe(3);
    const back = histFromSparse(histToSparse(data, 0));
    expect(histPercentile(back, 0, 1)).toBeCloseTo(5);
    histAdd(back, 0, data, HIST_SIZE, -1);
    expect(histCount(back)).toBe(1);
  });
});
