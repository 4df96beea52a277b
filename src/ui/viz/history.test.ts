import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine, HostSnapshot } from '../../engine';
import { startEngine } from '../../engine/test-kit';
import { wordCountExample } from '../../model/examples/word-count';
import type { TopologyDocument } from '../../model';
import { ChartHistory, RING_POINTS } from './history';

/** Word count with one count executor at 1 ms per word (≈ 640 words/s: capacity ≈ 0.64). */
function costly(): TopologyDocument {
  const doc = wordCountExample();
  return { ...doc, components: doc.components.map((c) => (c.id === 'count' ? { ...c, parallelism: 1, costMs: 1 } : c)) };
}

function snapshotsEvery(engine: Engine, stepMs: number, until: number): HostSnapshot[] {
  const out: HostSnapshot[] = [];
  for (let t = stepMs; t <= until; t += stepMs) {
    engine.runUntil(t);
    out.push(engine.snapshot({ lineage: false }));
  }
  return out;
}

describe('chart history', () => {
  let snaps: HostSnapshot[];
  let history: ChartHistory;
  beforeAll(async () => {
    snaps = snapshotsEvery(await startEngine(costly()), 500, 20_000);
    history = new ChartHistory(snaps[0]!);
    for (const s of snaps.slice(1)) history.ingest(s);
  });

  it('has a throughput series per component, capacity per bolt, p50 and p99 per spout', () => {
    expect(history.series.map((s) => `${s.metric}:${s.component}${s.percentile ? ':' + s.percentile : ''}`)).toEqual([
      'throughput:count',
      'throughput:sentences',
      'throughput:split',
      'capacity:count',
      'capacity:split',
      'latency:sentences:p50',
      'latency:sentences:p99',
    ]);
  });

  it('adds a point per second of engine time in the 10-minute ring', () => {
    const d = history.data('600', 'throughput');
    // First snapshot at 0.5 s is the baseline; then a point each time ≥ 1 s has passed.
    expect(d.x[0]).toBe(1.5);
    expect(d.x.at(-1)).toBe(19.5);
    expect(d.x).toHaveLength(19);
    expect(history.data('10800', 'throughput').x).toHaveLength(1);
  });

  it('computes throughput in tuples per second of engine time', () => {
    const d = history.data('600', 'throughput', new Set(['sentences', 'split']));
    expect(d.series.map((s) => s.info.component)).toEqual(['sentences', 'split']);
    for (const v of d.series[0]!.values) expect(v).toBeGreaterThan(95);
    for (const v of d.series[0]!.values) expect(v).toBeLessThan(101);
    // split executes every sentence.
    const total = (i: number) => d.series[i]!.values.reduce((a: number, v) => a + v!, 0);
    expect(total(1) / total(0)).toBeCloseTo(1, 1);
  });

  it("computes capacity over each interval as the busiest executor's busy fraction", () => {
    const count = history.data('600', 'capacity', new Set(['count'])).series[0]!.values;
    // ≈ 6.4 words per sentence × 100 sentences/s × 1 ms each.
    for (const v of count.slice(2)) {
      expect(v).toBeGreaterThan(0.5);
      expect(v).toBeLessThan(0.8);
    }
    // Over the whole run, the intervals agree with Storm's capacity of the last snapshot (same busy time).
    const last = snaps.at(-1)!.components.count!.windows['600'].capacity!;
    const mean = count.reduce((a: number, v) => a + v!, 0) / count.length;
    expect(mean).toBeCloseTo(last, 1);
  });

  it('computes complete latency percentiles per interval from the histograms', () => {
    const [p50, p99] = history.data('600', 'latency').series;
    expect(p50!.info.percentile).toBe('p50');
    const overall = snaps.at(-1)!.components.sentences!.latency.all.complete;
    for (let i = 0; i < p50!.values.length; i++) {
      expect(p50!.values[i]).not.toBeNull();
      expect(p99!.values[i]!).toBeGreaterThanOrEqual(p50!.values[i]!);
    }
    const mid = [...p50!.values].sort((a, b) => a! - b!)[Math.floor(p50!.values.length / 2)]!;
    expect(mid / overall.p50Ms!).toBeGreaterThan(0.8);
    expect(mid / overall.p50Ms!).toBeLessThan(1.25);
  });

  it('cuts a window to its length before the newest point', () => {
    expect(history.data('all', 'throughput').x).toEqual(history.data('600', 'throughput').x);
  });

  it('ignores snapshots from the past and recognises its own run', () => {
    const before = history.version;
    history.ingest(snaps[3]!);
    expect(history.version).toBe(before);
    expect(history.accepts(snaps.at(-1)!)).toBe(true);
    expect(history.accepts(snaps[0]!)).toBe(false);
  });
});

describe('chart history over a long run', () => {
  it('keeps every ring bounded: the 10-minute ring slides, the all-time ring halves its resolution', async () => {
    // A slow spout keeps the run cheap: one tuple per 100 ms.
    const base = wordCountExample();
    const doc: TopologyDocument = {
      ...base,
      components: base.components.map((c) =>
        c.id === 'sentences'
          ? { ...c, language: 'javascript', code: { javascript: "export default class S extends Spout {\n  static declareOutputFields() { return ['sentence']; }\n  nextTuple() { storm.sleep(0.1); storm.emit(['a b']); }\n}\n" } }
          : c,
      ),
    };
    const engine = await startEngine(doc);
    engine.runUntil(1000);
    const history = new ChartHistory(engine.snapshot({ lineage: false }));
    for (let t = 2000; t <= 1_300_000; t += 1000) {
      engine.runUntil(t);
      history.ingest(engine.snapshot({ lineage: false }));
    }
    const tenMin = history.data('600', 'throughput');
    expect(tenMin.x.length).toBeLessThanOrEqual(RING_POINTS);
    expect(tenMin.x.at(-1)! - tenMin.x[0]!).toBeLessThanOrEqual(600);
    expect(tenMin.x.at(-1)).toBe(1300);
    expect(history.pointsOf('all')).toBeLessThanOrEqual(RING_POINTS + 1);
    expect(history.stepOf('all')).toBe(4000);
    const all = history.data('all', 'throughput');
    expect(all.x[0]).toBeLessThan(10);
    expect(all.x.at(-1)).toBeGreaterThan(1290);
    expect(history.data('10800', 'throughput').x.length).toBe(Math.floor((1_300_000 - 1000) / 18_000));
    // One sentence per 100.01 ms (sleep + the default cost): 9 or 10 in each second.
    for (const v of tenMin.series.find((s) => s.info.component === 'sentences')!.values) expect([9, 10]).toContain(v);
  });
});
