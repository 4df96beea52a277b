/**
 * Keeps V8's fast typed-array access alive through SES `lockdown()`. Imported by lockdown.ts
 * before `ses`, which captures `Object.freeze` when it loads.
 *
 * V8 (Node 20's 11.3 and later) slows every element access on typed arrays about 30× once an
 * object in their prototype chain (`Object.prototype`, `%TypedArray%.prototype`, `Int32Array.prototype`
 * …) is frozen by `Object.freeze` in one step: the engine's queues, the shared-memory rings and
 * Pyodide's view of its memory all read and write typed arrays per tuple, so lockdown cost the
 * JavaScript word count two thirds of its speed. Freezing the same objects in two steps — every
 * property made non-writable and non-configurable, then `preventExtensions` — leaves them exactly
 * as frozen (`Object.isFrozen` is true, nothing can be added, changed or deleted) without that
 * penalty; `Object.freeze` then finds nothing left to do. (measured: scripts/bench/sandbox-cost.ts,
 * docs/benchmarks.md)
 *
 * Every other object goes through the original `Object.freeze` untouched (the two-step freeze
 * turns an object's properties into a dictionary, slower for namespaces such as `Math`).
 * The replacement stays `Object.freeze` after lockdown (SES hardens it with the rest): for the
 * objects above it is then a no-op, for anything else it is the original.
 */
const originalFreeze = Object.freeze;
const { ownKeys, defineProperty, getOwnPropertyDescriptor, preventExtensions, getPrototypeOf } = Reflect;

const typedArrays = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
];

/** The prototypes whose one-step freeze slows typed-array access. */
const inTypedArrayChains: ReadonlySet<object> = new Set<object>([
  Object.prototype,
  getPrototypeOf(Int8Array.prototype) as object,
  ...typedArrays.map((c) => c.prototype as object),
]);

/** Freezes `o` property by property, then stops extensions (what `Object.freeze` does, in two steps). */
function freezeInSteps(o: object): void {
  for (const key of ownKeys(o)) {
    const d = getOwnPropertyDescriptor(o, key)!;
    if (!d.configurable && !('value' in d && d.writable)) continue;
    if ('value' in d) d.writable = false;
    d.configurable = false;
    if (!defineProperty(o, key, d)) throw new TypeError(`cannot freeze property ${String(key)}`);
  }
  if (!preventExtensions(o)) throw new TypeError('cannot prevent extensions');
}

// A method (no `prototype` property), as the built-in is.
const replacement = {
  freeze<T>(o: T): T {
    if (typeof o === 'object' && o !== null && inTypedArrayChains.has(o)) freezeInSteps(o);
    return originalFreeze(o);
  },
}.freeze;

Object.defineProperty(Object, 'freeze', { value: replacement, writable: true, enumerable: false, configurable: true });

const iteratorPrototype = getPrototypeOf(getPrototypeOf([][Symbol.iterator]()) as object) as object;

/**
 * The prototypes whose methods SES's `overrideTaming: 'moderate'` would turn into accessors
 * (so that `x.push = f` on an instance still works after they are frozen), where doing so
 * switches off one of V8's fast paths for the whole realm: `Array.prototype[Symbol.iterator]`
 * (every `for…of` over an array and every spread takes the generic, about 6× slower path),
 * `%IteratorPrototype%[Symbol.iterator]` (the same for Maps and Sets), `Promise.prototype.constructor`
 * (every `then`), and `%TypedArray%.prototype`'s methods (`subarray`, `set` through a getter).
 * Sealing them first (one step: V8 keeps its fast paths) leaves those properties
 * non-configurable, which SES's override taming skips; lockdown then freezes them as usual.
 * The price: component code cannot shadow these few methods by assignment on its own arrays,
 * iterators or promises (the "override mistake": `arr.push = f` throws in strict code);
 * `Object.defineProperty(arr, 'push', …)` still works, as do the overrides SES enables elsewhere
 * (`toString`, `valueOf`, an error's `name` and `message`…). (measured: docs/benchmarks.md)
 *
 * A prototype is sealed only when it holds exactly the properties listed for it (what SES 2.3
 * accepts, seen in Node 20 and Chromium 156): SES deletes the properties it does not know, and a
 * sealed one could not be deleted, so lockdown would fail. A newer engine's extra method (e.g.
 * Chromium's iterator helpers, `Iterator.prototype.join`) leaves that prototype to SES's usual
 * taming: slower, never broken.
 */
const SEALABLE: readonly (readonly [object, readonly PropertyKey[]])[] = [
  [
    Array.prototype,
    ['length', 'constructor', 'at', 'concat', 'copyWithin', 'fill', 'find', 'findIndex', 'findLast', 'findLastIndex', 'lastIndexOf', 'pop', 'push', 'reverse', 'shift', 'unshift', 'slice', 'sort', 'splice', 'includes', 'indexOf', 'join', 'keys', 'entries', 'values', 'forEach', 'filter', 'flat', 'flatMap', 'map', 'every', 'some', 'reduce', 'reduceRight', 'toReversed', 'toSorted', 'toSpliced', 'with', 'toLocaleString', 'toString', Symbol.iterator, Symbol.unscopables],
  ],
  // Only where it has no iterator helpers (Node 20): with them it holds accessors SES must first turn into data properties.
  [iteratorPrototype, [Symbol.iterator]],
  [Promise.prototype, ['constructor', 'then', 'catch', 'finally', Symbol.toStringTag]],
  [
    getPrototypeOf(Int8Array.prototype) as object,
    ['constructor', 'buffer', 'byteLength', 'byteOffset', 'length', 'entries', 'keys', 'values', 'at', 'copyWithin', 'every', 'fill', 'filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'forEach', 'includes', 'indexOf', 'join', 'lastIndexOf', 'map', 'reverse', 'reduce', 'reduceRight', 'set', 'slice', 'some', 'sort', 'subarray', 'toReversed', 'toSorted', 'with', 'toLocaleString', 'toString', Symbol.toStringTag, Symbol.iterator],
  ],
];

/** Seals the prototypes above that hold only what SES accepts; called just before `lockdown()`. Returns how many it sealed. */
export function sealForFastPaths(): number {
  let sealed = 0;
  for (const [o, known] of SEALABLE) {
    const allowed = new Set(known);
    if (ownKeys(o).every((k) => allowed.has(k))) {
      Object.seal(o);
      sealed++;
    }
  }
  return sealed;
}

/** Whether the objects above came out of lockdown frozen (what a test checks). */
export function typedArrayPrototypesFrozen(): boolean {
  for (const o of inTypedArrayChains) if (!Object.isFrozen(o)) return false;
  return true;
}
