/**
 * The simulation engine: runs a topology with Storm's semantics on a clock (docs/engine.md).
 * This file is its public API and run loop; each concern it drives lives in its own module (see
 * `engine-state.ts` and docs/engine.md, "Where each concern lives").
 *
 * One engine instance is a *host*: it runs every executor of the plan (virtual time, deterministic)
 * or the executors of some Storm workers (wall time, one Web Worker / worker thread per Storm
 * worker), exchanging messages with other hosts through a `Transport`.
 *
 * Execution is a discrete-event simulation. Each executor is a cooperative loop with at most one
 * pending event. At an executor's event at time t: the outputs of its previous call (emits, acker
 * messages) are delivered; then it runs its next call (a bolt's `process` of the next queued
 * tuple; a spout's queued ack/fail notifications then one `nextTuple` round; the acker's queued
 * messages), which keeps it busy for the call's cost c (the cost model, or measured time, plus
 * `sleep`s), and its next event is at t + c. Outputs of a call therefore appear when the call ends.
 */
import { validate } from '../model/validate';
import { ackTuple, failTuple } from './acking';
import { log, reportError, sleep } from './calls';
import { advance, pauseClock, readWall, resumeClock, setWallSpeed, timeSeconds } from './clock';
import { loadComponents } from './components';
import type { EngineOptions, SliceResult } from './engine-options';
import { EngineState, TM_METRICS } from './engine-state';
import { emit } from './emit';
import type { StepEvent } from './events';
import { runExecutor } from './execute';
import type { TaskState } from './executor';
import { addTimer, bootExecutor, crashWorker, fireTimer } from './faults';
import type { LogBuffer } from './logs';
import { METRICS_BUCKET_MS } from './metrics';
import type { PhysicalPlan } from './plan';
import { flushTransport, pollRemote, receive, RemoteInput } from './remote';
import type { EmitOptions, LogLevel } from './runtime-api';
import { inspectTasks } from './inspect';
import { buildHostSnapshot, type HostSnapshot } from './snapshot';
import type { TaskStates } from './task-state';
import type { TaskHost } from './task-api';
import type { RunDatastores } from './datastore/stores';
import type { TransportBatch } from './transport';
import type { Tuple } from './tuple';
import { X_REMOTE, X_SCHEDULED } from './executor';

export type { ClockMode, EngineOptions, RuntimeResolver, SliceResult } from './engine-options';

/** What the engine does for its tasks' calls into the `storm` module. */
class StateTaskHost implements TaskHost {
  constructor(private readonly s: EngineState) {}
  emit(task: TaskState, values: readonly unknown[], options: EmitOptions | undefined): number[] {
    return emit(this.s, task, values, options);
  }
  ack(task: TaskState, tuple: Tuple): void {
    ackTuple(this.s, task, tuple);
  }
  fail(task: TaskState, tuple: Tuple): void {
    failTuple(this.s, task, tuple);
  }
  log(task: TaskState, level: LogLevel, message: string): void {
    log(this.s, task, level, message);
  }
  reportError(task: TaskState, message: string): void {
    reportError(this.s, task, message);
  }
  sleep(seconds: number): void {
    sleep(this.s, seconds);
  }
  time(): number {
    return timeSeconds(this.s);
  }
  datastores(): RunDatastores {
    if (this.s.hostCount > 1) {
      throw new Error('The run\'s Redis and MongoDB live in one host: this run spreads its Storm workers over several (start it again: Storm Studio then keeps a topology that uses them in one host).');
    }
    return this.s.datastores;
  }
}

export class Engine {
  /** Storm's physical plan of the run (tasks, executors, workers). */
  readonly plan: PhysicalPlan;
  /** The host's log lines (also in snapshots, after a cursor). */
  readonly logs: LogBuffer;
  private readonly state: EngineState;
  private readonly remote: RemoteInput;

  private constructor(state: EngineState) {
    this.state = state;
    this.plan = state.plan;
    this.logs = state.logs;
    this.remote = new RemoteInput(state);
  }

  /**
   * Loads the hosted components' code with their runtimes and starts the topology at time 0
   * (instances created and initialized, spouts scheduled, timers set).
   * Rejects with a `ComponentError` when a component's code cannot be loaded.
   *
   * @example
   * const engine = await Engine.create({ document, seed: 42, runtimes: defaultRegistry().resolver() });
   * engine.runUntil(10_000);          // ten seconds of virtual time
   * engine.snapshot().components.count.windows.all.executed
   */
  static async create(options: EngineOptions): Promise<Engine> {
    const errors = validate(options.document).filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      throw new Error(`The topology cannot run (${errors.length} error${errors.length > 1 ? 's' : ''}):\n${errors.map((d) => `${d.code}: ${d.message}`).join('\n')}`);
    }
    const components = await loadComponents(options);
    const engine = new Engine(new EngineState(options, components, (s) => new StateTaskHost(s)));
    engine.start();
    return engine;
  }

  private start(): void {
    const s = this.state;
    addTimer(s, TM_METRICS, -1, -1, METRICS_BUCKET_MS, METRICS_BUCKET_MS);
    for (const ex of s.executors) if (ex.state !== X_REMOTE) bootExecutor(s, ex);
    flushTransport(s);
  }

  /** Engine time in ms (virtual time, or wall time since the run's start). */
  get time(): number {
    return this.state.now;
  }

  /** Events processed so far. */
  get eventCount(): number {
    return this.state.events;
  }

  /** Time of the next scheduled event (Infinity when nothing is scheduled). */
  nextEventTime(): number {
    return this.state.agenda.peekTime();
  }

  /**
   * Wall mode: moves engine time 0 to wall-clock `ms` (e.g. when the hosts of a run, loaded at
   * different times, start together). Only before the first event.
   */
  setWallStart(ms: number): void {
    if (this.state.events > 0) throw new Error('setWallStart: the run has already started.');
    this.state.wallStart = ms;
  }

  /** Is a Storm worker of this host running (not crashed / restarting)? */
  isWorkerAlive(worker: number): boolean {
    return this.state.workerAlive[worker] ?? false;
  }

  // ───────────────────────────── running ─────────────────────────────

  /**
   * Processes the next event and describes it (the teaching step mode); null when nothing is
   * scheduled. Housekeeping events (metrics rotation) are described too.
   */
  step(): StepEvent | null {
    const s = this.state;
    if (s.link !== null) pollRemote(s, this.remote);
    if (s.agenda.size === 0) return null;
    s.describing = true;
    s.trace = null;
    s.traceAlso = null;
    try {
      while (s.agenda.size > 0) {
        if (this.runNext(s.agenda.peekTime())) break;
      }
    } finally {
      s.describing = false;
    }
    flushTransport(s);
    const trace = s.trace as StepEvent | null;
    // The event's other calls go last, as a spread would put them (the events are fresh objects).
    if (trace !== null && s.traceAlso !== null) trace.also = s.traceAlso;
    return trace;
  }

  /**
   * Virtual time: processes every event up to and including time `t` (ms), then sets the clock to
   * `t`. Returns the number of events processed. `maxEvents` bounds the work of one call.
   *
   * `runUntil(Infinity, n)` runs exactly the next n events, in the order n `step()` calls would,
   * without describing them: an event stream that keeps only some events (the app's keeps at most
   * N per second) can step the ones it keeps and run the others this way (tested event by event).
   */
  runUntil(t: number, maxEvents = Infinity): number {
    const s = this.state;
    if (s.link !== null) pollRemote(s, this.remote);
    const n = this.runEvents(t, maxEvents);
    if (s.agenda.peekTime() > t && t > s.now) s.now = t;
    flushTransport(s);
    return n;
  }

  /**
   * The loop of `runUntil`, alone in its function: V8 compiles a long first run of it on the stack
   * (OSR) before the code after the loop ever ran, and a call there without type feedback would
   * throw that code away at every exit.
   */
  private runEvents(t: number, maxEvents: number): number {
    const agenda = this.state.agenda;
    let n = 0;
    while (n < maxEvents) {
      const next = agenda.peekTime();
      if (next > t) break;
      if (this.runNext(next)) n++;
    }
    return n;
  }

  /**
   * Virtual time, as fast as possible but in slices: processes events up to time `until` for at
   * most `budgetMs` of real time (the clock is checked every 256 events), so a Web Worker stays
   * responsive between slices. Needs `wallClock`. Returns the number of events processed.
   *
   * @example
   * // the adapter's loop: a slice, then yield to messages (pause, snapshot, step…)
   * const tick = () => { engine.runVirtualFor(20, pausedAt); setTimeout(tick, 0); };
   */
  runVirtualFor(budgetMs: number, until = Infinity): number {
    const clock = this.state.wallClock;
    if (!clock) throw new Error('runVirtualFor needs a wallClock.');
    const end = clock() + budgetMs;
    let n = 0;
    for (;;) {
      const ran = this.runUntil(until, 256);
      n += ran;
      if (ran < 256 || clock() >= end) return n;
    }
  }

  /**
   * Wall time: runs due events for up to `budgetMs` of real time. When nothing is due it waits with
   * `options.idle` if given (until the next event or the end of the budget), else returns early.
   */
  runSlice(budgetMs: number): SliceResult {
    const s = this.state;
    const clock = s.wallClock!;
    const idle = s.options.idle;
    const endReal = clock() + budgetMs;
    let n = 0;
    let next = 0;
    const link = s.link;
    if (link !== null) pollRemote(s, this.remote);
    let wall = readWall(s);
    for (;;) {
      const due = s.agenda.peekTime();
      if (due <= wall - s.wallStart) {
        if (this.runNext(due)) n++;
        // Calls read the clock; check the budget only now and then. With rings, publish what was
        // written and read what came every 256 events: more often, the two cores spend more time
        // passing the rings' positions back and forth than the batches save in latency.
        if ((n & 15) === 0) {
          if (clock() >= endReal) break;
          if (link !== null && (n & 255) === 0) {
            flushTransport(s);
            pollRemote(s, this.remote);
          }
          wall = readWall(s);
        } else wall = s.lastWall;
        continue;
      }
      wall = readWall(s);
      if (due <= wall - s.wallStart) continue;
      const real = clock();
      if (real >= endReal) break;
      if (link !== null && pollRemote(s, this.remote) > 0) continue;
      next = (due - (wall - s.wallStart)) / s.speed;
      // With rings, wait even with nothing scheduled: another host may send something.
      if (!idle || (due === Infinity && link === null)) break;
      flushTransport(s);
      idle(Math.min(next, endReal - real));
      wall = readWall(s);
    }
    flushTransport(s);
    return { events: n, nextEventInMs: next };
  }

  /**
   * Processes the earliest entry of the agenda, whose time `t` the caller has just read with
   * `peekTime`; false when it was stale (a reset executor or timer).
   */
  private runNext(t: number): boolean {
    const s = this.state;
    const agenda = s.agenda;
    const item = agenda.peekItem();
    const gen = agenda.peekGen();
    agenda.pop();
    const nExec = s.nExec;
    if (item < nExec) {
      const ex = s.executors[item]!;
      if (gen !== ex.gen || ex.state !== X_SCHEDULED) return false;
      advance(s, t);
      s.events++;
      runExecutor(s, ex);
      return true;
    }
    const timer = s.timers[item - nExec]!;
    if (gen !== timer.gen) return false;
    advance(s, t);
    s.events++;
    fireTimer(s, timer, item);
    return true;
  }

  // ───────────────────────────── clocks ─────────────────────────────

  /**
   * Wall mode: runs the engine's clock at `speed` × real time from real time `atReal` on (0.1: ten
   * times slower, to watch a run; 1: real time). Measured costs and sleeps follow the engine's
   * clock. Hosts of one run must get the same speed and `atReal`.
   */
  setWallSpeed(speed: number, atReal = this.state.wallClock!()): void {
    setWallSpeed(this.state, speed, atReal);
  }

  /**
   * Wall mode: freezes the engine's clock (the page's pause); `resumeClock` continues from where it
   * stopped, so events due during the pause do not all fire at once. Hosts of a run pause together.
   */
  pauseClock(atReal = this.state.wallClock!()): void {
    pauseClock(this.state, atReal);
  }

  resumeClock(atReal = this.state.wallClock!()): void {
    resumeClock(this.state, atReal);
  }

  // ───────────────────────────── faults ─────────────────────────────

  /**
   * Kills a Storm worker of this host, as when its process dies: its executors' queues, pending
   * tuples and acker entries are lost; the worker restarts after `simulation.workerRestartSecs`.
   */
  killWorker(worker: number, reason = 'killed'): void {
    if (!this.state.hostedWorkers.includes(worker)) throw new RangeError(`Worker ${worker} is not run by this host.`);
    crashWorker(this.state, worker, { task: null, error: reason, tuple: null, call: 'kill' });
  }

  // ───────────────────────────── other hosts ─────────────────────────────

  /** Sends the pending batches to the other hosts (every run call does it before returning). */
  flushTransport(): void {
    flushTransport(this.state);
  }

  /** Delivers a batch from another host into this host's queues. */
  receive(batch: TransportBatch): void {
    receive(this.state, this.remote, batch);
  }

  /** With `rings`: has another host published messages this host has not read yet? */
  hasRemoteInput(): boolean {
    const link = this.state.link;
    return link !== null && link.hasInput;
  }

  // ───────────────────────────── snapshots ─────────────────────────────

  /**
   * The host's state as plain data (metrics over every window, queues, pending counts, workers,
   * logs after `logsAfter`, lineage): produced on request, never per tuple.
   */
  snapshot(options: { logsAfter?: number; maxLogs?: number; lineage?: boolean } = {}): HostSnapshot {
    return buildHostSnapshot(this.state, options);
  }

  /**
   * Every hosted task's own state (its component instance's public fields, bounded; task-state.ts),
   * read between events: call it while the run is paused or before stopping it.
   */
  inspectTasks(): TaskStates {
    return inspectTasks(this.state);
  }

  /** Frees the runtimes' instances. The engine is unusable afterwards. */
  dispose(): void {
    const s = this.state;
    s.agenda.clear();
    for (const ex of s.executors) for (const t of ex.tasks) t.instance = null;
  }
}
