/**
 * Shared-memory channels between engine hosts: one single-producer single-consumer ring of int32
 * words per direction, in a SharedArrayBuffer the adapter creates (worker_threads or Web Workers
 * of a cross-origin-isolated page). A host writes each message crossing to another host as one
 * record (ids, routing, values encoded in words) and publishes the ring's write position now and
 * then; the other host reads what was published whenever it polls (between events), without a
 * message, a structured clone or a wake-up of its event loop per batch.
 *
 * Values are encoded natively when they are strings, numbers, booleans, null, undefined, arrays or
 * plain objects of those (nested up to {@link MAX_DEPTH}); anything else (a bigint, a Date, a Map, a
 * class instance, a very long string…) is a *side value*: the record holds its index and the value
 * itself travels structured-cloned through the message transport, the reader waiting for it
 * before it reads further, so that messages stay in order.
 *
 * Record layout (int32 words): `length, kind | sampled << 8 | nRoots << 16, dest, task, …`;
 * acker messages and spout notifications continue `rootHi, rootLo, valueHi, valueLo, spoutTask`;
 * user and tick tuples `streamIdx, seq, (rootHi, rootLo, edgeHi, edgeLo) × nRoots, count,
 * values…`. A negative length skips to the start of the ring.
 *
 * This file holds the layout both ends share; `ring-writer.ts` and `ring-reader.ts` are the two ends.
 */

/** Congestion status (backpressure) of the writing host: `length, K_CONGESTION, n, task ids…`. */
export const K_CONGESTION = 15;

/**
 * Words of ring header: the write position, and the read position on another cache line (each
 * side writes its own: one shared line would bounce between the two cores at every update).
 */
export const HEADER = 32;
export const W_POS = 0;
export const R_POS = 16;

// Value tags (low 4 bits of a value's first word; the rest is a length or a count).
export const V_STR = 0;
export const V_INT = 1;
export const V_DBL = 2;
export const V_TRUE = 3;
export const V_FALSE = 4;
export const V_NULL = 5;
export const V_UNDEF = 6;
export const V_ARRAY = 7;
export const V_HOLE = 8;
export const V_OBJECT = 9;
export const V_SIDE = 10;

/** Nesting depth encoded natively; a deeper (or self-referencing) value goes as a side value. */
export const MAX_DEPTH = 8;
/** Longest string encoded natively (chars). */
export const MAX_STRING = 8192;

/**
 * A ring's SharedArrayBuffer for `words` int32 words of records (rounded up to a power of two).
 *
 * @example
 * const sab = createRing(1 << 20); // 4 MB: one per direction between two hosts
 */
export function createRing(words = 1 << 20): SharedArrayBuffer {
  let cap = 1024;
  while (cap < words) cap *= 2;
  return new SharedArrayBuffer((HEADER + cap) * 4);
}

export const f64 = new Float64Array(1);
export const f64Words = new Int32Array(f64.buffer);

/** Growable scratch of words a record is encoded into before it is copied into the ring. */
export class Words {
  a = new Int32Array(256);
  n = 0;

  reserve(k: number): void {
    if (this.n + k > this.a.length) {
      const next = new Int32Array(Math.max(this.a.length * 2, this.n + k));
      next.set(this.a.subarray(0, this.n));
      this.a = next;
    }
  }

  push(x: number): void {
    if (this.n === this.a.length) this.reserve(1);
    this.a[this.n++] = x;
  }
}
