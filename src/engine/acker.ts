/**
 * Storm's acker (`daemon/Acker.java`) as a typed-array ledger: for each tuple-tree root, the XOR
 * of every edge id seen so far, the spout task to notify and whether it failed. Entries sit in a
 * rotating map of 3 buckets, rotated by the acker's tick tuple every
 * `topology.message.timeout.secs`; updating an entry moves it to the newest bucket, and an entry
 * not updated for 3 rotations is dropped silently (the spout times the tree out on its own side).
 *
 * The ledger is itself the hash table: open addressing with linear probing over records of
 * {@link STRIDE} int32 words in one Int32Array, so an update reads one record (one or two cache
 * lines) and allocates nothing; deletion shifts later records of the probe run back (no tombstones).
 *
 * Each entry also keeps when the acker first saw its root (Acker.java's `AckObject.startTime`):
 * Storm 2.x's complete latency is the time from then to the tree's completion, which the acker
 * sends to the spout with the ack (`new Values(id, getTimeDeltaMillis(curr.startTime))`).
 */

/** Storm's `Acker.TIMEOUT_BUCKET_NUM`. */
export const ACKER_BUCKETS = 3;

/** What an update produced: nothing yet, the tree completed, or it failed. */
export const ACKER_PENDING = 0;
export const ACKER_COMPLETE = 1;
export const ACKER_FAILED = 2;

// Record layout.
const KEY_H = 0;
const KEY_L = 1;
const VAL_H = 2;
const VAL_L = 3;
const SPOUT = 4;
const GEN = 5;
/** Bit 0: slot used; bit 1: failed; bit 2: part of a sampled tree. */
const FLAGS = 6;
const STRIDE = 8;
const USED = 1;
const FAILED = 2;
const SAMPLED = 4;

export class AckerLedger {
  private table: Int32Array;
  /** When the acker first saw each slot's root (engine ms), moved with its record. */
  private born: Float64Array;
  private mask: number;
  private count = 0;
  private rotations = 0;

  /** Outputs of the last {@link update}: the spout task to notify and the current XOR value. */
  lastSpoutTask = -1;
  lastValH = 0;
  lastValL = 0;
  lastSampled = false;
  /** When the acker first saw the root of the tree the last {@link update} completed or failed. */
  lastBorn = 0;

  constructor(capacity = 32) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.table = new Int32Array(slots * STRIDE);
    this.born = new Float64Array(slots);
    this.mask = slots - 1;
  }

  /** Number of tuple trees in the ledger. */
  get size(): number {
    return this.count;
  }

  /**
   * Applies one acker message. `kind` is 0 for `__ack_init` (with `spoutTask`), 1 for `__ack_ack`,
   * 2 for `__ack_fail`, handled at engine time `now`. Returns {@link ACKER_COMPLETE} or {@link ACKER_FAILED} when the spout must be
   * told (the entry is then removed), else {@link ACKER_PENDING}.
   *
   * @example
   * ledger.update(0, rh, rl, edgeH, edgeL, spoutTask, false, 10); // ACKER_PENDING
   * ledger.update(1, rh, rl, edgeH, edgeL, -1, false, 25);        // ACKER_COMPLETE: XOR back to 0
   * ledger.lastBorn                                                // 10: the tree took 15 ms
   */
  update(kind: number, rh: number, rl: number, vh: number, vl: number, spoutTask: number, sampled: boolean, now = 0): number {
    const T = this.table;
    const mask = this.mask;
    let i = slotOf(rh, rl, mask);
    let r = i * STRIDE;
    let flags = T[r + FLAGS]!;
    while (flags !== 0 && (T[r + KEY_H] !== rh || T[r + KEY_L] !== rl)) {
      i = (i + 1) & mask;
      r = i * STRIDE;
      flags = T[r + FLAGS]!;
    }
    if (flags === 0) {
      // A new root: the slot found is free (grow first when the table would be half full).
      if ((this.count + 1) * 2 > mask + 1) return this.grownUpdate(kind, rh, rl, vh, vl, spoutTask, sampled, now);
      this.born[i] = now;
      T[r + KEY_H] = rh;
      T[r + KEY_L] = rl;
      T[r + VAL_H] = 0;
      T[r + VAL_L] = 0;
      T[r + SPOUT] = -1;
      flags = USED;
      this.count++;
    }
    // RotatingMap.put moves the entry to the newest bucket.
    T[r + GEN] = this.rotations;
    if (sampled) flags |= SAMPLED;
    let valH = T[r + VAL_H]!;
    let valL = T[r + VAL_L]!;
    let spout = T[r + SPOUT]!;
    if (kind === 0) {
      valH ^= vh;
      valL ^= vl;
      spout = spoutTask;
      T[r + SPOUT] = spout;
    } else if (kind === 1) {
      valH ^= vh;
      valL ^= vl;
    } else flags |= FAILED;
    T[r + VAL_H] = valH;
    T[r + VAL_L] = valL;
    T[r + FLAGS] = flags;
    this.lastSpoutTask = spout;
    this.lastValH = valH;
    this.lastValL = valL;
    this.lastSampled = (flags & SAMPLED) !== 0;
    const zero = (valH | valL) === 0;
    if (spout >= 0 && (zero || (flags & FAILED) !== 0)) {
      this.lastBorn = this.born[i]!;
      this.removeAt(i);
      return (flags & FAILED) !== 0 && !zero ? ACKER_FAILED : ACKER_COMPLETE;
    }
    return ACKER_PENDING;
  }

  /** {@link update} of a new root when the table is half full: grow it first (kept out of update, which runs per message). */
  private grownUpdate(kind: number, rh: number, rl: number, vh: number, vl: number, spoutTask: number, sampled: boolean, now: number): number {
    this.resize((this.mask + 1) * 2);
    return this.update(kind, rh, rl, vh, vl, spoutTask, sampled, now);
  }

  /** The acker's tick: rotates the buckets; returns how many entries expired. */
  rotate(): number {
    this.rotations++;
    const limit = this.rotations - ACKER_BUCKETS;
    const T = this.table;
    const expired: number[] = [];
    for (let r = 0; r < T.length; r += STRIDE) {
      if (T[r + FLAGS] !== 0 && T[r + GEN]! <= limit) expired.push(T[r + KEY_H]!, T[r + KEY_L]!);
    }
    // Removing shifts records, so find each again by its key.
    for (let k = 0; k < expired.length; k += 2) this.removeAt(this.find(expired[k]!, expired[k + 1]!));
    return expired.length / 2;
  }

  clear(): void {
    this.table.fill(0);
    this.count = 0;
  }

  /** The slot of a root, or -1. */
  private find(rh: number, rl: number): number {
    const T = this.table;
    const mask = this.mask;
    for (let i = slotOf(rh, rl, mask); ; i = (i + 1) & mask) {
      const r = i * STRIDE;
      if (T[r + FLAGS] === 0) return -1;
      if (T[r + KEY_H] === rh && T[r + KEY_L] === rl) return i;
    }
  }

  /** Backward-shift deletion: pulls later records of the probe run into the hole. */
  private removeAt(i: number): void {
    const T = this.table;
    const mask = this.mask;
    let hole = i;
    for (let j = (i + 1) & mask; T[j * STRIDE + FLAGS] !== 0; j = (j + 1) & mask) {
      const home = slotOf(T[j * STRIDE + KEY_H]!, T[j * STRIDE + KEY_L]!, mask);
      // Move j into the hole unless its home lies cyclically in (hole, j].
      const between = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (!between) {
        // Eight plain copies: cheaper than a typed-array builtin call for one record.
        const to = hole * STRIDE;
        const from = j * STRIDE;
        for (let k = 0; k < STRIDE; k++) T[to + k] = T[from + k]!;
        this.born[hole] = this.born[j]!;
        hole = j;
      }
    }
    // A free slot is one whose flags are 0; an insert writes every other word of the record.
    T[hole * STRIDE + FLAGS] = 0;
    this.count--;
  }

  private resize(slots: number): void {
    const old = this.table;
    const oldBorn = this.born;
    this.table = new Int32Array(slots * STRIDE);
    this.born = new Float64Array(slots);
    this.mask = slots - 1;
    const T = this.table;
    for (let r = 0; r < old.length; r += STRIDE) {
      if (old[r + FLAGS] === 0) continue;
      let i = slotOf(old[r + KEY_H]!, old[r + KEY_L]!, this.mask);
      while (T[i * STRIDE + FLAGS] !== 0) i = (i + 1) & this.mask;
      T.set(old.subarray(r, r + STRIDE), i * STRIDE);
      this.born[i] = oldBorn[r / STRIDE]!;
    }
  }
}

/** Root ids are random, but mix them anyway so that a table of any size spreads them. */
function slotOf(hi: number, lo: number, mask: number): number {
  let h = Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  return h & mask;
}
