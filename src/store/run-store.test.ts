/**
 * The run store over real in-process hosts: status transitions, snapshots and logs, step, options,
 * refused starts (validation, imports), load failures, stale runs and the document-changed check.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { wordCountExample, withLanguage, type TopologyDocument } from '../model';
import type { SimulationClient } from '../sim-client/types';
import { inProcessClient } from './test-kit';
import { appendLogs, checkRunOptions, createRunStore, documentChangedSinceRun, LOG_LIMIT, selectComponentStats, selectIsActive, type LogLine } from './run-store';

const client = inProcessClient;

const stores: ReturnType<typeof createRunStore>[] = [];
function newStore() {
  const store = createRunStore({ client: () => client });
  stores.push(store);
  return store;
}

afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.getState().stop()));
});

const wordCountJs = () => withLanguage(wordCountExample(), 'javascript');

function until<T>(store: ReturnType<typeof createRunStore>, pred: (s: ReturnType<typeof store.getState>) => T | false | null | undefined): Promise<T> {
  return new Promise((resolve) => {
    const now = pred(store.getState());
    if (now) return resolve(now);
    const off = store.subscribe((s) => {
      const v = pred(s);
      if (v) {
        off();
        resolve(v);
      }
    });
  });
}

describe('run store', () => {
  it('kills a worker: records which and when, the snapshot shows it dead, it comes back; a new run forgets the kill', async () => {
    const store = newStore();
    const doc = wordCountJs();
    await store.getState().start({ ...doc, simulation: { ...doc.simulation, workerRestartSecs: 1 } }, { speed: 1 });
    await until(store, (s) => (s.snapshot?.time ?? 0) > 0);
    await store.getState().killWorker(0);
    const { kills, snapshot } = store.getState();
    expect(kills).toEqual([{ worker: 0, time: snapshot!.time }]);
    expect(snapshot!.workers).toEqual([{ index: 0, alive: false }]);
    expect(store.getState().logs.some((l) => l.component === '__system' && /^Worker 0 \(port 6700\) died: killed\. The supervisor restarts it in 1 s/.test(l.message))).toBe(true);
    await until(store, (s) => s.snapshot?.workers[0]?.alive === true && s.snapshot.restarts >= 1);
    await expect(store.getState().killWorker(3)).rejects.toThrow('There is no worker 3');
    expect(store.getState().kills).toHaveLength(1);
    await store.getState().start(doc);
    expect(store.getState().kills).toEqual([]);
    await store.getState().stop();
    await expect(store.getState().killWorker(0)).rejects.toThrow('Nothing to kill: no simulation is running.');
  });

  it('goes idle → loading → running, fills snapshot and logs, pauses, steps, stops', async () => {
    const store = newStore();
    expect(store.getState().status).toBe('idle');
    const seen: string[] = [];
    store.subscribe((s, p) => s.status !== p.status && seen.push(s.status));
    const doc = wordCountJs();
    await store.getState().start(doc, { seed: 42, speed: Infinity });
    expect(store.getState().status).toBe('running');
    expect(seen).toEqual(['loading', 'running']);
    expect(store.getState().runDocument).toBe(doc);
    expect(store.getState().options).toEqual({ clock: 'virtual', seed: 42, speed: Infinity });
    await until(store, (s) => (selectComponentStats('count')(s)?.windows.all.executed ?? 0) > 100);
    expect(store.getState().logs.some((l) => l.component === 'sentences' && l.message.includes('ready'))).toBe(true);
    expect(selectIsActive(store.getState())).toBe(true);

    await store.getState().pause();
    expect(store.getState().status).toBe('paused');
    const event = await store.getState().step();
    expect(event).not.toBeNull();
    expect(store.getState().recentEvents.at(-1)).toEqual(event);
    await store.getState().resume();
    expect(store.getState().status).toBe('running');

    await store.getState().stop();
    expect(store.getState().status).toBe('stopped');
    // The last results stay on screen after a stop.
    expect(store.getState().snapshot).not.toBeNull();
    await expect(store.getState().pause()).rejects.toThrow('Nothing to pause: no simulation is running.');
  });

  it('reads each task’s own state when paused, stepped or stopped; forgets it while running', async () => {
    const store = newStore();
    await store.getState().start(wordCountJs(), { seed: 3, speed: Infinity });
    await until(store, (s) => (selectComponentStats('count')(s)?.windows.all.executed ?? 0) > 100);
    expect(store.getState().taskStates).toBeNull();
    await store.getState().pause();
    const paused = store.getState().taskStates!;
    const countTasks = paused.tasks.filter((t) => t.component === 'count');
    expect(countTasks.map((t) => t.task)).toEqual(store.getState().snapshot!.components.count!.tasks);
    expect(countTasks.every((t) => t.state!.fields.some((f) => f.name === 'counts' && (f.size ?? 0) > 0))).toBe(true);
    await store.getState().step();
    expect(store.getState().taskStates!.time).toBeGreaterThanOrEqual(paused.time);
    await store.getState().resume();
    expect(store.getState().taskStates).toBeNull();
    await store.getState().stop();
    expect(store.getState().status).toBe('stopped');
    const stopped = store.getState().taskStates!;
    expect(stopped.time).toBeGreaterThanOrEqual(paused.time);
    expect(stopped.tasks.find((t) => t.component === 'count')!.state!.fields.map((f) => f.name)).toEqual(['counts']);
    // A new run starts without the last one's state.
    await store.getState().start(wordCountJs());
    expect(store.getState().taskStates).toBeNull();
  });

  it('refuses to start an invalid document and says why', async () => {
    const store = newStore();
    const doc = wordCountJs();
    const broken: TopologyDocument = { ...doc, subscriptions: doc.subscriptions.filter((s) => s.to !== 'count') };
    await store.getState().start(broken);
    const s = store.getState();
    expect(s.status).toBe('failed');
    expect(s.failure).toMatchObject({ reason: 'invalid', component: 'count' });
    expect(s.failure!.message).toMatch(/^The topology has 1 error and cannot run \(Storm would refuse it\): /);
    expect(s.failure!.message).toContain('count');
  });

  it('refuses to start when a Python component imports a package that is not available offline', async () => {
    const store = newStore();
    const doc = wordCountExample();
    const count = doc.components.find((c) => c.id === 'count')!;
    const withNltk = { ...doc, components: doc.components.map((c) => (c === count ? { ...c, code: { ...c.code, python: `import nltk\n${c.code.python}` } } : c)) };
    await store.getState().start(withNltk);
    expect(store.getState().status).toBe('failed');
    expect(store.getState().failure).toMatchObject({ reason: 'imports', component: 'count' });
    expect(store.getState().failure!.message).toMatch(/component 'count' imports 'nltk' \(line 1\)/);
  });

  it('reports a component that cannot load, with a line in its log', async () => {
    const store = newStore();
    const doc = wordCountJs();
    const broken = { ...doc, components: doc.components.map((c) => (c.id === 'split' ? { ...c, code: { javascript: 'export default class X extends BasicBolt {\n  process(tup) {\n    storm.emit([\n  }\n}\n' } } : c)) };
    await store.getState().start(broken);
    const s = store.getState();
    expect(s.status).toBe('failed');
    expect(s.failure).toMatchObject({ reason: 'load', component: 'split' });
    expect(s.logs.at(-1)).toMatchObject({ component: 'split', level: 'ERROR' });
  });

  it('a new start replaces the running one; the old run no longer writes into the store', async () => {
    const store = newStore();
    await store.getState().start(wordCountJs(), { speed: Infinity });
    const firstId = store.getState().runId;
    await until(store, (s) => s.snapshot);
    await store.getState().start(wordCountJs(), { seed: 9 });
    expect(store.getState().runId).toBe(firstId + 1);
    const snap = await until(store, (s) => s.snapshot);
    expect(snap.seed).toBe(9);
  });

  it('checks options and applies a speed change to the running run', async () => {
    expect(() => checkRunOptions({ speed: 0 })).toThrow('The speed must be a number > 0');
    expect(() => checkRunOptions({ seed: 1.5 })).toThrow('The seed must be a whole number, not 1.5.');
    expect(() => checkRunOptions({ clock: 'fast' as never })).toThrow('The clock must be "virtual" or "wall", not "fast".');
    const store = newStore();
    await store.getState().start(wordCountJs(), { speed: 0.001 });
    await until(store, (s) => s.snapshot);
    store.getState().setOptions({ speed: Infinity });
    // At 0.001 simulated seconds per second, 10 simulated seconds would take hours.
    await until(store, (s) => (s.snapshot?.time ?? 0) > 10_000);
  });

  it('keeps at most the last 10,000 log lines', async () => {
    expect(LOG_LIMIT).toBe(10_000);
    const store = newStore();
    const doc = wordCountJs();
    // A bolt that logs on every tuple fills the log fast.
    const chatty = { ...doc, components: doc.components.map((c) => (c.id === 'split' ? { ...c, code: { javascript: c.code.javascript!.replace('process(tup) {', 'process(tup) {\n    console.info(tup.values[0]);') } } : c)) };
    await store.getState().start(chatty, { speed: Infinity });
    await until(store, (s) => s.logs.length >= LOG_LIMIT && (s.logs.at(-1)?.seq ?? 0) > LOG_LIMIT + 1000);
    const logs = store.getState().logs;
    expect(logs.length).toBe(LOG_LIMIT);
    for (let i = 1; i < logs.length; i++) expect(logs[i]!.seq).toBeGreaterThan(logs[i - 1]!.seq);
  });
});

describe('run store: stop while loading', () => {
  it('stops a run that is still loading: no failure, nothing left running', async () => {
    let started = 0;
    const slow: SimulationClient = {
      start: (doc, options, listener, signal) => {
        started++;
        return client.start(doc, options, listener, signal);
      },
    };
    const store = createRunStore({ client: () => slow });
    stores.push(store);
    const starting = store.getState().start(wordCountJs());
    expect(store.getState().status).toBe('loading');
    await store.getState().stop();
    await starting;
    expect(store.getState().status).toBe('stopped');
    expect(store.getState().failure).toBeNull();
    expect(started).toBeLessThanOrEqual(1);
    await expect(store.getState().pause()).rejects.toThrow('Nothing to pause');
  });
});

describe('documentChangedSinceRun', () => {
  it('ignores positions, sees everything else', () => {
    const doc = wordCountJs();
    expect(documentChangedSinceRun(null, doc)).toBe(false);
    expect(documentChangedSinceRun(doc, doc)).toBe(false);
    const moved = { ...doc, components: doc.components.map((c) => ({ ...c, position: { x: c.position.x + 10, y: 0 } })) };
    expect(documentChangedSinceRun(doc, moved)).toBe(false);
    const edited = { ...doc, components: doc.components.map((c) => (c.id === 'split' ? { ...c, parallelism: 5 } : c)) };
    expect(documentChangedSinceRun(doc, edited)).toBe(true);
    expect(documentChangedSinceRun(doc, { ...doc, config: { ...doc.config, workers: 2 } })).toBe(true);
  });
});

describe('appendLogs', () => {
  const line = (time: number, seq: number): LogLine => ({ seq, time, component: 'c', task: 1, level: 'INFO', message: `${time}`, host: 0 });
  const times = (l: readonly LogLine[]) => l.map((x) => `${x.time}:${x.seq}`);

  it('keeps the lines in engine-time order, ties in arrival order', () => {
    const kept = appendLogs([], [line(10, 1), line(30, 2), line(20, 3), line(20, 4)], 100);
    expect(times(kept)).toEqual(['10:1', '20:3', '20:4', '30:2']);
    // A later batch with lines older than the last kept one is merged in.
    expect(times(appendLogs(kept, [line(25, 5), line(20, 6), line(40, 7)], 100))).toEqual(['10:1', '20:3', '20:4', '20:6', '25:5', '30:2', '40:7']);
  });

  it('appends in place when the batch is in order and after the kept lines, and keeps the newest', () => {
    const kept = appendLogs([], [line(1, 1), line(2, 2)], 3);
    expect(appendLogs(kept, [], 3)).toBe(kept);
    expect(times(appendLogs(kept, [line(3, 3), line(4, 4)], 3))).toEqual(['2:2', '3:3', '4:4']);
    expect(times(appendLogs(kept, [line(0, 3), line(5, 4)], 3))).toEqual(['1:1', '2:2', '5:4']);
  });
});
