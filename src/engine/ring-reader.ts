/**
 * The reading end of a shared-memory ring between engine hosts (the layout: `ring.ts`).
 */
import { K_CONGESTION, HEADER, W_POS, R_POS, V_STR, V_INT, V_DBL, V_TRUE, V_FALSE, V_NULL, V_UNDEF, V_ARRAY, V_HOLE, V_OBJECT, f64, f64Words } from './ring';
import { K_ACK_INIT, type Tuple } from './tuple';

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
