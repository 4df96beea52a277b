/**
 * The state of one engine host, shared by the modules that run it (docs/engine.md, "Where each
 * concern lives"): the run loop and public API (`engine.ts`), clocks (`clock.ts`), executors'
 * queues and scheduling (`queues.ts`), emitting and routing (`emit.ts`), delivery
 * (`delivery.ts`), acking (`acking.ts`), calls into user code (`calls.ts`), executing bolts and
 * spouts (`execute.ts`), timers, crashes and restarts (`faults.ts`), and the transport between
 * hosts (`remote.ts`).
 *
 * One object with every field, built once: the hot paths read it with the same shape on every
 * call (V8 keeps one hidden class), and the modules are plain functions taking it first.
 */
import { ACKER_COMPONENT } from '../model/ids';
import type { TopologyDocument } from '../model/types';
import { AckerLedger } from './acker';
import { Agenda } from './agenda';
import { CallLog } from './describe';
import type { ClockMode, EngineOptions } from './engine-options';
import type { StepEvent } from './events';
import { Executor, R_ACKER, R_SPOUT, TaskState, type ComponentInfo } from './executor';
import { buildEdges, buildRoutes, type Edge } from './groupings';
import { LineageStore } from './lineage';
import { LogBuffer } from './logs';
import { counterLayout, MetricsStore } from './metrics';
import { buildPlan, type PhysicalPlan } from './plan';
import { Rng, type Seed } from './rng';
import { RingLink } from './ring-link';
import { SpoutPending } from './spout-pending';
import { EngineTaskApi, type TaskHost } from './task-api';
import { RunDatastores } from './datastore/stores';
import { timeSeconds } from './clock';
import { BatchWriter, streamTable } from './transport';
import { TuplePool, type Tuple } from './tuple';

/** Agenda priorities: at equal times timers go before executors. */
export const PRIO_TIMER = 0;
const PRIO_EXEC = 1;
/** Timer kinds. */
export const TM_TICK = 0;
export const TM_METRICS = 1;
export const TM_RESTART = 2;
const DEFAULT_QUEUE = 32768;
const DEFAULT_EPOCH = Date.UTC(2026, 0, 1);

/** A periodic or one-shot event that is not an executor's: tick tuples, metrics rotation, a worker restart. */
export interface Timer {
  kind: number;
  executor: number;
  worker: number;
  period: number;
  gen: number;
}

/** The last error a component reported or raised (Storm UI's "Last error"). */
interface LastError {
  readonly time: number;
  readonly task: number;
  readonly message: string;
}

export class EngineState {
  // The run as started: options, the document and what is derived from it once.
  readonly options: EngineOptions;
  readonly document: TopologyDocument;
  readonly clock: ClockMode;
  readonly seed: Seed;
  /** Storm's physical plan: task ids, executors, workers. */
  readonly plan: PhysicalPlan;
  /** The subscriptions as the routes count them (index = the edge's counter). */
  readonly edges: readonly Edge[];
  /** Every component of the plan, `__acker` included, in task-id order. */
  readonly components: readonly ComponentInfo[];

  // What the host records.
  readonly metrics: MetricsStore;
  readonly logs: LogBuffer;
  /** Sampled tuple trees; null with lineage off or no ackers. */
  readonly lineage: LineageStore | null;

  /** Engine time, ms. */
  now = 0;
  readonly agenda = new Agenda(PRIO_EXEC, 128);
  readonly executors: Executor[] = [];
  readonly tasks: (TaskState | undefined)[];
  readonly execOfTask: Int32Array;
  /** The executor of each task id (index 0 unused). */
  readonly taskExecutor: Executor[] = [];
  readonly edgeBase: number;
  readonly hostOfTask: Int32Array;
  readonly ackerTasks: Int32Array;
  /** `ackerTasks.length` as a number (a typed array's `length` is a slow getter call in a locked-down host: event-queue.ts). */
  readonly ackerCount: number;
  readonly acking: boolean;
  readonly timers: Timer[] = [];
  readonly freeTimers: number[] = [];
  readonly workerAlive: boolean[];
  readonly pool = new TuplePool();
  /** Targets of the emit in progress, and the edge of each. */
  readonly scratch: Int32Array;
  readonly scratchEdge: Int32Array;
  /** A frozen one-element list per task id: what `emit` returns for one target. */
  readonly single: (readonly number[])[];
  readonly counters: Float64Array;
  readonly onError: 'crash-worker' | 'fail-tuple';
  readonly restartMs: number;
  /** Costs are measured (wall time, or `simulation.measureCost`). */
  readonly measure: boolean;
  readonly ackerCost: number;
  /** The spout wait strategy's sleep after a `nextTuple` round that emitted nothing, ms. */
  readonly waitMs: number;
  readonly debug: boolean;
  readonly streams: { readonly names: string[]; readonly index: Map<string, number> };
  readonly nExec: number;
  readonly wallMode: boolean;
  readonly watch: Int32Array | undefined;
  readonly epoch: number;
  readonly lastErrors = new Map<string, LastError>();
  /** The run's Redis and MongoDB (shared by every task of this host; see datastore/stores.ts). */
  readonly datastores: RunDatastores;
  events = 0;
  tupleSeq = 0;
  restarts = 0;

  // Hosts: which Storm workers this one runs, and the transport to the others (remote.ts).
  readonly host: number;
  readonly hostedWorkers: readonly number[];
  readonly hostCount: number;
  readonly writers: (BatchWriter | null)[];
  readonly remoteCongested: Uint8Array;
  congestionChanged = false;
  readonly batchSize: number;
  readonly link: RingLink | null;

  // Clocks (clock.ts).
  readonly wallClock: (() => number) | undefined;
  wallStart: number;
  lastWall = 0;
  speed = 1;
  anchorReal = 0;
  anchorScaled = 0;
  paused = false;

  // The call in progress (calls.ts).
  callBase = 0;
  callSleep = 0;
  callExtra = 0;
  /** What the last `process` call threw, null when it returned (execute.ts). */
  callError: unknown = null;
  emitCounter = 0;
  /** Tuples acked or failed explicitly during the call in progress (for process latency and lineage). */
  acked: (Tuple | undefined)[] = [];
  ackedFailed = new Uint8Array(64);
  ackedN = 0;

  // Step descriptions.
  describing = false;
  trace: StepEvent | null = null;
  traceAlso: StepEvent[] | null = null;
  readonly callLog = new CallLog();

  /**
   * Builds the plan, the executors and their tasks (the hosted ones with their routes);
   * `makeHost` gives the host that serves the tasks' `storm` modules.
   */
  constructor(options: EngineOptions, components: readonly ComponentInfo[], makeHost: (state: EngineState) => TaskHost) {
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
    this.ackerCount = this.ackerTasks.length;
    this.streams = streamTable(doc);
    this.logs = new LogBuffer(options.logCapacity ?? 10_000);
    this.lineage = options.lineage === false || !this.acking ? null : new LineageStore(options.lineage ?? {}, this.hostCount > 1);
    this.workerAlive = allWorkers.map(() => true);
    this.datastores = new RunDatastores(() => timeSeconds(this), options.redisConnector);

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

    const taskHost = makeHost(this);
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
        // The spout's own topology.max.spout.pending overrides the topology's (Storm 2.x, Executor.normalizedComponentConf keeps the key per component).
        const own = doc.components.find((c) => c.id === info.id)?.config['topology.max.spout.pending'];
        const msp = typeof own === 'number' ? own : doc.config.maxSpoutPending;
        ex.maxPending = msp === null ? 0 : msp * (pe.tasks[1] - pe.tasks[0] + 1);
      }
      if (info.role === R_ACKER) ex.ledger = new AckerLedger();
      const ids = plan.tasks[info.id]!;
      for (let t = pe.tasks[0]; t <= pe.tasks[1]; t++) {
        const task = new TaskState(t, ids.indexOf(t), ex, info, (self) => new EngineTaskApi(taskHost, self), new Rng(this.seed, 'task', t), this.metrics.taskBase(t));
        task.defaultRoute = ex.routes.get('default');
        ex.tasks.push(task);
        this.tasks[t] = task;
      }
    }
    this.nExec = this.executors.length;
    this.scratch = new Int32Array(Math.max(16, maxTargets));
    this.scratchEdge = new Int32Array(this.scratch.length);
  }
}

/** Records the description of a call of the event being stepped (the first, or one more). */
export function addTrace(s: EngineState, event: StepEvent): void {
  if (s.trace === null) s.trace = event;
  else (s.traceAlso ??= []).push(event);
}
