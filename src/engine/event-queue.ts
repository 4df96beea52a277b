/**
 * The discrete-event queue: a binary min-heap ordered by time, then priority, then insertion
 * sequence, so that events at the same time come out in a fixed order and a seeded run replays
 * event by event. Entries are numbers in parallel typed arrays (no object per event).
 */
export class EventQueue {
  private time: Float64Array;
  private seq: Float64Array;
  private prio: Int32Array;
  private item: Int32Array;
  private gen: Int32Array;
  private n = 0;
  private nextSeq = 0;

  constructor(capacity = 64) {
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.prio = new Int32Array(capacity);
    this.item = new Int32Array(capacity);
    this.gen = new Int32Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  /**
   * Adds an event. `item` and `gen` are the caller's: typically an entity index and a generation
   * number that lets the caller ignore events of an entity that was reset since.
   *
   * @example
   * q.push(12.5, 1, executorIndex, generation);
   */
  push(time: number, priority: number, item: number, gen = 0): void {
    if (this.n === this.time.length) this.grow();
    let i = this.n++;
    const seq = this.nextSeq++;
    // Sift up.
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(time, priority, seq, p)) break;
      this.move(p, i);
      i = p;
    }
    this.time[i] = time;
    this.prio[i] = priority;
    this.seq[i] = seq;
    this.item[i] = item;
    this.gen[i] = gen;
  }

  /** Time of the earliest event, or +Infinity when empty. */
  peekTime(): number {
    return this.n === 0 ? Infinity : this.time[0]!;
  }

  peekItem(): number {
    return this.item[0]!;
  }

  peekGen(): number {
    return this.gen[0]!;
  }

  /** Removes the earliest event (read it first with `peekTime/peekItem/peekGen`). */
  pop(): void {
    const last = --this.n;
    if (last === 0) return;
    const t = this.time[last]!;
    const pr = this.prio[last]!;
    const sq = this.seq[last]!;
    const it = this.item[last]!;
    const g = this.gen[last]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= last) break;
      const r = l + 1;
      const c = r < last && this.lessAt(r, l) ? r : l;
      if (!this.less(this.time[c]!, this.prio[c]!, this.seq[c]!, i, t, pr, sq)) break;
      this.move(c, i);
      i = c;
    }
    this.time[i] = t;
    this.prio[i] = pr;
    this.seq[i] = sq;
    this.item[i] = it;
    this.gen[i] = g;
  }

  clear(): void {
    this.n = 0;
  }

  /** Is (time, prio, seq) before the entry at index j (or before the given key when passed)? */
  private less(time: number, prio: number, seq: number, j: number, jt?: number, jp?: number, js?: number): boolean {
    const t2 = jt ?? this.time[j]!;
    if (time !== t2) return time < t2;
    const p2 = jp ?? this.prio[j]!;
    if (prio !== p2) return prio < p2;
    return seq < (js ?? this.seq[j]!);
  }

  private lessAt(a: number, b: number): boolean {
    return this.less(this.time[a]!, this.prio[a]!, this.seq[a]!, b);
  }

  private move(from: number, to: number): void {
    this.time[to] = this.time[from]!;
    this.prio[to] = this.prio[from]!;
    this.seq[to] = this.seq[from]!;
    this.item[to] = this.item[from]!;
    this.gen[to] = this.gen[from]!;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const t = new Float64Array(cap);
    t.set(this.time);
    this.time = t;
    const s = new Float64Array(cap);
    s.set(this.seq);
    this.seq = s;
    const p = new Int32Array(cap);
    p.set(this.prio);
    this.prio = p;
    const it = new Int32Array(cap);
    it.set(this.item);
    this.item = it;
    const g = new Int32Array(cap);
    g.set(this.gen);
    this.gen = g;
  }
}
