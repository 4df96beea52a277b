import { beforeAll, describe, expect, it } from 'vitest';
import type { HostSnapshot } from '../../engine';
import { startEngine } from '../../engine/test-kit';
import { wordCountExample } from '../../model/examples/word-count';
import { advanceRates, countSample, edgeWidth, formatCount, formatRate, MAX_EDGE_WIDTH, MAX_SAMPLES, MIN_EDGE_WIDTH, type CountSample, type RateState } from './rates';

const sample = (time: number, transferred: number, emitted = transferred): CountSample => ({ time, edges: { e: transferred }, emitted: { s: emitted }, executed: { b: transferred } });

describe('rates from successive snapshots', () => {
  it('starts with the run average', () => {
    const s = advanceRates(null, sample(4000, 2000), 4000);
    expect(s.rates.edges.e).toBe(500);
    expect(s.rates.spanMs).toBe(4000);
  });

  it('divides the difference by the engine time between snapshots', () => {
    let s = advanceRates(null, sample(1000, 100), 1000);
    s = advanceRates(s, sample(1500, 400), 1500);
    expect(s.rates.edges.e).toBe(600);
    expect(s.rates.emitted.s).toBe(600);
    expect(s.rates.spanMs).toBe(500);
  });

  it('averages over the last two seconds of engine time', () => {
    let s: RateState | null = null;
    // 1000 tuples/s for 3 s, then 4000 tuples/s.
    let count = 0;
    for (let t = 0; t <= 6000; t += 500) {
      s = advanceRates(s, sample(t, count), t);
      count += t < 3000 ? 500 : 2000;
    }
    expect(s!.samples[0]!.time).toBe(4000);
    expect(s!.rates.edges.e).toBe(4000);
  });

  it('keeps the rates while the engine clock stands still', () => {
    let s = advanceRates(null, sample(1000, 100), 1000);
    s = advanceRates(s, sample(2000, 1100), 2000);
    const before = s.rates;
    s = advanceRates(s, sample(2000, 1106), 2000);
    expect(s.rates).toBe(before);
    expect(s.samples[s.samples.length - 1]!.edges.e).toBe(1106);
  });

  it('starts over when a new run begins (time or counts go back)', () => {
    let s = advanceRates(null, sample(1000, 100), 1000);
    s = advanceRates(s, sample(2000, 1100), 2000);
    s = advanceRates(s, sample(500, 50), 500);
    expect(s.samples).toHaveLength(1);
    expect(s.rates.edges.e).toBe(100);
  });

  it('keeps a bounded number of samples on slow runs', () => {
    let s: RateState | null = null;
    for (let t = 1; t <= 500; t++) s = advanceRates(s, sample(t, t * 3), t);
    expect(s!.samples.length).toBeLessThanOrEqual(MAX_SAMPLES);
    expect(s!.rates.edges.e).toBeCloseTo(3000, 6);
  });

  describe('on a real run', () => {
    let snaps: HostSnapshot[];
    beforeAll(async () => {
      const engine = await startEngine(wordCountExample());
      snaps = [];
      for (const t of [1000, 2000, 3000]) {
        engine.runUntil(t);
        snaps.push(engine.snapshot());
      }
    });

    it('measures the spout at one sentence per 10 ms and split → count at the words it emits', () => {
      let s: RateState | null = null;
      for (const snap of snaps) s = advanceRates(s, countSample(snap), snap.raw.time - snap.raw.start);
      // The spout sleeps 10 ms per nextTuple: about 100 sentences per second of engine time.
      expect(s!.rates.emitted.sentences).toBeGreaterThan(95);
      expect(s!.rates.emitted.sentences).toBeLessThan(101);
      expect(s!.rates.edges['sentences->split']).toBeCloseTo(s!.rates.emitted.sentences!, 0);
      // Every word split emits goes to exactly one count task (fields grouping).
      expect(s!.rates.edges['split->count']).toBeCloseTo(s!.rates.emitted.split!, 6);
      expect(s!.rates.edges['split->count']! / s!.rates.edges['sentences->split']!).toBeGreaterThan(5);
    });
  });
});

describe('edge widths', () => {
  it('grow linearly with the rate, from a visible minimum', () => {
    expect(edgeWidth(0, 1000)).toBe(MIN_EDGE_WIDTH);
    expect(edgeWidth(1000, 1000)).toBe(MAX_EDGE_WIDTH);
    expect(edgeWidth(500, 1000)).toBeCloseTo((MIN_EDGE_WIDTH + MAX_EDGE_WIDTH) / 2, 9);
    expect(edgeWidth(250, 1000) - MIN_EDGE_WIDTH).toBeCloseTo((edgeWidth(500, 1000) - MIN_EDGE_WIDTH) / 2, 9);
    expect(edgeWidth(5, 0)).toBe(MIN_EDGE_WIDTH);
  });
});

describe('rate labels', () => {
  it('print about three significant digits', () => {
    expect(formatRate(0)).toBe('0/s');
    expect(formatRate(0.25)).toBe('0.25/s');
    expect(formatRate(3.42)).toBe('3.4/s');
    expect(formatRate(7)).toBe('7/s');
    expect(formatRate(341.4)).toBe('341/s');
    expect(formatRate(1000)).toBe('1k/s');
    expect(formatRate(12345)).toBe('12.3k/s');
    expect(formatRate(123456)).toBe('123k/s');
    expect(formatRate(1_236_000)).toBe('1.24M/s');
    expect(formatCount(Number.NaN)).toBe('0');
  });
});
