/**
 * The discrete-event queue: a binary min-heap ordered by time, then priority, then insertion
 * sequence, so that events at the same time come out in a fixed order and a seeded run replays
 * event by event. Entries are numbers in parallel typed arrays (no object per event); priority and
 * sequence share one number (`priority · 2^42 + sequence`) so a comparison reads two arrays.
 */
const SEQ_SPAN = 2 ** 42;

export class EventQueue {
  // Protected for the engine's Agenda (agenda.ts), which reads the top entry without calls.
  protected time: Float64Array;
  protected order: Float64Array;
  protected item: Int32Array;
  protected gen: Int32Array;
  protected n = 0;
  /**
   * The arrays' length, kept as a number: once SES has frozen the typed arrays' prototypes (a
   * simulation host), V8 no longer inlines a typed array's `length` getter (docs/benchmarks.md,
   * "Sandbox cost"), and `push` runs for every event.
   */
  private cap: number;
  private nextSeq = 0;

  constructor(capacity = 64) {
    this.cap = capacity;
    this.time = new Float64Array(capacity);
    this.order = new Float64Array(capacity);
    this.item = new Int32Array(capacity);
    this.gen = new Int32Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  /**
   * Adds an event. `item` and `gen` are the caller's: typically an entity index and a generation
   * number that lets the caller ignore events of an entity that was reset since. Priorities are
   * small non-negative integers (lower first).
   *
   * @example
   * q.push(12.5, 1, executorIndex, generation);
   */
  push(time: number, priority: number, item: number, gen = 0): void {
    this.pushOrdered(time, priority * SEQ_SPAN + this.nextSeq++, item, gen);
  }

  /** The order value of priority `priority` with sequence 0 (add a {@link nextSequence}). */
  orderBase(priority: number): number {
    return priority * SEQ_SPAN;
  }

  /** Takes the next insertion sequence number (for entries kept outside the heap, see agenda.ts). */
  nextSequence(): number {
    return this.nextSeq++;
  }

  /** Adds an event whose order (`orderBase(priority) + nextSequence()`) was taken earlier. */
  pushOrdered(time: number, order: number, item: number, gen: number): void {
    if (this.n === this.cap) this.grow();
    const T = this.time;
    const O = this.order;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = T[p]!;
      if (pt < time || (pt === time && O[p]! < order)) break;
      T[i] = pt;
      O[i] = O[p]!;
      this.item[i] = this.item[p]!;
      this.gen[i] = this.gen[p]!;
      i = p;
    }
    T[i] = time;
    O[i] = order;
    this.item[i] = item;
    this.gen[i] = gen;
  }

  /** Time of the earliest event, or +Infinity when empty. */
  peekTime(): number {
    return this.n === 0 ? Infinity : this.time[0]!;
  }

  /** Order (priority and sequence) of the earliest event. */
  peekOrder(): number {
    return this.order[0]!;
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
    if (last <= 0) return;
    const T = this.time;
    const O = this.order;
    const I = this.item;
    const G = this.gen;
    const t = T[last]!;
    const o = O[last]!;
    const it = I[last]!;
    const g = G[last]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      const r = c + 1;
      if (r < last) {
        const ct = T[c]!;
        const rt = T[r]!;
        if (rt < ct || (rt === ct && O[r]! < O[c]!)) c = r;
      }
      const ct = T[c]!;
      if (t < ct || (t === ct && o < O[c]!)) break;
      T[i] = ct;
      O[i] = O[c]!;
      I[i] = I[c]!;
      G[i] = G[c]!;
      i = c;
    }
    T[i] = t;
    O[i] = o;
    I[i] = it;
    G[i] = g;
  }

  clear(): void {
    this.n = 0;
  }

  private grow(): void {
    const cap = this.cap * 2;
    this.cap = cap;
    const t = new Float64Array(cap);
    t.set(this.time);
    this.time = t;
    const o = new Float64Array(cap);
    o.set(this.order);
    this.order = o;
    const it = new Int32Array(cap);
    it.set(this.item);
    this.item = it;
    const g = new Int32Array(cap);
    g.set(this.gen);
    this.gen = g;
  }
}
