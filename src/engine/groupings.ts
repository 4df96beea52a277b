/**
 * Stream groupings with Storm's rules (docs/engine.md, "Groupings"; `GrouperFactory`, `ShuffleGrouping`,
 * `PartialKeyGrouping`, `TupleUtils.chooseTaskIndex`). One {@link Grouper} per (emitting executor,
 * subscription), as Storm prepares one grouper per executor; target task lists are sorted
 * ascending, as `GrouperFactory.mkGrouper` sorts them.
 *
 * Routing writes task ids into a caller-owned Int32Array: no allocation per tuple.
 */
import { findComponent } from '../model/topology';
import type { Grouping, Subscription, TopologyDocument } from '../model/types';
import { floorModBy, JavaRandom, javaHash, listHash } from './java-hash';
import type { PhysicalPlan } from './plan';
import { workerOfTask } from './plan';
import type { Rng } from './rng';

const G_SHUFFLE = 0;
const G_FIELDS = 1;
const G_GLOBAL = 2;
const G_ALL = 3;
const G_NONE = 4;
const G_LOCAL_OR_SHUFFLE = 5;
const G_DIRECT = 6;
const G_PARTIAL_KEY = 7;

const KIND: Record<Grouping['kind'], number> = {
  shuffle: G_SHUFFLE,
  fields: G_FIELDS,
  global: G_GLOBAL,
  all: G_ALL,
  none: G_NONE,
  localOrShuffle: G_LOCAL_OR_SHUFFLE,
  direct: G_DIRECT,
  partialKey: G_PARTIAL_KEY,
};

/** A subscription with its resolved target tasks: an edge of the running topology. */
export interface Edge {
  /** Index in the document's subscriptions. */
  readonly index: number;
  readonly subscription: Subscription;
  /** The subscriber's task ids, ascending. */
  readonly targets: readonly number[];
}

export function buildEdges(doc: TopologyDocument, plan: PhysicalPlan): Edge[] {
  return doc.subscriptions.map((subscription, index) => ({ index, subscription, targets: plan.tasks[subscription.to] ?? [] }));
}

/** One subscription's routing state inside one emitting executor. */
class Grouper {
  readonly kind: number;
  readonly edge: number;
  readonly component: string;
  /** Candidate targets (for localOrShuffle: the local ones when there are any). */
  readonly targets: Int32Array;
  /**
   * `targets.length` and `fieldIdx.length`, kept as numbers: in a locked-down host a typed
   * array's `length` is a getter call V8 no longer inlines (event-queue.ts), and `choose` runs per emit.
   */
  private readonly targetCount: number;
  private readonly fieldCount: number;
  /** Shuffle: the shuffled order and Storm's `current` counter. */
  private readonly choices: Int32Array;
  private current = 0;
  /** `targets.length - 1` when it is a power of two (floorMod is then a mask), else -1. */
  private readonly mask: number;
  /** `1 / targets.length`, for floorMod by multiplication (an integer division is slow). */
  private readonly inv: number;
  /** Fields / partialKey: indexes of the grouping fields in the stream's declared fields. */
  readonly fieldIdx: Int32Array;
  private readonly rng: Rng;
  private readonly javaRandom = new JavaRandom(0);
  private readonly keyBytes: Int8Array;
  /** partialKey: tuples sent per target task by this grouper (Storm's BalancedTargetSelector). */
  private readonly sent = new Map<number, number>();

  constructor(kind: number, edge: number, component: string, targets: readonly number[], fieldIdx: readonly number[], rng: Rng) {
    this.kind = kind;
    this.edge = edge;
    this.component = component;
    this.targets = Int32Array.from(targets);
    this.targetCount = targets.length;
    this.fieldCount = fieldIdx.length;
    this.mask = targets.length > 0 && (targets.length & (targets.length - 1)) === 0 ? targets.length - 1 : -1;
    this.inv = 1 / Math.max(1, targets.length);
    this.fieldIdx = Int32Array.from(fieldIdx);
    this.rng = rng;
    this.keyBytes = new Int8Array(4 * Math.max(1, fieldIdx.length));
    // Collections.shuffle(choices, random): for i = size..2, swap(i - 1, nextInt(i)).
    this.choices = Int32Array.from(targets);
    if (kind === G_SHUFFLE || kind === G_LOCAL_OR_SHUFFLE) {
      for (let i = this.choices.length; i > 1; i--) {
        const j = rng.nextInt(i);
        const tmp = this.choices[i - 1]!;
        this.choices[i - 1] = this.choices[j]!;
        this.choices[j] = tmp;
      }
    }
  }

  /**
   * Writes the chosen task ids at `out[pos…]` and returns the new end position.
   * Direct groupers choose nothing here (the emitter names the task).
   */
  choose(values: readonly unknown[], out: Int32Array, pos: number): number {
    const n = this.targetCount;
    if (n === 0) return pos;
    switch (this.kind) {
      case G_SHUFFLE:
      case G_LOCAL_OR_SHUFFLE: {
        // ShuffleGrouping.chooseTasks: the first call returns choices[1], wrapping to choices[0].
        const next = ++this.current;
        if (next < n) out[pos] = this.choices[next]!;
        else {
          this.current = 0;
          out[pos] = this.choices[0]!;
        }
        return pos + 1;
      }
      case G_FIELDS: {
        const idx = this.fieldIdx;
        let h = 1;
        for (let i = 0; i < this.fieldCount; i++) h = (Math.imul(31, h) + javaHash(values[idx[i]!])) | 0;
        // floorMod(h, 2^k) is h & (2^k - 1) in two's complement: no division.
        out[pos] = this.targets[this.mask >= 0 ? h & this.mask : floorModBy(h, n, this.inv)]!;
        return pos + 1;
      }
      case G_GLOBAL:
        out[pos] = this.targets[0]!;
        return pos + 1;
      case G_ALL:
        out.set(this.targets, pos);
        return pos + n;
      case G_NONE:
        out[pos] = this.targets[this.rng.nextInt(n)]!;
        return pos + 1;
      case G_PARTIAL_KEY:
        if (values.length === 0) return pos;
        out[pos] = this.partialKey(values);
        return pos + 1;
      default:
        return pos;
    }
  }

  /** PartialKeyGrouping: two candidates from `new Random(Arrays.hashCode(keyBytes))`, the less loaded wins. */
  private partialKey(values: readonly unknown[]): number {
    const idx = this.fieldIdx;
    const bytes = this.keyBytes;
    for (let i = 0; i < idx.length; i++) {
      const v = values[idx[i]!];
      const h = Array.isArray(v) ? listHash(v) : javaHash(v);
      bytes[4 * i] = h >> 24;
      bytes[4 * i + 1] = h >> 16;
      bytes[4 * i + 2] = h >> 8;
      bytes[4 * i + 3] = h;
    }
    let seed = 1;
    for (let i = 0; i < 4 * idx.length; i++) seed = (Math.imul(31, seed) + bytes[i]!) | 0;
    const r = this.javaRandom;
    r.setSeed(seed);
    const n = this.targets.length;
    const c1 = r.nextInt(n);
    let c2 = r.nextInt(n);
    c2 = c1 === c2 ? (c2 + 1) % n : c2;
    const t1 = this.targets[c1]!;
    const t2 = this.targets[c2]!;
    const l1 = this.sent.get(t1) ?? 0;
    const l2 = this.sent.get(t2) ?? 0;
    const pick = l2 < l1 ? t2 : t1;
    this.sent.set(pick, (pick === t1 ? l1 : l2) + 1);
    return pick;
  }
}

/** How one emitting executor routes one of its component's output streams. */
export interface StreamRoute {
  readonly stream: string;
  /** Index in the document's stream table (see transport.ts). */
  readonly streamIdx: number;
  /** Number of declared fields (Storm's local-mode sanity check compares it with each emit). */
  readonly arity: number;
  readonly fields: readonly string[];
  /** Regular groupers (every subscription except direct ones). */
  readonly groupers: readonly Grouper[];
  /** Direct subscriptions: subscriber component → edge index. */
  readonly direct: ReadonlyMap<string, number>;
  /** Regular subscriptions by subscriber component (to reject emitDirect to them). */
  readonly regular: ReadonlySet<string>;
  /** Upper bound of targets one emit can produce. */
  readonly maxTargets: number;
  /** Some subscriber consumes the stream with direct grouping (`direct.size > 0`). */
  readonly hasDirect: boolean;
}

/**
 * Builds the routes of every declared stream of `component` for one executor, in subscription
 * order (Storm's per-stream grouper list). `worker` is the executor's worker (shuffle, localOrShuffle).
 */
export function buildRoutes(
  doc: TopologyDocument,
  plan: PhysicalPlan,
  edges: readonly Edge[],
  component: string,
  worker: number,
  rng: Rng,
  streamIndex?: ReadonlyMap<string, number>,
): Map<string, StreamRoute> {
  const spec = findComponent(doc, component);
  const routes = new Map<string, StreamRoute>();
  if (!spec) return routes;
  const taskWorker = workerOfTask(plan);
  const noLoadAware = doc.config.custom['topology.disable.loadaware.messaging'] === true;
  for (const stream of spec.streams) {
    const groupers: Grouper[] = [];
    const direct = new Map<string, number>();
    const regular = new Set<string>();
    let maxTargets = 0;
    for (const edge of edges) {
      const sub = edge.subscription;
      if (sub.from !== component || sub.stream !== stream.id) continue;
      const g = sub.grouping;
      if (g.kind === 'direct') {
        direct.set(sub.to, edge.index);
        maxTargets = Math.max(maxTargets, 1);
        continue;
      }
      regular.add(sub.to);
      let targets = edge.targets;
      // localOrShuffle: the targets in the emitter's worker when there are any (GrouperFactory).
      // shuffle: Storm 2.x's LoadAwareShuffleGrouping starts in LocalityScope.WORKER_LOCAL, the
      // targets in the emitter's worker when there are any, and widens only when their load passes
      // topology.localityaware.higher.bound (0.8), which the simulator does not model
      // (storm-client/.../grouping/LoadAwareShuffleGrouping.java, v2.8.3, prepare/transition).
      // topology.disable.loadaware.messaging: ShuffleGrouping over every target.
      if (g.kind === 'localOrShuffle' || (g.kind === 'shuffle' && !noLoadAware)) {
        const local = targets.filter((t) => taskWorker[t] === worker);
        if (local.length > 0) targets = local;
      }
      const fieldIdx = g.kind === 'fields' || g.kind === 'partialKey' ? g.fields.map((f) => stream.fields.indexOf(f)) : [];
      groupers.push(new Grouper(KIND[g.kind], edge.index, sub.to, targets, fieldIdx, rng));
      maxTargets += g.kind === 'all' ? targets.length : 1;
    }
    const streamIdx = streamIndex?.get(`${component}\u0000${stream.id}`) ?? 0;
    routes.set(stream.id, { stream: stream.id, streamIdx, arity: stream.fields.length, fields: stream.fields, groupers, direct, regular, maxTargets, hasDirect: direct.size > 0 });
  }
  return routes;
}
