import { describe, expect, it } from 'vitest';
import { bolt, spout, subscribe, topology, type TopologyDocument } from '../model';
import { Engine } from './engine';
import { JavaScriptRuntime } from './runtime/javascript';
import { ComponentError, type ComponentRuntime } from './runtime-api';
import { logMessages, logRecords, startEngine, withSimulation } from './test-kit';
import { createWatchArray, stuckMessage, Watchdog, WATCH_SEQ, WATCH_TASK } from './watch';

/** Emits ids 1..10 every 100 ms and replays failed ones with the same message id. */
const REPLAYING_SPOUT = `export default class S extends Spout {
  initialize() { this.n = 0; this.pending = new Map(); this.next = 0; }
  nextTuple() {
    if (this.replay?.length) { const id = this.replay.shift(); storm.emit([this.pending.get(id)], { id }); return; }
    if (this.n >= 10 || Date.now() < this.next) return;
    this.n++;
    this.next = Date.now() + 100;
    this.pending.set(this.n, this.n);
    storm.emit([this.n], { id: this.n });
  }
  ack(id) { this.pending.delete(id); console.log('acked id=' + id); }
  fail(id) { console.log('failed id=' + id); (this.replay ??= []).push(id); }
}`;

const EPOCH = Date.UTC(2026, 0, 1);

/** Crashes on the value 3 during the first 5 seconds. */
const CRASHING_BOLT = `export default class B extends BasicBolt {
  process(tup) {
    const n = tup.values[0];
    if (n === 3 && Date.now() < ${EPOCH} + 5000) {
      const missing = null;
      return missing.length;
    }
  }
}`;

function crashDoc(): TopologyDocument {
  // Task ids: __acker 1-2, b 3, s 4; executors [1]→w0, [2]→w1, [3]→w0, [4]→w1: the bolt's worker 0 dies, the spout survives.
  return topology('crash', [spout('s', { javascript: REPLAYING_SPOUT, fields: ['n'] }), bolt('b', { javascript: CRASHING_BOLT, fields: [] })], [subscribe('s', 'b')], {
    workers: 2,
    messageTimeoutSecs: 3,
  });
}

describe('faults', () => {
  it('a Python component’s crash: Last error is the exception, the tuple is printed as Python’s repr', async () => {
    const traceback = 'Traceback (most recent call last):\n  File "/topology/b.py", line 7, in process\n    raise ValueError(\'abc\')\nValueError: abc';
    // A stand-in for the Python runtime: its components raise as Pyodide's do.
    const python: ComponentRuntime = {
      language: 'python',
      load: async (spec) => ({
        create: (task) => ({
          kind: 'basicBolt',
          declaredFields: null,
          componentConfig: null,
          initialize() {},
          nextTuple() {},
          ack() {},
          fail() {},
          process() {
            throw new ComponentError(spec.id, task, traceback, 'ValueError: abc');
          },
        }),
      }),
    };
    const spoutJs = "export default class S extends Spout { nextTuple() { storm.emit(['moon', 1, null, true, { a: 1.5 }], { id: 1 }); } }";
    const doc = topology('py', [spout('s', { javascript: spoutJs, fields: ['w', 'n', 'x', 'y', 'z'] }), bolt('b', { python: 'raise', fields: [] })], [subscribe('s', 'b')]);
    const engine = await Engine.create({ document: doc, seed: 1, runtimes: (language) => (language === 'python' ? python : new JavaScriptRuntime()) });
    engine.runUntil(100);
    const errors = logMessages(engine, 'b', 'ERROR');
    expect(errors[0]).toMatch(/__taskindex__0__ValueError$/);
    expect(errors[1]).toBe(`Caught exception in BasicBolt.run\n${traceback}`);
    expect(errors[2]).toBe("The error occurred while processing this tuple: ['moon', 1, None, True, {'a': 1.5}]");
    expect(engine.snapshot().components.b!.lastError?.message).toBe('ValueError: abc');
  });

  it('an exception crashes the worker as in Petrel; it restarts and the lost trees time out and replay', async () => {
    const engine = await startEngine(crashDoc());
    expect(engine.plan.executors.find((e) => e.component === 'b')!.worker).toBe(0);
    engine.runUntil(300);
    expect(engine.isWorkerAlive(0)).toBe(false);
    const errors = logMessages(engine, 'b', 'ERROR');
    expect(errors[0]).toMatch(/^E_BOLTFAILED__b__storm-studio__pid__1000__port__6700__taskindex__0__TypeError$/);
    expect(errors[1]).toMatch(/^Caught exception in BasicBolt\.run\nTypeError: Cannot read properties of null \(reading 'length'\)\n {4}at B\.process \(storm-studio\/b\.js:6:\d+\)/);
    expect(errors[2]).toBe('The error occurred while processing this tuple: [3]');
    expect(logMessages(engine, '__system', 'ERROR')[0]).toMatch(/^Worker 0 \(port 6700\) died: component "b" \(task 3\) raised an exception in process\. The supervisor restarts it in 2 s/);

    engine.runUntil(2_400);
    expect(engine.isWorkerAlive(0)).toBe(true);
    expect(logMessages(engine, '__system', 'INFO')).toContain('Worker 0 (port 6700) restarted by the supervisor.');

    engine.runUntil(30_000);
    const acked = logRecords(engine, 's', 'acked').map((r) => r.id);
    expect([...acked].sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(acked).size).toBe(10); // none acked twice
    const failed = logRecords(engine, 's', 'failed').map((r) => r.id);
    expect(failed).toContain(3);
    const snap = engine.snapshot();
    expect(snap.components.s!.windows.all.timeouts).toBeGreaterThan(0);
    expect(snap.components.b!.windows.all.lost).toBeGreaterThan(0); // tuples sent to the dead worker
    expect(snap.restarts).toBeGreaterThanOrEqual(1);
    expect(snap.components.b!.lastError?.message).toMatch(/TypeError/);
  });

  it('with onError = fail-tuple the tuple fails instead, and no worker dies', async () => {
    const engine = await startEngine(withSimulation(crashDoc(), { onError: 'fail-tuple' }));
    engine.runUntil(30_000);
    expect(engine.snapshot().restarts).toBe(0);
    expect(logMessages(engine, '__system')).toEqual([]);
    expect(logMessages(engine, 'b', 'ERROR')[0]).toMatch(/^Exception in process \(fail-tuple mode: the tuple is failed\):\nTypeError/);
    const failed = logRecords(engine, 's', 'failed').map((r) => r.id);
    expect(failed.length).toBeGreaterThan(0);
    expect(new Set(failed)).toEqual(new Set([3]));
    const acked = logRecords(engine, 's', 'acked').map((r) => r.id);
    expect([...acked].sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(engine.snapshot().components.s!.windows.all.timeouts).toBe(0);
  });

  it('FailedException in a BasicBolt fails the tuple without a crash', async () => {
    const b = `export default class B extends BasicBolt { process(tup) { if (tup.values[0] === 3 && Date.now() < ${EPOCH} + 5000) throw new FailedException('not yet'); } }`;
    const doc = topology('f', [spout('s', { javascript: REPLAYING_SPOUT, fields: ['n'] }), bolt('b', { javascript: b, fields: [] })], [subscribe('s', 'b')]);
    const engine = await startEngine(doc);
    engine.runUntil(10_000);
    expect(engine.snapshot().restarts).toBe(0);
    expect(logMessages(engine, undefined, 'ERROR')).toEqual([]);
    expect(new Set(logRecords(engine, 's', 'failed').map((r) => r.id))).toEqual(new Set([3]));
    expect(logRecords(engine, 's', 'acked')).toHaveLength(10);
  });

  it('killWorker: in-flight tuples are lost and replayed after the timeout', async () => {
    const sink = 'export default class B extends BasicBolt {}';
    const doc = topology('k', [spout('s', { javascript: REPLAYING_SPOUT, fields: ['n'] }), bolt('b', { javascript: sink, fields: [], costMs: 300 })], [subscribe('s', 'b')], {
      workers: 2,
      messageTimeoutSecs: 3,
    });
    const engine = await startEngine(doc);
    engine.runUntil(1_000);
    engine.killWorker(0);
    expect(engine.isWorkerAlive(0)).toBe(false);
    expect(() => engine.killWorker(5)).toThrow(/not run by this host/);
    engine.runUntil(40_000);
    const acked = logRecords(engine, 's', 'acked').map((r) => r.id);
    expect([...acked].sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(logRecords(engine, 's', 'failed').length).toBeGreaterThan(0);
    expect(logMessages(engine, '__system', 'ERROR')[0]).toMatch(/^Worker 0 \(port 6700\) died: killed\./);
  });

  it('a crash in initialize restarts the worker again and again, as Storm does', async () => {
    const b = 'export default class B extends BasicBolt { initialize() { throw new Error("no database"); } }';
    const doc = topology('i', [spout('s', { javascript: REPLAYING_SPOUT, fields: ['n'] }), bolt('b', { javascript: b, fields: [] })], [subscribe('s', 'b')], { workers: 2 });
    const engine = await startEngine(doc);
    engine.runUntil(5_000);
    expect(engine.snapshot().restarts).toBe(2);
    expect(logMessages(engine, 'b', 'ERROR').filter((m) => m.startsWith('Caught exception'))).toHaveLength(3);
    expect(logMessages(engine, 'b', 'ERROR')[1]).toMatch(/Error: no database\n {4}at B\.initialize/);
    // A day of crash loops keeps the engine's tables bounded.
    engine.runUntil(86_400_000);
    expect(engine.snapshot().restarts).toBe(43_200);
    expect((engine as unknown as { state: { timers: unknown[] } }).state.timers.length).toBeLessThan(10);
    // A simulated day: 86 M idle nextTuple rounds, 10–15 s of CPU; 133 s measured with the machine at load 20.
  }, 300_000);
});

describe('watchdog protocol', () => {
  it('names the task stuck in one call for longer than the limit', () => {
    const watch = createWatchArray();
    const dog = new Watchdog(watch, 5000);
    expect(dog.check(0)).toBeNull();
    Atomics.store(watch, WATCH_TASK, 7);
    Atomics.add(watch, WATCH_SEQ, 1);
    expect(dog.check(100)).toBeNull();
    expect(dog.check(3000)).toBeNull();
    Atomics.add(watch, WATCH_SEQ, 1); // another call started: not stuck
    expect(dog.check(4000)).toBeNull();
    expect(dog.check(8999)).toBeNull();
    expect(dog.check(9000)).toEqual({ task: 7, runningMs: 5000 });
    Atomics.store(watch, WATCH_TASK, 0); // the call returned
    expect(dog.check(20000)).toBeNull();
    expect(stuckMessage('split', 7, 5000)).toBe("component 'split' (task 7) was stopped after 5 s without returning");
  });

  it('the engine marks every call into user code', async () => {
    const watch = createWatchArray();
    const doc = topology('w', [spout('s', { javascript: REPLAYING_SPOUT, fields: ['n'] }), bolt('b', { javascript: 'export default class B extends BasicBolt {}', fields: [] })], [subscribe('s', 'b')]);
    const engine = await startEngine(doc, { watch });
    const before = Atomics.load(watch, WATCH_SEQ);
    engine.runUntil(1_000);
    expect(Atomics.load(watch, WATCH_SEQ) - before).toBeGreaterThan(1_000);
    expect(Atomics.load(watch, WATCH_TASK)).toBe(0);
  });
});
