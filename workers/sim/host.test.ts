/**
 * The host's event stream: paced runs describe every event; as fast as possible the host
 * describes only the events it sends (spread evenly over real time) and runs the others
 * undescribed — the same run, event for event.
 */
import { describe, expect, it } from 'vitest';
import { defaultRegistry, Engine, type StepEvent } from '../../src/engine';
import { withLanguage, wordCountExample } from '../../src/model';
import { SimHost } from './host';
import type { LoopScheduler } from './scheduler';

const doc = () => withLanguage(wordCountExample(), 'javascript');
const engineOf = () => Engine.create({ document: doc(), seed: 7, runtimes: defaultRegistry().resolver() });

/** A clock that moves `perRead` ms at every read, and a scheduler the test drives by hand. */
function harness(perRead: number) {
  let now = 0;
  let next: (() => void) | null = null;
  const scheduler: LoopScheduler = {
    yield: (fn) => void (next = fn),
    sleep: (ms, fn) => {
      now += ms;
      next = fn;
    },
    wake: () => {},
    dispose: () => void (next = null),
  };
  return {
    wallClock: () => (now += perRead),
    scheduler,
    get now() {
      return now;
    },
    /** Runs the loop until the clock reaches `until` (ms). */
    runTo(until: number) {
      while (now < until && next !== null) {
        const fn = next;
        next = null;
        fn();
      }
    },
  };
}

/** Records, for each event the host steps, how many events the engine had run before it. */
function spyOnSteps(engine: Engine): number[] {
  const at: number[] = [];
  const step = engine.step.bind(engine);
  engine.step = () => {
    at.push(engine.eventCount);
    return step();
  };
  return at;
}

describe('SimHost event stream', () => {
  it('as fast as possible: describes about N events per second, spread evenly, and runs the rest undescribed', async () => {
    const engine = await engineOf();
    const h = harness(0.2);
    const host = new SimHost(engine, { clock: 'virtual', speed: Infinity, wallClock: h.wallClock, scheduler: h.scheduler });
    const stepped = spyOnSteps(engine);
    host.setEventStream(true, 40);
    host.start(0);
    const counts: number[] = [];
    let skipped = 0;
    const all: StepEvent[] = [];
    for (let k = 1; k <= 8; k++) {
      h.runTo(k * 250);
      const r = host.poll({ logsAfter: 0, lineage: false });
      counts.push(r.events.length);
      skipped += r.skippedEvents;
      all.push(...r.events);
    }
    // 2 s at 40 per second: about 80, never a burst (10 per quarter second, give or take one).
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(72);
    expect(counts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(81);
    for (const c of counts) expect(c).toBeLessThanOrEqual(11);
    // Far more events ran than were described.
    expect(skipped).toBeGreaterThan(all.length * 10);
    expect(stepped).toHaveLength(all.length);
    expect(engine.eventCount).toBe(all.length + skipped);

    // The same run stepped event by event (every one described) has the same events at the same places.
    const reference = await engineOf();
    const described: StepEvent[] = [];
    for (let i = 0; i <= stepped.at(-1)!; i++) described.push(reference.step()!);
    stepped.forEach((index, k) => expect(all[k], `the event after ${index} events`).toEqual(described[index]));
    host.dispose();
  });

  it('as fast as possible: the run is the one without the stream', async () => {
    const streamed = await engineOf();
    const h = harness(0.2);
    const host = new SimHost(streamed, { clock: 'virtual', speed: Infinity, wallClock: h.wallClock, scheduler: h.scheduler });
    host.setEventStream(true, 200);
    host.start(0);
    h.runTo(300);
    host.pause(h.now);
    const plain = await engineOf();
    plain.runUntil(Infinity, streamed.eventCount);
    expect(plain.time).toBe(streamed.time);
    const snap = (e: Engine) => e.snapshot({ logsAfter: 0, lineage: false });
    expect(snap(streamed)).toEqual(snap(plain));
  });

  it('paced: every event is described until the rate limit, the rest are counted as skipped', async () => {
    const engine = await engineOf();
    const h = harness(0.01);
    const host = new SimHost(engine, { clock: 'virtual', speed: 0.01, wallClock: h.wallClock, scheduler: h.scheduler });
    const stepped = spyOnSteps(engine);
    host.setEventStream(true, 1000);
    host.start(0);
    h.runTo(2000);
    const r = host.poll({ logsAfter: 0, lineage: false });
    // 1/100: 20 ms of engine time in 2 s; each event is stepped and sent.
    expect(r.events.length).toBeGreaterThan(0);
    expect(r.skippedEvents).toBe(0);
    expect(stepped).toHaveLength(engine.eventCount);
    expect(r.events.length).toBe(engine.eventCount);
    host.dispose();
  });
});

describe('SimHost until', () => {
  const snap = (e: Engine) => e.snapshot({ logsAfter: 0, lineage: false });

  it('virtual time: stops by itself at `until`, after exactly the events of runUntil(until), with or without the event stream', async () => {
    const plain = await engineOf();
    plain.runUntil(3_000);
    for (const stream of [false, true]) {
      const engine = await engineOf();
      const h = harness(0.2);
      const host = new SimHost(engine, { clock: 'virtual', speed: Infinity, wallClock: h.wallClock, scheduler: h.scheduler, until: 3_000 });
      if (stream) host.setEventStream(true, 200);
      let done: unknown = null;
      void host.done.then((f) => (done = f));
      host.start(0);
      h.runTo(1e9);
      await Promise.resolve();
      expect(host.isRunning).toBe(false);
      expect(done).toEqual({ time: 3_000, events: plain.eventCount });
      expect(snap(engine)).toEqual(snap(plain));
      // A resume after the end does nothing.
      host.resume(h.now);
      expect(host.isRunning).toBe(false);
      host.dispose();
    }
  });

  it('wall time: stops by itself once the engine clock passes `until`, a pause not counted', async () => {
    const h = harness(0.05);
    const engine = await Engine.create({ document: doc(), seed: 7, clock: 'wall', runtimes: defaultRegistry().resolver(), wallClock: h.wallClock, wallStart: 0 });
    const host = new SimHost(engine, { clock: 'wall', speed: 1, wallClock: h.wallClock, scheduler: h.scheduler, until: 500 });
    let finished = false;
    void host.done.then(() => (finished = true));
    host.start(0);
    h.runTo(300);
    host.pause(h.now);
    const pausedAt = h.now;
    h.runTo(pausedAt + 1_000); // nothing runs while paused
    host.resume(pausedAt + 1_000);
    h.runTo(pausedAt + 1_150);
    await Promise.resolve();
    expect(finished).toBe(false);
    h.runTo(pausedAt + 1_400);
    await Promise.resolve();
    expect(finished).toBe(true);
    expect(host.isRunning).toBe(false);
    // It ran about 500 ms of engine time: the 300 before the pause, the 200 after.
    expect(engine.time).toBeGreaterThan(450);
    expect(engine.time).toBeLessThanOrEqual(500);
    host.dispose();
  });

  it('a run stopped before its end rejects `done`', async () => {
    const h = harness(0.2);
    const host = new SimHost(await engineOf(), { clock: 'virtual', speed: 1, wallClock: h.wallClock, scheduler: h.scheduler, until: 60_000 });
    host.start(0);
    h.runTo(100);
    host.dispose();
    await expect(host.done).rejects.toThrow('The run was stopped.');
  });
});
