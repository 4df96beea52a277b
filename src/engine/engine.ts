/**
 * The simulation engine: runs a topology with Storm's semantics on a clock (SPEC §2–§4).
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
import { ACKER_COMPONENT } from '../model/ids';
import { TICK_FREQ_KEY, type TopologyDocument } from '../model/types';
import { validate } from '../model/validate';
import { AckerLedger, ACKER_COMPLETE, ACKER_PENDING } from './acker';
import { CallLog, describeOutcome, describeStep, NONE } from './describe';
import { pythonRepr } from './python-repr';
import { errorName, errorSummary, errorText } from './errors';
import type { StepEvent } from './events';
import { Agenda } from './agenda';
import {
  type ComponentInfo,
  type CrashInfo,
  Executor,
  R_ACKER,
  R_BOLT,
  R_SPOUT,
  TaskState,
  X_BLOCKED,
  X_DEAD,
  X_IDLE,
  X_REMOTE,
  X_SCHEDULED,
} from './executor';
import { buildEdges, buildRoutes, type Edge, type StreamRoute } from './groupings';
import { floorMod } from './java-hash';
import { describeValues, LineageStore } from './lineage';
import { LogBuffer } from './logs';
import {
  counterLayout,
  E_BUSY_MS,
  E_EMPTY_WAIT_MS,
  E_LOST,
  E_MAX_PENDING_MS,
  E_THROTTLED_MS,
  H_COMPLETE,
  H_EXECUTE,
  H_PROCESS,
  METRICS_BUCKET_MS,
  MetricsStore,
  T_ACKED,
  T_CALLS,
  T_COMPLETE_MS,
  T_COMPLETE_N,
  T_EMITTED,
  T_EXEC_MS,
  T_EXEC_N,
  T_EXECUTED,
  T_FAILED,
  T_PROC_MS,
  T_PROC_N,
  T_TICKS,
  T_TIMEOUTS,
  T_TRANSFERRED,
} from './metrics';
import { buildPlan, type PhysicalPlan } from './plan';
import { Rng, type Seed } from './rng';
import {
  FailedException,
  type EmitOptions,
  type LogLevel,
  type TaskContext,
  type TupleView,
} from './runtime-api';
import { buildHostSnapshot, type HostSnapshot } from './snapshot';
import { EngineTaskApi } from './task-api';
import { SpoutPending } from './spout-pending';
import { BatchWriter, readBatch, streamTable, type TransportBatch } from './transport';
import { RingLink } from './ring-link';
import { hex64, K_ACK_ACK, K_ACK_FAIL, K_ACK_INIT, K_SPOUT_ACK, K_SPOUT_FAIL, K_TICK, K_USER, Tuple, TuplePool } from './tuple';
import { WATCH_SEQ, WATCH_TASK } from './watch';

import { loadComponents } from './components';
import type { ClockMode, EngineOptions, SliceResult } from './engine-options';
export type { ClockMode, EngineOptions, RuntimeResolver, SliceResult } from './engine-options';

/** What an acker update did, for step descriptions. */
type AckerUpdate = { op: 'init' | 'ack' | 'fail'; root: string; value: string; result: 'pending' | 'complete' | 'failed' };
const ACKER_OPS = ['init', 'ack', 'fail'] as const;

function ackerUpdate(op: number, t: Tuple, ledger: AckerLedger, result: number): AckerUpdate {
  return {
    op: ACKER_OPS[op]!,
    root: hex64(t.rh, t.rl),
    value: hex64(ledger.lastValH, ledger.lastValL),
    result: result === ACKER_PENDING ? 'pending' : result === ACKER_COMPLETE ? 'complete' : 'failed',
  };
}

const PRIO_TIMER = 0;
const PRIO_EXEC = 1;
const TM_TICK = 0;
const TM_METRICS = 1;
const TM_RESTART = 2;
const EMPTY: readonly number[] = Object.freeze([] as number[]);
const DEFAULT_QUEUE = 32768;
const DEFAULT_EPOCH = Date.UTC(2026, 0, 1);

interface Timer {
  kind: number;
  executor: number;
  worker: number;
  period: number;
  gen: number;
}

export class Engine {
  readonly plan: PhysicalPlan;
  readonly document: TopologyDocument;
  readonly clock: ClockMode;
  readonly seed: Seed;
  readonly host: number;
  readonly hostedWorkers: readonly number[];
  readonly edges: readonly Edge[];
  readonly components: readonly ComponentInfo[];
  readonly metrics: MetricsStore;
  readonly logs: LogBuffer;
  readonly lineage: LineageStore | null;

  private now = 0;
  private readonly agenda = new Agenda(PRIO_EXEC, 128);
  private readonly executors: Executor[] = [];
  private readonly tasks: (TaskState | undefined)[];
  private readonly execOfTask: Int32Array;
  /** The executor of each task id (index 0 unused). */
  private readonly taskExecutor: Executor[] = [];
  private readonly edgeBase: number;
  private readonly hostOfTask: Int32Array;
  private readonly ackerTasks: Int32Array;
  private readonly acking: boolean;
  private readonly timers: Timer[] = [];
  private readonly freeTimers: number[] = [];
  private readonly workerAlive: boolean[];
  private readonly pool = new TuplePool();
  private scratch: Int32Array;
  private scratchEdge: Int32Array;
  private readonly single: (readonly number[])[];
  private readonly counters: Float64Array;
  private readonly onError: 'crash-worker' | 'fail-tuple';
  private readonly restartMs: number;
  private readonly measure: boolean;
  private readonly ackerCost: number;
  private readonly waitMs: number;
  private readonly debug: boolean;
  private readonly streams: { readonly names: string[]; readonly index: Map<string, number> };
  private readonly writers: (BatchWriter | null)[];
  private readonly hostCount: number;
  private readonly remoteCongested: Uint8Array;
  private congestionChanged = false;
  private readonly batchSize: number;
  private readonly link: RingLink | null;
  private readonly wallClock: (() => number) | undefined;
  private wallStart: number;
  private lastWall = 0;
  private speed = 1;
  private anchorReal = 0;
  private anchorScaled = 0;
  private paused = false;
  private readonly epoch: number;
  private readonly options: EngineOptions;
  /** Hot-path copies of options. */
  private readonly nExec: number;
  private readonly wallMode: boolean;
  private readonly watch: Int32Array | undefined;
  private readonly lastErrors = new Map<string, { time: number; task: number; message: string }>();
  private events = 0;
  private tupleSeq = 0;
  private restartCount = 0;

  // The call in progress.
  private callBase = 0;
  private callSleep = 0;
  private callExtra = 0;
  private emitCounter = 0;
  /** Tuples acked or failed explicitly during the call in progress (for process latency and lineage). */
  private acked: Tuple[] = [];
  private ackedFailed = new Uint8Array(64);
  private ackedN = 0;
  // Step descriptions.
  private describing = false;
  private trace: StepEvent | null = null;
  private traceAlso: StepEvent[] | null = null;
  private readonly callLog = new CallLog();

  private constructor(options: EngineOptions, components: ComponentInfo[]) {
    const doc = options.document;
    this.options = options;
    this.document = doc;
    this.plan = buildPlan(doc);
    this.clock = options.clock ?? 'virtual';
    this.wallMode = this.clock === 'wall';
    this.watch = options.watch;
    this.seed = options.seed ?? 1;
    this.components = components;
    this.edges = buildEdges(doc, this.plan);
    const plan = this.plan;
    const allWorkers = Array.from({ length: plan.workers }, (_, w) => w);
    this.hostedWorkers = options.workers ?? allWorkers;
    const hosted = new Set(this.hostedWorkers);
    const hostOfWorker = options.hostOfWorker ?? (hosted.size === plan.workers ? allWorkers.map(() => 0) : allWorkers);
    this.host = hostOfWorker[this.hostedWorkers[0] ?? 0] ?? 0;
    this.hostCount = Math.max(...hostOfWorker) + 1;
    if (this.hostCount > 1 && !options.transport) throw new Error('A transport is needed when other hosts run some workers.');
    this.writers = Array.from({ length: this.hostCount }, (_, h) => (h === this.host ? null : new BatchWriter()));
    this.batchSize = options.batchSize ?? 512;
    this.link = options.rings && this.hostCount > 1 ? new RingLink(options.rings, this.host, this.hostCount, options.transport!, 256, (t) => this.pool.give(t)) : null;
    this.wallClock = options.wallClock;
    if (this.clock === 'wall' && !this.wallClock) throw new Error('Wall-clock mode needs a wallClock.');
    this.wallStart = options.wallStart ?? this.wallClock?.() ?? 0;
    this.lastWall = this.wallClock?.() ?? 0;
    this.epoch = options.virtualEpochMs ?? DEFAULT_EPOCH;
    const sim = doc.simulation;
    this.onError = sim.onError;
    this.restartMs = sim.workerRestartSecs * 1000;
    this.measure = this.clock === 'wall' || sim.measureCost;
    if (this.measure && !this.wallClock) throw new Error('measureCost needs a wallClock to measure calls.');
    this.ackerCost = options.ackerCostMs ?? 0;
    const custom = doc.config.custom;
    const wait = custom['topology.spout.wait.progressive.level3.sleep.millis'] ?? custom['topology.sleep.spout.wait.strategy.time.ms'];
    this.waitMs = typeof wait === 'number' && wait >= 0 ? wait : 1;
    this.debug = doc.config.debug;
    this.acking = plan.ackers > 0;
    this.ackerTasks = Int32Array.from(plan.tasks[ACKER_COMPONENT] ?? []);
    this.streams = streamTable(doc);
    this.logs = new LogBuffer(options.logCapacity ?? 10_000);
    this.lineage = options.lineage === false || !this.acking ? null : new LineageStore(options.lineage ?? {}, this.hostCount > 1);
    this.workerAlive = allWorkers.map(() => true);

    const layout = counterLayout(plan.maxTask, plan.executors.length, this.edges.length);
    const byId = new Map(components.map((c) => [c.id, c]));
    this.metrics = new MetricsStore(
      layout,
      plan.executors.map((e) => byId.get(e.component)!.index),
      components.map((c) => c.id),
      0,
    );
    this.counters = this.metrics.counters;
    this.edgeBase = layout.edgeBase;

    this.execOfTask = new Int32Array(plan.maxTask + 1).fill(-1);
    this.hostOfTask = new Int32Array(plan.maxTask + 1).fill(-1);
    this.tasks = new Array<TaskState | undefined>(plan.maxTask + 1);
    this.remoteCongested = new Uint8Array(plan.maxTask + 1);
    this.single = Array.from({ length: plan.maxTask + 1 }, (_, t) => Object.freeze([t]));
    let capacity = options.queueCapacity ?? (typeof custom['topology.executor.receive.buffer.size'] === 'number' ? custom['topology.executor.receive.buffer.size'] : DEFAULT_QUEUE);
    capacity = 2 ** Math.ceil(Math.log2(Math.max(2, capacity)));

    let maxTargets = 1;
    for (const pe of plan.executors) {
      const info = byId.get(pe.component)!;
      const local = hosted.has(pe.worker);
      const rng = new Rng(this.seed, 'executor', pe.id);
      const ex = new Executor(pe.id, info, pe.worker, pe.tasks, capacity, rng, this.metrics.executorBase(pe.id), local);
      this.executors.push(ex);
      for (let t = pe.tasks[0]; t <= pe.tasks[1]; t++) {
        this.execOfTask[t] = pe.id;
        this.taskExecutor[t] = ex;
        this.hostOfTask[t] = hostOfWorker[pe.worker] ?? 0;
      }
      if (!local) continue;
      if (info.role !== R_ACKER) {
        ex.routes = buildRoutes(doc, plan, this.edges, info.id, pe.worker, rng, this.streams.index);
        for (const r of ex.routes.values()) maxTargets = Math.max(maxTargets, r.maxTargets);
      }
      if (info.role === R_SPOUT) {
        ex.pending = new SpoutPending(pe.tasks[0], pe.tasks[1] - pe.tasks[0] + 1);
        const msp = doc.config.maxSpoutPending;
        ex.maxPending = msp === null ? 0 : msp * (pe.tasks[1] - pe.tasks[0] + 1);
      }
      if (info.role === R_ACKER) ex.ledger = new AckerLedger();
      const ids = plan.tasks[info.id]!;
      for (let t = pe.tasks[0]; t <= pe.tasks[1]; t++) {
        const task = new TaskState(t, ids.indexOf(t), ex, info, (self) => new EngineTaskApi(this, self), new Rng(this.seed, 'task', t), this.metrics.taskBase(t));
        task.defaultRoute = ex.routes.get('default');
        ex.tasks.push(task);
        this.tasks[t] = task;
      }
    }
    this.nExec = this.executors.length;
    this.scratch = new Int32Array(Math.max(16, maxTargets));
    this.scratchEdge = new Int32Array(this.scratch.length);
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
    const engine = new Engine(options, components);
    engine.start();
    return engine;
  }

  /** Engine time in ms (virtual time, or wall time since the run's start). */
  get time(): number {
    return this.now;
  }

  /** Events processed so far. */
  get eventCount(): number {
    return this.events;
  }

  /** Time of the next scheduled event (Infinity when nothing is scheduled). */
  nextEventTime(): number {
    return this.agenda.peekTime();
  }

  /**
   * Wall mode: moves engine time 0 to wall-clock `ms` (e.g. when the hosts of a run, loaded at
   * different times, start together). Only before the first event.
   */
  setWallStart(ms: number): void {
    if (this.events > 0) throw new Error('setWallStart: the run has already started.');
    this.wallStart = ms;
  }

  /** Is a Storm worker of this host running (not crashed / restarting)? */
  isWorkerAlive(worker: number): boolean {
    return this.workerAlive[worker] ?? false;
  }

  // ───────────────────────────── running ─────────────────────────────

  /**
   * Processes the next event and describes it (the teaching step mode); null when nothing is
   * scheduled. Housekeeping events (metrics rotation) are described too.
   */
  step(): StepEvent | null {
    if (this.link !== null) this.pollRemote();
    if (this.agenda.size === 0) return null;
    this.describing = true;
    this.trace = null;
    this.traceAlso = null;
    try {
      while (this.agenda.size > 0) {
        if (this.runNext(this.agenda.peekTime())) break;
      }
    } finally {
      this.describing = false;
    }
    this.flushTransport();
    const trace = this.trace as StepEvent | null;
    // The event's other calls go last, as a spread would put them (the events are fresh objects).
    if (trace !== null && this.traceAlso !== null) (trace as { also?: readonly StepEvent[] }).also = this.traceAlso;
    return trace;
  }

  /** Records the description of a call of the event being stepped (the first, or one more). */
  private addTrace(event: StepEvent): void {
    if (this.trace === null) this.trace = event;
    else (this.traceAlso ??= []).push(event);
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
    if (this.link !== null) this.pollRemote();
    const n = this.runEvents(t, maxEvents);
    if (this.agenda.peekTime() > t && t > this.now) this.now = t;
    this.flushTransport();
    return n;
  }

  /**
   * The loop of `runUntil`, alone in its function: V8 compiles a long first run of it on the stack
   * (OSR) before the code after the loop ever ran, and a call there without type feedback would
   * throw that code away at every exit.
   */
  private runEvents(t: number, maxEvents: number): number {
    const agenda = this.agenda;
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
    if (!this.wallClock) throw new Error('runVirtualFor needs a wallClock.');
    const end = this.wallClock() + budgetMs;
    let n = 0;
    for (;;) {
      const ran = this.runUntil(until, 256);
      n += ran;
      if (ran < 256 || this.wallClock() >= end) return n;
    }
  }

  /**
   * Wall time: runs due events for up to `budgetMs` of real time. When nothing is due it waits with
   * `options.idle` if given (until the next event or the end of the budget), else returns early.
   */
  runSlice(budgetMs: number): SliceResult {
    const clock = this.wallClock!;
    const endReal = clock() + budgetMs;
    let n = 0;
    let next = 0;
    const link = this.link;
    if (link !== null) this.pollRemote();
    let wall = this.readWall();
    for (;;) {
      const due = this.agenda.peekTime();
      if (due <= wall - this.wallStart) {
        if (this.runNext(due)) n++;
        // Calls read the clock; check the budget only now and then. With rings, publish what was
        // written and read what came every 256 events: more often, the two cores spend more time
        // passing the rings' positions back and forth than the batches save in latency.
        if ((n & 15) === 0) {
          if (clock() >= endReal) break;
          if (link !== null && (n & 255) === 0) {
            this.flushTransport();
            this.pollRemote();
          }
          wall = this.readWall();
        } else wall = this.lastWall;
        continue;
      }
      wall = this.readWall();
      if (due <= wall - this.wallStart) continue;
      const real = clock();
      if (real >= endReal) break;
      if (link !== null && this.pollRemote() > 0) continue;
      next = (due - (wall - this.wallStart)) / this.speed;
      // With rings, wait even with nothing scheduled: another host may send something.
      if (!this.options.idle || (due === Infinity && link === null)) break;
      this.flushTransport();
      this.options.idle(Math.min(next, endReal - real));
      wall = this.readWall();
    }
    this.flushTransport();
    return { events: n, nextEventInMs: next };
  }

  /**
   * Wall mode: runs the engine's clock at `speed` × real time from real time `atReal` on (0.1: ten
   * times slower, to watch a run; 1: real time). Measured costs and sleeps follow the engine's
   * clock. Hosts of one run must get the same speed and `atReal`.
   */
  setWallSpeed(speed: number, atReal = this.wallClock!()): void {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be a number > 0, got ${speed}`);
    if (!this.paused) this.anchorScaled = this.anchorScaled + (atReal - this.anchorReal) * this.speed;
    this.anchorReal = atReal;
    this.speed = speed;
  }

  /**
   * Wall mode: freezes the engine's clock (the page's pause); `resumeClock` continues from where it
   * stopped, so events due during the pause do not all fire at once. Hosts of a run pause together.
   */
  pauseClock(atReal = this.wallClock!()): void {
    if (this.paused) return;
    this.anchorScaled = this.anchorScaled + (atReal - this.anchorReal) * this.speed;
    this.anchorReal = atReal;
    this.paused = true;
  }

  resumeClock(atReal = this.wallClock!()): void {
    if (!this.paused) return;
    this.anchorReal = atReal;
    this.paused = false;
  }

  /** The engine's wall clock (real time, scaled by `setWallSpeed`, frozen while paused), remembered as `lastWall`. */
  private readWall(): number {
    const real = this.wallClock!();
    if (this.paused) this.lastWall = this.anchorScaled;
    else this.lastWall = this.speed === 1 && this.anchorReal === this.anchorScaled ? real : this.anchorScaled + (real - this.anchorReal) * this.speed;
    return this.lastWall;
  }

  /**
   * Processes the earliest entry of the agenda, whose time `t` the caller has just read with
   * `peekTime`; false when it was stale (a reset executor or timer).
   */
  private runNext(t: number): boolean {
    const agenda = this.agenda;
    const item = agenda.peekItem();
    const gen = agenda.peekGen();
    agenda.pop();
    const nExec = this.nExec;
    if (item < nExec) {
      const ex = this.executors[item]!;
      if (gen !== ex.gen || ex.state !== X_SCHEDULED) return false;
      this.advance(t);
      this.events++;
      this.runExecutor(ex);
      return true;
    }
    const timer = this.timers[item - nExec]!;
    if (gen !== timer.gen) return false;
    this.advance(t);
    this.events++;
    this.fireTimer(timer, item);
    return true;
  }

  private advance(t: number): void {
    if (this.wallMode) {
      // The clock as last read (by the run loop or the end of the previous call).
      const w = this.lastWall - this.wallStart;
      this.now = w > t ? w : t;
    } else if (t > this.now) this.now = t;
  }

  /**
   * Schedules the running executor's next event, in the agenda's self slot: when no other event
   * comes first, the run loop takes it without touching the heap.
   */
  private again(ex: Executor, time: number): void {
    ex.state = X_SCHEDULED;
    ex.gen = (ex.gen + 1) | 0;
    this.agenda.setSelf(time, ex.id, ex.gen);
  }

  /** Gives the executor its (only) pending event, now; an older one, if any, becomes stale. */
  private schedule(ex: Executor): void {
    ex.state = X_SCHEDULED;
    ex.gen = (ex.gen + 1) | 0;
    this.agenda.pushNow(this.now, ex.id, ex.gen);
  }

  private wake(ex: Executor): void {
    if (ex.state === X_BLOCKED && ex.blockedSince >= 0) {
      this.counters[ex.base + E_THROTTLED_MS]! += this.now - ex.blockedSince;
      ex.blockedSince = -1;
    }
    this.schedule(ex);
  }

  private block(ex: Executor): void {
    ex.state = X_BLOCKED;
    if (ex.blockedSince < 0) ex.blockedSince = this.now;
    if (this.describing) this.addTrace({ time: this.now, kind: 'wait', component: ex.component.id, executor: ex.id, reason: 'backpressure', until: Infinity });
  }

  private runExecutor(ex: Executor): void {
    if (ex.outN > 0) this.flushOutbox(ex);
    if (ex.crash !== null) {
      const crash = ex.crash;
      ex.crash = null;
      this.crashWorker(ex.worker, crash);
      return;
    }
    const role = ex.component.role;
    if (role === R_BOLT) this.runBolt(ex);
    else if (role === R_SPOUT) this.runSpout(ex);
    else this.runAcker(ex);
  }

  // ───────────────────────────── bolts ─────────────────────────────

  private runBolt(ex: Executor): void {
    if (ex.overflow.length > 0 && !this.flushOverflow(ex)) {
      this.block(ex);
      return;
    }
    const t = ex.queue.shift();
    if (t === undefined) {
      ex.state = X_IDLE;
      if (this.describing) this.addTrace({ time: this.now, kind: 'idle', component: ex.component.id, executor: ex.id });
      return;
    }
    this.dequeued(ex);
    const cost = t.kind === K_TICK ? this.executeTick(ex, t) : this.execute(ex, ex.tasks[t.dest - ex.firstTask]!, t);
    this.again(ex, this.now + cost);
  }

  /** Runs `process(tuple)` on a bolt task; returns the cost (ms). */
  private execute(ex: Executor, task: TaskState, t: Tuple): number {
    const start = this.now;
    task.current = t;
    const before = this.beginCall(task, start);
    let error: unknown = null;
    try {
      task.instance!.process(t);
    } catch (e) {
      error = e;
    }
    const cost = this.endCall(task, before);
    task.current = null;
    const c = this.counters;
    const base = task.base;
    if (error !== null) this.processError(ex, task, t, error);
    else if (task.basic && t.done === 0 && this.ackTuple(task, t, false)) {
      // BasicBolt's ack right after process: its process latency is the call's cost.
      c[base + T_PROC_MS]! += cost;
      c[base + T_PROC_N]! += 1;
      this.metrics.recordLatency(ex.id, H_PROCESS, cost);
      if (t.sampled) this.markSampled(t, start + cost);
    }
    c[base + T_EXECUTED]! += 1;
    c[base + T_EXEC_MS]! += cost;
    c[base + T_EXEC_N]! += 1;
    c[ex.base + E_BUSY_MS]! += cost;
    this.metrics.recordLatency(ex.id, H_EXECUTE, cost);
    if (this.ackedN > 0) this.finishAcks(ex, start + cost, t, start);
    // Still pending (a Bolt acks it in a later call): remember when its process started.
    if (t.done === 0) t.startTime = start;
    if (this.describing) this.describeCall(ex, task, 'execute', start, start + cost, error, t);
    return cost;
  }

  /** Lineage: a sampled tuple acked at `time`. */
  private markSampled(t: Tuple, time: number): void {
    this.lineage?.markNode(t.rh, t.rl, t.id, time, false);
  }

  /** An exception from `process`: FailedException fails a BasicBolt's input, anything else is a user error. */
  private processError(ex: Executor, task: TaskState, t: Tuple, error: unknown): void {
    if (error instanceof FailedException && task.basic) {
      if (t.done === 0) this.failTuple(task, t);
    } else this.userError(ex, task, error, t, 'process');
  }

  /** Delivers a tick tuple to every task of a bolt executor (Storm broadcasts it inside the executor). */
  private executeTick(ex: Executor, tick: Tuple): number {
    let total = 0;
    for (const task of ex.tasks) {
      const start = this.now + total;
      task.current = tick;
      const before = this.beginCall(task, start);
      let error: unknown = null;
      try {
        task.instance!.process(tick);
      } catch (e) {
        if (!(e instanceof FailedException && task.basic)) {
          this.userError(ex, task, e, tick, 'process');
          error = e;
        }
      }
      const cost = this.endCall(task, before);
      task.current = null;
      total += cost;
      this.counters[task.base + T_TICKS]! += 1;
      if (this.ackedN > 0) this.finishAcks(ex, start + cost, null, start);
      if (this.describing) this.describeCall(ex, task, 'tick', start, start + cost, error, null);
      if (ex.crash !== null) break;
    }
    this.counters[ex.base + E_BUSY_MS]! += total;
    return total;
  }

  // ───────────────────────────── spouts ─────────────────────────────

  private runSpout(ex: Executor): void {
    let cost = 0;
    while (ex.queue.length > 0 && ex.crash === null) cost += this.spoutMessage(ex, ex.queue.shift()!, cost);
    this.dequeued(ex);
    if (ex.crash !== null) {
      this.again(ex, this.now + cost);
      return;
    }
    if (ex.overflow.length > 0 && !this.flushOverflow(ex)) {
      if (cost > 0) this.again(ex, this.now + cost);
      else this.block(ex);
      return;
    }
    if (ex.maxPending > 0 && ex.pending!.size >= ex.maxPending) {
      this.counters[ex.base + E_MAX_PENDING_MS]! += this.waitMs;
      if (this.describing) this.addTrace({ time: this.now + cost, kind: 'wait', component: ex.component.id, executor: ex.id, reason: 'max-spout-pending', until: this.now + cost + this.waitMs });
      this.again(ex, this.now + cost + this.waitMs);
      return;
    }
    const emitsBefore = this.emitCounter;
    for (const task of ex.tasks) {
      const start = this.now + cost;
      const before = this.beginCall(task, start);
      let error: unknown = null;
      try {
        task.instance!.nextTuple();
      } catch (e) {
        error = e;
      }
      const c = this.endCall(task, before);
      cost += c;
      this.counters[task.base + T_CALLS]! += 1;
      this.counters[ex.base + E_BUSY_MS]! += c;
      if (error !== null) this.userError(ex, task, error, null, 'nextTuple');
      if (this.describing) this.describeCall(ex, task, 'nextTuple', start, start + c, error, null);
      if (ex.crash !== null) break;
    }
    if (this.emitCounter === emitsBefore && ex.crash === null) {
      cost += this.waitMs;
      this.counters[ex.base + E_EMPTY_WAIT_MS]! += this.waitMs;
    }
    this.again(ex, this.now + cost);
  }

  /** An acker notification or a tick reaching a spout executor; returns the cost of the user calls. */
  private spoutMessage(ex: Executor, t: Tuple, offset: number): number {
    const pending = ex.pending!;
    if (t.kind === K_TICK) {
      let cost = 0;
      for (const e of pending.rotate()) cost += this.spoutOutcome(ex, pending, e, 'spout-timeout', offset + cost);
      return cost;
    }
    const e = pending.take(t.rh, t.rl);
    const kind = t.kind === K_SPOUT_ACK ? 'spout-ack' : 'spout-fail';
    this.pool.give(t);
    return e < 0 ? 0 : this.spoutOutcome(ex, pending, e, kind, offset);
  }

  private spoutOutcome(ex: Executor, pending: SpoutPending, e: number, kind: 'spout-ack' | 'spout-fail' | 'spout-timeout', offset: number): number {
    const task = ex.tasks[pending.taskOf(e) - ex.firstTask]!;
    const messageId = pending.messageIdOf(e);
    const start = this.now + offset;
    const latency = start - pending.emitTimeOf(e);
    const rh = pending.rootHiOf(e);
    const rl = pending.rootLoOf(e);
    const sampled = pending.sampledOf(e);
    pending.release(e);
    // The tree's outcome first, at the call's start: a spout whose fail() re-emits the message at
    // once (as Storm and Petrel allow) then starts its replay with the original already finished,
    // so the replay links to it.
    if (sampled) this.lineage?.finish(rh, rl, kind === 'spout-ack' ? 'acked' : kind === 'spout-fail' ? 'failed' : 'timed-out', start);
    const before = this.beginCall(task, start);
    let error: unknown = null;
    try {
      if (kind === 'spout-ack') task.instance!.ack(messageId);
      else task.instance!.fail(messageId);
    } catch (err) {
      error = err;
    }
    const cost = this.endCall(task, before);
    const c = this.counters;
    c[ex.base + E_BUSY_MS]! += cost;
    if (kind === 'spout-ack') {
      c[task.base + T_ACKED]! += 1;
      c[task.base + T_COMPLETE_MS]! += latency;
      c[task.base + T_COMPLETE_N]! += 1;
      this.metrics.recordLatency(ex.id, H_COMPLETE, latency);
    } else {
      c[task.base + T_FAILED]! += 1;
      if (kind === 'spout-timeout') c[task.base + T_TIMEOUTS]! += 1;
    }
    if (error !== null) this.userError(ex, task, error, null, kind === 'spout-ack' ? 'ack' : 'fail');
    if (this.describing) this.addTrace(describeOutcome(start, ex, task, start + cost, error, this.callLog, kind, messageId, hex64(rh, rl), latency));
    return cost;
  }

  // ───────────────────────────── acker ─────────────────────────────

  private runAcker(ex: Executor): void {
    if (ex.queue.length === 0) {
      ex.state = X_IDLE;
      return;
    }
    const ledger = ex.ledger!;
    const task = ex.tasks[0]!;
    const c = this.counters;
    const updates: AckerUpdate[] | null = this.describing ? [] : null;
    const unit = this.ackerCost;
    let rotated = 0;
    let cost = 0;
    let n = 0;
    for (let t = ex.queue.shift(); t !== undefined; t = ex.queue.shift()) {
      if (t.kind === K_TICK) {
        rotated += ledger.rotate();
        continue;
      }
      const op = t.kind - K_ACK_INIT;
      const result = ledger.update(op, t.rh, t.rl, t.vh, t.vl, t.spoutTask, t.sampled);
      if (ledger.lastSampled && this.lineage !== null) this.lineage.recordXor(t.rh, t.rl, ledger.lastValH, ledger.lastValL, ACKER_OPS[op]!, task.id, this.now + cost);
      if (updates !== null) updates.push(ackerUpdate(op, t, ledger, result));
      if (result !== ACKER_PENDING) {
        const m = this.pool.message(result === ACKER_COMPLETE ? K_SPOUT_ACK : K_SPOUT_FAIL, ledger.lastSpoutTask, task.id, t.rh, t.rl, 0, 0, -1, false);
        ex.outbox[ex.outN++] = m;
      }
      this.pool.give(t);
      n++;
      // Adding a zero cost changes nothing: skip it (the usual case).
      if (unit !== 0) {
        c[task.base + T_EXEC_MS]! += unit;
        cost += unit;
      }
    }
    c[task.base + T_EXECUTED]! += n;
    c[task.base + T_EXEC_N]! += n;
    if (cost !== 0) c[ex.base + E_BUSY_MS]! += cost;
    this.dequeued(ex);
    if (updates !== null) this.addTrace({ time: this.now, kind: 'acker', executor: ex.id, task: task.id, updates, rotated });
    if (cost === 0) {
      // Nothing to wait for: deliver now, and sleep until the next message.
      if (ex.outN > 0) this.flushOutbox(ex);
      ex.state = X_IDLE;
      if (ex.queue.length > 0) this.wake(ex);
    } else this.again(ex, this.now + cost);
  }

  // ───────────────────────────── calls into user code ─────────────────────────────

  private beginCall(task: TaskState, start: number): number {
    if (this.describing) this.callLog.reset(task.executor.outN);
    this.callBase = start;
    this.callSleep = 0;
    this.callExtra = 0;
    const watch = this.watch;
    if (watch !== undefined) {
      // Plain writes: only this thread writes, and the watchdog only samples (an atomic
      // read-modify-write per call would cost more than many calls take).
      watch[WATCH_TASK] = task.id;
      watch[WATCH_SEQ] = (watch[WATCH_SEQ]! + 1) | 0;
    }
    // Measured costs run from the last clock reading (the end of the previous call, or the run
    // loop's), so each call reads the clock once; the engine's own work between calls is charged
    // to the executor, as a thread's time would be. (Virtual time with measureCost reads it here.)
    if (!this.measure) return 0;
    return this.wallMode ? this.lastWall : this.readWall();
  }

  /** Ends a call: its cost is the cost model (or the measured time) plus the time it slept. */
  private endCall(task: TaskState, before: number): number {
    const watch = this.watch;
    if (watch !== undefined) watch[WATCH_TASK] = 0;
    let cost: number;
    if (this.measure && (this.wallMode || !task.component.ownCost)) cost = this.readWall() - before;
    else cost = task.component.costMs;
    return cost + this.callSleep + this.callExtra;
  }

  /** An exception from user code: a crash of the worker, or (`fail-tuple`) a failed tuple. */
  private userError(ex: Executor, task: TaskState, error: unknown, tuple: Tuple | null, call: string): void {
    const failTuple = this.onError === 'fail-tuple';
    const component = task.component.id;
    const isSpout = task.component.role === R_SPOUT;
    const kind = isSpout ? 'E_SPOUTFAILED' : 'E_BOLTFAILED';
    const at = this.callBase;
    this.lastErrors.set(component, { time: at, task: task.id, message: errorSummary(error) });
    if (failTuple) {
      this.logs.add(at, component, task.id, 'ERROR', `Exception in ${call} (fail-tuple mode: ${tuple && tuple.kind === K_USER ? 'the tuple is failed' : 'the call is skipped'}):\n${errorText(error)}`);
      if (tuple !== null && tuple.kind === K_USER && tuple.done === 0) this.failTuple(task, tuple);
      return;
    }
    // Petrel's report_exception line, then the traceback and the tuple, as its run loop logs them.
    const script = component.replace(/\./g, '_');
    this.logs.add(at, component, task.id, 'ERROR', `${kind}__${script}__storm-studio__pid__${1000 + ex.worker}__port__${6700 + ex.worker}__taskindex__${task.index}__${errorName(error)}`);
    this.logs.add(at, component, task.id, 'ERROR', `Caught exception in ${isSpout ? 'Spout' : task.kind === 'basicBolt' ? 'BasicBolt' : 'Bolt'}.run\n${errorText(error)}`);
    if (tuple !== null && tuple.kind !== K_TICK) {
      // Petrel logs repr(tup.values)[:2000]; JavaScript components get the values as JSON.
      const values = task.component.language === 'python' ? pythonRepr(tuple.values).slice(0, 2000) : describeValues(tuple.values, 2000);
      this.logs.add(at, component, task.id, 'ERROR', `The error occurred while processing this tuple: ${values}`);
    }
    ex.crash ??= { task, error, tuple, call };
  }

  // ───────────────────────────── emitting ─────────────────────────────

  /** `storm.emit` of a task. */
  emit(task: TaskState, values: readonly unknown[], options: EmitOptions | undefined): number[] {
    // The hot path of every tuple: cold work (errors, debug lines, step descriptions) lives in
    // other functions, so that V8 compiles this one small.
    const ex = task.executor;
    let route = task.defaultRoute;
    let direct: number | undefined | null = undefined;
    if (options !== undefined) {
      const stream = options.stream;
      if (stream !== undefined && stream !== null && stream !== 'default') route = ex.routes.get(String(stream));
      direct = options.directTask;
    }
    if (route === undefined || !Array.isArray(values) || values.length !== route.arity) throw this.emitError(task, values, options);
    let n = 0;
    if (direct !== undefined && direct !== null) n = this.directTarget(task, route, direct);
    else {
      if (route.hasDirect) throw this.emitError(task, values, options);
      const groupers = route.groupers;
      const out = this.scratch;
      const outEdge = this.scratchEdge;
      for (let g = 0; g < groupers.length; g++) {
        const grouper = groupers[g]!;
        const from = n;
        n = grouper.choose(values, out, n);
        for (let k = from; k < n; k++) outEdge[k] = grouper.edge;
      }
    }
    const c = this.counters;
    c[task.base + T_EMITTED]! += 1;
    c[task.base + T_TRANSFERRED]! += n;
    const edgeBase = this.edgeBase;
    const outEdge = this.scratchEdge;
    for (let k = 0; k < n; k++) c[edgeBase + outEdge[k]!]! += 1;
    this.emitCounter++;
    if (this.debug) this.logEmit(task, route, values);
    const outStart = ex.outN;
    if (ex.component.role === R_SPOUT) this.spoutTuples(task, route, values, n, options?.id);
    else if (task.basic) {
      if (n > 0) this.basicBoltTuples(task, route, values, n);
    }
    else this.boltTuples(task, route, values, n, options?.anchors);
    if (this.describing) this.describeEmit(ex, outStart, route, values, n);
    if (n === 0) return EMPTY as number[];
    if (n === 1) return this.single[this.scratch[0]!] as number[];
    return Array.from(this.scratch.subarray(0, n));
  }

  /** The error of an emit that cannot be routed, in the order Storm checks (thrown into user code). */
  private emitError(task: TaskState, values: readonly unknown[], options: EmitOptions | undefined): Error {
    const ex = task.executor;
    const stream = options === undefined || options.stream === undefined || options.stream === null ? 'default' : String(options.stream);
    const route = stream === 'default' ? task.defaultRoute : ex.routes.get(stream);
    if (route === undefined) {
      const declared = [...ex.routes.keys()].map((s) => `"${s}"`).join(', ') || 'none';
      return new Error(`Unknown stream ID: ${stream} (component "${task.component.id}" declares ${declared})`);
    }
    if (!Array.isArray(values)) return new TypeError(`emit expects a list of values, got ${describeValues([values], 80)}`);
    if (values.length !== route.arity) {
      return new Error(
        `Tuple created with wrong number of fields. Expected ${route.arity} fields but got ${values.length} fields (stream "${stream}" of "${task.component.id}" declares [${route.fields.join(', ')}])`,
      );
    }
    return new Error(`Cannot do regular emit to direct stream (stream "${stream}" of "${task.component.id}" is consumed with direct grouping: use emitDirect)`);
  }

  /** `topology.debug`: Storm's "Emitting:" log line. */
  private logEmit(task: TaskState, route: StreamRoute, values: readonly unknown[]): void {
    this.logs.add(this.callBase + this.callSleep, task.component.id, task.id, 'INFO', `Emitting: ${task.component.id} ${route.stream} ${describeValues(values, 500)}`);
  }

  /** Step mode: records an emit of the call being described. */
  private describeEmit(ex: Executor, outStart: number, route: StreamRoute, values: readonly unknown[], n: number): void {
    let ids: string[] | null = null;
    const box = ex.outbox;
    for (let i = outStart; i < ex.outN; i++) {
      const t = box[i]!;
      if (t.kind === K_USER && t.nRoots > 0) (ids ??= []).push(t.id);
    }
    let targets: readonly number[] = NONE;
    if (n > 0) {
      const list: number[] = [];
      for (let k = 0; k < n; k++) list.push(this.scratch[k]!);
      targets = list;
    }
    this.callLog.addEmit({ stream: route.stream, values: describeValues(values, 120), targets, ids: ids ?? NONE });
  }

  private directTarget(task: TaskState, route: StreamRoute, directTask: number): number {
    if (!Number.isInteger(directTask)) throw new TypeError(`emitDirect needs a task id (an integer), got ${describeValues([directTask], 80)}`);
    const target = this.plan.taskToComponent[String(directTask)];
    const edge = target === undefined ? undefined : route.direct.get(target);
    if (edge === undefined) {
      if (target !== undefined && route.regular.has(target)) {
        throw new Error(`Cannot emitDirect to a task expecting a regular grouping (task ${directTask} of "${target}" subscribes to stream "${route.stream}" of "${task.component.id}" without direct grouping)`);
      }
      // Storm drops the tuple silently (it still counts as emitted); say it once per target.
      if (!(task.warned ??= new Set()).has(directTask)) {
        task.warned.add(directTask);
        const who = target === undefined ? `task ${directTask}, which does not exist` : `task ${directTask} of "${target}", which does not subscribe to stream "${route.stream}" of "${task.component.id}"`;
        this.logs.add(this.callBase, task.component.id, task.id, 'WARNING', `emitDirect to ${who}: Storm drops such tuples.`);
      }
      return 0;
    }
    this.scratch[0] = directTask;
    this.scratchEdge[0] = edge;
    return 1;
  }

  private newTuple(task: TaskState, route: StreamRoute, values: readonly unknown[], dest: number): Tuple {
    return new Tuple(K_USER, dest, task.id, task.component.id, route.stream, route.streamIdx, values, this.tupleSeq++);
  }

  private spoutTuples(task: TaskState, route: StreamRoute, values: readonly unknown[], n: number, messageId: unknown): void {
    const ex = task.executor;
    const out = this.scratch;
    const outEdge = this.scratchEdge;
    const tracked = messageId !== undefined && messageId !== null;
    if (!tracked || !this.acking) {
      for (let k = 0; k < n; k++) ex.outbox[ex.outN++] = this.newTuple(task, route, values, out[k]!);
      // With no acker, Storm calls the spout's ack at once, inside emit (and counts nothing).
      if (tracked) this.nestedSpoutAck(task, messageId);
      return;
    }
    const rng = ex.rng;
    const rh = rng.nextI32();
    const rl = rng.nextI32();
    let xh = 0;
    let xl = 0;
    const emitTime = this.callBase + this.callSleep;
    const replayOf = this.lineage?.sample(task.id, messageId, emitTime) ?? null;
    const sampled = replayOf !== null;
    if (sampled) this.lineage!.startTree(rh, rl, task.component.id, task.id, messageId, emitTime, replayOf);
    for (let k = 0; k < n; k++) {
      const eh = rng.nextI32();
      const el = rng.nextI32();
      xh ^= eh;
      xl ^= el;
      const t = this.newTuple(task, route, values, out[k]!);
      t.nRoots = 1;
      t.rh = rh;
      t.rl = rl;
      t.eh = eh;
      t.el = el;
      t.sampled = sampled;
      if (sampled) this.lineageNode(t, outEdge[k]!, []);
      ex.outbox[ex.outN++] = t;
    }
    ex.pending!.put(rh, rl, messageId, task.id, emitTime, sampled);
    const init = this.pool.message(K_ACK_INIT, this.ackerTask(rh, rl), task.id, rh, rl, xh, xl, task.id, sampled);
    ex.outbox[ex.outN++] = init;
  }

  private nestedSpoutAck(task: TaskState, messageId: unknown): void {
    // Re-entrant: the spout's ack runs inside its own nextTuple, as in Storm; its cost adds to the call.
    this.callExtra += task.component.costMs;
    task.instance!.ack(messageId);
  }

  /** BasicBolt: every emit is anchored to the input being processed (no anchors list to allocate). */
  private basicBoltTuples(task: TaskState, route: StreamRoute, values: readonly unknown[], n: number): void {
    const ex = task.executor;
    const out = this.scratch;
    const cur = task.current;
    const anchored = cur !== null && cur.kind === K_USER && cur.nRoots > 0 && this.acking;
    for (let k = 0; k < n; k++) {
      const t = this.newTuple(task, route, values, out[k]!);
      if (anchored) {
        this.anchor(ex, cur, t);
        if (cur.sampled) this.sampleAnchored(t, k, [cur]);
      }
      ex.outbox[ex.outN++] = t;
    }
  }

  /** Lineage: a new tuple of a sampled tree, anchored to `anchors` (the sampled ones among them). */
  private sampleAnchored(t: Tuple, k: number, anchors: readonly TupleView[]): void {
    t.sampled = true;
    this.lineageNode(t, this.scratchEdge[k]!, anchors.filter((a) => (a as Tuple).sampled).map((a) => a.id));
  }

  private boltTuples(task: TaskState, route: StreamRoute, values: readonly unknown[], n: number, anchorsOption: readonly TupleView[] | undefined): void {
    const ex = task.executor;
    const out = this.scratch;
    let anchors: readonly TupleView[] | null = null;
    if (anchorsOption !== undefined && anchorsOption !== null) {
      if (!Array.isArray(anchorsOption)) throw new TypeError('anchors must be a list of tuples');
      for (const a of anchorsOption) {
        if (!(a instanceof Tuple)) throw new TypeError(`anchors must be tuples this bolt received, got ${describeValues([a], 80)}`);
      }
      anchors = anchorsOption.length > 0 && this.acking ? anchorsOption : null;
    }
    for (let k = 0; k < n; k++) {
      const t = this.newTuple(task, route, values, out[k]!);
      if (anchors !== null) {
        let sampled = false;
        for (let i = 0; i < anchors.length; i++) {
          const a = anchors[i] as Tuple;
          if (a.nRoots === 0 || a.kind !== K_USER) continue;
          this.anchor(ex, a, t);
          if (a.sampled) sampled = true;
        }
        if (sampled) this.sampleAnchored(t, k, anchors);
      }
      ex.outbox[ex.outN++] = t;
    }
  }

  /**
   * Anchors new tuple `t` to input `a` (Storm's `BoltOutputCollectorImpl.boltEmit`): a fresh edge
   * id, XORed into the input's ack value and into `t`'s id for each root of the input.
   */
  private anchor(ex: Executor, a: Tuple, t: Tuple): void {
    const rng = ex.rng;
    const eh = rng.nextI32();
    const el = rng.nextI32();
    a.ackH ^= eh;
    a.ackL ^= el;
    t.putXor(a.rh, a.rl, eh, el);
    const more = a.more;
    if (more !== null) for (let r = 0; r < more.length; r += 4) t.putXor(more[r]!, more[r + 1]!, eh, el);
  }

  private lineageNode(t: Tuple, edgeIndex: number, anchors: readonly string[]): void {
    const edge = edgeIndex >= 0 ? (this.edges[edgeIndex]?.subscription.id ?? null) : null;
    this.lineage!.addNode(
      t.rh,
      t.rl,
      {
        id: t.id,
        component: t.component,
        task: t.task,
        stream: t.stream,
        dest: t.dest,
        destComponent: this.plan.taskToComponent[String(t.dest)] ?? '',
        edge,
        anchors,
        emittedAt: this.callBase + this.callSleep,
      },
      t.values,
    );
  }

  /** Storm's acker choice: fields grouping on the root id, `floorMod(31 + Long.hashCode(root), ackers)`. */
  private ackerTask(rh: number, rl: number): number {
    const n = this.ackerTasks.length;
    if (n === 1) return this.ackerTasks[0]!;
    return this.ackerTasks[floorMod((31 + (rh ^ rl)) | 0, n)]!;
  }

  // ───────────────────────────── acking by bolts ─────────────────────────────

  /**
   * `storm.ack(tuple)`. Returns whether the ack counted (acking on); `track` records the tuple for
   * process latency at the end of the call.
   */
  ackTuple(task: TaskState, t: Tuple, track = true): boolean {
    if (t.kind !== K_USER) return false;
    if (t.done !== 0) throw this.doneError(t, 'Acked');
    t.done = 1;
    if (this.describing) this.callLog.addAck(t.id, false);
    if (!this.acking) return false;
    const ex = task.executor;
    if (t.nRoots > 0) {
      this.ackMessage(ex, task, K_ACK_ACK, t.rh, t.rl, t.eh ^ t.ackH, t.el ^ t.ackL, t.sampled);
      if (t.more !== null) this.ackMoreRoots(ex, task, t);
    }
    this.counters[task.base + T_ACKED]! += 1;
    if (track) this.trackAck(t, 0);
    return true;
  }

  /** Acks a tuple's roots beyond the first (a tuple anchored to several trees). */
  private ackMoreRoots(ex: Executor, task: TaskState, t: Tuple): void {
    const more = t.more!;
    for (let r = 0; r < more.length; r += 4) this.ackMessage(ex, task, K_ACK_ACK, more[r]!, more[r + 1]!, more[r + 2]! ^ t.ackH, more[r + 3]! ^ t.ackL, t.sampled);
  }

  private doneError(t: Tuple, what: 'Acked' | 'Failed'): Error {
    return new Error(`${what} a tuple that was already acked or failed (id ${t.id})`);
  }

  private trackAck(t: Tuple, failed: number): void {
    if (this.ackedN === this.ackedFailed.length) {
      const next = new Uint8Array(this.ackedN * 2);
      next.set(this.ackedFailed);
      this.ackedFailed = next;
    }
    this.acked[this.ackedN] = t;
    this.ackedFailed[this.ackedN++] = failed;
  }

  /** `storm.fail(tuple)`. */
  failTuple(task: TaskState, t: Tuple): void {
    if (t.kind !== K_USER) return;
    if (t.done !== 0) throw this.doneError(t, 'Failed');
    t.done = 1;
    if (this.describing) this.callLog.addAck(t.id, true);
    if (!this.acking) return;
    const ex = task.executor;
    if (t.nRoots > 0) {
      this.ackMessage(ex, task, K_ACK_FAIL, t.rh, t.rl, 0, 0, t.sampled);
      const more = t.more;
      if (more !== null) for (let r = 0; r < more.length; r += 4) this.ackMessage(ex, task, K_ACK_FAIL, more[r]!, more[r + 1]!, 0, 0, t.sampled);
    }
    this.counters[task.base + T_FAILED]! += 1;
    this.trackAck(t, 1);
  }

  private ackMessage(ex: Executor, task: TaskState, kind: number, rh: number, rl: number, vh: number, vl: number, sampled: boolean): void {
    const m = this.pool.message(kind, this.ackerTask(rh, rl), task.id, rh, rl, vh, vl, -1, sampled);
    ex.outbox[ex.outN++] = m;
  }

  /**
   * Process latency and lineage of the tuples acked or failed during a call that ended at `end`;
   * `input` is the call's input tuple (its process started at `start`), null for a tick.
   */
  private finishAcks(ex: Executor, end: number, input: Tuple | null, start: number): void {
    const c = this.counters;
    for (let i = 0; i < this.ackedN; i++) {
      const t = this.acked[i]!;
      const failed = this.ackedFailed[i] === 1;
      this.acked[i] = undefined as unknown as Tuple;
      const task = this.tasks[t.dest];
      if (!failed && task !== undefined) {
        const latency = end - (t === input ? start : (t.startTime ?? start));
        c[task.base + T_PROC_MS]! += latency;
        c[task.base + T_PROC_N]! += 1;
        this.metrics.recordLatency(ex.id, H_PROCESS, latency);
      }
      if (t.sampled) this.lineage?.markNode(t.rh, t.rl, t.id, end, failed);
    }
    this.ackedN = 0;
  }

  // ───────────────────────────── delivery ─────────────────────────────

  private flushOutbox(ex: Executor): void {
    const box = ex.outbox;
    const n = ex.outN;
    ex.outN = 0;
    for (let i = 0; i < n; i++) {
      const t = box[i]!;
      box[i] = undefined as unknown as Tuple;
      this.deliver(ex, t);
    }
  }

  private deliver(src: Executor, t: Tuple): void {
    const dest = t.dest;
    const target = this.taskExecutor[dest]!;
    const state = target.state;
    if (state === X_REMOTE) {
      if (src.overflow.length > 0 || this.remoteCongested[dest] === 1) {
        src.overflow.push(t);
        src.waitingRemote = true;
        return;
      }
      this.sendRemote(t);
      return;
    }
    if (state === X_DEAD) {
      this.lost(target, t);
      return;
    }
    if (src.overflow.length > 0 || target.queue.length >= target.capacity) {
      src.overflow.push(t);
      if (src.overflow.length === 1) target.waiters.push(src);
      return;
    }
    target.queue.push(t);
    if (target.state === X_IDLE || (target.state === X_BLOCKED && target.component.role === R_SPOUT)) this.wake(target);
  }

  private lost(target: Executor, t: Tuple): void {
    this.counters[target.base + E_LOST]! += 1;
    if (t.kind >= K_ACK_INIT) this.pool.give(t);
  }

  /** Moves overflow to its targets while there is room; false when still blocked. */
  private flushOverflow(ex: Executor): boolean {
    const overflow = ex.overflow;
    while (overflow.length > 0) {
      const t = overflow.peek()!;
      const dest = t.dest;
      if (this.hostOfTask[dest] !== this.host) {
        if (this.remoteCongested[dest] === 1) {
          ex.waitingRemote = true;
          return false;
        }
        overflow.shift();
        this.sendRemote(t);
        continue;
      }
      const target = this.executors[this.execOfTask[dest]!]!;
      if (target.state === X_DEAD) {
        overflow.shift();
        this.lost(target, t);
        continue;
      }
      if (target.queue.length >= target.capacity) {
        if (!target.waiters.includes(ex)) target.waiters.push(ex);
        return false;
      }
      overflow.shift();
      target.queue.push(t);
      if (target.state === X_IDLE || (target.state === X_BLOCKED && target.component.role === R_SPOUT)) this.wake(target);
    }
    ex.waitingRemote = false;
    if (ex.blockedSince >= 0) {
      this.counters[ex.base + E_THROTTLED_MS]! += this.now - ex.blockedSince;
      ex.blockedSince = -1;
    }
    return true;
  }

  /** After taking a tuple from `ex`'s queue: let blocked producers retry, and update congestion. */
  private dequeued(ex: Executor): void {
    if (ex.waiters.length > 0 && ex.queue.length < ex.capacity) this.wakeWaiters(ex);
    if (ex.congested && ex.queue.length <= ex.capacity >> 1) {
      ex.congested = false;
      this.congestionChanged = true;
    }
  }

  private wakeWaiters(ex: Executor): void {
    const waiters = ex.waiters;
    ex.waiters = [];
    for (const w of waiters) if (w.state === X_BLOCKED) this.wake(w);
  }

  // ───────────────────────────── transport ─────────────────────────────

  private sendRemote(t: Tuple): void {
    const host = this.hostOfTask[t.dest]!;
    if (this.link !== null) {
      this.link.send(host, t);
      return;
    }
    const writer = this.writers[host]!;
    writer.add(t, this.now);
    if (t.kind >= K_ACK_INIT) this.pool.give(t);
    if (writer.size >= this.batchSize) this.options.transport!.send(host, writer.take(this.host, this.congestionList()));
  }

  private congestionList(): number[] | undefined {
    if (!this.congestionChanged) return undefined;
    this.congestionChanged = false;
    const out: number[] = [];
    for (const ex of this.executors) if (ex.congested) for (let t = ex.firstTask; t <= ex.lastTask; t++) out.push(t);
    return out;
  }

  /** Sends the pending batches (called at the end of every run call). */
  flushTransport(): void {
    if (this.hostCount === 1) return;
    const congested = this.congestionList();
    if (this.link !== null) {
      if (congested !== undefined) this.link.congestion(congested);
      this.link.flush();
      return;
    }
    for (let h = 0; h < this.writers.length; h++) {
      const w = this.writers[h];
      if (w && (w.size > 0 || congested !== undefined)) this.options.transport!.send(h, w.take(this.host, congested));
    }
  }

  /** Delivers a batch from another host into this host's queues. */
  receive(batch: TransportBatch): void {
    if (batch.ringValues !== undefined && this.link !== null) {
      this.link.addSideValues(batch.from, batch.ringValues.first, batch.ringValues.values);
      this.pollRemote();
      return;
    }
    if (batch.congested !== undefined) this.remoteCongestion(batch.from, batch.congested);
    if (this.clock === 'wall') {
      this.readWall();
      this.advance(this.now);
    }
    readBatch(batch, this.makeRemote, this.streams.names, this.componentOfTask, this.deliverRemote);
  }

  /**
   * Reads the shared-memory rings from the other hosts (with `rings`), delivering what they
   * published; the run calls do it between events. Returns the number of messages read.
   */
  pollRemote(): number {
    const link = this.link;
    if (link === null || !link.hasInput) return 0;
    if (this.clock === 'wall') {
      this.readWall();
      this.advance(this.now);
    }
    return link.poll(this.makeRemote, this.streams.names, this.componentOfTask, this.deliverRemote, this.remoteCongestionOf);
  }

  /** With `rings`: has another host published messages this host has not read yet? */
  hasRemoteInput(): boolean {
    return this.link !== null && this.link.hasInput;
  }

  private readonly makeRemote = (kind: number): Tuple => (kind < K_ACK_INIT ? new Tuple() : this.pool.take());
  private readonly componentOfTask = (task: number): string => this.plan.taskToComponent[String(task)] ?? '';
  private readonly remoteCongestionOf = (from: number, tasks: readonly number[]): void => this.remoteCongestion(from, tasks);

  /** A tuple or message from another host, into its executor's queue. */
  private readonly deliverRemote = (t: Tuple): void => {
    const target = this.executors[this.execOfTask[t.dest]!];
    if (target === undefined || target.state === X_REMOTE) return;
    if (target.state === X_DEAD) {
      this.lost(target, t);
      return;
    }
    target.queue.push(t);
    if (!target.congested && target.queue.length >= target.capacity) {
      target.congested = true;
      this.congestionChanged = true;
    }
    if (target.state === X_IDLE || (target.state === X_BLOCKED && target.component.role === R_SPOUT)) this.wake(target);
  };

  /** The congestion status of host `from`: `tasks` are its tasks with full receive queues. */
  private remoteCongestion(from: number, tasks: readonly number[]): void {
    const before = this.remoteCongested.slice();
    for (let t = 0; t < this.remoteCongested.length; t++) if (this.hostOfTask[t] === from) this.remoteCongested[t] = 0;
    for (const t of tasks) this.remoteCongested[t] = 1;
    let relieved = false;
    for (let t = 0; t < before.length; t++) if (before[t] === 1 && this.remoteCongested[t] === 0) relieved = true;
    if (relieved) for (const ex of this.executors) if (ex.state === X_BLOCKED && ex.waitingRemote) this.wake(ex);
  }

  // ───────────────────────────── timers, crashes, restarts ─────────────────────────────

  private addTimer(kind: number, executor: number, worker: number, period: number, first: number): number {
    // Reuse the slot of a cancelled timer (crash loops must not grow the table); its generation
    // was bumped when it was cancelled, so its old heap entries stay stale.
    const reused = this.freeTimers.pop();
    const index = reused ?? this.timers.length;
    if (reused === undefined) this.timers.push({ kind, executor, worker, period, gen: 0 });
    else Object.assign(this.timers[index]!, { kind, executor, worker, period });
    this.agenda.push(first, PRIO_TIMER, this.executors.length + index, this.timers[index]!.gen);
    return index;
  }

  private cancelTimer(index: number): void {
    this.timers[index]!.gen++;
    this.freeTimers.push(index);
  }

  private fireTimer(timer: Timer, item: number): void {
    if (timer.kind === TM_METRICS) {
      this.metrics.rotate(this.now);
      this.agenda.push(this.now + timer.period, PRIO_TIMER, item, timer.gen);
      if (this.describing) this.addTrace({ time: this.now, kind: 'timer', what: 'metrics', component: null, executor: null });
      return;
    }
    if (timer.kind === TM_RESTART) {
      this.cancelTimer(item - this.executors.length);
      this.restartWorker(timer.worker);
      return;
    }
    const ex = this.executors[timer.executor]!;
    this.agenda.push(this.now + timer.period, PRIO_TIMER, item, timer.gen);
    if (ex.state === X_DEAD) return;
    ex.queue.push(this.tickTuple(ex, timer.period / 1000));
    if (ex.state === X_IDLE || (ex.state === X_BLOCKED && ex.component.role === R_SPOUT)) this.wake(ex);
    if (this.describing) this.addTrace({ time: this.now, kind: 'timer', what: ex.component.role === R_BOLT ? 'tick' : 'rotate', component: ex.component.id, executor: ex.id });
  }

  private tickTuple(ex: Executor, secs: number): Tuple {
    return new Tuple(K_TICK, ex.firstTask, -1, '__system', '__tick', 1, [secs], this.tupleSeq++);
  }

  /** Creates and initializes the instances of an executor's tasks, and sets its timers. */
  private bootExecutor(ex: Executor): void {
    const info = ex.component;
    const timeoutMs = this.document.config.messageTimeoutSecs * 1000;
    if (info.role === R_ACKER) {
      ex.state = X_IDLE;
      this.addTimer(TM_TICK, ex.id, ex.worker, timeoutMs, this.now + timeoutMs);
      return;
    }
    for (const task of ex.tasks) {
      const before = this.beginCall(task, this.now);
      try {
        task.instance = info.loaded!.create(task.id, task.api);
        task.kind = task.instance.kind;
        task.basic = task.kind === 'basicBolt';
        if (task === ex.tasks[0] && ex.firstTask === this.plan.tasks[info.id]![0]) this.checkDeclaredFields(task);
        if (info.tickSecs === null && info.role === R_BOLT) {
          const fromCode = task.instance.componentConfig?.[TICK_FREQ_KEY];
          if (typeof fromCode === 'number' && fromCode > 0) info.tickSecs = fromCode;
        }
        const context: TaskContext = { taskid: task.id, componentid: info.id, 'task->component': this.plan.taskToComponent };
        const conf = { ...info.conf, ...(task.instance.componentConfig ?? {}) };
        task.instance.initialize(conf, context);
      } catch (e) {
        this.endCall(task, before);
        this.userError(ex, task, e, null, task.instance === null ? 'create' : 'initialize');
        break;
      }
      this.endCall(task, before);
    }
    if (info.role === R_SPOUT || ex.crash !== null) {
      if (this.acking && info.role === R_SPOUT) this.addTimer(TM_TICK, ex.id, ex.worker, timeoutMs, this.now + timeoutMs);
      this.schedule(ex);
    } else {
      ex.state = X_IDLE;
      if (info.tickSecs !== null) this.addTimer(TM_TICK, ex.id, ex.worker, info.tickSecs * 1000, this.now + info.tickSecs * 1000);
      if (ex.crash !== null || ex.outN > 0) this.schedule(ex);
    }
  }

  /** Says once when the code declares other default-stream fields than the document (the document wins). */
  private checkDeclaredFields(task: TaskState): void {
    const declared = task.instance?.declaredFields;
    const stream = task.component.spec?.streams.find((st) => st.id === 'default');
    if (!declared || !stream) return;
    if (declared.length !== stream.fields.length || declared.some((f, i) => f !== stream.fields[i])) {
      this.logs.add(this.now, task.component.id, task.id, 'WARNING', `The code declares fields [${declared.join(', ')}] but the topology's default stream has [${stream.fields.join(', ')}]: the topology's fields are used (emits must have ${stream.fields.length} value${stream.fields.length === 1 ? '' : 's'}).`);
    }
  }

  private start(): void {
    this.addTimer(TM_METRICS, -1, -1, METRICS_BUCKET_MS, METRICS_BUCKET_MS);
    for (const ex of this.executors) if (ex.state !== X_REMOTE) this.bootExecutor(ex);
    this.flushTransport();
  }

  /**
   * Kills a Storm worker of this host, as when its process dies: its executors' queues, pending
   * tuples and acker entries are lost; the worker restarts after `simulation.workerRestartSecs`.
   */
  killWorker(worker: number, reason = 'killed'): void {
    if (!this.hostedWorkers.includes(worker)) throw new RangeError(`Worker ${worker} is not run by this host.`);
    this.crashWorker(worker, { task: null, error: reason, tuple: null, call: 'kill' });
  }

  private crashWorker(worker: number, crash: CrashInfo): void {
    if (!this.workerAlive[worker]) return;
    this.workerAlive[worker] = false;
    const who = crash.task ? `component "${crash.task.component.id}" (task ${crash.task.id}) raised an exception in ${crash.call}` : String(crash.error);
    this.logs.add(this.now, '__system', -1, 'ERROR', `Worker ${worker} (port ${6700 + worker}) died: ${who}. The supervisor restarts it in ${this.restartMs / 1000} s; its in-flight tuples are lost and their trees will time out.`);
    const deadSpoutTasks = new Set<number>();
    for (const ex of this.executors) {
      if (ex.worker !== worker || ex.state === X_REMOTE) continue;
      ex.state = X_DEAD;
      ex.gen++;
      const lost = ex.queue.length + ex.overflow.length + ex.outN;
      this.counters[ex.base + E_LOST]! += lost;
      ex.queue.drain();
      ex.overflow.drain();
      ex.outbox = [];
      ex.outN = 0;
      ex.pending?.clear();
      ex.ledger?.clear();
      ex.crash = null;
      ex.blockedSince = -1;
      if (ex.congested) {
        // Its queue is gone: tell the other hosts they may send again (their tuples will be lost).
        ex.congested = false;
        this.congestionChanged = true;
      }
      for (const task of ex.tasks) {
        task.instance = null;
        task.current = null;
        if (ex.component.role === R_SPOUT) deadSpoutTasks.add(task.id);
      }
      for (const w of ex.waiters) if (w.state === X_BLOCKED) this.wake(w);
      ex.waiters = [];
    }
    this.timers.forEach((t, i) => {
      if (t.kind === TM_TICK && t.executor >= 0 && this.executors[t.executor]!.worker === worker && !this.freeTimers.includes(i)) this.cancelTimer(i);
    });
    if (deadSpoutTasks.size > 0) this.lineage?.markLost(deadSpoutTasks, this.now);
    this.addTimer(TM_RESTART, -1, worker, 0, this.now + this.restartMs);
    if (this.describing) {
      this.addTrace({ time: this.now, kind: 'worker-crash', worker, component: crash.task?.component.id ?? null, task: crash.task?.id ?? null, reason: crash.task ? errorText(crash.error).split('\n')[0]! : String(crash.error) });
    }
  }

  private restartWorker(worker: number): void {
    this.workerAlive[worker] = true;
    this.restartCount++;
    this.logs.add(this.now, '__system', -1, 'INFO', `Worker ${worker} (port ${6700 + worker}) restarted by the supervisor.`);
    for (const ex of this.executors) {
      if (ex.worker !== worker || ex.state !== X_DEAD) continue;
      ex.state = X_IDLE;
      ex.gen++;
      this.bootExecutor(ex);
    }
    if (this.describing) this.addTrace({ time: this.now, kind: 'worker-restart', worker });
  }

  // ───────────────────────────── user-facing API of tasks ─────────────────────────────

  log(task: TaskState, level: LogLevel, message: string): void {
    this.logs.add(this.callBase + this.callSleep, task.component.id, task.id, level, message);
  }

  reportError(task: TaskState, message: string): void {
    const time = this.callBase + this.callSleep;
    this.lastErrors.set(task.component.id, { time, task: task.id, message });
    this.logs.add(time, task.component.id, task.id, 'ERROR', message);
  }

  sleep(seconds: number): void {
    if (!(seconds >= 0) || !Number.isFinite(seconds)) throw new RangeError(`sleep needs a number of seconds ≥ 0, got ${seconds}`);
    this.callSleep += seconds * 1000;
  }

  /** Seconds since the epoch on the engine clock. */
  timeSeconds(): number {
    if (this.clock === 'wall') return (this.readWall() + this.callSleep) / 1000;
    return (this.epoch + this.callBase + this.callSleep) / 1000;
  }

  // ───────────────────────────── step descriptions ─────────────────────────────

  private describeCall(ex: Executor, task: TaskState, kind: 'execute' | 'tick' | 'nextTuple', start: number, busyUntil: number, error: unknown, input: Tuple | null): void {
    this.addTrace(describeStep(start, ex, task, busyUntil, error, this.callLog, kind, input));
  }

  // ───────────────────────────── snapshots ─────────────────────────────

  /**
   * The host's state as plain data (metrics over every window, queues, pending counts, workers,
   * logs after `logsAfter`, lineage): produced on request, never per tuple.
   */
  snapshot(options: { logsAfter?: number; maxLogs?: number; lineage?: boolean } = {}): HostSnapshot {
    return buildHostSnapshot(this.snapshotInput(), options);
  }

  /** @internal The engine state the snapshot builder reads. */
  snapshotInput() {
    return {
      host: this.host,
      hostedWorkers: this.hostedWorkers,
      clock: this.clock,
      seed: this.seed,
      now: this.now,
      events: this.events,
      plan: this.plan,
      document: this.document,
      edges: this.edges,
      components: this.components,
      executors: this.executors,
      metrics: this.metrics,
      logs: this.logs,
      lineage: this.lineage,
      workerAlive: this.workerAlive,
      lastErrors: this.lastErrors,
      restarts: this.restartCount,
    };
  }

  /** Frees the runtimes' instances. The engine is unusable afterwards. */
  dispose(): void {
    this.agenda.clear();
    for (const ex of this.executors) for (const t of ex.tasks) t.instance = null;
  }
}
