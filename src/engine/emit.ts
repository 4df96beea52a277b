/**
 * Emitting and routing: `storm.emit` of a task picks the targets with the stream's groupings
 * (`groupings.ts`), counts emitted and transferred, and puts one tuple per target into the
 * executor's outbox (delivered when the call ends, `delivery.ts`). A spout's tracked emit starts a
 * tuple tree (a random 64-bit root, an edge id per target, `__ack_init` to the acker); a bolt's
 * emit is anchored to its inputs (`acking.ts`).
 *
 * `emit` is the hot path of every tuple: cold work (errors, debug lines, step descriptions) lives
 * in other functions, so that V8 compiles it small.
 */
import { ackerTask, anchor } from './acking';
import { NONE } from './describe';
import type { EngineState } from './engine-state';
import { R_SPOUT, type TaskState } from './executor';
import type { StreamRoute } from './groupings';
import { describeValues } from './lineage';
import { E_TREES, T_EMITTED, T_TRANSFERRED } from './metrics';
import type { EmitOptions, TupleView } from './runtime-api';
import { K_ACK_INIT, K_USER, Tuple } from './tuple';

const EMPTY: readonly number[] = Object.freeze([] as number[]);

/** `storm.emit` of a task: returns the target task ids. */
export function emit(s: EngineState, task: TaskState, values: readonly unknown[], options: EmitOptions | undefined): number[] {
  const ex = task.executor;
  let route = task.defaultRoute;
  let direct: number | undefined | null = undefined;
  if (options !== undefined) {
    const stream = options.stream;
    if (stream !== undefined && stream !== null && stream !== 'default') route = ex.routes.get(String(stream));
    direct = options.directTask;
  }
  if (route === undefined || !Array.isArray(values) || values.length !== route.arity) throw emitError(task, values, options);
  let n = 0;
  if (direct !== undefined && direct !== null) n = directTarget(s, task, route, direct);
  else {
    if (route.hasDirect) throw emitError(task, values, options);
    const groupers = route.groupers;
    const out = s.scratch;
    const outEdge = s.scratchEdge;
    for (let g = 0; g < groupers.length; g++) {
      const grouper = groupers[g]!;
      const from = n;
      n = grouper.choose(values, out, n);
      for (let k = from; k < n; k++) outEdge[k] = grouper.edge;
    }
  }
  const c = s.counters;
  c[task.base + T_EMITTED]! += 1;
  c[task.base + T_TRANSFERRED]! += n;
  const edgeBase = s.edgeBase;
  const outEdge = s.scratchEdge;
  for (let k = 0; k < n; k++) c[edgeBase + outEdge[k]!]! += 1;
  s.emitCounter++;
  if (s.debug) logEmit(s, task, route, values);
  const outStart = ex.outN;
  if (ex.component.role === R_SPOUT) spoutTuples(s, task, route, values, n, options?.id);
  else if (task.basic) {
    if (n > 0) basicBoltTuples(s, task, route, values, n);
  } else boltTuples(s, task, route, values, n, options?.anchors);
  if (s.describing) describeEmit(s, task, outStart, route, values, n);
  if (n === 0) return EMPTY as number[];
  if (n === 1) return s.single[s.scratch[0]!] as number[];
  return Array.from(s.scratch.subarray(0, n));
}

/** The error of an emit that cannot be routed, in the order Storm checks (thrown into user code). */
function emitError(task: TaskState, values: readonly unknown[], options: EmitOptions | undefined): Error {
  const ex = task.executor;
  const stream = options === undefined || options.stream === undefined || options.stream === null ? 'default' : String(options.stream);
  const route = stream === 'default' ? task.defaultRoute : ex.routes.get(stream);
  if (route === undefined) {
    const declared = [...ex.routes.keys()].map((st) => `"${st}"`).join(', ') || 'none';
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
function logEmit(s: EngineState, task: TaskState, route: StreamRoute, values: readonly unknown[]): void {
  s.logs.add(s.callBase + s.callSleep, task.component.id, task.id, 'INFO', `Emitting: ${task.component.id} ${route.stream} ${describeValues(values, 500)}`);
}

/** Step mode: records an emit of the call being described. */
function describeEmit(s: EngineState, task: TaskState, outStart: number, route: StreamRoute, values: readonly unknown[], n: number): void {
  const ex = task.executor;
  let ids: string[] | null = null;
  const box = ex.outbox;
  for (let i = outStart; i < ex.outN; i++) {
    const t = box[i]!;
    if (t.kind === K_USER && t.nRoots > 0) (ids ??= []).push(t.id);
  }
  let targets: readonly number[] = NONE;
  if (n > 0) {
    const list: number[] = [];
    for (let k = 0; k < n; k++) list.push(s.scratch[k]!);
    targets = list;
  }
  s.callLog.addEmit({ stream: route.stream, values: describeValues(values, 120), targets, ids: ids ?? NONE });
}

/** `emitDirect`: the target if it subscribes to the stream with direct grouping (1), else 0 targets. */
function directTarget(s: EngineState, task: TaskState, route: StreamRoute, directTask: number): number {
  if (!Number.isInteger(directTask)) throw new TypeError(`emitDirect needs a task id (an integer), got ${describeValues([directTask], 80)}`);
  const target = s.plan.taskToComponent[String(directTask)];
  const edge = target === undefined ? undefined : route.direct.get(target);
  if (edge === undefined) {
    if (target !== undefined && route.regular.has(target)) {
      throw new Error(`Cannot emitDirect to a task expecting a regular grouping (task ${directTask} of "${target}" subscribes to stream "${route.stream}" of "${task.component.id}" without direct grouping)`);
    }
    // Storm drops the tuple silently (it still counts as emitted); say it once per target.
    if (!(task.warned ??= new Set()).has(directTask)) {
      task.warned.add(directTask);
      const who = target === undefined ? `task ${directTask}, which does not exist` : `task ${directTask} of "${target}", which does not subscribe to stream "${route.stream}" of "${task.component.id}"`;
      s.logs.add(s.callBase, task.component.id, task.id, 'WARNING', `emitDirect to ${who}: Storm drops such tuples.`);
    }
    return 0;
  }
  s.scratch[0] = directTask;
  s.scratchEdge[0] = edge;
  return 1;
}

function newTuple(s: EngineState, task: TaskState, route: StreamRoute, values: readonly unknown[], dest: number): Tuple {
  return new Tuple(K_USER, dest, task.id, task.component.id, route.stream, route.streamIdx, values, s.tupleSeq++);
}

function spoutTuples(s: EngineState, task: TaskState, route: StreamRoute, values: readonly unknown[], n: number, messageId: unknown): void {
  const ex = task.executor;
  const out = s.scratch;
  const outEdge = s.scratchEdge;
  const tracked = messageId !== undefined && messageId !== null;
  if (!tracked || !s.acking) {
    for (let k = 0; k < n; k++) ex.outbox[ex.outN++] = newTuple(s, task, route, values, out[k]!);
    // With no acker, Storm calls the spout's ack at once, inside emit (and counts nothing).
    if (tracked) nestedSpoutAck(s, task, messageId);
    return;
  }
  const rng = ex.rng;
  const rh = rng.nextI32();
  const rl = rng.nextI32();
  let xh = 0;
  let xl = 0;
  const emitTime = s.callBase + s.callSleep;
  const replayOf = s.lineage?.sample(task.id, messageId, emitTime) ?? null;
  const sampled = replayOf !== null;
  if (sampled) s.lineage!.startTree(rh, rl, task.component.id, task.id, messageId, emitTime, replayOf);
  for (let k = 0; k < n; k++) {
    const eh = rng.nextI32();
    const el = rng.nextI32();
    xh ^= eh;
    xl ^= el;
    const t = newTuple(s, task, route, values, out[k]!);
    t.nRoots = 1;
    t.rh = rh;
    t.rl = rl;
    t.eh = eh;
    t.el = el;
    t.sampled = sampled;
    if (sampled) lineageNode(s, t, outEdge[k]!, []);
    ex.outbox[ex.outN++] = t;
  }
  ex.pending!.put(rh, rl, messageId, task.id, emitTime, sampled);
  s.counters[ex.base + E_TREES]! += 1;
  const init = s.pool.message(K_ACK_INIT, ackerTask(s, rh, rl), task.id, rh, rl, xh, xl, task.id, sampled);
  ex.outbox[ex.outN++] = init;
}

function nestedSpoutAck(s: EngineState, task: TaskState, messageId: unknown): void {
  // Re-entrant: the spout's ack runs inside its own nextTuple, as in Storm; its cost adds to the call.
  s.callExtra += task.component.costMs;
  task.instance!.ack(messageId);
}

/** BasicBolt: every emit is anchored to the input being processed (no anchors list to allocate). */
function basicBoltTuples(s: EngineState, task: TaskState, route: StreamRoute, values: readonly unknown[], n: number): void {
  const ex = task.executor;
  const out = s.scratch;
  const cur = task.current;
  const anchored = cur !== null && cur.kind === K_USER && cur.nRoots > 0 && s.acking;
  for (let k = 0; k < n; k++) {
    const t = newTuple(s, task, route, values, out[k]!);
    if (anchored) {
      anchor(ex, cur, t);
      if (cur.sampled) sampleAnchored(s, t, k, [cur]);
    }
    ex.outbox[ex.outN++] = t;
  }
}

/** Lineage: a new tuple of a sampled tree, anchored to `anchors` (the sampled ones among them). */
function sampleAnchored(s: EngineState, t: Tuple, k: number, anchors: readonly TupleView[]): void {
  t.sampled = true;
  lineageNode(s, t, s.scratchEdge[k]!, anchors.filter((a) => (a as Tuple).sampled).map((a) => a.id));
}

function boltTuples(s: EngineState, task: TaskState, route: StreamRoute, values: readonly unknown[], n: number, anchorsOption: readonly TupleView[] | undefined): void {
  const ex = task.executor;
  const out = s.scratch;
  let anchors: readonly TupleView[] | null = null;
  if (anchorsOption !== undefined && anchorsOption !== null) {
    if (!Array.isArray(anchorsOption)) throw new TypeError('anchors must be a list of tuples');
    for (const a of anchorsOption) {
      if (!(a instanceof Tuple)) throw new TypeError(`anchors must be tuples this bolt received, got ${describeValues([a], 80)}`);
    }
    anchors = anchorsOption.length > 0 && s.acking ? anchorsOption : null;
  }
  for (let k = 0; k < n; k++) {
    const t = newTuple(s, task, route, values, out[k]!);
    if (anchors !== null) {
      let sampled = false;
      for (let i = 0; i < anchors.length; i++) {
        const a = anchors[i] as Tuple;
        if (a.nRoots === 0 || a.kind !== K_USER) continue;
        anchor(ex, a, t);
        if (a.sampled) sampled = true;
      }
      if (sampled) sampleAnchored(s, t, k, anchors);
    }
    ex.outbox[ex.outN++] = t;
  }
}

/** Lineage: records a new tuple of a sampled tree. */
function lineageNode(s: EngineState, t: Tuple, edgeIndex: number, anchors: readonly string[]): void {
  const edge = edgeIndex >= 0 ? (s.edges[edgeIndex]?.subscription.id ?? null) : null;
  s.lineage!.addNode(
    t.rh,
    t.rl,
    {
      id: t.id,
      component: t.component,
      task: t.task,
      stream: t.stream,
      dest: t.dest,
      destComponent: s.plan.taskToComponent[String(t.dest)] ?? '',
      edge,
      anchors,
      emittedAt: s.callBase + s.callSleep,
    },
    t.values,
  );
}
