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
 */
import { K_ACK_INIT, Tuple } from './tuple';

/** Congestion status (backpressure) of the writing host: `length, K_CONGESTION, n, task ids…`. */
export const K_CONGESTION = 15;

/**
 * Words of ring header: the write position, and the read position on another cache line (each
 * side writes its own: one shared line would bounce between the two cores at every update).
 */
const HEADER = 32;
const W_POS = 0;
const R_POS = 16;

// Value tags (low 4 bits of a value's first word; the rest is a length or a count).
const V_STR = 0;
const V_INT = 1;
const V_DBL = 2;
const V_TRUE = 3;
const V_FALSE = 4;
const V_NULL = 5;
const V_UNDEF = 6;
const V_ARRAY = 7;
const V_HOLE = 8;
const V_OBJECT = 9;
const V_SIDE = 10;

/** Nesting depth encoded natively; a deeper (or self-referencing) value goes as a side value. */
export const MAX_DEPTH = 8;
/** Longest string encoded natively (chars). */
const MAX_STRING = 8192;

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

const f64 = new Float64Array(1);
const f64Words = new Int32Array(f64.buffer);

/** Growable scratch of words a record is encoded into before it is copied into the ring. */
class Words {
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

  private put(words: Int32Array, len: number): boolean {
    const cap = this.mask + 1;
    if (len > cap >> 2) throw new Error(`A message of ${len * 4} bytes does not fit the ring between hosts (${cap} words).`);
    let w = this.w;
    let idx = w & this.mask;
    const contiguous = cap - idx;
    const need = len <= contiguous ? len : contiguous + len;
    if (need > cap - ((w - this.readCache) | 0)) {
      this.readCache = Atomics.load(this.header, R_POS);
      if (need > cap - ((w - this.readCache) | 0)) return false;
    }
    const data = this.data;
    if (len > contiguous) {
      data[idx] = -contiguous;
      w = (w + contiguous) | 0;
      idx = 0;
    }
    if (len <= 16) for (let k = 0; k < len; k++) data[idx + k] = words[k]!;
    else data.set(words.subarray(0, len), idx);
    this.w = (w + len) | 0;
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

/** Slots of the reader's cache of short strings, and the longest string it keeps. */
const STRING_CACHE = 4096;
const STRING_SHIFT = 20;
const CACHED_STRING = 32;

/** Does `s` have the chars packed at `data[p…]`? */
function sameChars(s: string, data: Int32Array, p: number): boolean {
  const n = s.length;
  let k = 0;
  for (; k + 1 < n; k += 2) if (data[p++] !== (s.charCodeAt(k) | (s.charCodeAt(k + 1) << 16))) return false;
  return k === n || data[p] === s.charCodeAt(k);
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

/** The reading end of a ring. */
export class RingReader {
  private readonly header: Int32Array;
  private readonly data: Int32Array;
  private r: number;
  private readonly side = new Map<number, unknown>();
  /** Side values used by the record being read (dropped once it is read whole). */
  private readonly used: number[] = [];
  private readonly codes: number[] = [];
  /**
   * Recently decoded short strings, by a hash of their words: keys and words repeat (a word
   * count's words), so most decode to a string already made — checked char by char.
   */
  private readonly strings: (string | null)[] = new Array<string | null>(STRING_CACHE).fill(null);
  private readonly stringHashes = new Int32Array(STRING_CACHE);
  /** Component of each task id met (the caller's `componentOf`, asked once per task). */
  private readonly components: string[] = [];
  private pos = 0;
  private missing = false;
  /** Stopped at a record whose side value has not arrived: nothing is readable until it does. */
  private stalled = false;

  constructor(buffer: SharedArrayBuffer) {
    this.header = new Int32Array(buffer, 0, HEADER);
    this.data = new Int32Array(buffer, HEADER * 4);
    this.r = Atomics.load(this.header, R_POS);
  }

  /** Anything published and not read yet that can be read now (not waiting for a side value)? */
  get pending(): boolean {
    return !this.stalled && Atomics.load(this.header, W_POS) !== this.r;
  }

  /** Side values sent by the writer (the message transport), by index. */
  addSideValues(first: number, values: readonly unknown[]): void {
    for (let k = 0; k < values.length; k++) this.side.set(first + k, values[k]);
    this.stalled = false;
  }

  /**
   * Reads the published records in order: `make(kind)` gives the tuple to fill, `each` takes it,
   * `congestion` takes a congestion status. Stops early at a record whose side value has not
   * arrived yet (read again once it has). Returns the number of records read.
   */
  read(make: (kind: number) => Tuple, streams: readonly string[], componentOf: (task: number) => string, each: (t: Tuple) => void, congestion: (tasks: number[]) => void): number {
    const w = Atomics.load(this.header, W_POS);
    const data = this.data;
    const mask = data.length - 1;
    let r = this.r;
    let n = 0;
    while (r !== w) {
      const at = r & mask;
      const len = data[at]!;
      if (len < 0) {
        r = (r - len) | 0;
        continue;
      }
      const head = data[at + 1]!;
      const kind = head & 255;
      if (kind === K_CONGESTION) {
        const count = data[at + 2]!;
        const tasks: number[] = [];
        for (let k = 0; k < count; k++) tasks.push(data[at + 3 + k]!);
        congestion(tasks);
        r = (r + len) | 0;
        n++;
        continue;
      }
      let values: unknown[] | null = null;
      const nRoots = head >>> 16;
      if (kind < K_ACK_INIT) {
        this.pos = at + 6 + 4 * nRoots;
        this.missing = false;
        const count = data[this.pos++]!;
        // Built by push, not new Array(count): a packed array, as the values an emit passes are
        // (holey ones make user code's and the engine's reads of `values` polymorphic: measured
        // 3–5 % more CPU per tuple for two hosts).
        values = [];
        for (let k = 0; k < count; k++) values.push(this.value());
        if (this.missing) {
          this.used.length = 0;
          this.stalled = true;
          break;
        }
        if (this.used.length > 0) {
          for (const u of this.used) this.side.delete(u);
          this.used.length = 0;
        }
      }
      const t = make(kind);
      t.kind = kind;
      t.sampled = (head & 256) !== 0;
      t.nRoots = nRoots;
      t.more = null;
      t.dest = data[at + 2]!;
      t.task = data[at + 3]!;
      if (values === null) {
        t.rh = data[at + 4]!;
        t.rl = data[at + 5]!;
        t.vh = data[at + 6]!;
        t.vl = data[at + 7]!;
        t.spoutTask = data[at + 8]!;
      } else {
        t.streamIdx = data[at + 4]!;
        t.stream = streams[t.streamIdx] ?? 'default';
        t.seq = data[at + 5]!;
        t.component = t.task === -1 ? '__system' : (this.components[t.task] ??= componentOf(t.task));
        t.values = values;
        if (nRoots > 0) {
          t.rh = data[at + 6]!;
          t.rl = data[at + 7]!;
          t.eh = data[at + 8]!;
          t.el = data[at + 9]!;
          if (nRoots > 1) {
            const more: number[] = [];
            for (let k = 4; k < 4 * nRoots; k++) more.push(data[at + 6 + k]!);
            t.more = more;
          }
        }
      }
      each(t);
      r = (r + len) | 0;
      n++;
    }
    if (r !== this.r) {
      this.r = r;
      Atomics.store(this.header, R_POS, r);
    }
    return n;
  }

  private value(): unknown {
    const data = this.data;
    const head = data[this.pos++]!;
    const tag = head & 15;
    switch (tag) {
      case V_STR:
        return this.string(head >>> 4);
      case V_INT:
        return data[this.pos++]!;
      case V_DBL:
        f64Words[0] = data[this.pos++]!;
        f64Words[1] = data[this.pos++]!;
        return f64[0]!;
      case V_TRUE:
        return true;
      case V_FALSE:
        return false;
      case V_NULL:
        return null;
      case V_UNDEF:
        return undefined;
      case V_ARRAY: {
        const n = head >>> 4;
        const out = new Array<unknown>(n);
        for (let i = 0; i < n; i++) {
          // A hole stays a hole (new Array(n) has n of them).
          if ((data[this.pos]! & 15) === V_HOLE) this.pos++;
          else out[i] = this.value();
        }
        return out;
      }
      case V_OBJECT: {
        const n = head >>> 4;
        const out: Record<string, unknown> = {};
        for (let i = 0; i < n; i++) {
          const key = this.string(data[this.pos++]! >>> 4);
          const v = this.value();
          // An own "__proto__" key (JSON.parse makes them) must not set the prototype.
          if (key === '__proto__') Object.defineProperty(out, key, { value: v, writable: true, enumerable: true, configurable: true });
          else out[key] = v;
        }
        return out;
      }
      default: {
        const index = data[this.pos++]!;
        if (!this.side.has(index)) {
          this.missing = true;
          return undefined;
        }
        this.used.push(index);
        return this.side.get(index);
      }
    }
  }

  private string(n: number): string {
    const data = this.data;
    let p = this.pos;
    const words = (n + 1) >> 1;
    this.pos = p + words;
    if (n === 0) return '';
    if (n <= 2) {
      const w = data[p]!;
      return n === 1 ? String.fromCharCode(w & 0xffff) : String.fromCharCode(w & 0xffff, w >>> 16);
    }
    if (n <= CACHED_STRING) {
      let h = n;
      for (let k = 0; k < words; k++) h = Math.imul(h ^ data[p + k]!, 0x9e3779b1);
      const slot = h >>> STRING_SHIFT;
      const cached = this.strings[slot]!;
      if (cached !== null && this.stringHashes[slot] === h && cached.length === n && sameChars(cached, data, p)) return cached;
      let s = '';
      for (let k = 0; k < words; k++) {
        const w = data[p + k]!;
        s += 2 * k + 1 < n ? String.fromCharCode(w & 0xffff, w >>> 16) : String.fromCharCode(w & 0xffff);
      }
      this.strings[slot] = s;
      this.stringHashes[slot] = h;
      return s;
    }
    const codes = this.codes;
    codes.length = n;
    let k = 0;
    for (; k + 1 < n; k += 2) {
      const w = data[p++]!;
      codes[k] = w & 0xffff;
      codes[k + 1] = w >>> 16;
    }
    if (k < n) codes[k] = data[p]! & 0xffff;
    return String.fromCharCode.apply(null, codes);
  }
}
