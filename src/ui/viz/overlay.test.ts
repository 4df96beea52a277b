import { describe, expect, it } from 'vitest';
import type { HostSnapshot } from '../../engine';
import { startEngine } from '../../engine/test-kit';
import { wordCountExample } from '../../model/examples/word-count';
import type { TopologyDocument } from '../../model';
import { buildOverlay } from './overlay';
import { advanceRates, countSample, MIN_EDGE_WIDTH, MAX_EDGE_WIDTH, type RateState } from './rates';
import { stormUiRow } from './storm-columns';

async function run(doc: TopologyDocument, times: readonly number[], queueCapacity?: number): Promise<HostSnapshot[]> {
  const engine = await startEngine(doc, queueCapacity ? { queueCapacity } : {});
  return times.map((t) => {
    engine.runUntil(t);
    return engine.snapshot();
  });
}

function overlayOf(snaps: readonly HostSnapshot[]) {
  let rates: RateState | null = null;
  let overlay = null;
  for (const s of snaps) {
    rates = advanceRates(rates, countSample(s), s.raw.time - s.raw.start);
    overlay = buildOverlay(s, rates.rates, overlay);
  }
  return overlay!;
}

/** Word count with `count` costing `costMs` per tuple (the spout sends ≈ 640 words/s). */
function slowCount(costMs: number): TopologyDocument {
  const doc = wordCountExample();
  return { ...doc, components: doc.components.map((c) => (c.id === 'count' ? { ...c, parallelism: 1, costMs } : c)) };
}

describe('live overlay', () => {
  it('colours bolts by capacity and gives spouts their emit rate and pending count', async () => {
    const snaps = await run(wordCountExample(), [2000, 4000]);
    const overlay = overlayOf(snaps);
    const { sentences, split, count } = overlay.components;
    expect(sentences!.kind).toBe('spout');
    expect(sentences!.capacity).toBeNull();
    expect(sentences!.tone).toBeNull();
    expect(sentences!.emitRate).toBeGreaterThan(95);
    // The node prints the spout's pending trees as the snapshot counts them (the book's spout tracks none).
    expect(sentences!.pending).toBe(snaps[1]!.components.sentences!.pending);
    expect(sentences!.pendingText).toBe(String(sentences!.pending));
    expect(split!.tone).toBe('low');
    expect(count!.hue).toBeGreaterThan(100); // green
    expect(overlay.edges['split->count']!.width).toBe(MAX_EDGE_WIDTH);
    expect(overlay.edges['sentences->split']!.width).toBeGreaterThan(MIN_EDGE_WIDTH);
    expect(overlay.edges['sentences->split']!.width).toBeLessThan(MAX_EDGE_WIDTH);
    expect(overlay.edges['split->count']!.backpressure).toBe(false);
  });

  it('shows a saturated bolt red and backpressure on the edge into its full queue', async () => {
    // One count executor at 2 ms per word cannot keep up with ≈ 640 words/s: its 64-slot queue fills.
    const overlay = overlayOf(await run(slowCount(2), [3000, 6000], 64));
    const count = overlay.components.count!;
    expect(count.capacity).toBeGreaterThan(0.99);
    expect(count.tone).toBe('saturated');
    expect(count.hue).toBe(2);
    expect(count.queueFill).toBe(1);
    expect(count.fullestQueue).toEqual({ length: 64, capacity: 64 });
    expect(overlay.edges['split->count']!.backpressure).toBe(true);
    expect(overlay.edges['sentences->split']!.backpressure).toBe(false);
    expect(overlay.components.split!.overflow).toBeGreaterThan(0);
  });

  it('reuses entries whose display did not change, so their nodes do not re-render', async () => {
    const [a, b] = await run(wordCountExample(), [2000, 2010]);
    const rates = advanceRates(null, countSample(a!), 2000);
    const first = buildOverlay(a!, rates.rates);
    const second = buildOverlay(a!, rates.rates, first);
    expect(second.components.count).toBe(first.components.count);
    expect(second.edges['split->count']).toBe(first.edges['split->count']);
    // 10 ms later the counts moved but not what the canvas prints (rates, capacity to 3 decimals).
    const later = buildOverlay(b!, advanceRates(null, countSample(a!), 2000).rates, first);
    expect(b!.components.count!.windows.all.executed).toBeGreaterThan(a!.components.count!.windows.all.executed);
    expect(later.components.count).toBe(first.components.count);
    expect(later.rows.count).not.toEqual(first.rows.count);
  });
});

describe("Storm UI's row", () => {
  it('has the bolt and spout columns of Storm UI', async () => {
    const [snap] = await run(wordCountExample(), [2000]);
    expect(stormUiRow(snap!.components.split!).map((c) => c.label)).toEqual([
      'Executors', 'Tasks', 'Emitted', 'Transferred', 'Capacity (last 10m)', 'Execute latency (ms)', 'Executed', 'Process latency (ms)', 'Read · process · ack (ms)', 'Acked', 'Failed',
    ]);
    const spout = stormUiRow(snap!.components.sentences!);
    expect(spout.map((c) => c.label)).toEqual(['Executors', 'Tasks', 'Emitted', 'Transferred', 'Complete latency (ms)', 'Acked', 'Failed']);
    const emitted = snap!.components.sentences!.windows['600'].emitted;
    expect(spout.find((c) => c.label === 'Emitted')!.value).toBe(emitted.toLocaleString('en-US'));
    expect(stormUiRow(snap!.components.count!).find((c) => c.label === 'Executors')!.value).toBe('3');
    // The overlay carries the rows for the hover card.
    const overlay = buildOverlay(snap!, advanceRates(null, countSample(snap!), 2000).rates);
    expect(overlay.rows.split).toEqual(stormUiRow(snap!.components.split!));
  });
});
