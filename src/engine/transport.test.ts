import { describe, expect, it } from 'vitest';
import { bolt, spout, subscribe, topology, wordCountExample, type TopologyDocument } from '../model';
import type { Engine } from './engine';
import { mergeSnapshots } from './snapshot';
import { logMessages, startEngine } from './test-kit';
import type { Transport, TransportBatch } from './transport';

/** Two hosts (one per Storm worker) joined by an in-memory transport, run in lockstep. */
async function twoHosts(doc: TopologyDocument, queueCapacity?: number) {
  const inbox: TransportBatch[][] = [[], []];
  let sent = 0;
  const transport = (from: number): Transport => ({
    send(to, batch) {
      expect(to).toBe(1 - from);
      expect(batch.from).toBe(from);
      // Structured-clone friendly: survives a deep copy.
      inbox[to]!.push(structuredClone(batch));
      sent++;
    },
  });
  const hosts: Engine[] = [];
  for (const w of [0, 1]) hosts.push(await startEngine(doc, { workers: [w], hostOfWorker: [0, 1], transport: transport(w), queueCapacity }));
  const run = (until: number, step = 1) => {
    for (let t = hosts[0]!.time; t < until; t += step) {
      for (const [h, engine] of hosts.entries()) {
        for (const b of inbox[h]!.splice(0)) engine.receive(b);
        engine.runUntil(t + step);
      }
    }
  };
  return { hosts, run, sent: () => sent };
}

describe('hosts and transport', () => {
  it('word count over two hosts: tuples, acker messages and acks cross hosts; snapshots merge', async () => {
    const doc = { ...wordCountExample(), config: { ...wordCountExample().config, workers: 2 } };
    const { hosts, run, sent } = await twoHosts(doc);
    run(5_000);
    expect(sent()).toBeGreaterThan(100);
    const merged = mergeSnapshots(hosts.map((h) => h.snapshot()));
    expect(merged.hosts).toEqual([0, 1]);
    const s = merged.components.sentences!.windows.all;
    const split = merged.components.split!.windows.all;
    const count = merged.components.count!.windows.all;
    expect(s.emitted).toBeGreaterThan(400);
    expect(s.acked).toBeGreaterThanOrEqual(s.emitted - 5);
    expect(s.failed).toBe(0);
    expect(Math.abs(split.executed - s.emitted)).toBeLessThanOrEqual(3);
    expect(Math.abs(count.executed - split.emitted)).toBeLessThanOrEqual(20);
    expect(merged.executors.filter((e) => e.state === 'remote').map((e) => e.id)).toEqual([]);
    expect(merged.workers).toEqual([
      { index: 0, alive: true },
      { index: 1, alive: true },
    ]);
    // Each host only counts its own executors.
    const host0 = hosts[0]!.snapshot();
    expect(host0.components.count!.windows.all.executed).toBeLessThan(count.executed);
    expect(merged.logs.length).toBeGreaterThan(0);
    expect(logMessages(hosts[0]!, undefined, 'ERROR')).toEqual([]);
    expect(logMessages(hosts[1]!, undefined, 'ERROR')).toEqual([]);
    // Lineage trees started on the spout's host get nodes and XOR points from the other host.
    const trees = merged.lineage.filter((t) => t.status === 'acked');
    expect(trees.length).toBeGreaterThan(0);
    expect(trees.some((t) => t.nodes.some((n) => n.component === 'split') && t.xor.length > 1)).toBe(true);
  });

  it('backpressure crosses hosts: a congested remote task stops its producer', async () => {
    const spoutJs = 'export default class S extends Spout { initialize() { this.n = 0; } nextTuple() { this.n++; storm.emit([this.n], { id: this.n }); } }';
    // Task ids: __acker 1-2, b 3, s 4 → b on worker 0, s on worker 1.
    const doc = topology('bp', [spout('s', { javascript: spoutJs, fields: ['n'] }), bolt('b', { javascript: 'export default class B extends BasicBolt {}', fields: [], costMs: 10 })], [subscribe('s', 'b')], {
      workers: 2,
    });
    const { hosts, run } = await twoHosts(doc, 8);
    run(2_000);
    const merged = mergeSnapshots(hosts.map((h) => h.snapshot()));
    const s = merged.components.s!.windows.all;
    const b = merged.executors.find((e) => e.component === 'b')!;
    expect(s.throttledMs).toBeGreaterThan(1_000);
    // Remote arrivals may overshoot the bound by what was in flight, never without limit.
    expect(b.queue).toBeLessThan(8 + 600);
    expect(s.emitted - merged.components.b!.windows.all.executed).toBeLessThan(700);
    expect(merged.components.b!.windows.all.lost).toBe(0);
  });
});

describe('batch value codec', () => {
  it('round-trips every kind of value', async () => {
    const { encodeValue, ValueReader } = await import('./transport');
    const tuples: unknown[][] = [
      ['the', 1, -0, 1.5, NaN, Infinity, -3e300, true, false, null, undefined],
      ['with: colons; and s12:fake', 'ünïcödé 😀', '', 'x'.repeat(5000)],
      [{ a: [1, 2] }, [3, 'four'], 12345678901234567890n, new Date(0)],
      [],
    ];
    const extras: unknown[] = [];
    let text = '';
    for (const t of tuples) text += String.fromCharCode(t.length) + t.map((v) => encodeValue(v, extras)).join('');
    const reader = new ValueReader(structuredClone(text), structuredClone(extras));
    for (const t of tuples) {
      const back = reader.tuple();
      expect(back).toHaveLength(t.length);
      t.forEach((v, i) => expect(Object.is(back[i], v) || JSON.stringify(back[i], (_k, x) => (typeof x === 'bigint' ? String(x) : x)) === JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x))).toBe(true));
    }
  });
});
