/**
 * The writing end of a shared-memory ring between engine hosts (the layout: `ring.ts`).
 */
import { K_CONGESTION, HEADER, W_POS, R_POS, V_STR, V_INT, V_DBL, V_TRUE, V_FALSE, V_NULL, V_UNDEF, V_ARRAY, V_HOLE, V_OBJECT, V_SIDE, MAX_DEPTH, MAX_STRING, f64, f64Words, Words } from './ring';
import { K_ACK_INIT, type Tuple } from './tuple';

/** The writing end of a ring. */
export class RingWriter {
  private readonly header: Int32Array;
  private readonly data: Int32Array;
  private readonly mask: number;
  private w: number;
  private readCache: number;
  private readonly rec = new Words();
  /** Side values of the records written since the last {@link takeSideValues}. */
  private side: unknown[] = [];
  private sideNext = 0;
  /** Index of the first value of `side`. */
  private sideFirst = 0;

  constructor(buffer: SharedArrayBuffer) {
    this.header = new Int32Array(buffer, 0, HEADER);
    this.data = new Int32Array(buffer, HEADER * 4);
    this.mask = this.data.length - 1;
    this.w = Atomics.load(this.header, W_POS);
    this.readCache = Atomics.load(this.header, R_POS);
  }

  /**
   * Encodes a message into the ring; false when the ring has no room for it now (nothing is
   * written: keep the message and retry after the reader has caught up).
   */
  write(t: Tuple): boolean {
    const direct = this.writeDirect(t);
    if (direct !== 0) return direct > 0;
    const rec = this.rec;
    rec.n = 0;
    const sideBefore = this.side.length;
    const kind = t.kind;
    rec.push(0);
    rec.push(kind | (t.sampled ? 256 : 0) | (t.nRoots << 16));
    rec.push(t.dest);
    rec.push(t.task);
    if (kind >= K_ACK_INIT) {
      rec.push(t.rh);
      rec.push(t.rl);
      rec.push(t.vh);
      rec.push(t.vl);
      rec.push(t.spoutTask);
    } else {
      rec.push(t.streamIdx);
      rec.push(t.seq);
      if (t.nRoots > 0) {
        rec.push(t.rh);
        rec.push(t.rl);
        rec.push(t.eh);
        rec.push(t.el);
        const more = t.more;
        if (more !== null) for (let k = 0; k < more.length; k++) rec.push(more[k]!);
      }
      const values = t.values;
      rec.push(values.length);
      for (let k = 0; k < values.length; k++) this.topValue(values[k]);
    }
    if (rec.n > (this.mask + 1) >> 2 && kind < K_ACK_INIT) this.valuesAsSide(t, sideBefore);
    rec.a[0] = rec.n;
    if (this.put(rec.a, rec.n)) return true;
    this.side.length = sideBefore;
    this.sideNext = this.sideFirst + sideBefore;
    return false;
  }

  /** Writes a congestion status: the task ids whose receive queues are full on this host. */
  writeCongestion(tasks: readonly number[]): boolean {
    const rec = this.rec;
    rec.n = 0;
    rec.push(3 + tasks.length);
    rec.push(K_CONGESTION);
    rec.push(tasks.length);
    for (const t of tasks) rec.push(t);
    return this.put(rec.a, rec.n);
  }

  /** Makes what was written visible to the reader. */
  publish(): void {
    Atomics.store(this.header, W_POS, this.w);
  }

  /** Side values written since the last call, with the index of the first (send them before publishing). */
  takeSideValues(): { readonly first: number; readonly values: unknown[] } | null {
    if (this.side.length === 0) return null;
    const out = { first: this.sideFirst, values: this.side };
    this.sideFirst += this.side.length;
    this.side = [];
    return out;
  }

  /**
   * The common record (an acker message, or a tuple whose values are strings, numbers, booleans
   * or null) written straight into the ring: 1 written, -1 no room, 0 not such a record.
   */
  private writeDirect(t: Tuple): number {
    const kind = t.kind;
    const nRoots = t.nRoots;
    const values = t.values;
    let len = 9;
    if (kind < K_ACK_INIT) {
      len = 7 + 4 * nRoots;
      for (let k = 0; k < values.length; k++) {
        const v = values[k];
        if (typeof v === 'string') {
          if (v.length > MAX_STRING) return 0;
          len += 1 + ((v.length + 1) >> 1);
        } else if (typeof v === 'number') len += (v | 0) === v && (v !== 0 || 1 / v > 0) ? 2 : 3;
        else if (typeof v === 'boolean' || v === null || v === undefined) len += 1;
        else return 0;
      }
      if (len > (this.mask + 1) >> 2) return 0;
    }
    let i = this.reserve(len);
    if (i < 0) return -1;
    const d = this.data;
    d[i++] = len;
    d[i++] = kind | (t.sampled ? 256 : 0) | (nRoots << 16);
    d[i++] = t.dest;
    d[i++] = t.task;
    if (kind >= K_ACK_INIT) {
      d[i++] = t.rh;
      d[i++] = t.rl;
      d[i++] = t.vh;
      d[i++] = t.vl;
      d[i] = t.spoutTask;
      return 1;
    }
    d[i++] = t.streamIdx;
    d[i++] = t.seq;
    if (nRoots > 0) {
      d[i++] = t.rh;
      d[i++] = t.rl;
      d[i++] = t.eh;
      d[i++] = t.el;
      const more = t.more;
      if (more !== null) for (let k = 0; k < more.length; k++) d[i++] = more[k]!;
    }
    d[i++] = values.length;
    for (let k = 0; k < values.length; k++) {
      const v = values[k];
      if (typeof v === 'string') {
        const n = v.length;
        d[i++] = V_STR | (n << 4);
        let c = 0;
        for (; c + 1 < n; c += 2) d[i++] = v.charCodeAt(c) | (v.charCodeAt(c + 1) << 16);
        if (c < n) d[i++] = v.charCodeAt(c);
      } else if (typeof v === 'number') {
        if ((v | 0) === v && (v !== 0 || 1 / v > 0)) {
          d[i++] = V_INT;
          d[i++] = v;
        } else {
          f64[0] = v;
          d[i++] = V_DBL;
          d[i++] = f64Words[0]!;
          d[i++] = f64Words[1]!;
        }
      } else d[i++] = v === true ? V_TRUE : v === false ? V_FALSE : v === null ? V_NULL : V_UNDEF;
    }
    return 1;
  }

  /**
   * Makes room for a record of `len` words (skipping to the ring's start when it does not fit
   * before the end) and commits it: returns where to write it, or -1 when the ring is too full.
   */
  private reserve(len: number): number {
    const cap = this.mask + 1;
    let w = this.w;
    let idx = w & this.mask;
    const contiguous = cap - idx;
    const need = len <= contiguous ? len : contiguous + len;
    if (need > cap - ((w - this.readCache) | 0)) {
      this.readCache = Atomics.load(this.header, R_POS);
      if (need > cap - ((w - this.readCache) | 0)) return -1;
    }
    if (len > contiguous) {
      this.data[idx] = -contiguous;
      w = (w + contiguous) | 0;
      idx = 0;
    }
    this.w = (w + len) | 0;
    return idx;
  }

  /** Copies a record encoded in `words` into the ring; false when the ring is too full now. */
  private put(words: Int32Array, len: number): boolean {
    if (len > (this.mask + 1) >> 2) throw new Error(`A message of ${len * 4} bytes does not fit the ring between hosts (${this.mask + 1} words).`);
    const idx = this.reserve(len);
    if (idx < 0) return false;
    const data = this.data;
    if (len <= 16) for (let k = 0; k < len; k++) data[idx + k] = words[k]!;
    else data.set(words.subarray(0, len), idx);
    return true;
  }

  /** A record too big for the ring: its values go as side values. */
  private valuesAsSide(t: Tuple, sideBefore: number): void {
    const rec = this.rec;
    this.side.length = sideBefore;
    this.sideNext = this.sideFirst + sideBefore;
    rec.n = 6 + 4 * t.nRoots;
    rec.push(t.values.length);
    for (const v of t.values) {
      rec.push(V_SIDE);
      rec.push(this.sideNext++);
      this.side.push(v);
    }
  }

  /** A tuple value: natively when it can be, else (whole) as a side value. */
  private topValue(v: unknown): void {
    const rec = this.rec;
    const start = rec.n;
    if (this.value(v, 0)) return;
    rec.n = start;
    rec.push(V_SIDE);
    rec.push(this.sideNext++);
    this.side.push(v);
  }

  /** Encodes `v`; false when some part of it cannot be encoded natively. */
  private value(v: unknown, depth: number): boolean {
    const rec = this.rec;
    switch (typeof v) {
      case 'string':
        if (v.length > MAX_STRING) return false;
        stringWords(rec, v);
        return true;
      case 'number':
        if ((v | 0) === v && (v !== 0 || 1 / v > 0)) {
          rec.push(V_INT);
          rec.push(v);
        } else {
          f64[0] = v;
          rec.push(V_DBL);
          rec.push(f64Words[0]!);
          rec.push(f64Words[1]!);
        }
        return true;
      case 'boolean':
        rec.push(v ? V_TRUE : V_FALSE);
        return true;
      case 'undefined':
        rec.push(V_UNDEF);
        return true;
      case 'object': {
        if (v === null) {
          rec.push(V_NULL);
          return true;
        }
        // Deeper values (or values that contain themselves) go whole as side values.
        if (depth >= MAX_DEPTH) return false;
        const proto = Object.getPrototypeOf(v) as unknown;
        if (Array.isArray(v) && proto === Array.prototype) {
          rec.push(V_ARRAY | (v.length << 4));
          for (let i = 0; i < v.length; i++) {
            if (!(i in v)) rec.push(V_HOLE);
            else if (!this.value(v[i], depth + 1)) return false;
          }
          return true;
        }
        if (proto === Object.prototype || proto === null) {
          const keys = Object.keys(v);
          rec.push(V_OBJECT | (keys.length << 4));
          for (const key of keys) {
            stringWords(rec, key);
            if (!this.value((v as Record<string, unknown>)[key], depth + 1)) return false;
          }
          return true;
        }
        return false;
      }
      default:
        return false;
    }
  }
}

function stringWords(rec: Words, s: string): void {
  const n = s.length;
  rec.reserve(1 + ((n + 1) >> 1));
  const a = rec.a;
  let i = rec.n;
  a[i++] = V_STR | (n << 4);
  let k = 0;
  for (; k + 1 < n; k += 2) a[i++] = s.charCodeAt(k) | (s.charCodeAt(k + 1) << 16);
  if (k < n) a[i++] = s.charCodeAt(k);
  rec.n = i;
}
