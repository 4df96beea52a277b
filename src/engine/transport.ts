/**
 * Tuples, acker messages and spout ack/fail notifications between engine hosts (one host per Storm
 * worker in wall-time mode, each in its own Web Worker or worker thread). Messages are batched into
 * plain structured-clone data: typed arrays of ints and times plus the value lists, never class
 * instances or functions. How batches travel (postMessage, MessagePort, a test loop) is the
 * adapter's business: it implements {@link Transport} and calls `engine.receive(batch)` on the
 * other side.
 */
import type { TopologyDocument } from '../model';
import { K_ACK_INIT, type Tuple } from './tuple';

/** A batch of messages from one host to another. */
export interface TransportBatch {
  /** Sending host index. */
  readonly from: number;
  /** Message records: see {@link BatchWriter} for the layout. */
  readonly ints: Int32Array;
  /** The sender's engine time (ms) when each message was sent (one entry per message). */
  readonly times: Float64Array;
  /**
   * Values of the user and tick tuples, in message order (acker messages have none), in a compact
   * text form (see {@link encodeValue}): one string clones far faster than many small arrays.
   */
  readonly text: string;
  /** Values the text form cannot hold (objects, arrays, bigints…), structured-cloned. */
  readonly extras: readonly unknown[];
  /**
   * Backpressure status of the sender's tasks when it changed since its last batch: the task ids
   * whose receive queues are full (Storm's BackPressureStatus). Absent when unchanged.
   */
  readonly congested?: readonly number[];
  /**
   * With shared-memory rings between the hosts (`EngineOptions.rings`): the values their records
   * could not encode, by index (the batch has no records then).
   */
  readonly ringValues?: { readonly first: number; readonly values: readonly unknown[] };
}

/** Sends a batch to another host. Implemented by the adapter (worker_threads, Web Workers, tests). */
export interface Transport {
  send(toHost: number, batch: TransportBatch): void;
}

/** Index of every (component, stream) of a document, the same on every host. */
export function streamTable(doc: TopologyDocument): { readonly names: string[]; readonly index: Map<string, number> } {
  const names: string[] = ['default', '__tick'];
  const index = new Map<string, number>([
    ['\u0000default', 0],
    ['\u0000__tick', 1],
  ]);
  for (const c of doc.components) {
    for (const s of c.streams) {
      const key = `${c.id}\u0000${s.id}`;
      if (!index.has(key)) {
        index.set(key, names.length);
        names.push(s.id);
      }
    }
  }
  return { names, index };
}

/**
 * Accumulates messages for one destination host. Record layout (int32):
 * `kind, dest, srcTask, stream, sampled, nRoots, (rootHi, rootLo, edgeHi, edgeLo) × max(1, nRoots),
 * ackHi, ackLo, valueHi, valueLo, spoutTask`.
 */
export class BatchWriter {
  private ints = new Int32Array(4096);
  private len = 0;
  private times = new Float64Array(512);
  private text = '';
  private extras: unknown[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds a message, sent at engine time `time`. */
  add(t: Tuple, time: number): void {
    const need = 20 + 4 * t.nRoots;
    if (this.len + need > this.ints.length) {
      const next = new Int32Array(Math.max(this.ints.length * 2, this.len + need));
      next.set(this.ints.subarray(0, this.len));
      this.ints = next;
    }
    if (this.count === this.times.length) {
      const next = new Float64Array(this.times.length * 2);
      next.set(this.times);
      this.times = next;
    }
    const a = this.ints;
    let i = this.len;
    a[i++] = t.kind;
    a[i++] = t.dest;
    a[i++] = t.task;
    a[i++] = t.streamIdx;
    a[i++] = t.sampled ? 1 : 0;
    a[i++] = t.nRoots;
    // The first root is always written: system messages carry their root without being anchored.
    a[i++] = t.rh;
    a[i++] = t.rl;
    a[i++] = t.eh;
    a[i++] = t.el;
    const more = t.more;
    if (more !== null) for (let k = 0; k < more.length; k++) a[i++] = more[k]!;
    a[i++] = t.ackH;
    a[i++] = t.ackL;
    a[i++] = t.vh;
    a[i++] = t.vl;
    a[i++] = t.spoutTask;
    this.len = i;
    this.times[this.count] = time;
    if (t.kind < K_ACK_INIT) {
      const values = t.values;
      let text = this.text + String.fromCharCode(values.length);
      for (let k = 0; k < values.length; k++) text += encodeValue(values[k], this.extras);
      this.text = text;
    }
    this.count++;
  }

  /** Takes the accumulated messages as a batch and starts a new one. */
  take(from: number, congested?: readonly number[]): TransportBatch {
    const batch: TransportBatch = {
      from,
      ints: this.ints.slice(0, this.len),
      times: this.times.slice(0, this.count),
      text: this.text,
      extras: this.extras,
      ...(congested ? { congested } : {}),
    };
    this.len = 0;
    this.count = 0;
    this.text = '';
    this.extras = [];
    return batch;
  }
}

/**
 * Reads a batch back into tuples (the receiving side): `make(kind)` gives the object to fill (a
 * new tuple for user and tick tuples, which user code may keep; a pooled one for acker messages).
 */
export function readBatch(batch: TransportBatch, make: (kind: number) => Tuple, streams: readonly string[], componentOf: (task: number) => string, each: (t: Tuple) => void): void {
  const a = batch.ints;
  let i = 0;
  const reader = new ValueReader(batch.text, batch.extras);
  for (let m = 0; m < batch.times.length; m++) {
    const kind = a[i++]!;
    const t = make(kind);
    t.kind = kind;
    t.dest = a[i++]!;
    t.task = a[i++]!;
    t.streamIdx = a[i++]!;
    t.stream = streams[t.streamIdx] ?? 'default';
    t.sampled = a[i++] === 1;
    const n = a[i++]!;
    t.nRoots = n;
    t.more = null;
    t.rh = a[i++]!;
    t.rl = a[i++]!;
    t.eh = a[i++]!;
    t.el = a[i++]!;
    for (let r = 1; r < n; r++) (t.more ??= []).push(a[i++]!, a[i++]!, a[i++]!, a[i++]!);
    t.ackH = a[i++]!;
    t.ackL = a[i++]!;
    t.vh = a[i++]!;
    t.vl = a[i++]!;
    t.spoutTask = a[i++]!;
    if (kind < K_ACK_INIT) t.values = reader.tuple();
    if (kind < K_ACK_INIT) t.component = t.task === -1 ? '__system' : componentOf(t.task);
    each(t);
  }
}

/**
 * One value in the batch text: `s<length>:<chars>` for a string, `n<number>;`, `m` for -0, `t`/`f`,
 * `z` for null, `u` for undefined, `x` for a value kept in `extras` (structured-cloned). A tuple is
 * its number of values as one character, then its values.
 */
export function encodeValue(v: unknown, extras: unknown[]): string {
  switch (typeof v) {
    case 'string':
      return `s${v.length}:${v}`;
    case 'number':
      return v === 0 && 1 / v < 0 ? 'm' : `n${v};`;
    case 'boolean':
      return v ? 't' : 'f';
    case 'undefined':
      return 'u';
    default:
      if (v === null) return 'z';
      extras.push(v);
      return 'x';
  }
}

/** Reads tuples back from a batch text. */
export class ValueReader {
  private pos = 0;
  private extra = 0;

  constructor(
    private readonly text: string,
    private readonly extras: readonly unknown[],
  ) {}

  tuple(): unknown[] {
    const n = this.text.charCodeAt(this.pos++);
    // Packed, as the values an emit passes are (see RingReader.read in ring.ts).
    const out: unknown[] = [];
    for (let k = 0; k < n; k++) out.push(this.value());
    return out;
  }

  private value(): unknown {
    const text = this.text;
    const tag = text.charCodeAt(this.pos++);
    switch (tag) {
      case 115: {
        // 's'
        const colon = text.indexOf(':', this.pos);
        const len = Number(text.slice(this.pos, colon));
        const v = text.slice(colon + 1, colon + 1 + len);
        this.pos = colon + 1 + len;
        // A slice longer than a few characters would keep the whole batch text alive.
        return len > 12 ? (v + ' ').slice(0, -1) : v;
      }
      case 110: {
        // 'n'
        const semi = text.indexOf(';', this.pos);
        const v = Number(text.slice(this.pos, semi));
        this.pos = semi + 1;
        return v;
      }
      case 109:
        return -0;
      case 116:
        return true;
      case 102:
        return false;
      case 122:
        return null;
      case 117:
        return undefined;
      default:
        return this.extras[this.extra++];
    }
  }
}
