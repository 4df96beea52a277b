/**
 * Hosts kept warm between runs: which hosts the pool keeps and which it terminates (fake links),
 * then whole runs over real host services holding a real Pyodide (Node): the second Python run
 * starts no new host, loads nothing, and sees nothing of the first run's state.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { wordCountExample, withLanguage, type TopologyDocument } from '../model';
import { createHostService } from '../../workers/sim/service';
import { warmRuntimes } from '../../workers/sim/warm-runtimes';
import { createPythonRuntime, type PythonRuntime } from '../../workers/python/runtime';
import type { HostRecycled } from '../../workers/sim/protocol';
import { inProcessLink, type HostLink } from './host-link';
import { HostPool } from './pool';
import { launchSimulation } from './simulation';
import type { LoadProgress, SimulationListener } from './types';
import type { HostSnapshot } from '../engine';

interface FakeHost extends HostLink {
  terminated: number;
  stops: number;
  recycles: number;
  answer: () => HostRecycled | Promise<HostRecycled>;
  die(): void;
}

function fakeHost(answer: () => HostRecycled | Promise<HostRecycled> = () => ({ warm: true })): FakeHost {
  let kill: (e: Error) => void = () => {};
  const died = new Promise<never>((_, reject) => {
    kill = reject;
  });
  died.catch(() => {});
  const host: FakeHost = {
    terminated: 0,
    stops: 0,
    recycles: 0,
    answer,
    died,
    api: {
      stop: async () => void host.stops++,
      recycle: async () => {
        host.recycles++;
        return host.answer();
      },
    } as unknown as HostLink['api'],
    terminate() {
      host.terminated++;
      kill(new Error('terminated'));
    },
    die: () => kill(new Error('died')),
  };
  return host;
}

function fakePool(make: (i: number) => FakeHost = () => fakeHost(), extra: Partial<ConstructorParameters<typeof HostPool>[0]> = {}) {
  const made: FakeHost[] = [];
  const pool = new HostPool({
    create: (i) => {
      const h = make(i);
      made.push(h);
      return h;
    },
    shared: true,
    ...extra,
  });
  return { pool, made };
}

describe('HostPool', () => {
  it('keeps a warm host that ended cleanly and gives it to the next run at the same index', async () => {
    const { pool, made } = fakePool();
    const first = pool.link(0);
    expect(first.warm).toBe(false);
    await first.retire!(true);
    expect(made[0]!.recycles).toBe(1);
    expect(made[0]!.terminated).toBe(0);
    expect(pool.warmIndices).toEqual([0]);
    const second = pool.link(0);
    expect(second.warm).toBe(true);
    expect(second.interrupt).toBe(first.interrupt);
    expect(pool.created).toBe(1);
    // Index 1 has no warm host: a new one.
    pool.link(1);
    expect(pool.created).toBe(2);
  });

  it('clears a SIGINT left in the interrupt buffer before reusing a host', async () => {
    const { pool } = fakePool();
    const first = pool.link(0);
    await first.retire!(true);
    Atomics.store(first.interrupt!, 0, 2);
    expect(Atomics.load(pool.link(0).interrupt!, 0)).toBe(0);
  });

  it('terminates a host whose run did not end cleanly, without asking it to reset', async () => {
    const { pool, made } = fakePool();
    await pool.link(0).retire!(false);
    expect(made[0]!.recycles).toBe(0);
    expect(made[0]!.terminated).toBe(1);
    expect(pool.warmIndices).toEqual([]);
  });

  it('terminates a host without Pyodide (JavaScript-only run), one whose reset failed, and one beyond the size', async () => {
    const answers: HostRecycled[] = [{ warm: false }, { warm: false, problem: 'reset failed' }, { warm: true }];
    const { pool, made } = fakePool((i) => fakeHost(() => answers[i]!), { size: 2 });
    await Promise.all([0, 1, 2].map((i) => pool.link(i).retire!(true)));
    expect(made.map((h) => h.terminated)).toEqual([1, 1, 1]);
    expect(made[2]!.recycles).toBe(0);
    expect(pool.warmIndices).toEqual([]);
  });

  it('terminates a host whose reset does not answer in time', async () => {
    const { pool, made } = fakePool(() => fakeHost(() => new Promise<HostRecycled>(() => {})), { recycleTimeoutMs: 10 });
    await pool.link(0).retire!(true);
    expect(made[0]!.terminated).toBe(1);
    expect(pool.warmIndices).toEqual([]);
  });

  it('forgets an idle host that dies', async () => {
    const { pool, made } = fakePool();
    await pool.link(0).retire!(true);
    made[0]!.die();
    await Promise.resolve();
    await Promise.resolve();
    expect(pool.warmIndices).toEqual([]);
  });

  it('terminates idle hosts once the page has been hidden for long, not when it is shown again before', async () => {
    const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
    const { pool, made } = fakePool(undefined, {
      hiddenMs: 1000,
      setTimeout: (fn, ms) => {
        const t = { fn, ms, cleared: false };
        timers.push(t);
        return t;
      },
      clearTimeout: (t) => void ((t as { cleared: boolean } | null) && ((t as { cleared: boolean }).cleared = true)),
    });
    await pool.link(0).retire!(true);
    pool.setHidden(true);
    pool.setHidden(false);
    const hiddenTimers = timers.filter((t) => t.ms === 1000);
    expect(hiddenTimers).toHaveLength(1);
    expect(hiddenTimers[0]!.cleared).toBe(true);
    pool.setHidden(true);
    const busy = pool.link(1);
    timers.filter((t) => t.ms === 1000).at(-1)!.fn();
    expect(made[0]!.terminated).toBe(1);
    expect(pool.warmIndices).toEqual([]);
    // A run that ends while the page is still hidden does not leave its host behind either.
    await busy.retire!(true);
    expect(made[1]!.terminated).toBe(1);
    // Shown again: hosts are kept as before.
    pool.setHidden(false);
    await pool.link(0).retire!(true);
    expect(pool.warmIndices).toEqual([0]);
  });

  it('settled() waits for the resets in progress', async () => {
    let answer: (r: HostRecycled) => void = () => {};
    const { pool } = fakePool(() => fakeHost(() => new Promise<HostRecycled>((done) => (answer = done))));
    void pool.link(0).retire!(true);
    let settled = false;
    const waiting = pool.settled().then(() => (settled = true));
    await new Promise((done) => setTimeout(done, 5));
    expect(settled).toBe(false);
    answer({ warm: true });
    await waiting;
    expect(pool.warmIndices).toEqual([0]);
  });
});

// ---------------------------------------------------------------------------------------------
// Whole runs over host services holding a real Pyodide (as a Web Worker does).

const pythons: PythonRuntime[] = [];
afterAll(() => pythons.forEach((p) => p.dispose()));

/** The Python word count whose count bolt counts, in builtins, the modules loaded in this interpreter. */
function leakyWordCount(): TopologyDocument {
  const doc = wordCountExample();
  return {
    ...doc,
    components: doc.components.map((c) =>
      c.id === 'count'
        ? {
            ...c,
            code: {
              ...c.code,
              python: c.code
                .python!.replace('import logging\n', 'import builtins\nimport logging\n\nbuiltins.loads_seen = getattr(builtins, "loads_seen", 0) + 1\nLOADED_AS = builtins.loads_seen\n')
                .replace("        word = tup.values[0]\n", "        word = tup.values[0]\n        if not getattr(self, '_said', False):\n            self._said = True\n            log.info('module loaded as number %d', LOADED_AS)\n"),
            },
          }
        : c,
    ),
  };
}

function listener() {
  const snaps: HostSnapshot[] = [];
  const progress: LoadProgress[] = [];
  const waiters: { pred: (s: HostSnapshot) => boolean; done: () => void }[] = [];
  const l: SimulationListener & { snaps: HostSnapshot[]; progress: LoadProgress[]; until(pred: (s: HostSnapshot) => boolean): Promise<void> } = {
    snaps,
    progress,
    onSnapshot(s) {
      snaps.push(s);
      for (const w of [...waiters]) if (w.pred(s)) w.done();
    },
    onLoadProgress: (p) => void progress.push(p),
    until: (pred) => new Promise((done) => waiters.push({ pred, done })),
  };
  return l;
}

const loadedAs = (snaps: HostSnapshot[]) =>
  snaps.flatMap((s) => s.logs.filter((l) => l.component === 'count').map((l) => /module loaded as number (\d+)/.exec(l.message)?.[1])).filter((x): x is string => x !== undefined).map(Number);

describe('warm Python hosts between runs (Node, real Pyodide)', () => {
  const services: { recycle: () => boolean }[] = [];
  const pool = new HostPool({
    shared: true,
    create: () => {
      const runtimes = warmRuntimes((options) => {
        const p = createPythonRuntime(options);
        pythons.push(p);
        return p;
      });
      services.push(runtimes);
      return inProcessLink(createHostService({ registry: runtimes.registry, recycle: runtimes.recycle }));
    },
  });
  const run = async (doc: TopologyDocument) => {
    const l = listener();
    await pool.settled();
    const sim = await launchSimulation(doc, { clock: 'virtual', seed: 3, speed: Infinity }, l, { link: (i) => pool.link(i), pollMs: 40, watchEveryMs: 25, shared: true });
    await l.until((s) => loadedAs(l.snaps).length >= 3 && s.components.count!.windows.all.executed > 50);
    await sim.stop();
    return l;
  };

  it('the second run reuses the first run’s host: no new host, no loading, and the first run’s module state is gone', async () => {
    const first = await run(leakyWordCount());
    expect(pool.created).toBe(1);
    expect(first.progress.length).toBeGreaterThan(0);
    // Three count tasks, each its own copy of the module: numbers 1, 2, 3 in this interpreter.
    expect(loadedAs(first.snaps).sort()).toEqual([1, 2, 3]);
    expect(pool.warmIndices).toEqual([0]);

    const second = await run(leakyWordCount());
    expect(pool.created).toBe(1);
    expect(second.progress).toEqual([]);
    // Without the reset they would be 4, 5, 6.
    expect(loadedAs(second.snaps).sort()).toEqual([1, 2, 3]);
    expect(pool.warmIndices).toEqual([0]);
  }, 120_000);

  it('a JavaScript-only run on the warm host keeps it warm and loads nothing; a run the watchdog interrupted does not', async () => {
    const l = listener();
    await pool.settled();
    const sim = await launchSimulation(withLanguage(wordCountExample(), 'javascript'), { clock: 'virtual', seed: 3, speed: Infinity }, l, { link: (i) => pool.link(i), pollMs: 40, shared: true });
    await l.until((s) => s.components.count!.windows.all.executed > 50);
    await sim.stop();
    expect(pool.created).toBe(1);
    expect(l.progress).toEqual([]);
    expect(pool.warmIndices).toEqual([0]);

    // A call the watchdog interrupts (marked stuck in the watch array, as the engine does around a
    // call): the host is terminated when the run ends, never reused.
    let watch: Int32Array | null = null;
    const l2 = listener();
    const stopped: string[] = [];
    await pool.settled();
    const sim2 = await launchSimulation(wordCountExample(), { clock: 'virtual', seed: 3, speed: 1 }, { ...l2, onComponentStopped: (f) => void stopped.push(f.message) }, {
      link: (i) => {
        const link = pool.link(i);
        // The page sees a Python count bolt (so it interrupts); the host runs its JavaScript twin.
        const init: HostLink['api']['init'] = (init, ports, onProgress) => {
          watch = init.watch;
          return link.api.init({ ...init, languages: { ...init.languages, count: 'javascript' } }, ports, onProgress);
        };
        return { ...link, api: { ...link.api, init } };
      },
      pollMs: 40,
      watchEveryMs: 25,
      watchLimitMs: 100,
      shared: true,
    });
    expect(pool.created).toBe(1);
    await sim2.pause();
    Atomics.store(watch!, 1, 3);
    Atomics.add(watch!, 0, 1);
    await expect.poll(() => stopped.length, { timeout: 10_000 }).toBeGreaterThan(0);
    Atomics.store(watch!, 1, 0);
    await sim2.stop();
    expect(pool.warmIndices).toEqual([]);
  }, 120_000);
});
