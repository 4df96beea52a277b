import { describe, expect, it } from 'vitest';
import { bolt, groupingsTourExample, rollingTopWordsExample, spout, stream, subscribe, topology, wordCountExample, type TopologyDocument } from '../model';
import { HOLDER_BOLT, logMessages, logRecords, startEngine, withSimulation } from './test-kit';

const TIMED_SPOUT = (sleep: number) => `export default class S extends Spout {
  initialize() { this.n = 0; }
  nextTuple() { storm.sleep(${sleep}); this.n++; storm.emit([this.n], { id: this.n }); }
}`;

describe('execution', () => {
  it('tick tuples reach every task at the component’s period, from __system task -1', async () => {
    const ticker = `export default class T extends BasicBolt {
      initialize(conf, ctx) { this.task = ctx.taskid; this.start = Date.now(); }
      process(tup) {
        if (tup.isTickTuple()) console.log('tick task=' + this.task + ' at=' + (Date.now() - this.start) + ' src=' + tup.task + ' freq=' + tup.values[0] + ' sys=' + (tup.component === '__system' && tup.stream === '__tick' ? 1 : 0));
      }
    }`;
    const doc = topology(
      't',
      [spout('s', { javascript: TIMED_SPOUT(1), fields: ['n'] }), bolt('b', { javascript: ticker, fields: [], parallelism: 2, config: { 'topology.tick.tuple.freq.secs': 2 } })],
      [subscribe('s', 'b')],
    );
    const engine = await startEngine(doc);
    engine.runUntil(10_500);
    const ticks = logRecords(engine, 'b', 'tick');
    for (const task of engine.plan.tasks.b!) {
      expect(ticks.filter((t) => t.task === task).map((t) => t.at)).toEqual([2000, 4000, 6000, 8000, 10000]);
    }
    expect(ticks.every((t) => t.src === -1 && t.freq === 2 && t.sys === 1)).toBe(true);
    const snap = engine.snapshot();
    expect(snap.components.b!.windows.all.ticks).toBe(10);
    // Ticks are system tuples: not counted as executed (Storm UI hides system streams). The spout's
    // last emit is counted when its call runs (at 10 s) and delivered when the call ends (at 11 s).
    expect(snap.components.b!.windows.all.executed).toBe(10);
    expect(snap.components.s!.windows.all.emitted).toBe(11);
  });

  it('capacity on a cost model: 10 tuples/s × 50 ms = 0.5', async () => {
    const doc = topology('c', [spout('s', { javascript: TIMED_SPOUT(0.1), fields: ['n'], costMs: 0 }), bolt('b', { javascript: 'export default class B extends BasicBolt {}', fields: [], costMs: 50 })], [
      subscribe('s', 'b'),
    ]);
    const engine = await startEngine(doc);
    engine.runUntil(60_000);
    const b = engine.snapshot().components.b!;
    expect(b.windows['600'].capacity).toBeCloseTo(0.5, 2);
    expect(b.windows['600'].executeLatencyMs).toBeCloseTo(50, 6);
    expect(b.windows['600'].processLatencyMs).toBeCloseTo(50, 6);
    expect(b.latency.all.execute.p50Ms).toBeCloseTo(50, 6);
    expect(b.latency.all.execute.p99Ms).toBeCloseTo(50, 6);
    // Read time (Petrel's avg_read_time): a tuple every 100 ms, 50 ms in process, so 50 ms waiting
    // for the next (the first waits 100 ms from the worker's start).
    const executed = b.windows.all.executed;
    expect(b.windows.all.readLatencyMs! * executed).toBeCloseTo(50 * executed + 50, 6);
    // Over 20 minutes the 10-minute window covers 10 to 10.5 minutes, as Storm's buckets do.
    engine.runUntil(20 * 60_000);
    const later = engine.snapshot().components.b!.windows;
    expect(later['600'].spanMs).toBeGreaterThanOrEqual(600_000);
    expect(later['600'].spanMs).toBeLessThan(630_000);
    expect(later['600'].executed / (later['600'].spanMs / 1000)).toBeCloseTo(10, 1);
    expect(later.all.executed).toBeGreaterThan(later['600'].executed * 1.9);
    expect(later['600'].capacity).toBeCloseTo(0.5, 2);
  });

  it('process latency: from the start of process to the end of the call that acks, in the same call or a later one', async () => {
    // Holds every odd tuple and acks it with the next one: held tuples wait one spout period (100 ms).
    const doc = topology('p', [spout('s', { javascript: TIMED_SPOUT(0.1), fields: ['n'], costMs: 0 }), bolt('b', { javascript: HOLDER_BOLT, fields: [], costMs: 5 })], [subscribe('s', 'b')]);
    const engine = await startEngine(doc);
    engine.runUntil(10_050);
    const w = engine.snapshot().components.b!.windows.all;
    // Held tuples: 100 ms to the next tuple's process + its 5 ms; the others: 5 ms. Mean 55 ms.
    expect(w.acked).toBe(100);
    expect(w.processLatencyMs).toBeCloseTo(55, 6);
    // Read: 100 ms between tuples, 5 of them in process (the first waits 100 ms from the start).
    expect(w.readLatencyMs! * w.executed).toBeCloseTo(95 * w.executed + 5, 6);
    expect(w.executeLatencyMs).toBeCloseTo(5, 6);
  });

  it('read time counts from the end of the task’s last call, tick tuples included', async () => {
    // A tick every second costs 20 ms like any call: a tuple after a tick waits less for it.
    const run = async (tickSecs: number | null) => {
      const config: Record<string, number> = tickSecs === null ? {} : { 'topology.tick.tuple.freq.secs': tickSecs };
      const doc = topology(
        'r',
        [spout('s', { javascript: TIMED_SPOUT(0.1), fields: ['n'], costMs: 0 }), bolt('b', { javascript: 'export default class B extends BasicBolt {}', fields: [], costMs: 20, config })],
        [subscribe('s', 'b')],
      );
      const engine = await startEngine(doc);
      engine.runUntil(10_050);
      return engine.snapshot().components.b!.windows.all;
    };
    const plain = await run(null);
    const ticked = await run(1);
    expect(ticked.ticks).toBe(10);
    expect(ticked.executed).toBe(plain.executed);
    // Without ticks: 100 − 20 ms per tuple (the first waits 100 ms from the start).
    expect(plain.readLatencyMs! * plain.executed).toBeCloseTo(80 * plain.executed + 20, 6);
    // The task's time until its last call ended is read time, tuples' calls and ticks' calls, at most.
    const readTicked = ticked.readLatencyMs! * ticked.executed;
    expect(readTicked).toBeLessThan(plain.readLatencyMs! * plain.executed);
    expect(readTicked + (ticked.executed + ticked.ticks) * 20).toBeLessThanOrEqual(10_050);
  });

  it('measureCost charges the measured time of each call instead of the cost model', async () => {
    const busy = 'export default class B extends BasicBolt { process(tup) { let x = 0; for (let i = 0; i < 20000; i++) x += i; this.x = x; } }';
    let doc: TopologyDocument = topology('m', [spout('s', { javascript: TIMED_SPOUT(0.1), fields: ['n'] }), bolt('b', { javascript: busy, fields: [], costMs: null })], [subscribe('s', 'b')]);
    doc = withSimulation(doc, { measureCost: true, defaultCostMs: 123 });
    const engine = await startEngine(doc, { wallClock: () => performance.timeOrigin + performance.now() });
    engine.runUntil(2_000);
    const b = engine.snapshot().components.b!.windows.all;
    expect(b.executed).toBeGreaterThan(15);
    // Measured, not the 123 ms default: positive and far below it on any machine.
    expect(b.executeLatencyMs).toBeGreaterThan(0);
    expect(b.executeLatencyMs).toBeLessThan(100);
  });

  it('runVirtualFor runs virtual time in real-time slices', async () => {
    const doc = topology('v', [spout('s', { javascript: TIMED_SPOUT(0.01), fields: ['n'] }), bolt('b', { javascript: 'export default class B extends BasicBolt {}', fields: [] })], [subscribe('s', 'b')]);
    const engine = await startEngine(doc, { wallClock: () => performance.timeOrigin + performance.now() });
    expect(engine.runVirtualFor(10_000, 5_000)).toBeGreaterThan(0);
    expect(engine.time).toBe(5_000);
    expect(engine.runVirtualFor(10_000, 5_000)).toBe(0);
  });

  it('wall time follows the injected clock, and setWallSpeed slows it down', async () => {
    let real = 1_000_000;
    const doc = topology('w', [spout('s', { javascript: TIMED_SPOUT(0.1), fields: ['n'] }), bolt('b', { javascript: 'export default class B extends BasicBolt {}', fields: [] })], [subscribe('s', 'b')]);
    const engine = await startEngine(doc, { clock: 'wall', wallClock: () => real });
    const runFor = (ms: number) => {
      for (let i = 0; i < ms; i += 10) {
        engine.runSlice(10);
        real += 10;
      }
      engine.runSlice(10);
    };
    runFor(1000);
    // A spout sleeping 100 ms per call (calls take no time on this clock): calls at 0, 100, …, 1000 ms.
    expect(engine.snapshot().components.s!.windows.all.nextTupleCalls).toBe(11);
    engine.setWallSpeed(0.5);
    runFor(1000); // half a second of engine time: calls at 1100 … 1500
    expect(engine.snapshot().components.s!.windows.all.nextTupleCalls).toBe(16);
    expect(engine.time).toBeCloseTo(1500, 6);
    // Paused for 5 real seconds: nothing happens, and nothing piles up for the resume.
    engine.pauseClock();
    runFor(5000);
    expect(engine.snapshot().components.s!.windows.all.nextTupleCalls).toBe(16);
    engine.resumeClock();
    runFor(1000);
    expect(engine.snapshot().components.s!.windows.all.nextTupleCalls).toBe(21);
    expect(() => engine.setWallSpeed(0)).toThrow(/speed must be a number > 0/);
  });

  it('stepping event by event and runUntil process the same events', async () => {
    const doc = wordCountExample();
    const a = await startEngine(doc, { seed: 5 });
    const b = await startEngine(doc, { seed: 5 });
    a.runUntil(2_000);
    let steps = 0;
    while (b.nextEventTime() <= 2_000) {
      b.step();
      steps++;
    }
    expect(steps).toBe(a.eventCount);
    expect(Array.from(b.snapshot().raw.windows.all.values)).toEqual(Array.from(a.snapshot().raw.windows.all.values));
  });

  it('an event stream may describe only the events it keeps: runUntil(Infinity, n) runs the next n events undescribed', async () => {
    const doc = wordCountExample();
    const all = await startEngine(doc, { seed: 9 });
    const some = await startEngine(doc, { seed: 9 });
    const described: string[] = [];
    for (let i = 0; i < 4000; i++) described.push(JSON.stringify(all.step()));
    // Keep 10 events, skip 90 without describing them, and so on.
    for (let i = 0; i < 4000; i += 100) {
      for (let k = 0; k < 10; k++) expect(JSON.stringify(some.step())).toBe(described[i + k]);
      expect(some.runUntil(Infinity, 90)).toBe(90);
    }
    expect(some.eventCount).toBe(all.eventCount);
    expect(some.time).toBe(all.time);
  });

  it('the same seed replays the run event by event; another seed does not', async () => {
    const doc = rollingTopWordsExample();
    const steps = async (seed: number) => {
      const engine = await startEngine(doc, { seed });
      const out: string[] = [];
      for (let i = 0; i < 3000; i++) out.push(JSON.stringify(engine.step()));
      engine.runUntil(30_000);
      return { out, snap: engine.snapshot({ lineage: false }) };
    };
    const a = await steps(11);
    const b = await steps(11);
    const c = await steps(12);
    expect(b.out).toEqual(a.out);
    expect(Array.from(b.snap.raw.windows.all.values)).toEqual(Array.from(a.snap.raw.windows.all.values));
    expect(b.snap.logs.map((l) => l.message)).toEqual(a.snap.logs.map((l) => l.message));
    expect(c.out).not.toEqual(a.out);
  });

  it('backpressure: a full queue stops the spout; nothing is lost and the time is counted', async () => {
    const doc = topology('bp', [spout('s', { javascript: TIMED_SPOUT(0), fields: ['n'] }), bolt('b', { javascript: 'export default class B extends BasicBolt {}', fields: [], costMs: 10 })], [
      subscribe('s', 'b'),
    ]);
    const engine = await startEngine(doc, { queueCapacity: 4 });
    let maxQueue = 0;
    for (let t = 100; t <= 5_000; t += 100) {
      engine.runUntil(t);
      const ex = engine.snapshot({ lineage: false }).executors.find((e) => e.component === 'b')!;
      maxQueue = Math.max(maxQueue, ex.queue);
      expect(ex.queueCapacity).toBe(4);
    }
    const snap = engine.snapshot();
    expect(maxQueue).toBe(4);
    const s = snap.components.s!.windows.all;
    const b = snap.components.b!.windows.all;
    expect(s.throttledMs).toBeGreaterThan(4_000);
    expect(b.executed).toBeGreaterThanOrEqual(495);
    expect(s.emitted - b.executed).toBeLessThanOrEqual(4 + 1 + 1); // queue + overflow + in progress
    expect(b.lost).toBe(0);
    expect(s.failed).toBe(0);
  });

  it('direct and stream errors are Storm’s (shown with fail-tuple mode)', async () => {
    const emitter = `export default class E extends BasicBolt {
      initialize(conf, ctx) { this.targets = Object.entries(ctx['task->component']).filter(([, c]) => c === 'd').map(([t]) => Number(t)); this.plain = Object.entries(ctx['task->component']).find(([, c]) => c === 'p')[0]; }
      process(tup) {
        const n = tup.values[0];
        if (n === 1) storm.emit([n], { stream: 'direct' });
        else if (n === 2) storm.emitDirect(Number(this.plain), [n], { stream: 'plain' });
        else if (n === 3) storm.emit([n, 'extra'], { stream: 'plain' });
        else if (n === 4) storm.emit([n], { stream: 'nope' });
        else if (n === 5) storm.emitDirect(this.targets[1], [n], { stream: 'direct' });
        else if (n === 6) storm.emitDirect(999, [n], { stream: 'direct' });
      }
    }`;
    const recv = `export default class R extends BasicBolt { initialize(c, ctx) { this.task = ctx.taskid; } process(tup) { console.log('got n=' + tup.values[0] + ' task=' + this.task); } }`;
    let doc: TopologyDocument = topology(
      'd',
      [
        spout('s', { javascript: TIMED_SPOUT(0.01), fields: ['n'] }),
        bolt('e', { javascript: emitter, streams: [stream('direct', ['n'], true), stream('plain', ['n'])] }),
        bolt('d', { javascript: recv, fields: [], parallelism: 3 }),
        bolt('p', { javascript: recv, fields: [] }),
      ],
      [subscribe('s', 'e'), subscribe('e', 'd', { kind: 'direct' }, 'direct'), subscribe('e', 'p', { kind: 'shuffle' }, 'plain')],
    );
    doc = withSimulation(doc, { onError: 'fail-tuple' });
    const engine = await startEngine(doc);
    engine.runUntil(100);
    const errors = logMessages(engine, 'e', 'ERROR').join('\n');
    expect(errors).toContain('Cannot do regular emit to direct stream');
    expect(errors).toContain('Cannot emitDirect to a task expecting a regular grouping');
    expect(errors).toContain('Tuple created with wrong number of fields. Expected 1 fields but got 2 fields');
    expect(errors).toContain('Unknown stream ID: nope');
    expect(logMessages(engine, 'e', 'WARNING').join('\n')).toMatch(/emitDirect to task 999, which does not exist: Storm drops such tuples/);
    const d = engine.plan.tasks.d!;
    expect(logRecords(engine, 'd', 'got')).toEqual([{ n: 5, task: d[1] }]);
    const snap = engine.snapshot();
    expect(snap.components.e!.windows.all.failed).toBe(4);
    expect(engine.isWorkerAlive(0)).toBe(true);
  });
});

describe('bad input', () => {
  it('an invalid topology is rejected with its validation errors', async () => {
    const doc = topology('bad', [spout('s', { javascript: TIMED_SPOUT(1), fields: ['n'] })], [subscribe('s', 'ghost')]);
    await expect(startEngine(doc)).rejects.toThrow(/The topology cannot run \(1 error\):\nE_UNKNOWN_TARGET: Subscription s → ghost/);
  });

  it('a syntax error rejects with the component and line', async () => {
    const doc = topology('bad', [spout('s', { javascript: 'export default class S extends Spout {\n  nextTuple() { storm.emit([1) }\n}', fields: ['n'] })], []);
    await expect(startEngine(doc)).rejects.toThrow(/SyntaxError: .*\(component "s", line 2\)/);
  });

  it('fields declared by the code but not by the document are reported', async () => {
    const code = 'export default class B extends BasicBolt { static declareOutputFields() { return ["a", "b"]; } }';
    const doc = topology('f', [spout('s', { javascript: TIMED_SPOUT(1), fields: ['n'] }), bolt('b', { javascript: code, fields: ['a'], parallelism: 2 })], [subscribe('s', 'b')]);
    const engine = await startEngine(doc);
    expect(logMessages(engine, 'b', 'WARNING')).toEqual(["The code declares fields [a, b] but the topology's default stream has [a]: the topology's fields are used (emits must have 1 value)."]);
  });
});

describe('the examples (JavaScript twins)', () => {
  it('word count: each word is counted by exactly one count task', async () => {
    const base = wordCountExample();
    const check = `export default class C extends BasicBolt {
      initialize() { this.owner = new Map(); }
      process(tup) {
        const [word] = tup.values;
        const owner = this.owner.get(word);
        if (owner !== undefined && owner !== tup.task) console.error(word + ' counted by tasks ' + owner + ' and ' + tup.task);
        this.owner.set(word, tup.task);
      }
    }`;
    const doc = { ...base, components: [...base.components, bolt('check', { javascript: check, fields: [] })], subscriptions: [...base.subscriptions, subscribe('count', 'check', { kind: 'global' })] };
    const engine = await startEngine(doc);
    engine.runUntil(30_000);
    const snap = engine.snapshot();
    expect(logMessages(engine, undefined, 'ERROR')).toEqual([]);
    const sentences = snap.components.sentences!.windows.all;
    expect(sentences.emitted).toBeGreaterThan(2_500); // one per ~10 ms
    expect(sentences.acked).toBeGreaterThanOrEqual(sentences.emitted - 3);
    expect(snap.components.check!.windows.all.executed).toBe(snap.components.count!.windows.all.emitted);
    expect(snap.components.count!.windows.all.executed).toBe(snap.components.split!.windows.all.emitted);
    const perTask = snap.executors.filter((e) => e.component === 'count').map((e) => e.taskStats[0]!.windows.all.executed);
    expect(perTask.every((n) => n > 0)).toBe(true);
    expect(logMessages(engine, 'count').some((m) => / seen 100 times$/.test(m))).toBe(true);
  });

  it('rolling top words: ticks drive windows and rankings', async () => {
    const engine = await startEngine(rollingTopWordsExample());
    engine.runUntil(20_000);
    const tops = logMessages(engine, 'total-rankings').filter((m) => m.startsWith('top words: '));
    expect(tops.length).toBeGreaterThanOrEqual(8);
    expect(tops.at(-1)).toMatch(/^top words: storm=\d+/);
    const snap = engine.snapshot();
    expect(snap.components['rolling-count']!.windows.all.ticks).toBe(4 * 6);
    expect(logMessages(engine, undefined, 'ERROR')).toEqual([]);
  });

  it('groupings tour: all, global, shuffle, direct and a second stream', async () => {
    const engine = await startEngine(groupingsTourExample());
    engine.runUntil(20_000);
    const snap = engine.snapshot();
    // Emits are counted when the spout's call runs, delivered when it ends: allow one in flight.
    const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1);
    const clicksDefault = snap.edges['clicks->totals']!.transferred.all;
    expect(snap.edges['clicks->audit']!.transferred.all).toBe(2 * clicksDefault);
    const audit = snap.executors.filter((e) => e.component === 'audit').map((e) => e.windows.all.executed);
    for (const n of audit) near(n, clicksDefault);
    const totals = snap.executors.filter((e) => e.component === 'totals').map((e) => e.windows.all.executed);
    near(totals[0]!, clicksDefault);
    expect(totals[1]).toBe(0);
    near(snap.components.sessions!.windows.all.executed, snap.components.router!.windows.all.executed);
    near(snap.components.alerts!.windows.all.executed, snap.edges['clicks:errors->alerts']!.transferred.all);
    expect(snap.components.alerts!.windows.all.executed).toBeGreaterThan(0);
    expect(logMessages(engine, undefined, 'ERROR')).toEqual([]);
  });
});
