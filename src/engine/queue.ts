/**
 * A FIFO ring buffer of references, growing by doubling. An executor's receive queue is one of
 * these plus a capacity the engine enforces (Storm's `topology.executor.receive.buffer.size`);
 * the ring itself only grows when something bypasses the bound (tick tuples, remote arrivals) or
 * for unbounded overflow lists.
 */
import { slots, type Slots } from './slots';

export class RingQueue<T> {
  private items: Slots<T | undefined>;
  private head = 0;
  private n = 0;
  private mask: number;

  constructor(initial = 16) {
    let cap = 4;
    while (cap < initial) cap *= 2;
    this.items = slots<T | undefined>(cap);
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
    const items = slots<T | undefined>(cap);
    for (let i = 0; i < this.n; i++) items[i] = old[(this.head + i) & this.mask];
    this.items = items;
    this.head = 0;
    this.mask = cap - 1;
  }
}
