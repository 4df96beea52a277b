/**
 * Arrays for the engine's hot element stores (the executors' outboxes, the ring queues, the
 * spouts' pending message ids), with no prototype.
 *
 * In a simulation host SES has frozen `Array.prototype` (workers/sandbox/lockdown.ts), and V8 then
 * takes its slow path for every keyed store into an ordinary array: the store might meet a
 * read-only element in the prototype chain ("prototype with potentially read-only elements" in
 * `--log-ic`), and the store's inline cache goes megamorphic. An array whose prototype is null has
 * no chain to check, so its stores stay fast whether the realm is locked down or not (measured:
 * scripts/bench/sandbox-cost.ts, docs/benchmarks.md "Sandbox cost"). Such an array has no methods:
 * the type allows indexing and `length` only.
 */
export interface Slots<T> {
  [index: number]: T;
  length: number;
}

/** `n` slots holding `fill` (packed: V8 keeps the elements dense), with no prototype. */
export function slots<T>(n = 0, fill?: T): Slots<T> {
  const a: T[] = [];
  for (let i = 0; i < n; i++) a.push(fill as T);
  return Object.setPrototypeOf(a, null) as Slots<T>;
}
