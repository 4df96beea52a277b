/**
 * Lineage: the tuple trees of a bounded sample of tracked spout tuples (every k-th root, at most N
 * trees, oldest evicted, at most M tuples per tree), with the acker's XOR value over time. Only
 * sampled tuples touch this store, so the hot path pays one boolean test per emit.
 */
import { hex64 } from './tuple';

export interface LineageOptions {
  /** Sample every k-th tracked spout tuple tree (1 = all)… */
  readonly every: number;
  /** …and at most this many new trees per second of engine time (replays of sampled trees always count). */
  readonly maxPerSecond: number;
  /** Trees kept; the oldest is evicted first. */
  readonly maxTrees: number;
  /** Tuples recorded per tree; beyond it the tree is marked truncated. */
  readonly maxNodes: number;
  /** Characters of a tuple's values kept (as JSON). */
  readonly maxValueChars: number;
}

const DEFAULT_LINEAGE: LineageOptions = { every: 100, maxPerSecond: 10, maxTrees: 20, maxNodes: 200, maxValueChars: 120 };

export interface LineageNode {
  /** The tuple id (its edge id in hex, as `tup.id` shows it). */
  readonly id: string;
  readonly component: string;
  /** Emitting task, stream, and receiving task/component. */
  readonly task: number;
  readonly stream: string;
  readonly dest: number;
  readonly destComponent: string;
  /** Subscription id of the edge it travelled, when known. */
  readonly edge: string | null;
  readonly values: string;
  /** Ids of the tuples it is anchored to (empty for spout tuples). */
  readonly anchors: readonly string[];
  readonly emittedAt: number;
  ackedAt: number | null;
  failedAt: number | null;
}

export type TreeStatus = 'pending' | 'acked' | 'failed' | 'timed-out' | 'lost';

export interface XorPoint {
  readonly time: number;
  /** The acker's XOR for the root after the message, 16 hex digits (0000000000000000 = complete). */
  readonly value: string;
  readonly op: 'init' | 'ack' | 'fail';
  /** Acker task. */
  readonly task: number;
}

export interface LineageTree {
  /** Root id in hex. */
  readonly root: string;
  readonly spout: string;
  readonly spoutTask: number;
  /** The spout's message id, as JSON. */
  readonly messageId: string;
  readonly emittedAt: number;
  completedAt: number | null;
  status: TreeStatus;
  /** Root of the earlier attempt this one replays (same spout task and message id). */
  readonly replayOf: string | null;
  readonly nodes: LineageNode[];
  truncated: boolean;
  readonly xor: XorPoint[];
}

/**
 * Values as JSON (bigints as `123n`), cut to `max` characters with an ellipsis.
 *
 * @example
 * describeValues(['the', 3], 120) // '["the",3]'
 */
export function describeValues(values: readonly unknown[], max: number): string {
  const quick = primitivesJson(values, max);
  if (quick !== null) return quick;
  let text: string;
  try {
    // Without a replacer first: JSON.stringify is several times faster without one, and only a
    // bigint (which it refuses) needs it.
    text = JSON.stringify(values) ?? String(values);
  } catch {
    try {
      text = JSON.stringify(values, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(values);
    } catch {
      text = String(values);
    }
  }
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/** Does JSON.stringify write `s` as is between quotes (no quote, backslash, control character or surrogate)? */
function plainString(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

/**
 * {@link describeValues} of the usual tuple — strings without special characters, finite numbers,
 * booleans and nulls — written directly, the same text as JSON.stringify (cut the same way) at a
 * fraction of its cost; null for anything else.
 */
function primitivesJson(values: readonly unknown[], max: number): string | null {
  if (!Array.isArray(values)) return null;
  let text = '[';
  for (let i = 0; i < values.length; i++) {
    const v: unknown = values[i];
    if (i > 0) text += ',';
    if (typeof v === 'string') {
      if (!plainString(v)) return null;
      text += '"' + v + '"';
    } else if (typeof v === 'number') text += Number.isFinite(v) ? String(v) : 'null';
    else if (typeof v === 'boolean') text += v ? 'true' : 'false';
    else if (v === null) text += 'null';
    else return null;
    // Long enough to be cut: what follows would be cut off anyway.
    if (text.length > max) return text.slice(0, max - 1) + '…';
  }
  text += ']';
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/** A message id as JSON (what the lineage view shows, and the key that links a replay to its original). */
function messageIdText(id: unknown): string {
  return describeValues([id], 200).slice(1, -1);
}

export class LineageStore {
  readonly options: LineageOptions;
  private readonly trees = new Map<string, LineageTree>();
  private readonly nodeIndex = new Map<string, Map<string, LineageNode>>();
  /** Failed sampled trees waiting for a replay: `spoutTask:messageId` → root. */
  private readonly awaitingReplay = new Map<string, string>();
  private counter = 0;
  private nextAt = -Infinity;

  /**
   * @param stubs With several hosts, a tree's tuples and XOR points are recorded by the hosts where
   * they happen: a host that sees a sampled root first opens a stub tree for it, which
   * `mergeSnapshots` joins with the spout host's tree.
   */
  constructor(
    options: Partial<LineageOptions> = {},
    private readonly stubs = false,
  ) {
    this.options = { ...DEFAULT_LINEAGE, ...options };
  }

  private treeOf(root: string): LineageTree | undefined {
    const tree = this.trees.get(root);
    if (tree !== undefined || !this.stubs) return tree;
    const stub: LineageTree = { root, spout: '', spoutTask: -1, messageId: '', emittedAt: Infinity, completedAt: null, status: 'pending', replayOf: null, nodes: [], truncated: false, xor: [] };
    this.insert(stub);
    return stub;
  }

  private insert(tree: LineageTree): void {
    this.trees.set(tree.root, tree);
    this.nodeIndex.set(tree.root, new Map());
    while (this.trees.size > this.options.maxTrees) {
      const oldest = this.trees.keys().next().value!;
      this.trees.delete(oldest);
      this.nodeIndex.delete(oldest);
    }
  }

  /**
   * Decides whether a new tracked spout tuple tree is sampled; returns the root it replays ('' for
   * a fresh sample) or null when not sampled.
   */
  sample(spoutTask: number, messageId: unknown, now: number): string | null {
    if (this.awaitingReplay.size > 0) {
      const key = `${spoutTask}:${messageIdText(messageId)}`;
      const previous = this.awaitingReplay.get(key);
      if (previous !== undefined) {
        this.awaitingReplay.delete(key);
        return previous;
      }
    }
    if (this.counter++ % this.options.every !== 0 || now < this.nextAt) return null;
    this.nextAt = now + 1000 / this.options.maxPerSecond;
    return '';
  }

  startTree(rh: number, rl: number, spout: string, spoutTask: number, messageId: unknown, time: number, replayOf: string): void {
    const root = hex64(rh, rl);
    const tree: LineageTree = {
      root,
      spout,
      spoutTask,
      messageId: messageIdText(messageId),
      emittedAt: time,
      completedAt: null,
      status: 'pending',
      replayOf: replayOf === '' ? null : replayOf,
      nodes: [],
      truncated: false,
      xor: [],
    };
    const stub = this.trees.get(root);
    if (stub !== undefined) {
      // Another host's tuples arrived first: keep them.
      tree.nodes.push(...stub.nodes);
      tree.xor.push(...stub.xor);
      this.trees.delete(root);
      this.insert(tree);
      for (const n of tree.nodes) this.nodeIndex.get(root)!.set(n.id, n);
      return;
    }
    this.insert(tree);
  }

  addNode(
    rh: number,
    rl: number,
    node: Omit<LineageNode, 'values' | 'ackedAt' | 'failedAt'>,
    values: readonly unknown[],
  ): void {
    const root = hex64(rh, rl);
    const tree = this.treeOf(root);
    if (!tree) return;
    if (tree.nodes.length >= this.options.maxNodes) {
      tree.truncated = true;
      return;
    }
    const full: LineageNode = {
      id: node.id,
      component: node.component,
      task: node.task,
      stream: node.stream,
      dest: node.dest,
      destComponent: node.destComponent,
      edge: node.edge,
      anchors: node.anchors,
      emittedAt: node.emittedAt,
      values: describeValues(values, this.options.maxValueChars),
      ackedAt: null,
      failedAt: null,
    };
    tree.nodes.push(full);
    this.nodeIndex.get(root)!.set(full.id, full);
  }

  /** A receiving bolt acked or failed a sampled tuple. */
  markNode(rh: number, rl: number, id: string, time: number, failed: boolean): void {
    const root = hex64(rh, rl);
    let node = this.nodeIndex.get(root)?.get(id);
    if (!node && this.stubs && this.treeOf(root)) {
      // The tuple was emitted on another host: record the outcome on a placeholder merged later.
      node = { id, component: '', task: -1, stream: '', dest: -1, destComponent: '', edge: null, values: '', anchors: [], emittedAt: Infinity, ackedAt: null, failedAt: null };
      this.trees.get(root)!.nodes.push(node);
      this.nodeIndex.get(root)!.set(id, node);
    }
    if (!node) return;
    if (failed) node.failedAt = time;
    else node.ackedAt = time;
  }

  recordXor(rh: number, rl: number, vh: number, vl: number, op: XorPoint['op'], task: number, time: number): void {
    const root = hex64(rh, rl);
    const tree = this.treeOf(root);
    if (!tree || tree.xor.length >= this.options.maxNodes * 2) return;
    tree.xor.push({ time, value: hex64(vh, vl), op, task });
  }

  /** The spout learned the outcome of a sampled tree. */
  finish(rh: number, rl: number, status: TreeStatus, time: number): void {
    const tree = this.trees.get(hex64(rh, rl));
    if (!tree) return;
    tree.status = status;
    tree.completedAt = time;
    if (status === 'failed' || status === 'timed-out') {
      this.awaitingReplay.set(`${tree.spoutTask}:${tree.messageId}`, tree.root);
      while (this.awaitingReplay.size > this.options.maxTrees) this.awaitingReplay.delete(this.awaitingReplay.keys().next().value!);
    }
  }

  /** Trees of spout tasks that died with their worker can never finish. */
  markLost(spoutTasks: ReadonlySet<number>, time: number): void {
    for (const tree of this.trees.values()) {
      if (tree.status === 'pending' && spoutTasks.has(tree.spoutTask)) {
        tree.status = 'lost';
        tree.completedAt = time;
      }
    }
  }

  /** Plain copies of the trees, oldest first. */
  snapshot(): LineageTree[] {
    return [...this.trees.values()].map((t) => ({ ...t, nodes: t.nodes.map((n) => ({ ...n })), xor: [...t.xor] }));
  }
}
