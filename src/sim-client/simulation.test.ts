/**
 * The page side of the simulation driving real hosts (the host service the Web Worker exposes,
 * here linked in-process, with real MessageChannels between hosts): snapshots, pause/step/resume,
 * speed, wall time over two hosts, load errors, the watchdog and stop.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { defaultRegistry, Engine, type HostSnapshot, type StepEvent } from '../engine';
import { wordCountExample, withLanguage, type TopologyDocument } from '../model';
import { createHostService } from '../../workers/sim/service';
import { inProcessLink, type HostLink } from './host-link';
import { launchSimulation, SimulationStartError, type LaunchDeps } from './simulation';
import type { RunFailure, RunOptions, Simulation, SimulationListener } from './types';

const wordCountJs = () => withLanguage(wordCountExample(), 'javascript');

interface Recorder extends SimulationListener {
  snapshots: HostSnapshot[];
  events: StepEvent[];
  failures: RunFailure[];
  stopped: RunFailure[];
  next(pred?: (s: HostSnapshot) => boolean): Promise<HostSnapshot>;
}

function recorder(): Recorder {
  const waiters: { pred: (s: HostSnapshot) => boolean; done: (s: HostSnapshot) => void }[] = [];
  const r: Recorder = {
    snapshots: [],
    events: [],
    failures: [],
    stopped: [],
    onSnapshot(s) {
      r.snapshots.push(s);
      for (const w of [...waiters]) {
        if (w.pred(s)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.done(s);
        }
      }
    },
    onEvents: (e) => void r.events.push(...e),
    onFailure: (f) => void r.failures.push(f),
    onComponentStopped: (f) => void r.stopped.push(f),
    next: (pred = () => true) => new Promise((done) => waiters.push({ pred, done })),
  };
  return r;
}

const links: HostLink[] = [];
const running: Simulation[] = [];

function deps(extra: Partial<LaunchDeps> = {}): LaunchDeps {
  return {
    link: () => {
      const link = inProcessLink(createHostService({ registry: () => defaultRegistry() }));
      links.push(link);
      return link;
    },
    pollMs: 40,
    watchEveryMs: 25,
    shared: true,
    ...extra,
  };
}

async function launch(doc: TopologyDocument, options: Partial<RunOptions>, listener: SimulationListener, extra: Partial<LaunchDeps> = {}): Promise<Simulation> {
  const sim = await launchSimulation(doc, { clock: 'virtual', seed: 7, speed: Infinity, ...options }, listener, deps(extra));
  running.push(sim);
  return sim;
}

const executed = (s: HostSnapshot, id: string) => s.components[id]!.windows.all.executed;

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  links.splice(0);
});

describe('launchSimulation (virtual time, one host)', () => {
  it('sends merged snapshots whose counts grow, with the logs once each', async () => {
    const r = recorder();
    await launch(wordCountJs(), {}, r);
    const first = await r.next((s) => executed(s, 'count') > 0);
    const later = await r.next((s) => executed(s, 'count') > executed(first, 'count') * 2);
    expect(later.clock).toBe('virtual');
    expect(later.seed).toBe(7);
    expect(later.hosts).toEqual([0]);
    expect(later.components.split!.windows.all.executed).toBeGreaterThan(0);
    // Every count task gets words (fields grouping over 3 tasks).
    const counts = later.executors.filter((e) => e.component === 'count');
    expect(counts).toHaveLength(3);
    // Log lines arrive after a cursor: never twice.
    const seqs = r.snapshots.flatMap((s) => s.logs.map((l) => l.seq));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(r.snapshots.flatMap((s) => s.logs).some((l) => l.message.includes('sentence spout ready'))).toBe(true);
  });

  it('pauses (time stands still), steps one described event at a time, resumes', async () => {
    const r = recorder();
    const sim = await launch(wordCountJs(), { speed: 1 }, r);
    await r.next((s) => s.events > 10);
    await sim.pause();
    const a = await sim.snapshot();
    await new Promise((done) => setTimeout(done, 120));
    const b = await sim.snapshot();
    expect(b.events).toBe(a.events);
    expect(b.time).toBe(a.time);
    const e1 = await sim.step();
    const e2 = await sim.step();
    expect(e1).not.toBeNull();
    expect(e2!.time).toBeGreaterThanOrEqual(e1!.time);
    const c = await sim.snapshot();
    expect(c.events).toBeGreaterThan(b.events);
    await sim.resume();
    await r.next((s) => s.events > c.events + 5);
  });

  it('paces virtual time by the speed (simulated seconds per real second)', async () => {
    const r = recorder();
    const sim = await launch(wordCountJs(), { speed: 0.5 }, r);
    const started = performance.now();
    const s = await r.next((x) => x.time >= 150);
    const real = performance.now() - started;
    // 150 ms of engine time at half speed takes at least 300 ms of real time.
    expect(real).toBeGreaterThanOrEqual(280);
    await sim.setSpeed(Infinity);
    await r.next((x) => x.time > s.time + 5000);
  });

  it('replays exactly with the same seed (step by step)', async () => {
    const describe = async () => {
      const sim = await launch(wordCountJs(), { speed: 1 }, recorder());
      await sim.pause();
      const out: string[] = [];
      // The run may have advanced a little before the pause: compare from a fresh run paused at once.
      for (let i = 0; i < 30; i++) out.push(JSON.stringify(await sim.step()));
      await sim.stop();
      return out;
    };
    const a = await describe();
    const b = await describe();
    // Both runs were paused at slightly different moments: find b's first event in a.
    const offset = a.indexOf(b[0]!);
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(b.slice(0, 30 - offset)).toEqual(a.slice(offset));
  });

  it('streams described events when asked, at most N per second', async () => {
    const r = recorder();
    const sim = await launch(wordCountJs(), { speed: Infinity }, r);
    await sim.setEventStream(true, 50);
    await new Promise((done) => setTimeout(done, 400));
    await sim.setEventStream(false);
    expect(r.events.length).toBeGreaterThan(0);
    expect(r.events.length).toBeLessThanOrEqual(50 * 1 + 50);
    expect(r.events[0]!.time).toBeTypeOf('number');
  });

  it('kills a Storm worker on request; it restarts', async () => {
    const r = recorder();
    const sim = await launch(wordCountJs(), {}, r);
    await r.next((s) => executed(s, 'count') > 0);
    await sim.killWorker(0);
    await r.next((s) => s.restarts >= 1 && s.workers.every((w) => w.alive));
    await expect(sim.killWorker(3)).rejects.toThrow('There is no worker 3: this topology has 1 (0–0).');
  });

  it('rejects a component that cannot load, naming it and its line', async () => {
    const doc = wordCountJs();
    const broken = { ...doc, components: doc.components.map((c) => (c.id === 'split' ? { ...c, code: { javascript: 'export default class X extends BasicBolt {\n  process(tup) {\n    storm.emit([\n  }\n}\n' } } : c)) };
    const err = await launch(broken, {}, recorder()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimulationStartError);
    const failure = (err as SimulationStartError).failure;
    expect(failure.component).toBe('split');
    expect(failure.reason).toBe('load');
    expect(failure.message).toMatch(/split/);
    expect(failure.message).toMatch(/line 4/);
  });

  it('step is refused in wall time, with the reason', async () => {
    const sim = await launch(wordCountJs(), { clock: 'wall', speed: 1 }, recorder());
    await expect(sim.step()).rejects.toThrow('Step works in virtual time only');
    await expect(sim.setEventStream(true)).rejects.toThrow('virtual time only');
  });

  it('stops by itself at `until` after exactly the events of runUntil(until) (finished), as npm run simulate runs', async () => {
    const r = recorder();
    const sim = await launch(wordCountJs(), { until: 4_000, lineage: false }, r);
    await sim.finished();
    const s = await sim.snapshot();
    expect(s.time).toBe(4_000);
    const plain = await Engine.create({ document: wordCountJs(), seed: 7, runtimes: defaultRegistry().resolver(), lineage: false });
    plain.runUntil(4_000);
    expect(s.events).toBe(plain.eventCount);
    expect(s.components).toEqual(plain.snapshot().components);
    expect(s.lineage).toEqual([]);
  });

  it('finished() rejects when the run is stopped first', async () => {
    const sim = await launch(wordCountJs(), { speed: 1, until: 600_000 }, recorder());
    const done = sim.finished();
    await sim.stop();
    await expect(done).rejects.toThrow();
  });

  it('after stop every call says the run has stopped', async () => {
    const sim = await launch(wordCountJs(), {}, recorder());
    await sim.stop();
    await expect(sim.pause()).rejects.toThrow('The run has been stopped.');
    expect(links.every((l) => l !== null)).toBe(true);
  });

  it('aborting while loading stops the hosts and rejects', async () => {
    const abort = new AbortController();
    const p = launch(wordCountJs(), {}, recorder(), { signal: abort.signal });
    abort.abort();
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimulationStartError);
    expect((err as Error).message).toBe('The run was stopped while it loaded.');
  });
});

describe('launchSimulation (wall time, one host per Storm worker)', () => {
  it.each(['rings', 'messages'] as const)('runs two hosts exchanging tuples (over %s); snapshots merge both', async (transport) => {
    const base = wordCountJs();
    const doc = { ...base, config: { ...base.config, workers: 2 } };
    const r = recorder();
    const rings: boolean[] = [];
    const link = () => {
      const service = createHostService({ registry: () => defaultRegistry() });
      const init = service.init.bind(service);
      service.init = (i, p, o) => {
        rings.push(i.rings !== undefined);
        return init(i, p, o);
      };
      const l = inProcessLink(service);
      links.push(l);
      return l;
    };
    const sim = await launch(doc, { clock: 'wall', speed: 1 }, r, { transport, link });
    expect(rings).toEqual(transport === 'rings' ? [true, true] : [false, false]);
    const s = await r.next((x) => executed(x, 'count') > 50 && x.hosts.length === 2);
    expect(s.clock).toBe('wall');
    expect(s.workers.map((w) => w.index)).toEqual([0, 1]);
    // Executors of count live on both workers; words cross between them.
    const workersOfCount = new Set(s.executors.filter((e) => e.component === 'count').map((e) => e.worker));
    expect(workersOfCount).toEqual(new Set([0, 1]));
    expect(s.executors.filter((e) => e.component === 'count' && e.worker === 1).some((e) => e.windows.all.executed > 0)).toBe(true);
    expect(s.executors.filter((e) => e.component === 'count' && e.worker === 0).some((e) => e.windows.all.executed > 0)).toBe(true);
    await sim.pause();
    const a = await sim.snapshot();
    await new Promise((done) => setTimeout(done, 100));
    const b = await sim.snapshot();
    expect(b.events).toBe(a.events);
    await sim.resume();
    await r.next((x) => x.events > b.events);
  });
});

describe('the watchdog', () => {
  it('stops a JavaScript call that never returns, naming the component and task; the run ends', async () => {
    // In-process, the spinning call blocks this very thread: the watchdog cannot run until it
    // returns. So the test arms a host whose engine reports a stuck call without spinning: the
    // watch array is written by hand, as the engine does before a call.
    const r = recorder();
    let watch: Int32Array | null = null;
    const sim = await launchSimulation(wordCountJs(), { clock: 'virtual', seed: 1, speed: 1 }, r, {
      ...deps({ watchLimitMs: 150 }),
      link: () => {
        const service = createHostService({ registry: () => defaultRegistry() });
        const init = service.init.bind(service);
        service.init = (i, p, o) => {
          watch = i.watch;
          return init(i, p, o);
        };
        const link = inProcessLink(service);
        links.push(link);
        return link;
      },
    });
    running.push(sim);
    await r.next();
    await sim.pause();
    // task 4 is a count task: UTF-16 order __acker(1), count(2,3,4), sentences(5), split(6,7).
    Atomics.store(watch!, 1, 4);
    Atomics.add(watch!, 0, 1);
    await new Promise((done) => setTimeout(done, 400));
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]).toMatchObject({ component: 'count', task: 4, reason: 'watchdog' });
    expect(r.failures[0]!.message).toBe("component 'count' (task 4) was stopped after 0 s without returning: its Web Worker was terminated and the run ended");
    await expect(sim.resume()).rejects.toThrow('The run has ended');
  });

  it('interrupts a Python call through the interrupt buffer and lets the run go on', async () => {
    const r = recorder();
    let interrupt: Int32Array | null = null;
    let watch: Int32Array | null = null;
    // The page sees a Python count bolt (so it interrupts rather than terminates); the host runs
    // its JavaScript twin (no Pyodide needed to test the page's side).
    const doc = wordCountJs();
    const withPy = { ...doc, components: doc.components.map((c) => (c.id === 'count' ? { ...c, language: 'python' as const } : c)) };
    const sim = await launchSimulation(withPy, { clock: 'virtual', seed: 1, speed: 1 }, r, {
      ...deps({ watchLimitMs: 150 }),
      link: () => {
        const service = createHostService({ registry: () => defaultRegistry() });
        const init = service.init.bind(service);
        service.init = (i, p, o) => {
          watch = i.watch;
          interrupt = i.interrupt;
          return init({ ...i, languages: { ...i.languages, count: 'javascript' } }, p, o);
        };
        const link = inProcessLink(service);
        links.push(link);
        return link;
      },
    });
    running.push(sim);
    await r.next();
    await sim.pause();
    Atomics.store(watch!, 1, 3);
    Atomics.add(watch!, 0, 1);
    await new Promise((done) => setTimeout(done, 300));
    expect(Atomics.load(interrupt!, 0)).toBe(2);
    expect(r.stopped).toHaveLength(1);
    expect(r.stopped[0]!.message).toBe("component 'count' (task 3) was stopped after 0 s without returning: Python was interrupted (KeyboardInterrupt) and 'count' is quarantined for the rest of the run, the run goes on");
    expect(r.failures).toHaveLength(0);
    // The call returns (the engine clears the task id): the run goes on.
    Atomics.store(watch!, 1, 0);
    await sim.resume();
    const before = (await sim.snapshot()).events;
    await r.next((s) => s.events > before);
  });

  it('terminates a host that is not answering when shared memory is unavailable', async () => {
    const r = recorder();
    let block = false;
    const sim = await launchSimulation(wordCountJs(), { clock: 'virtual', seed: 1, speed: 1 }, r, {
      ...deps({ watchLimitMs: 100, shared: false }),
      link: () => {
        const service = createHostService({ registry: () => defaultRegistry() });
        const poll = service.poll.bind(service);
        // A host stuck in a call never answers: a poll that never resolves stands for it.
        const link = inProcessLink({ ...service, poll: (q) => (block ? (new Promise(() => {}) as never) : poll(q)) });
        links.push(link);
        return link;
      },
    });
    running.push(sim);
    block = true;
    await new Promise((done) => setTimeout(done, 1500));
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]!.message).toMatch(/^simulation worker 0 did not answer for 1 s/);
  });
});

describe('hostLayout with the run stores', () => {
  it('keeps a wall-time topology that uses Redis or MongoDB in one host, so its tasks share the stores', async () => {
    const { hostLayout } = await import('./simulation');
    const { buildPlan } = await import('../engine');
    const { bookRedisExample, wordCountExample } = await import('../model');
    const redis = bookRedisExample();
    expect(hostLayout(buildPlan(redis), 'wall', redis)).toEqual({ groups: [[0, 1]], hostOfWorker: [0, 0] });
    const plain = { ...wordCountExample(), config: { ...wordCountExample().config, workers: 2 } };
    expect(hostLayout(buildPlan(plain), 'wall', plain).groups).toEqual([[0], [1]]);
  });
});
