import { describe, expect, it } from 'vitest';
import { bolt, spout, subscribe, topology, type TopologyConfig } from '../model';
import { logRecords, startEngine } from './test-kit';

/** Emits ids 1..`test.count` (one per `test.every` ms), logs acks and fails with their delay. */
const SPOUT = `export default class S extends Spout {
  initialize(conf) { this.n = 0; this.max = conf['test.count'] ?? 10; this.every = conf['test.every'] ?? 0; this.next = Date.now(); this.sent = new Map(); }
  nextTuple() {
    if (this.n >= this.max || Date.now() < this.next) return;
    this.n++;
    this.next = Date.now() + this.every;
    this.sent.set(this.n, Date.now());
    storm.emit([this.n], { id: this.n });
  }
  ack(id) { console.log('acked id=' + id + ' d=' + (Date.now() - this.sent.get(id))); }
  fail(id) { console.log('failed id=' + id + ' d=' + (Date.now() - this.sent.get(id))); }
}`;

const FAN_OUT = `export default class F extends BasicBolt {
  process(tup) { for (let i = 0; i < 3; i++) storm.emit([tup.values[0], i]); }
}`;

const SINK = `export default class K extends BasicBolt { process(tup) {} }`;

function doc(components: Parameters<typeof topology>[1], subs: Parameters<typeof topology>[2], config: Partial<TopologyConfig> = {}, custom: Record<string, number> = {}) {
  return topology('t', components, subs, { ...config, custom });
}

describe('acking', () => {
  it('fan-out: a tree completes when every child is acked', async () => {
    const d = doc(
      [spout('s', { javascript: SPOUT, fields: ['n'] }), bolt('fan', { javascript: FAN_OUT, fields: ['n', 'i'] }), bolt('sink', { javascript: SINK, fields: [], costMs: 5 })],
      [subscribe('s', 'fan'), subscribe('fan', 'sink')],
      {},
      { 'test.count': 10, 'test.every': 100 },
    );
    const engine = await startEngine(d);
    engine.runUntil(5_000);
    const acked = logRecords(engine, 's', 'acked');
    expect(acked.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Three children processed one after the other by the 5 ms sink: at least 15 ms.
    for (const r of acked) expect(r.d).toBeGreaterThanOrEqual(15);
    const snap = engine.snapshot();
    expect(snap.components.s!.windows.all).toMatchObject({ emitted: 10, transferred: 10, acked: 10, failed: 0 });
    expect(snap.components.fan!.windows.all).toMatchObject({ executed: 10, emitted: 30, transferred: 30, acked: 10 });
    expect(snap.components.sink!.windows.all).toMatchObject({ executed: 30, acked: 30 });
    expect(snap.components.s!.windows.all.completeLatencyMs).toBeGreaterThanOrEqual(15);
    expect(snap.system.__acker!.pending).toBe(0);
    expect(snap.components.s!.pending).toBe(0);
  });

  it('multiple anchors: a joined tuple holds both trees until it is acked, and failing it fails both', async () => {
    const join = `export default class J extends Bolt {
      initialize() { this.held = []; }
      process(tup) {
        this.held.push(tup);
        if (this.held.length === 2) {
          const [a, b] = this.held;
          storm.emit([a.values[0] + b.values[0]], { anchors: [a, b] });
          storm.ack(a);
          storm.ack(b);
          this.held = [];
        }
      }
    }`;
    const slowSink = `export default class K extends BasicBolt { process(tup) { if (tup.values[0] === 7) throw new FailedException('odd pair'); } }`;
    const d = doc(
      [spout('s', { javascript: SPOUT, fields: ['n'] }), bolt('join', { javascript: join, fields: ['sum'] }), bolt('sink', { javascript: slowSink, fields: [], costMs: 50 })],
      [subscribe('s', 'join'), subscribe('join', 'sink')],
      {},
      { 'test.count': 6, 'test.every': 10 },
    );
    const engine = await startEngine(d);
    engine.runUntil(5_000);
    const acked = logRecords(engine, 's', 'acked');
    const failed = logRecords(engine, 's', 'failed');
    // Pairs (1,2) → 3, (3,4) → 7 fails, (5,6) → 11.
    expect(acked.map((r) => r.id).sort()).toEqual([1, 2, 5, 6]);
    expect(failed.map((r) => r.id).sort()).toEqual([3, 4]);
    // The first of each pair waited for its partner and the 50 ms sink.
    expect(acked.find((r) => r.id === 1)!.d).toBeGreaterThanOrEqual(60);
    expect(engine.snapshot().components.join!.windows.all).toMatchObject({ executed: 6, emitted: 3, acked: 6 });
  });

  it('explicit fail: the spout’s fail is called for the failed trees only', async () => {
    const failOdd = `export default class B extends Bolt { process(tup) { if (tup.values[0] % 2) storm.fail(tup); else storm.ack(tup); } }`;
    const d = doc([spout('s', { javascript: SPOUT, fields: ['n'] }), bolt('b', { javascript: failOdd, fields: [] })], [subscribe('s', 'b')], {}, { 'test.count': 10 });
    const engine = await startEngine(d);
    engine.runUntil(1_000);
    expect(logRecords(engine, 's', 'failed').map((r) => r.id)).toEqual([1, 3, 5, 7, 9]);
    expect(logRecords(engine, 's', 'acked').map((r) => r.id)).toEqual([2, 4, 6, 8, 10]);
    const snap = engine.snapshot();
    expect(snap.components.b!.windows.all).toMatchObject({ executed: 10, acked: 5, failed: 5 });
    expect(snap.components.s!.windows.all).toMatchObject({ acked: 5, failed: 5, timeouts: 0 });
  });

  it('message timeout: a tree never acked fails between T and 2T after its emit (rotating map)', async () => {
    const neverAck = `export default class B extends Bolt { process(tup) {} }`;
    const d = doc(
      [spout('s', { javascript: SPOUT, fields: ['n'] }), bolt('b', { javascript: neverAck, fields: [] })],
      [subscribe('s', 'b')],
      { messageTimeoutSecs: 10 },
      { 'test.count': 30, 'test.every': 700 },
    );
    const engine = await startEngine(d);
    engine.runUntil(60_000);
    const failed = logRecords(engine, 's', 'failed');
    expect(failed.map((r) => r.id)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const delays = failed.map((r) => r.d!);
    for (const d of delays) {
      expect(d).toBeGreaterThan(10_000);
      expect(d).toBeLessThanOrEqual(20_002);
    }
    expect(Math.min(...delays)).toBeLessThan(11_000);
    expect(Math.max(...delays)).toBeGreaterThan(19_000);
    expect(engine.snapshot().components.s!.windows.all).toMatchObject({ failed: 30, timeouts: 30, acked: 0 });
  });

  it('max spout pending set for one spout overrides the topology’s (Storm 2.x: Executor.normalizedComponentConf keeps the key per component)', async () => {
    const neverAck = `export default class B extends Bolt { process(tup) {} }`;
    const base = doc(
      [spout('s', { javascript: SPOUT, fields: ['n'] }), spout('free', { javascript: SPOUT, fields: ['n'] }), bolt('b', { javascript: neverAck, fields: [] })],
      [subscribe('s', 'b'), subscribe('free', 'b')],
      { maxSpoutPending: 5, messageTimeoutSecs: 30 },
      { 'test.count': 100 },
    );
    const d = { ...base, components: base.components.map((c) => (c.id === 's' ? { ...c, config: { 'topology.max.spout.pending': 2 } } : c)) };
    const engine = await startEngine(d);
    engine.runUntil(5_000);
    const snap = engine.snapshot();
    expect(snap.components.s!.windows.all.emitted).toBe(2);
    expect(snap.components.free!.windows.all.emitted).toBe(5);
  });

  it('max spout pending: nextTuple is not called while the spout task has that many trees pending', async () => {
    const neverAck = `export default class B extends Bolt { process(tup) {} }`;
    const d = doc(
      [spout('s', { javascript: SPOUT, fields: ['n'] }), bolt('b', { javascript: neverAck, fields: [] })],
      [subscribe('s', 'b')],
      { maxSpoutPending: 3, messageTimeoutSecs: 30 },
      { 'test.count': 100 },
    );
    const engine = await startEngine(d);
    engine.runUntil(5_000);
    const snap = engine.snapshot();
    expect(snap.components.s!.windows.all).toMatchObject({ emitted: 3, nextTupleCalls: 3 });
    expect(snap.components.s!.pending).toBe(3);
    expect(snap.components.s!.windows.all.maxPendingMs).toBeGreaterThan(4_900);
    // The trees time out (30–60 s), freeing room for three more.
    engine.runUntil(70_000);
    expect(engine.snapshot().components.s!.windows.all.emitted).toBeGreaterThanOrEqual(6);
  });

  it('zero ackers: emits are untracked and the spout’s ack is called at once; Storm counts no acks', async () => {
    const b = `export default class B extends Bolt { process(tup) { storm.ack(tup); } }`;
    const d = doc([spout('s', { javascript: SPOUT, fields: ['n'] }), bolt('b', { javascript: b, fields: [] })], [subscribe('s', 'b')], { ackers: 0 }, { 'test.count': 5 });
    const engine = await startEngine(d);
    engine.runUntil(1_000);
    expect(engine.plan.tasks.__acker).toBeUndefined();
    const acked = logRecords(engine, 's', 'acked');
    expect(acked.map((r) => [r.id, r.d])).toEqual([1, 2, 3, 4, 5].map((id) => [id, 0]));
    const snap = engine.snapshot();
    expect(snap.components.s!.windows.all).toMatchObject({ emitted: 5, acked: 0, failed: 0 });
    expect(snap.components.b!.windows.all).toMatchObject({ executed: 5, acked: 0 });
    expect(snap.lineage).toEqual([]);
  });

  it('records the acker’s XOR ledger in step descriptions and lineage', async () => {
    const d = doc(
      [spout('s', { javascript: SPOUT, fields: ['n'] }), bolt('fan', { javascript: FAN_OUT, fields: ['n', 'i'] }), bolt('sink', { javascript: SINK, fields: [] })],
      [subscribe('s', 'fan'), subscribe('fan', 'sink')],
      {},
      { 'test.count': 1 },
    );
    const engine = await startEngine(d, { lineage: { every: 1 } });
    const steps = [];
    for (let s = engine.step(); s !== null && steps.length < 200; s = engine.step()) steps.push(s);
    const ackerUpdates = steps.flatMap((s) => (s.kind === 'acker' ? s.updates : []));
    expect(ackerUpdates.map((u) => u.op)).toEqual(['init', 'ack', 'ack', 'ack', 'ack']);
    expect(ackerUpdates.at(-1)!.value).toBe('0000000000000000');
    expect(ackerUpdates.at(-1)!.result).toBe('complete');
    // The spout's event that handles the ack also calls nextTuple: one step, both calls.
    const ackStep = steps.find((s) => s.kind === 'spout-ack')!;
    expect(ackStep).toMatchObject({ component: 's', messageId: '1' });
    expect(ackStep.kind === 'spout-ack' && ackStep.also?.map((c) => c.kind)).toEqual(['nextTuple']);
    const emitStep = steps.find((s) => s.kind === 'nextTuple' && s.emitted)!;
    expect(emitStep.kind === 'nextTuple' && emitStep.ackerMessages.map((m) => m.op)).toEqual(['init']);
    expect(emitStep.kind === 'nextTuple' && emitStep.emits[0]!.targets).toEqual(engine.plan.tasks.fan);
    const tree = engine.snapshot().lineage[0]!;
    expect(tree.status).toBe('acked');
    expect(tree.messageId).toBe('1');
    expect(tree.nodes.map((n) => n.component)).toEqual(['s', 'fan', 'fan', 'fan']);
    expect(tree.nodes.slice(1).every((n) => n.anchors[0] === tree.nodes[0]!.id)).toBe(true);
    expect(tree.nodes.every((n) => n.ackedAt !== null)).toBe(true);
    expect(tree.xor.at(-1)!.value).toBe('0000000000000000');
  });
});

describe('lineage of replays', () => {
  it('links a replay emitted inside fail() to the original tree', async () => {
    // Emits message 1 once; fail(id) re-emits it at once, inside the call, as Storm and Petrel allow.
    const replaying = `export default class R extends Spout {
      initialize() { this.sent = false; this.replays = 0; }
      nextTuple() { if (!this.sent) { this.sent = true; storm.emit(['m1'], { id: 1 }); } }
      fail(id) { if (this.replays < 2) { this.replays++; storm.emit(['m' + id], { id }); } }
    }`;
    // Fails the first two attempts, acks the third.
    const failing = `export default class F extends Bolt {
      initialize() { this.seen = 0; }
      process(tup) { this.seen++; if (this.seen <= 2) storm.fail(tup); else storm.ack(tup); }
    }`;
    const d = doc([spout('s', { javascript: replaying, fields: ['m'] }), bolt('f', { javascript: failing, fields: [] })], [subscribe('s', 'f')]);
    const engine = await startEngine(d, { lineage: { every: 1 } });
    engine.runUntil(2_000);
    const trees = engine.snapshot().lineage;
    expect(trees.map((t) => t.status)).toEqual(['failed', 'failed', 'acked']);
    expect(trees.map((t) => t.messageId)).toEqual(['1', '1', '1']);
    expect(trees[0]!.replayOf).toBeNull();
    expect(trees[1]!.replayOf).toBe(trees[0]!.root);
    expect(trees[2]!.replayOf).toBe(trees[1]!.root);
    // The original finished when the spout's fail() started: before its replay was emitted.
    expect(trees[0]!.completedAt).toBeLessThanOrEqual(trees[1]!.emittedAt);
  });

  it('complete latency is the time the acker held the tree (Storm 2.x), not the wait for the spout to take the ack', async () => {
    // storm-client/src/jvm/org/apache/storm/daemon/Acker.java (v2.8.3): the ack to the spout carries
    // getTimeDeltaMillis(curr.startTime), and SpoutExecutor records that as the complete latency.
    // A spout that sleeps 50 ms in nextTuple takes its acks up to 50 ms late: Storm 1.x counted that wait.
    const sleepy = `export default class S extends Spout {
      initialize() { this.n = 0; }
      nextTuple() { storm.sleep(0.05); if (this.n < 20) { this.n++; storm.emit([this.n], { id: this.n }); } }
    }`;
    const d = doc([spout('s', { javascript: sleepy, fields: ['n'] }), bolt('sink', { javascript: SINK, fields: [], costMs: 2 })], [subscribe('s', 'sink')]);
    const engine = await startEngine(d);
    engine.runUntil(3_000);
    const w = engine.snapshot().components.s!.windows.all;
    expect(w.acked).toBe(20);
    // The bolt's 2 ms (and the acker's and queues' instants), not the ~50 ms the ack waits for nextTuple.
    expect(w.completeLatencyMs).toBeGreaterThanOrEqual(2);
    expect(w.completeLatencyMs).toBeLessThan(3);
  });
});
