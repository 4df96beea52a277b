/**
 * The engine's pending events: one order (time, then priority, then insertion sequence) kept by
 * three stores, so that the two commonest schedules skip the binary heap:
 *
 * - a **self slot**: the next event of the executor that just ran (`setSelf`), which is usually the
 *   earliest event or is consumed soon;
 * - a **now FIFO**: executor events scheduled at the current time (an idle executor woken by a
 *   delivery, e.g. the acker after every ack), which arrive in (time, order) order by construction;
 * - the binary heap it extends ({@link EventQueue}) for everything else (timers, out-of-order pushes).
 *
 * Every entry takes its sequence number from the heap's counter when it is scheduled, so the
 * stores together yield exactly the order one heap would: the same seed replays event by event.
 */
import { EventQueue } from './event-queue';

const SRC_NONE = 0;
const SRC_HEAP = 1;
const SRC_FIFO = 2;
const SRC_SELF = 3;

export class Agenda extends EventQueue {
  private readonly execOrder: number;
  // The self slot (selfItem < 0: empty).
  private selfTime = 0;
  private selfOrder = 0;
  private selfItem = -1;
  private selfGen = 0;
  // The now FIFO (a ring).
  private fTime: Float64Array;
  private fOrder: Float64Array;
  private fItem: Int32Array;
  private fGen: Int32Array;
  private fHead = 0;
  private fN = 0;
  private fMask: number;
  // The earliest entry, as found by `peekTime`.
  private topSrc = SRC_NONE;
  private topItem = 0;
  private topGen = 0;

  /**
   * `execPriority` is the priority of executor events (the ones `setSelf` and `pushNow` take).
   *
   * @example
   * const agenda = new Agenda(1);
   * agenda.push(5, 0, timerItem, 0);   // a timer at 5 ms, priority 0
   * agenda.setSelf(2, executorId, gen); // the running executor's next event
   * agenda.peekTime(); // 2
   */
  constructor(execPriority: number, capacity = 64) {
    super(capacity);
    this.execOrder = this.orderBase(execPriority);
    this.fTime = new Float64Array(64);
    this.fOrder = new Float64Array(64);
    this.fItem = new Int32Array(64);
    this.fGen = new Int32Array(64);
    this.fMask = 63;
  }

  /** Number of pending entries (stale ones included). */
  override get size(): number {
    return this.n + this.fN + (this.selfItem >= 0 ? 1 : 0);
  }

  /**
   * Adds an executor event at `time`, the engine's current time: kept in the FIFO when it does not
   * precede the FIFO's last entry (times never go back in a run), else in the heap.
   */
  pushNow(time: number, item: number, gen: number): void {
    const order = this.execOrder + this.nextSequence();
    const n = this.fN;
    if (n > 0 && this.fTime[(this.fHead + n - 1) & this.fMask]! > time) {
      this.pushOrdered(time, order, item, gen);
      return;
    }
    if (n > this.fMask) this.growFifo();
    const i = (this.fHead + n) & this.fMask;
    this.fTime[i] = time;
    this.fOrder[i] = order;
    this.fItem[i] = item;
    this.fGen[i] = gen;
    this.fN = n + 1;
  }

  /**
   * The next event of the executor that is running: takes its place in the order now, as a push
   * would. A previous self entry, if any, moves to the heap with its order.
   */
  setSelf(time: number, item: number, gen: number): void {
    if (this.selfItem >= 0) this.pushOrdered(this.selfTime, this.selfOrder, this.selfItem, this.selfGen);
    this.selfTime = time;
    this.selfOrder = this.execOrder + this.nextSequence();
    this.selfItem = item;
    this.selfGen = gen;
  }

  /** Time of the earliest event (+Infinity when none); `peekItem`/`peekGen`/`pop` then refer to it. */
  override peekTime(): number {
    let src = SRC_NONE;
    let time = Infinity;
    let order = 0;
    if (this.n > 0) {
      src = SRC_HEAP;
      time = this.time[0]!;
      order = this.order[0]!;
    }
    if (this.fN > 0) {
      const h = this.fHead;
      const ft = this.fTime[h]!;
      if (ft < time || (ft === time && this.fOrder[h]! < order)) {
        src = SRC_FIFO;
        time = ft;
        order = this.fOrder[h]!;
      }
    }
    if (this.selfItem >= 0) {
      const st = this.selfTime;
      if (st < time || (st === time && this.selfOrder < order)) {
        this.topSrc = SRC_SELF;
        this.topItem = this.selfItem;
        this.topGen = this.selfGen;
        return st;
      }
    }
    this.topSrc = src;
    if (src === SRC_HEAP) {
      this.topItem = this.item[0]!;
      this.topGen = this.gen[0]!;
    } else if (src === SRC_FIFO) {
      this.topItem = this.fItem[this.fHead]!;
      this.topGen = this.fGen[this.fHead]!;
    }
    return time;
  }

  /** Item of the entry found by the last `peekTime`. */
  override peekItem(): number {
    return this.topItem;
  }

  override peekGen(): number {
    return this.topGen;
  }

  /** Removes the entry found by the last `peekTime` (call `peekTime` first). */
  override pop(): void {
    const src = this.topSrc;
    this.topSrc = SRC_NONE;
    if (src === SRC_SELF) this.selfItem = -1;
    else if (src === SRC_FIFO) {
      this.fHead = (this.fHead + 1) & this.fMask;
      this.fN--;
    } else if (src === SRC_HEAP) super.pop();
  }

  override clear(): void {
    super.clear();
    this.fN = 0;
    this.fHead = 0;
    this.selfItem = -1;
    this.topSrc = SRC_NONE;
  }

  private growFifo(): void {
    const cap = (this.fMask + 1) * 2;
    const time = new Float64Array(cap);
    const order = new Float64Array(cap);
    const item = new Int32Array(cap);
    const gen = new Int32Array(cap);
    for (let k = 0; k < this.fN; k++) {
      const i = (this.fHead + k) & this.fMask;
      time[k] = this.fTime[i]!;
      order[k] = this.fOrder[i]!;
      item[k] = this.fItem[i]!;
      gen[k] = this.fGen[i]!;
    }
    this.fTime = time;
    this.fOrder = order;
    this.fItem = item;
    this.fGen = gen;
    this.fHead = 0;
    this.fMask = cap - 1;
  }
}
