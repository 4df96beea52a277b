/**
 * Hostile-input suite (issue 12, item 4): every spout tree is accounted for — acked, failed,
 * pending, or lost with the spout's worker — so the totals add up after crashes and kills.
 * (The quarantine of runaway components and out-of-memory failures naming the component run in
 * worker threads: scripts/simulate.test.ts and scripts/sandbox.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { spoutTrees } from '../../scripts/lib/report';
import type { ComponentStats } from '../engine';
import { startEngine } from '../engine/test-kit';
import { bolt, spout, subscribe, topology } from '../model';

const SPOUT = `export default class S extends Spout {
  initialize() { this.n = 0; }
  nextTuple() { storm.sleep(0.05); this.n++; storm.emit([this.n], { id: this.n }); }
}`;
const SOMETIMES = 'export default class B extends BasicBolt { process(t) { if (t.values[0] % 7 === 0) throw new FailedException("seven"); if (t.values[0] % 97 === 0) throw new Error("crash"); } }';

const addsUp = (c: ComponentStats) => {
  const t = spoutTrees(c);
  expect(t.started).toBeGreaterThan(0);
  expect(t.acked + t.failed + t.pending + t.lostWithWorker).toBe(t.started);
  return t;
};

describe('every spout tree is accounted for', () => {
  it('after failures, crashes (the spout worker restarts) and a killed worker, started = acked + failed + pending + lost', async () => {
    const doc = topology('trees', [spout('s', { javascript: SPOUT, fields: ['n'], parallelism: 2 }), bolt('b', { javascript: SOMETIMES, fields: [], costMs: 20, parallelism: 2 })], [subscribe('s', 'b')], { workers: 2, messageTimeoutSecs: 2 });
    const engine = await startEngine(doc);
    engine.runUntil(3_000);
    engine.killWorker(0);
    engine.runUntil(5_000);
    engine.killWorker(1);
    engine.runUntil(20_000);
    const t = addsUp(engine.snapshot().components.s!);
    expect(t.lostWithWorker).toBeGreaterThan(0);
    expect(t.failed).toBeGreaterThan(0);
    expect(t.acked).toBeGreaterThan(0);
    engine.dispose();
  });

  it('a run cut at any time adds up too (trees still pending)', async () => {
    const doc = topology('cut', [spout('s', { javascript: SPOUT, fields: ['n'] }), bolt('b', { javascript: SOMETIMES, fields: [], costMs: 80 })], [subscribe('s', 'b')]);
    const engine = await startEngine(doc);
    for (const until of [777, 2_345, 6_001]) {
      engine.runUntil(until);
      expect(addsUp(engine.snapshot().components.s!).pending).toBeGreaterThan(0);
    }
    engine.dispose();
  });
});
