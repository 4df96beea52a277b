/**
 * Tuple trees for the lineage view, built from the engine's sampled {@link LineageTree}s: the list
 * of sampled spout tuples with their outcome, the tree of anchored tuples of one of them, where a
 * failed or timed-out tree broke, and the acker's XOR value stepping to zero, each step matched to
 * the tuple whose ack produced it.
 */
import type { LineageNode, LineageTree } from '../../engine';
import { shortHex, xorHex, ZERO64 } from './hex';

export type TreeStatus = LineageTree['status'];

export interface TreeSummary {
  readonly root: string;
  readonly spout: string;
  readonly spoutTask: number;
  readonly messageId: string;
  readonly status: TreeStatus;
  readonly emittedAt: number;
  /** Emit → acked (the complete latency), or emit → failure; null while pending. */
  readonly latencyMs: number | null;
  /** The earlier attempt this tree replays, and the later attempt that replays this one. */
  readonly replayOf: string | null;
  readonly replayedBy: string | null;
  readonly tuples: number;
  readonly truncated: boolean;
}

/**
 * What happened to one tuple: acked or failed by the task that received it, still in flight,
 * or never acked before its tree ended (timed out, failed elsewhere, or lost with a worker).
 */
export type TupleState = 'acked' | 'failed' | 'pending' | 'unacked';

export interface TupleView {
  readonly id: string;
  /** Emitting component and task, stream, and receiving component and task. */
  readonly component: string;
  readonly task: number;
  readonly stream: string;
  readonly destComponent: string;
  readonly dest: number;
  readonly values: string;
  readonly state: TupleState;
  /** Where the tree broke: the tuple a bolt failed, or a tuple never acked before a timeout. */
  readonly broke: boolean;
  readonly emittedAt: number;
  readonly ackedAt: number | null;
  readonly failedAt: number | null;
  /** Anchors besides the parent it is drawn under (multi-anchored tuples), and anchors not recorded. */
  readonly otherAnchors: readonly string[];
  readonly children: readonly TupleView[];
}

export interface XorStep {
  readonly time: number;
  readonly op: 'init' | 'ack' | 'fail';
  readonly ackerTask: number;
  /** What the message XORed in (value before ⊕ value after), and the value after. */
  readonly delta: string;
  readonly value: string;
  readonly complete: boolean;
  /** The tuple whose ack sent this message (when it can be matched), for `ack` steps. */
  readonly tuple: string | null;
  /** Who sent the message: `sentences task 5` (init), `split task 6` (the task that acked), or null when unknown. */
  readonly actor: string | null;
  /** Who sent the message and why (`split task 6 acked 0x… ["moon"]: ⊕ 0x…`), and the whole sentence. */
  readonly what: string;
  readonly text: string;
}

export interface TreeView {
  readonly summary: TreeSummary;
  /** The spout tuples (one per receiving task), with their anchored descendants. */
  readonly roots: readonly TupleView[];
  readonly xor: readonly XorStep[];
  /** A sentence saying where the tree broke (failed, timed-out, lost), or null. */
  readonly breakText: string | null;
  /** Ids of the tuples where it broke. */
  readonly brokeAt: readonly string[];
}

/**
 * The earlier attempt each tree replays: the engine's `replayOf`, or else the latest earlier
 * sampled tree of the same spout task and message id that failed or timed out before this one was
 * emitted (a spout that re-emits inside `fail()` does so before the engine links the attempts).
 */
function replayLinks(trees: readonly LineageTree[]): Map<string, string> {
  const out = new Map<string, string>();
  const byMessage = new Map<string, LineageTree[]>();
  for (const t of [...trees].sort((a, b) => a.emittedAt - b.emittedAt)) {
    const key = `${t.spoutTask}:${t.messageId}`;
    const earlier = byMessage.get(key) ?? [];
    if (t.replayOf !== null) out.set(t.root, t.replayOf);
    else {
      const previous = earlier.filter((e) => (e.status === 'failed' || e.status === 'timed-out') && e.completedAt !== null && e.completedAt <= t.emittedAt).at(-1);
      if (previous) out.set(t.root, previous.root);
    }
    earlier.push(t);
    byMessage.set(key, earlier);
  }
  return out;
}

/** The list of sampled trees, newest first, with replay links both ways. */
export function treeSummaries(trees: readonly LineageTree[]): TreeSummary[] {
  const real = trees.filter((t) => t.spout !== '');
  const replayOf = replayLinks(real);
  const replayedBy = new Map<string, string>();
  for (const [root, original] of replayOf) if (!replayedBy.has(original)) replayedBy.set(original, root);
  return real
    .map((t) => ({
      root: t.root,
      spout: t.spout,
      spoutTask: t.spoutTask,
      messageId: t.messageId,
      status: t.status,
      emittedAt: t.emittedAt,
      latencyMs: t.completedAt === null ? null : t.completedAt - t.emittedAt,
      replayOf: replayOf.get(t.root) ?? null,
      replayedBy: replayedBy.get(t.root) ?? null,
      tuples: t.nodes.length,
      truncated: t.truncated,
    }))
    .sort((a, b) => b.emittedAt - a.emittedAt);
}

function tupleState(n: LineageNode, tree: LineageTree): TupleState {
  if (n.failedAt !== null) return 'failed';
  if (n.ackedAt !== null) return 'acked';
  return tree.status === 'pending' ? 'pending' : 'unacked';
}

const place = (n: LineageNode) => `${n.destComponent} task ${n.dest}`;

/**
 * Builds the view of one tree.
 *
 * @example
 * const view = buildTreeView(snapshot.lineage[0]);
 * view.roots[0].children.map((c) => c.values) // ['["the"]', '["cow"]', …]
 */
export function buildTreeView(tree: LineageTree, all: readonly LineageTree[] = [tree]): TreeView {
  const summary = treeSummaries(all).find((s) => s.root === tree.root) ?? treeSummaries([tree])[0]!;
  const nodes = tree.nodes.filter((n) => n.component !== '').sort((a, b) => a.emittedAt - b.emittedAt);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string, LineageNode[]>();
  const tops: LineageNode[] = [];
  for (const n of nodes) {
    const parent = n.anchors.find((a) => byId.has(a));
    if (parent === undefined) tops.push(n);
    else children.set(parent, [...(children.get(parent) ?? []), n]);
  }

  // Where it broke: the tuples a bolt failed; else (timed out, lost) the tuples never acked.
  const failedIds = nodes.filter((n) => n.failedAt !== null).map((n) => n.id);
  const unacked = nodes.filter((n) => n.ackedAt === null && n.failedAt === null).map((n) => n.id);
  const ended = tree.status === 'failed' || tree.status === 'timed-out' || tree.status === 'lost';
  const brokeAt = !ended ? [] : failedIds.length > 0 ? failedIds : unacked;
  const broke = new Set(brokeAt);

  const view = (n: LineageNode, parent: string | null): TupleView => ({
    id: n.id,
    component: n.component,
    task: n.task,
    stream: n.stream,
    destComponent: n.destComponent,
    dest: n.dest,
    values: n.values,
    state: tupleState(n, tree),
    broke: broke.has(n.id),
    emittedAt: n.emittedAt,
    ackedAt: n.ackedAt,
    failedAt: n.failedAt,
    otherAnchors: n.anchors.filter((a) => a !== parent),
    children: (children.get(n.id) ?? []).map((c) => view(c, n.id)),
  });

  return { summary, roots: tops.map((n) => view(n, null)), xor: xorSteps(tree, nodes, children), breakText: breakText(tree, nodes, brokeAt), brokeAt };
}

function breakText(tree: LineageTree, nodes: readonly LineageNode[], brokeAt: readonly string[]): string | null {
  const at = brokeAt.map((id) => nodes.find((n) => n.id === id)!);
  const list = (ns: readonly LineageNode[]) => {
    const shown = ns.slice(0, 3).map((n) => `${place(n)} (${n.values}, ${shortHex(n.id)})`);
    return ns.length > 3 ? `${shown.join(', ')} and ${ns.length - 3} more` : shown.join(', ');
  };
  switch (tree.status) {
    case 'failed':
      return at.length > 0
        ? `Failed: ${list(at)} failed ${at.length === 1 ? 'its input tuple' : 'their input tuples'}; the acker told ${tree.spout} task ${tree.spoutTask} to fail message ${tree.messageId}.`
        : `Failed: the acker received a fail for this tree and told ${tree.spout} task ${tree.spoutTask} to fail message ${tree.messageId}.`;
    case 'timed-out':
      return at.length > 0
        ? `Timed out: ${list(at)} never acked ${at.length === 1 ? 'its tuple' : 'their tuples'} within topology.message.timeout.secs, so the spout failed message ${tree.messageId}.`
        : `Timed out: the acker's XOR never reached 0 within topology.message.timeout.secs (a tuple was lost or not recorded), so the spout failed message ${tree.messageId}.`;
    case 'lost':
      return `Lost: the worker of ${tree.spout} task ${tree.spoutTask} died, so this tree can never be acked or failed; a restarted spout starts afresh.`;
    default:
      return null;
  }
}

function xorSteps(tree: LineageTree, nodes: readonly LineageNode[], children: ReadonlyMap<string, readonly LineageNode[]>): XorStep[] {
  // What the ack of each tuple XORs in: its own id and the ids of the tuples anchored to it.
  const ackValue = new Map<string, string>();
  for (const n of nodes) ackValue.set(xorHex(n.id, ...(children.get(n.id) ?? []).map((c) => c.id)), n.id);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const spoutTuples = nodes.filter((n) => n.anchors.length === 0);
  let before = ZERO64;
  return [...tree.xor]
    .sort((a, b) => a.time - b.time)
    .map((p) => {
      const delta = p.op === 'fail' ? ZERO64 : xorHex(before, p.value);
      before = p.value;
      const complete = p.value === ZERO64 && p.op !== 'fail';
      let tuple: string | null = null;
      let actor: string | null;
      let what: string;
      if (p.op === 'init') {
        actor = `${tree.spout} task ${tree.spoutTask}`;
        what = `${tree.spout} task ${tree.spoutTask} sent init ⊕ ${shortHex(delta)} (the id${spoutTuples.length === 1 ? '' : 's'} of its ${spoutTuples.length === 1 ? 'tuple' : `${spoutTuples.length} tuples`})`;
      } else if (p.op === 'ack') {
        tuple = ackValue.get(delta) ?? null;
        const n = tuple === null ? undefined : byId.get(tuple);
        const anchored = n ? (children.get(n.id) ?? []).length : 0;
        actor = n ? place(n) : null;
        what = n
          ? `${place(n)} acked ${shortHex(n.id)} ${n.values}${anchored > 0 ? ` with ${anchored} anchored ${anchored === 1 ? 'tuple' : 'tuples'}` : ''}: ⊕ ${shortHex(delta)}`
          : `an ack ⊕ ${shortHex(delta)}`;
      } else {
        // The bolt that failed a tuple of the tree, when it was recorded.
        const failed = nodes.filter((n) => n.failedAt !== null && n.failedAt <= p.time).at(-1);
        actor = failed ? place(failed) : null;
        what = failed ? `${actor} failed ${shortHex(failed.id)} ${failed.values}` : 'a fail';
      }
      const result = p.op === 'fail' ? 'tree failed' : complete ? 'XOR = 0: tree complete' : `XOR = ${shortHex(p.value)}`;
      return { time: p.time, op: p.op, ackerTask: p.task, delta, value: p.value, complete, tuple, actor, what, text: `acker task ${p.task}: ${what} → ${result}` };
    });
}
