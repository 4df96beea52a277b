import { describe, expect, it } from 'vitest';
import { HOLDER_BOLT, startEngine } from '../../engine/test-kit';
import { bolt, spout, subscribe, topology } from '../../model';
import { stormUiRow } from './storm-columns';
import { formatTimeSplit, timeSplit } from './time-split';

const spoutCode = `export default class S extends Spout {
  initialize() { this.n = 0; }
  nextTuple() { storm.sleep(0.1); this.n++; storm.emit([this.n], { id: ${'${ID}'} }); }
}`;
const everyTenthOfASecond = (tracked: boolean) => spoutCode.replace('${ID}', tracked ? 'this.n' : 'null');

async function runBolt(code: string, costMs: number, tracked = true) {
  const doc = topology('t', [spout('s', { javascript: everyTenthOfASecond(tracked), fields: ['n'], costMs: 0 }), bolt('b', { javascript: code, fields: [], costMs })], [subscribe('s', 'b')]);
  const engine = await startEngine(doc);
  engine.runUntil(60_050);
  return engine.snapshot().components.b!;
}

describe('read · process · ack', () => {
  it('splits the shares as Petrel prints them', () => {
    expect(timeSplit({ readLatencyMs: 3, executeLatencyMs: 1, processLatencyMs: 2 })).toEqual({ readMs: 3, processMs: 1, ackMs: 1, readPct: 60, processPct: 20, ackPct: 20 });
    // No acked input (untracked tuples): ack unknown, the shares of read and process only.
    const untracked = timeSplit({ readLatencyMs: 1, executeLatencyMs: 3, processLatencyMs: null });
    expect(untracked).toEqual({ readMs: 1, processMs: 3, ackMs: null, readPct: 25, processPct: 75, ackPct: 0 });
    expect(formatTimeSplit(untracked)).toBe('1.000 · 3.000 · –\n25.0% · 75.0% · –');
    // Nothing executed yet.
    expect(timeSplit({ readLatencyMs: null, executeLatencyMs: null, processLatencyMs: null })).toBeNull();
    expect(formatTimeSplit(null)).toBe('–');
    // A snapshot saved before the engine measured read time.
    expect(timeSplit({ executeLatencyMs: 1, processLatencyMs: 1 } as Parameters<typeof timeSplit>[0])).toBeNull();
    // Zero-cost calls on an idle clock: no division by zero.
    expect(timeSplit({ readLatencyMs: 0, executeLatencyMs: 0, processLatencyMs: 0 })).toMatchObject({ readPct: 0, processPct: 0, ackPct: 0 });
  });

  it('a BasicBolt at half capacity: half reading, half processing, no ack time', async () => {
    const b = await runBolt('export default class B extends BasicBolt {}', 50);
    const split = timeSplit(b.windows.all)!;
    expect(split.processMs).toBeCloseTo(50, 6);
    expect(split.readMs).toBeCloseTo(50, 0);
    expect(split.ackMs).toBe(0);
    expect(split.readPct).toBeCloseTo(50, 0);
    expect(split.processPct).toBeCloseTo(50, 0);
    const cell = stormUiRow(b).find((c) => c.label === 'Read · process · ack (ms)')!;
    expect(cell.value).toMatch(/^50\.\d{3} · 50\.000 · 0\.000\n50\.0% · 50\.0% · 0\.0%$/);
    expect(cell.hint).toContain('avg_read_time');
  });

  it('a Bolt holding every other tuple until the next: its ack time is the holding time', async () => {
    const split = timeSplit((await runBolt(HOLDER_BOLT, 5)).windows.all)!;
    // Process latency 55 ms (held: 100 + 5, others 5), execute 5: acked 50 ms after process returned.
    expect(split.processMs).toBeCloseTo(5, 6);
    expect(split.ackMs).toBeCloseTo(50, 0);
    expect(split.readMs).toBeCloseTo(95, 0);
  });

  it('a Bolt that never acks: read and process, ack unknown', async () => {
    const b = await runBolt('export default class B extends Bolt { process() {} }', 10, false);
    const split = timeSplit(b.windows.all)!;
    expect(split.ackMs).toBeNull();
    expect(split.readMs).toBeCloseTo(90, 0);
    expect(split.processPct).toBeCloseTo(10, 0);
  });
});
