/**
 * A hash map from 64-bit keys (given as two int32 words, Storm's random `long` tuple ids) to
 * non-negative int32 values, in typed arrays: open addressing, linear probing, backward-shift
 * deletion. No object, string or BigInt per entry, so the acker ledger and the spouts' pending maps
 * stay allocation-free on the hot path.
 */
export class LongMap {
  private hi: Int32Array;
  private lo: Int32Array;
  private val: Int32Array;
  /** 0 = empty, 1 = used. */
  private used: Uint8Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 16) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.hi = new Int32Array(cap);
    this.lo = new Int32Array(cap);
    this.val = new Int32Array(cap);
    this.used = new Uint8Array(cap);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The value stored for the key, or -1. */
  get(hi: number, lo: number): number {
    const mask = this.mask;
    for (let i = slotOf(hi, lo, mask); ; i = (i + 1) & mask) {
      if (this.used[i] === 0) return -1;
      if (this.hi[i] === hi && this.lo[i] === lo) return this.val[i]!;
    }
  }

  /** Stores `value` (≥ 0) for the key, replacing any previous value. */
  set(hi: number, lo: number, value: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.resize((this.mask + 1) * 2);
    const mask = this.mask;
    for (let i = slotOf(hi, lo, mask); ; i = (i + 1) & mask) {
      if (this.used[i] === 0) {
        this.used[i] = 1;
        this.hi[i] = hi;
        this.lo[i] = lo;
        this.val[i] = value;
        this.count++;
        return;
      }
      if (this.hi[i] === hi && this.lo[i] === lo) {
        this.val[i] = value;
        return;
      }
    }
  }

  /** Removes the key; returns its value, or -1 when absent. */
  delete(hi: number, lo: number): number {
    const mask = this.mask;
    let i = slotOf(hi, lo, mask);
    for (; ; i = (i + 1) & mask) {
      if (this.used[i] === 0) return -1;
      if (this.hi[i] === hi && this.lo[i] === lo) break;
    }
    const value = this.val[i]!;
    // Backward-shift deletion: pull later entries of the probe run into the hole.
    let hole = i;
    for (let j = (i + 1) & mask; this.used[j] === 1; j = (j + 1) & mask) {
      const home = slotOf(this.hi[j]!, this.lo[j]!, mask);
      // Move j into the hole unless its home lies cyclically in (hole, j].
      const between = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (!between) {
        this.hi[hole] = this.hi[j]!;
        this.lo[hole] = this.lo[j]!;
        this.val[hole] = this.val[j]!;
        hole = j;
      }
    }
    this.used[hole] = 0;
    this.count--;
    return value;
  }

  clear(): void {
    this.used.fill(0);
    this.count = 0;
  }

  /** Calls `fn(value)` for every entry (in slot order). Do not modify the map inside `fn`. */
  forEachValue(fn: (value: number) => void): void {
    for (let i = 0; i <= this.mask; i++) if (this.used[i] === 1) fn(this.val[i]!);
  }

  private resize(cap: number): void {
    const { hi, lo, val, used } = this;
    this.hi = new Int32Array(cap);
    this.lo = new Int32Array(cap);
    this.val = new Int32Array(cap);
    this.used = new Uint8Array(cap);
    this.mask = cap - 1;
    this.count = 0;
    for (let i = 0; i < used.length; i++) if (used[i] === 1) this.set(hi[i]!, lo[i]!, val[i]!);
  }
}

function slotOf(hi: number, lo: number, mask: number): number {
  let h = Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  return h & mask;
}
