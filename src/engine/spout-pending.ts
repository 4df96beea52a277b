/**
 * A spout executor's pending map (Storm's `SpoutExecutor.pending`): tracked spout tuples by root
 * id, in a `RotatingMap` of 2 buckets rotated by the spout's tick every
 * `topology.message.timeout.secs`. An entry put just after a rotation survives two rotations (≈ 2T);
 * one put just before a rotation expires at the next-but-one (≈ T): the effective timeout lies
 * between T and 2T.
 */
import { LongMap } from './long-map';
import { slots, type Slots } from './slots';

const SPOUT_BUCKETS = 2;

export class SpoutPending {
  private readonly index = new LongMap(256);
  private messageIds: Slots<unknown> = slots();
  private task = new Int32Array(256);
  /** The arrays' length as a number (a typed array's `length` is a slow getter call in a locked-down host: event-queue.ts). */
  private cap = 256;
  private gen = new Int32Array(256);
  private emitTime = new Float64Array(256);
  private order = new Float64Array(256);
  private keyH = new Int32Array(256);
  private keyL = new Int32Array(256);
  private sampled = new Uint8Array(256);
  private free: number[] = [];
  private used = 0;
  private rotations = 0;
  private nextOrder = 0;
  /** Pending entries per task (index: task id − first task; Storm counts per executor, the UI shows per task). */
  private readonly perTask: Int32Array;

  /** For the spout executor of tasks `firstTask` … `firstTask + tasks − 1`. */
  constructor(
    private readonly firstTask = 0,
    tasks = 1,
  ) {
    this.perTask = new Int32Array(Math.max(1, tasks));
  }

  get size(): number {
    return this.index.size;
  }

  pendingOf(task: number): number {
    return this.perTask[task - this.firstTask] ?? 0;
  }

  /** Records a tracked spout tuple tree. */
  put(rh: number, rl: number, messageId: unknown, task: number, emitTime: number, sampled: boolean): void {
    const e = this.alloc();
    this.keyH[e] = rh;
    this.keyL[e] = rl;
    this.messageIds[e] = messageId;
    this.task[e] = task;
    this.gen[e] = this.rotations;
    this.emitTime[e] = emitTime;
    this.order[e] = this.nextOrder++;
    this.sampled[e] = sampled ? 1 : 0;
    this.index.set(rh, rl, e);
    this.perTask[task - this.firstTask]! += 1;
  }

  /**
   * Removes the entry of a root; returns its slot (read it with the accessors, then call
   * {@link release}) or -1 when unknown (already timed out, or lost in a worker restart).
   */
  take(rh: number, rl: number): number {
    const e = this.index.delete(rh, rl);
    if (e >= 0) this.perTask[this.task[e]! - this.firstTask]! -= 1;
    return e;
  }

  messageIdOf(e: number): unknown {
    return this.messageIds[e];
  }
  taskOf(e: number): number {
    return this.task[e]!;
  }
  emitTimeOf(e: number): number {
    return this.emitTime[e]!;
  }
  sampledOf(e: number): boolean {
    return this.sampled[e] === 1;
  }
  rootHiOf(e: number): number {
    return this.keyH[e]!;
  }
  rootLoOf(e: number): number {
    return this.keyL[e]!;
  }

  release(e: number): void {
    this.messageIds[e] = undefined;
    this.free.push(e);
  }

  /**
   * The spout's tick: rotates the buckets and returns the slots that expired, oldest emit first
   * (already removed from the map; release each after use).
   */
  rotate(): number[] {
    this.rotations++;
    const limit = this.rotations - SPOUT_BUCKETS;
    const expired: number[] = [];
    this.index.forEachValue((e) => {
      if (this.gen[e]! <= limit) expired.push(e);
    });
    expired.sort((a, b) => this.order[a]! - this.order[b]!);
    for (const e of expired) this.take(this.keyH[e]!, this.keyL[e]!);
    return expired;
  }

  clear(): void {
    this.index.clear();
    this.messageIds = slots();
    this.free = [];
    this.used = 0;
    this.perTask.fill(0);
  }

  private alloc(): number {
    const f = this.free.pop();
    if (f !== undefined) return f;
    if (this.used === this.cap) this.grow();
    return this.used++;
  }

  private grow(): void {
    const cap = this.cap * 2;
    this.cap = cap;
    const g32 = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    const g64 = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.task = g32(this.task);
    this.gen = g32(this.gen);
    this.keyH = g32(this.keyH);
    this.keyL = g32(this.keyL);
    this.emitTime = g64(this.emitTime);
    this.order = g64(this.order);
    const s = new Uint8Array(cap);
    s.set(this.sampled);
    this.sampled = s;
  }
}
