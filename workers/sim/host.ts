/**
 * The run loop of one simulation host: drives an {@link Engine} in slices so that the thread stays
 * responsive (pause, step, snapshot requests and peer batches are handled between slices).
 *
 * - Virtual time, as fast as possible: 20 ms slices back to back (the clock read every 4 events).
 * - Virtual time at a speed s: engine time follows `s × real time` from the last (re)start; when it
 *   is ahead the loop sleeps until the next event is due; when it cannot keep up for more than a
 *   second of real time, it stops trying to catch up (re-anchors) and runs as fast as it can.
 * - Wall time: `runSlice(10 ms)` while events are due; otherwise it sleeps until the next one (a
 *   batch from another host wakes it early). With shared-memory rings between the hosts the
 *   slice itself waits for the next event or for input (the engine's `idle`), and the loop only
 *   gives the thread back between slices.
 * - `until`: the loop ends by itself at that engine time ({@link SimHost.done}); in virtual time
 *   after exactly the events `engine.runUntil(until)` would run.
 * - Event stream (virtual time), paced: the loop steps event by event (each one described) and
 *   keeps at most N descriptions per real second for the page; the others are counted as skipped.
 * - Event stream as fast as possible: the page cannot show every event, so the loop describes
 *   only the events it sends, one every 1000/N ms of real time (a step of the engine: one whole
 *   event, described exactly), and runs the events in between undescribed, as fast as without
 *   the stream (counted as skipped).
 */
import type { Engine, StepEvent } from '../../src/engine';
import type { HostClock, HostFinished, PollRequest, PollResult, RunSpeed } from './protocol';
import type { LoopScheduler } from './scheduler';

const VIRTUAL_SLICE_MS = 20;
/** Events between two looks at the clock in a virtual-time slice run as fast as possible. */
const FAST_CHUNK_EVENTS = 4;
const WALL_SLICE_MS = 10;
/** Longest sleep of a paced loop (so a speed change or a pause is seen quickly). */
const MAX_SLEEP_MS = 50;
/** Events kept for the page between two polls. */
const EVENT_BUFFER = 2000;

export interface SimHostOptions {
  readonly clock: HostClock;
  readonly speed: RunSpeed;
  /** `performance.timeOrigin + performance.now()`, the same clock the page uses for `atReal`. */
  readonly wallClock: () => number;
  readonly scheduler: LoopScheduler;
  /** Engine time (ms) at which the loop ends by itself (default: never). */
  readonly until?: number;
  /** Wall time: the engine's `runSlice` waits for the next event itself (its `idle` option, e.g. the rings' doorbell). */
  readonly sliceWaits?: boolean;
}

/** Wall time cannot run "infinitely fast": it runs due events as fast as it can at rate 1. */
export function wallRate(speed: RunSpeed): number {
  return Number.isFinite(speed) && speed > 0 ? speed : 1;
}

export class SimHost {
  private running = false;
  private finished = false;
  private scheduled = false;
  private disposed = false;
  private speed: RunSpeed;
  private anchorReal = 0;
  private anchorVirtual = 0;
  private streamOn = false;
  private streamMax = 0;
  private streamWindowStart = 0;
  private streamInWindow = 0;
  private events: StepEvent[] = [];
  private skipped = 0;
  /** As fast as possible: real time at which the next event is described for the page. */
  private nextSampleAt = 0;
  private readonly until: number;
  /** Wall time: the engine's clock as this loop sees it (for `until`): engine time at real time `clockReal`, and its rate. */
  private clockReal = 0;
  private clockEngine = 0;
  private clockRate = 0;
  private settle: { resolve: (f: HostFinished) => void; reject: (e: Error) => void } | null = null;
  /** Resolves when the loop ends by itself (`until` reached, or nothing left to run); rejects on dispose before that. */
  readonly done: Promise<HostFinished>;

  constructor(
    readonly engine: Engine,
    private readonly options: SimHostOptions,
  ) {
    this.speed = options.speed;
    this.until = options.until ?? Infinity;
    this.done = new Promise<HostFinished>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    this.done.catch(() => {});
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(atReal: number): void {
    if (this.options.clock === 'wall') {
      if (this.engine.eventCount === 0) this.engine.setWallStart(atReal);
      this.engine.setWallSpeed(wallRate(this.speed), atReal);
      this.clockReal = atReal;
      this.clockEngine = this.engine.eventCount === 0 ? 0 : this.engine.time;
    }
    this.resume(atReal);
  }

  pause(atReal: number): void {
    this.running = false;
    if (this.options.clock === 'wall') {
      this.engine.pauseClock(atReal);
      this.moveClock(atReal, 0);
    }
  }

  resume(atReal: number): void {
    if (this.disposed || this.finished) return;
    if (this.options.clock === 'wall') {
      this.engine.resumeClock(atReal);
      this.moveClock(atReal, wallRate(this.speed));
    }
    this.anchor();
    this.running = true;
    this.schedule();
  }

  step(): StepEvent | null {
    if (this.options.clock !== 'virtual') throw new Error('Step works in virtual time only: wall time follows the real clock.');
    this.running = false;
    const event = this.engine.step();
    if (event === null) this.finish();
    return event;
  }

  setSpeed(speed: RunSpeed, atReal: number): void {
    if (!(speed > 0)) throw new RangeError(`The speed must be a number > 0 (or Infinity), not ${speed}.`);
    this.speed = speed;
    if (this.options.clock === 'wall') {
      this.engine.setWallSpeed(wallRate(speed), atReal);
      if (this.clockRate > 0) this.moveClock(atReal, wallRate(speed));
    } else this.anchor();
    this.options.scheduler.wake();
  }

  setEventStream(on: boolean, maxPerSecond: number): void {
    if (on && this.options.clock !== 'virtual') throw new Error('The event stream needs virtual time (in wall time events are not described).');
    this.streamOn = on;
    this.streamMax = Math.max(1, Math.floor(maxPerSecond));
    this.streamWindowStart = this.options.wallClock();
    this.streamInWindow = 0;
    this.nextSampleAt = this.streamWindowStart;
    if (!on) this.events = [];
  }

  poll(request: PollRequest): PollResult {
    const snapshot = this.engine.snapshot({ logsAfter: request.logsAfter, lineage: request.lineage });
    const events = this.events;
    const skippedEvents = this.skipped;
    this.events = [];
    this.skipped = 0;
    return { snapshot, events, skippedEvents, running: this.running };
  }

  /** A batch arrived from another host: run it now rather than at the end of a sleep. */
  wake(): void {
    if (this.running) this.options.scheduler.wake();
  }

  dispose(): void {
    this.disposed = true;
    this.running = false;
    this.options.scheduler.dispose();
    this.settle?.reject(new Error('The run was stopped.'));
    this.settle = null;
  }

  /** The loop ends by itself: `until` reached, or nothing left to run. */
  private finish(): void {
    this.finished = true;
    this.running = false;
    this.settle?.resolve({ time: this.engine.time, events: this.engine.eventCount });
    this.settle = null;
  }

  /** Wall time: the engine's clock from real time `atReal` on runs at `rate` (0 while paused). */
  private moveClock(atReal: number, rate: number): void {
    this.clockEngine += Math.max(0, atReal - this.clockReal) * this.clockRate;
    this.clockReal = atReal;
    this.clockRate = rate;
  }

  /** Wall time: real ms until the engine's clock reaches `until` (Infinity without one). */
  private realUntilEnd(real: number): number {
    if (this.until === Infinity || this.clockRate === 0) return Infinity;
    return (this.until - this.clockEngine) / this.clockRate - Math.max(0, real - this.clockReal);
  }

  private anchor(): void {
    this.anchorReal = this.options.wallClock();
    this.anchorVirtual = this.engine.time;
  }

  private schedule(): void {
    if (this.scheduled || this.disposed) return;
    this.scheduled = true;
    this.options.scheduler.yield(this.tick);
  }

  private sleep(ms: number): void {
    if (this.scheduled || this.disposed) return;
    this.scheduled = true;
    this.options.scheduler.sleep(ms, this.tick);
  }

  private readonly tick = (): void => {
    this.scheduled = false;
    if (!this.running || this.disposed) return;
    if (this.options.clock === 'virtual') this.virtualSlice();
    else this.wallSlice();
  };

  /** Engine time the pace asks for now (Infinity when running as fast as possible). */
  private target(real: number): number {
    return Number.isFinite(this.speed) ? this.anchorVirtual + (real - this.anchorReal) * this.speed : Infinity;
  }

  private virtualSlice(): void {
    const engine = this.engine;
    const clock = this.options.wallClock;
    // A paced slice never runs more than a few slices' worth of engine time: after a long call (one
    // the watchdog interrupted) the host answers the page before it catches up.
    const target = Math.min(this.until, Number.isFinite(this.speed) ? Math.min(this.target(clock()), engine.time + this.speed * VIRTUAL_SLICE_MS * 4) : Infinity);
    if (this.streamOn && Number.isFinite(this.speed)) this.stepSlice(target);
    else if (this.streamOn) this.sampleSlice(target);
    else this.runChunks(target);
    const next = engine.nextEventTime();
    // Nothing is scheduled any more (no spout, every worker dead for good): the run is over.
    if (next === Infinity || engine.time >= this.until) return this.finish();
    if (Number.isFinite(this.speed)) {
      const real = clock();
      const want = this.target(real);
      if (next > want) {
        this.sleep(Math.min(MAX_SLEEP_MS, (next - want) / this.speed));
        return;
      }
      // More than a real second behind: the machine cannot run this fast; stop trying to catch up.
      if (want - engine.time > this.speed * 1000) this.anchor();
    }
    this.schedule();
  }

  /**
   * `runVirtualFor` with the clock read more often: every event when paced (the thread is mostly
   * idle then, so the cost does not matter), every 4 events as fast as possible (measured: the
   * same speed as every 256). After a call that took seconds (one the watchdog stopped), the loop
   * gives the thread back at once — the page sees the crash in the log — rather than running into
   * the next stuck call first (e.g. the other executors of the same bolt, at the same engine time).
   */
  private runChunks(target: number): void {
    const engine = this.engine;
    const clock = this.options.wallClock;
    const end = clock() + VIRTUAL_SLICE_MS;
    const chunk = Number.isFinite(this.speed) ? 1 : FAST_CHUNK_EVENTS;
    for (;;) {
      const n = engine.runUntil(target, chunk);
      if (n < chunk || clock() >= end) return;
    }
  }

  private stepSlice(target: number): void {
    const engine = this.engine;
    const clock = this.options.wallClock;
    const end = clock() + VIRTUAL_SLICE_MS;
    for (let n = 1; ; n++) {
      if (engine.nextEventTime() > target) {
        engine.runUntil(target, 0); // moves the clock to the target, as a paced runUntil does
        return;
      }
      const event = engine.step();
      if (event === null) return;
      this.record(event);
      if ((n & 7) === 0 && clock() >= end) return;
    }
  }

  /**
   * As fast as possible with the event stream on: runs undescribed chunks like {@link runChunks},
   * and when a sample is due steps one event (described) for the page. The samples are spread
   * evenly over real time (at least 1000/N ms apart: a sample that came late does not make up for
   * it with a burst), so the animation is continuous rather than N events at the start of every second.
   */
  private sampleSlice(target: number): void {
    const engine = this.engine;
    const clock = this.options.wallClock;
    const start = clock();
    const end = start + VIRTUAL_SLICE_MS;
    const interval = 1000 / this.streamMax;
    for (let now = start; now < end; now = clock()) {
      if (engine.nextEventTime() > target) {
        engine.runUntil(target, 0);
        return;
      }
      if (now >= this.nextSampleAt && this.events.length < EVENT_BUFFER) {
        this.nextSampleAt = now + interval;
        const event = engine.step();
        if (event === null) return;
        this.events.push(event);
        continue;
      }
      const n = engine.runUntil(target, FAST_CHUNK_EVENTS);
      this.skipped += n;
      if (n < FAST_CHUNK_EVENTS) return;
    }
  }

  private record(event: StepEvent): void {
    const now = this.options.wallClock();
    if (now - this.streamWindowStart >= 1000) {
      this.streamWindowStart = now;
      this.streamInWindow = 0;
    }
    if (this.streamInWindow < this.streamMax && this.events.length < EVENT_BUFFER) {
      this.streamInWindow++;
      this.events.push(event);
    } else this.skipped++;
  }

  private wallSlice(): void {
    const left = this.realUntilEnd(this.options.wallClock());
    if (left <= 0) return this.finish();
    const r = this.engine.runSlice(Math.min(WALL_SLICE_MS, left));
    if (this.realUntilEnd(this.options.wallClock()) <= 0) return this.finish();
    if (!this.options.sliceWaits && r.events === 0 && r.nextEventInMs > 0) this.sleep(Math.min(MAX_SLEEP_MS, r.nextEventInMs, left));
    else this.schedule();
  }
}
