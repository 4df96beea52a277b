/**
 * The engine's run-time records: one {@link Executor} per executor of the plan (a cooperative loop;
 * a thread in Storm) holding its tasks (component instances), receive queue, overflow (Storm's
 * `pendingEmits`), outbox of the call in progress, and spout/acker state.
 */
import type { ComponentId, ComponentSpec, ConfigValue, Language } from '../model';
import type { AckerLedger } from './acker';
import type { StreamRoute } from './groupings';
import { RingQueue } from './queue';
import type { Rng } from './rng';
import type { ComponentInstance, InstanceKind, LoadedComponent, TaskApi } from './runtime-api';
import type { SpoutPending } from './spout-pending';
import type { Tuple } from './tuple';
import { slots, type Slots } from './slots';

/** Executor states. */
export const X_IDLE = 0;
export const X_SCHEDULED = 1;
/** Waiting for room in a full queue it emits to (backpressure). */
export const X_BLOCKED = 2;
/** Its worker is down. */
export const X_DEAD = 3;
/** Hosted by another engine host. */
export const X_REMOTE = 4;

/** Executor roles. */
export const R_SPOUT = 0;
export const R_BOLT = 1;
export const R_ACKER = 2;

/** A component as the engine runs it. */
export interface ComponentInfo {
  readonly id: ComponentId;
  /** Index in the engine's component list (for per-component metrics). */
  readonly index: number;
  readonly role: number;
  /** null for `__acker`. */
  readonly spec: ComponentSpec | null;
  /** The language its code runs in (null for `__acker`): Python components' log lines print values as Python does. */
  readonly language: Language | null;
  /** Virtual cost per call (ms), resolved from the component or the simulation default. */
  readonly costMs: number;
  /** The component sets its own cost (`costMs`): kept even with `simulation.measureCost`. */
  readonly ownCost: boolean;
  /** What `initialize(conf, …)` receives: topology config with the component's config over it. */
  conf: Record<string, ConfigValue>;
  tickSecs: number | null;
  loaded: LoadedComponent | null;
}

export interface CrashInfo {
  readonly task: TaskState | null;
  readonly error: unknown;
  /** Values of the tuple being processed, when the crash happened in `process`. */
  readonly tuple: Tuple | null;
  readonly call: string;
}

export class TaskState {
  instance: ComponentInstance | null = null;
  kind: InstanceKind = 'bolt';
  /** `kind === 'basicBolt'` (read per tuple). */
  basic = false;
  /** The input of the `process` call in progress (BasicBolt anchors to it). */
  current: Tuple | null = null;
  /** Engine time the task's last call ended (or it started): where the read time of its next tuple starts. */
  lastEnd = 0;
  /** Base offset of this task's counter row. */
  readonly base: number;
  defaultRoute: StreamRoute | undefined;
  /** Direct-emit warnings already logged (target task ids). */
  warned: Set<number> | null = null;
  /** The `storm` module user code calls back into. */
  readonly api: TaskApi;

  constructor(
    readonly id: number,
    /** 0-based index among the component's tasks (Storm's task index). */
    readonly index: number,
    readonly executor: Executor,
    readonly component: ComponentInfo,
    makeApi: (task: TaskState) => TaskApi,
    readonly rng: Rng,
    base: number,
  ) {
    this.base = base;
    this.api = makeApi(this);
  }
}

export class Executor {
  state = X_IDLE;
  /** Bumped when the executor is reset (worker death): stale queued events are ignored. */
  gen = 0;
  readonly queue = new RingQueue<Tuple>(64);
  readonly overflow = new RingQueue<Tuple>(16);
  outbox: Slots<Tuple | undefined> = slots();
  outN = 0;
  tasks: TaskState[] = [];
  routes = new Map<string, StreamRoute>();
  /** Executors blocked because this executor's queue is full. */
  waiters: Executor[] = [];
  /** Blocked on a congested remote task. */
  waitingRemote = false;
  blockedSince = -1;
  pending: SpoutPending | null = null;
  maxPending = 0;
  ledger: AckerLedger | null = null;
  crash: CrashInfo | null = null;
  /** Under backpressure as far as other hosts are told. */
  congested = false;
  /** Base offset of this executor's counter row. */
  readonly base: number;
  readonly firstTask: number;
  readonly lastTask: number;

  constructor(
    readonly id: number,
    readonly component: ComponentInfo,
    readonly worker: number,
    tasks: readonly [number, number],
    readonly capacity: number,
    readonly rng: Rng,
    base: number,
    readonly local: boolean,
  ) {
    this.firstTask = tasks[0];
    this.lastTask = tasks[1];
    this.base = base;
    if (!local) this.state = X_REMOTE;
  }

  get role(): number {
    return this.component.role;
  }
}
