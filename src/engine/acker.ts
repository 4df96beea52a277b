/**
 * Storm's acker (`daemon/Acker.java`) as a typed-array ledger: for each tuple-tree root, the XOR
 * of every edge id seen so far, the spout task to notify, whether it failed, and when it was first
 * seen. Entries sit in a rotating map of 3 buckets, rotated by the acker's tick tuple every
 * `topology.message.timeout.secs`; updating an entry moves it to the newest bucket, and an entry
 * not updated for 3 rotations is dropped silently (the spout times the tree out on its own side).
 */
import { LongMap } from './long-map';

/** Storm's `Acker.TIMEOUT_BUCKET_NUM`. */
export const ACKER_BUCKETS = 3;

/** What an update produced: nothing yet, the tree completed, or it failed. */
export const ACKER_PENDING = 0;
export const ACKER_COMPLETE = 1;
export const ACKER_FAILED = 2;

export class AckerLedger {
  private readonly index = new LongMap(1024);
  private valH = new Int32Array(1024);
  private valL = new Int32Array(1024);
  private spoutTask = new Int32Array(1024);
  private failed = new Uint8Array(1024);
  private sampled = new Uint8Array(1024);
  private gen = new Int32Array(1024);
  private start = new Float64Array(1024);
  private keyH = new Int32Array(1024);
  private keyL = new Int32Array(1024);
  private free: number[] = [];
  private used = 0;
  private rotations = 0;

  /** Outputs of the last {@link update}: the spout task to notify and the current XOR value. */
  lastSpoutTask = -1;
  lastValH = 0;
  lastValL = 0;
  lastStart = 0;
  lastSampled = false;

  get size(): number {
    return this.index.size;
  }

  /**
   * Applies one acker message. `kind` is 0 for `__ack_init` (with `spoutTask`), 1 for `__ack_ack`,
   * 2 for `__ack_fail`. Returns {@link ACKER_COMPLETE} or {@link ACKER_FAILED} when the spout must be
   * told (the entry is then removed), else {@link ACKER_PENDING}.
   */
  update(kind: number, rh: number, rl: number, vh: number, vl: number, spoutTask: number, now: number, sampled: boolean): number {
    let e = this.index.get(rh, rl);
    if (e < 0) {
      e = this.alloc();
      this.keyH[e] = rh;
      this.keyL[e] = rl;
      this.valH[e] = 0;
      this.valL[e] = 0;
      this.spoutTask[e] = -1;
      this.failed[e] = 0;
      this.sampled[e] = 0;
      this.start[e] = now;
      this.index.set(rh, rl, e);
    }
    // RotatingMap.put moves the entry to the newest bucket.
    this.gen[e] = this.rotations;
    if (sampled) this.sampled[e] = 1;
    if (kind === 0) {
      this.valH[e]! ^= vh;
      this.valL[e]! ^= vl;
      this.spoutTask[e] = spoutTask;
    } else if (kind === 1) {
      this.valH[e]! ^= vh;
      this.valL[e]! ^= vl;
    } else {
      this.failed[e] = 1;
    }
    this.lastSpoutTask = this.spoutTask[e]!;
    this.lastValH = this.valH[e]!;
    this.lastValL = this.valL[e]!;
    this.lastStart = this.start[e]!;
    this.lastSampled = this.sampled[e] === 1;
    if (this.spoutTask[e]! >= 0 && ((this.valH[e]! | this.valL[e]!) === 0 || this.failed[e] === 1)) {
      const result = this.failed[e] === 1 && (this.valH[e]! | this.valL[e]!) !== 0 ? ACKER_FAILED : ACKER_COMPLETE;
      this.index.delete(rh, rl);
      this.release(e);
      return result;
    }
    return ACKER_PENDING;
  }

  /** The acker's tick: rotates the buckets; returns how many entries expired. */
  rotate(): number {
    this.rotations++;
    const expired: number[] = [];
    const limit = this.rotations - ACKER_BUCKETS;
    this.index.forEachValue((e) => {
      if (this.gen[e]! <= limit) expired.push(e);
    });
    for (const e of expired) {
      this.index.delete(this.keyH[e]!, this.keyL[e]!);
      this.release(e);
    }
    return expired.length;
  }

  clear(): void {
    this.index.clear();
    this.free = [];
    this.used = 0;
  }

  private alloc(): number {
    const f = this.free.pop();
    if (f !== undefined) return f;
    if (this.used === this.valH.length) this.grow();
    return this.used++;
  }

  private release(e: number): void {
    this.free.push(e);
  }

  private grow(): void {
    const cap = this.valH.length * 2;
    const g32 = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.valH = g32(this.valH);
    this.valL = g32(this.valL);
    this.spoutTask = g32(this.spoutTask);
    this.gen = g32(this.gen);
    this.keyH = g32(this.keyH);
    this.keyL = g32(this.keyL);
    const f = new Uint8Array(cap);
    f.set(this.failed);
    this.failed = f;
    const s = new Uint8Array(cap);
    s.set(this.sampled);
    this.sampled = s;
    const st = new Float64Array(cap);
    st.set(this.start);
    this.start = st;
  }
}
