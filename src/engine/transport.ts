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
  /** Emit time (engine ms) per message. */
  readonly times: Float64Array;
  /** Values of the user and tick tuples, in message order (acker messages have none). */
  readonly values: readonly (readonly unknown[])[];
  /**
   * Backpressure status of the sender's tasks when it changed since its last batch: the task ids
   * whose receive queues are full (Storm's BackPressureStatus). Absent when unchanged.
   */
  readonly congested?: readonly number[];
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
  private values: (readonly unknown[])[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(t: Tuple): void {
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
    this.times[this.count] = t.emitTime;
    if (t.kind < K_ACK_INIT) this.values.push(t.values);
    this.count++;
  }

  /** Takes the accumulated messages as a batch and starts a new one. */
  take(from: number, congested?: readonly number[]): TransportBatch {
    const batch: TransportBatch = {
      from,
      ints: this.ints.slice(0, this.len),
      times: this.times.slice(0, this.count),
      values: this.values,
      ...(congested ? { congested } : {}),
    };
    this.len = 0;
    this.count = 0;
    this.values = [];
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
  let v = 0;
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
    t.emitTime = batch.times[m]!;
    if (t.kind < K_ACK_INIT) t.values = batch.values[v++]!;
    if (kind < K_ACK_INIT) t.component = t.task === -1 ? '__system' : componentOf(t.task);
    each(t);
  }
}
