/**
 * A FIFO ring buffer of references, growing by doubling. An executor's receive queue is one of
 * these plus a capacity the engine enforces (Storm's `topology.executor.receive.buffer.size`);
 * the ring itself only grows when something bypasses the bound (tick tuples, remote arrivals) or
 * for unbounded overflow lists.
 */
/**
 * `n` slots holding `undefined`, as a packed array: `new Array(n)` would make a holey one, and a
 * store into a hole takes V8's slow path once the realm is locked down (a frozen `Object.prototype`
 * disables the check that lets V8 skip the prototype chain for holes: 100× slower per store).
 */
function slots<T>(n: number): (T | undefined)[] {
  const a: (T | undefined)[] = [];
  for (let i = 0; i < n; i++) a.push(undefined);
  return a;
}

export class RingQueue<T> {
  private items: (T | undefined)[];
  private head = 0;
  private n = 0;
  private mask: number;

  constructor(initial = 16) {
    let cap = 4;
    while (cap < initial) cap *= 2;
    this.items = slots<T>(cap);
    this.mask = cap - 1;
  }

  get length(): number {
    return this.n;
  }

  push(x: T): void {
    if (this.n > this.mask) this.grow();
    this.items[(this.head + this.n) & this.mask] = x;
    this.n++;
  }

  /** The oldest item, or undefined when empty. */
  peek(): T | undefined {
    return this.n === 0 ? undefined : this.items[this.head];
  }

  shift(): T | undefined {
    if (this.n === 0) return undefined;
    const x = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & this.mask;
    this.n--;
    return x;
  }

  /** The i-th oldest item (0 = next out). */
  at(i: number): T | undefined {
    return i < this.n ? this.items[(this.head + i) & this.mask] : undefined;
  }

  /** Empties the queue, calling `fn` on each dropped item (oldest first). */
  drain(fn?: (x: T) => void): void {
    while (this.n > 0) {
      const x = this.shift()!;
      fn?.(x);
    }
  }

  private grow(): void {
    const old = this.items;
    const cap = old.length * 2;
    const items = slots<T>(cap);
    for (let i = 0; i < this.n; i++) items[i] = old[(this.head + i) & this.mask];
    this.items = items;
    this.head = 0;
    this.mask = cap - 1;
  }
}
