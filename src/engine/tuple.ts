/**
 * The engine's tuple: one object per delivered tuple (Storm's `TupleImpl` addressed to one task),
 * also used, pooled, for the system messages of the acker protocol. User code receives it directly
 * as a {@link TupleView}.
 *
 * Tuple-tree ids are Storm's random 64-bit longs, kept as two int32 words (`hi`, `lo`): a tuple
 * anchored to one spout tuple tree has one (root, edge) pair inline; more roots (a tuple anchored
 * to several trees) go to `more`.
 */
import type { TupleView } from './runtime-api';

/** Kinds of queue entries. User code only ever sees USER and TICK. */
export const K_USER = 0;
export const K_TICK = 1;
/** `__ack_init [root, xor of edge ids, spout task]` to an acker task. */
export const K_ACK_INIT = 2;
/** `__ack_ack [root, edge xor ack value]` to an acker task. */
export const K_ACK_ACK = 3;
/** `__ack_fail [root]` to an acker task. */
export const K_ACK_FAIL = 4;
/** Acker → spout task: the tree of `root` completed; `vh:vl` holds how long the acker held it, in µs (Storm 2.x's complete latency). */
export const K_SPOUT_ACK = 5;
/** Acker → spout task: the tree of `root` failed. */
export const K_SPOUT_FAIL = 6;

const EMPTY: readonly unknown[] = Object.freeze([]);

export class Tuple implements TupleView {
  kind: number;
  /** Destination task id. */
  dest: number;
  /** Source task id (-1 for tick tuples). */
  task: number;
  component: string;
  stream: string;
  /** Index of (component, stream) in the document's stream table (for transport batches). */
  streamIdx: number;
  values: readonly unknown[];
  /**
   * Engine time (ms) when its `process` started, for the process latency of an ack in a later call;
   * set only for a tuple still pending when its `process` returns (null until then: a field holding
   * a fractional number costs V8 a separate number object per tuple, so it is written only when needed).
   */
  startTime: number | null = null;
  /** Number of tuple trees the tuple belongs to (0: unanchored / untracked). */
  nRoots = 0;
  rh = 0;
  rl = 0;
  eh = 0;
  el = 0;
  /** Roots beyond the first: [rootHi, rootLo, edgeHi, edgeLo, …]. */
  more: number[] | null = null;
  /** XOR of the edge ids of tuples anchored to this one (Storm's `outAckVal`). */
  ackH = 0;
  ackL = 0;
  /** System messages: the value word pair and the spout task of `__ack_init`. */
  vh = 0;
  vl = 0;
  spoutTask = -1;
  /** 1 once acked or failed by the receiving bolt. */
  done = 0;
  /** Part of a sampled tuple tree (lineage). */
  sampled = false;
  /** Sequence number for the id of untracked tuples. */
  seq: number;
  private idText: string | null = null;

  constructor(kind = K_USER, dest = 0, task = 0, component = '', stream = '', streamIdx = 0, values: readonly unknown[] = EMPTY, seq = 0) {
    this.kind = kind;
    this.dest = dest;
    this.task = task;
    this.component = component;
    this.stream = stream;
    this.streamIdx = streamIdx;
    this.values = values;
    this.seq = seq;
  }

  /**
   * Storm's multilang sends tuple ids as strings; here the id is the tuple's edge id in hex (the
   * same id the lineage view shows), or `u<n>` for an untracked tuple.
   */
  get id(): string {
    if (this.idText === null) this.idText = this.nRoots > 0 ? hex64(this.eh, this.el) : `u${this.seq}`;
    return this.idText;
  }

  isTickTuple(): boolean {
    return this.kind === K_TICK;
  }

  /** Python spelling, for runtimes that pass the engine tuple through. */
  is_tick_tuple(): boolean {
    return this.kind === K_TICK;
  }

  /** XORs `edge` into this tuple's id for `root`, adding the root if new (Storm's `putXor`). */
  putXor(rh: number, rl: number, eh: number, el: number): void {
    if (this.nRoots === 0) {
      this.rh = rh;
      this.rl = rl;
      this.eh = eh;
      this.el = el;
      this.nRoots = 1;
      return;
    }
    if (this.rh === rh && this.rl === rl) {
      this.eh ^= eh;
      this.el ^= el;
      return;
    }
    const more = (this.more ??= []);
    for (let i = 0; i < more.length; i += 4) {
      if (more[i] === rh && more[i + 1] === rl) {
        more[i + 2]! ^= eh;
        more[i + 3]! ^= el;
        return;
      }
    }
    more.push(rh, rl, eh, el);
    this.nRoots++;
  }

}

/** Character codes of the 16 hex digits. */
const HEX_DIGIT = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/**
 * A 64-bit id as 16 hex digits, written as one flat string (several times faster than
 * `toString(16)` and padding, and than joining pieces, which leaves a tree of strings to flatten).
 *
 * @example
 * hex64(-1, 255) // 'ffffffff000000ff'
 */
export function hex64(hi: number, lo: number): string {
  const d = HEX_DIGIT;
  return String.fromCharCode(
    d[hi >>> 28]!,
    d[(hi >>> 24) & 15]!,
    d[(hi >>> 20) & 15]!,
    d[(hi >>> 16) & 15]!,
    d[(hi >>> 12) & 15]!,
    d[(hi >>> 8) & 15]!,
    d[(hi >>> 4) & 15]!,
    d[hi & 15]!,
    d[lo >>> 28]!,
    d[(lo >>> 24) & 15]!,
    d[(lo >>> 20) & 15]!,
    d[(lo >>> 16) & 15]!,
    d[(lo >>> 12) & 15]!,
    d[(lo >>> 8) & 15]!,
    d[(lo >>> 4) & 15]!,
    d[lo & 15]!,
  );
}

/**
 * A free list of system-message tuples (acker protocol), so acking allocates nothing per tuple.
 * System messages never carry roots beyond the first (`nRoots` 0, `more` null), and `message`
 * sets every other field they use, so a returned message needs no reset.
 */
export class TuplePool {
  private free: Tuple[] = [];

  /** A fresh or recycled tuple (for the transport's reader, which sets every field). */
  take(): Tuple {
    const t = this.free.pop();
    if (t !== undefined) return t;
    return new Tuple();
  }

  /** A system message with all its fields set. */
  message(kind: number, dest: number, task: number, rh: number, rl: number, vh: number, vl: number, spoutTask: number, sampled: boolean): Tuple {
    const t = this.free.pop() ?? new Tuple();
    t.kind = kind;
    t.dest = dest;
    t.task = task;
    t.rh = rh;
    t.rl = rl;
    t.vh = vh;
    t.vl = vl;
    t.spoutTask = spoutTask;
    t.sampled = sampled;
    return t;
  }

  give(t: Tuple): void {
    if (this.free.length < 65536) this.free.push(t);
  }
}
