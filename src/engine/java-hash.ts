/**
 * Java's `hashCode` for the values a tuple can hold, so that fields and partialKey groupings send a
 * value to the same task index as Storm does (`TupleUtils.chooseTaskIndex`:
 * `floorMod(Arrays.deepHashCode(selected values), numTasks)`).
 *
 * JavaScript has one number type where Java has several. The mapping (also in docs/engine.md):
 * - an integral number within int32 hashes as `java.lang.Integer` (the value itself);
 * - another integral number below 2^63 in magnitude hashes as `java.lang.Long` (`(int)(v ^ v>>>32)`);
 * - any other number (fractional, ±Infinity, NaN, -0) hashes as `java.lang.Double`
 *   (`doubleToLongBits`, folded like a Long);
 * - a bigint hashes as a Long (its low 64 bits);
 * - strings as `String.hashCode` over UTF-16 code units; booleans 1231/1237; null/undefined 0;
 * - arrays as `java.util.List` (`31 * h + e` from 1, recursively, as `Arrays.deepHashCode`);
 * - plain objects as `java.util.Map` (sum of `key.hashCode() ^ value.hashCode()`).
 *
 * Multilang components (Petrel's Python) send integers as JSON, which Storm parses as `Long`: for
 * integers in [0, 2^31) Long and Integer hash alike; for negative integers they differ.
 */

const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);
// Typed arrays use the platform's byte order; every engine we target is little-endian.
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HI = 1 - LO;

/** `String.hashCode()`: `s[0]*31^(n-1) + … + s[n-1]` in int32, over UTF-16 code units. */
export function stringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** `Long.hashCode` of a 64-bit value given as its high and low 32-bit words. */
export function longHashWords(hi: number, lo: number): number {
  return (hi ^ lo) | 0;
}

/** `Double.hashCode(v)`: `doubleToLongBits` (canonical NaN) folded like a Long. */
function doubleHash(v: number): number {
  if (v !== v) return 0x7ff80000 ^ 0; // canonical NaN 0x7ff8000000000000
  f64[0] = v;
  return (i32[HI]! ^ i32[LO]!) | 0;
}

/** `Long.hashCode` of an integral number with |v| < 2^63. */
function longHash(v: number): number {
  const hi = Math.floor(v / 4294967296);
  const lo = v - hi * 4294967296;
  return (hi ^ lo) | 0;
}

/** The Java `hashCode` of a JavaScript number under the mapping described at the top of this file. */
function numberHash(v: number): number {
  if (v === 0 && 1 / v < 0) return doubleHash(v); // -0 only exists as a Double
  if ((v | 0) === v) return v; // Integer
  if (Number.isInteger(v) && Math.abs(v) < 9223372036854775808) return longHash(v); // Long
  return doubleHash(v); // Double
}

/**
 * The Java `hashCode` of a tuple value (see the mapping at the top of this file).
 *
 * @example
 * javaHash('the')        // 114801, as "the".hashCode()
 * javaHash(['a', 1])     // 3969, as Arrays.asList("a", 1).hashCode()
 */
export function javaHash(v: unknown): number {
  switch (typeof v) {
    case 'string':
      return stringHash(v);
    case 'number':
      return numberHash(v);
    case 'boolean':
      return v ? 1231 : 1237;
    case 'undefined':
      return 0;
    case 'bigint': {
      const lo = Number(BigInt.asIntN(32, v));
      const hi = Number(BigInt.asIntN(32, v >> 32n));
      return (hi ^ lo) | 0;
    }
    case 'object':
      if (v === null) return 0;
      if (Array.isArray(v)) return listHash(v);
      if (ArrayBuffer.isView(v)) return listHash(Array.from(v as unknown as ArrayLike<number>));
      return mapHash(v as Record<string, unknown>);
    default:
      return stringHash(String(v));
  }
}

/** `List.hashCode()` / `Arrays.deepHashCode`: 1, then `31 * h + hash(e)` for each element. */
export function listHash(values: readonly unknown[]): number {
  let h = 1;
  for (let i = 0; i < values.length; i++) h = (Math.imul(31, h) + javaHash(values[i])) | 0;
  return h;
}

/** `AbstractMap.hashCode()`: the sum of `key.hashCode() ^ value.hashCode()` over entries. */
function mapHash(o: Record<string, unknown>): number {
  let h = 0;
  for (const key of Object.keys(o)) h = (h + (stringHash(key) ^ javaHash(o[key]))) | 0;
  return h;
}

/** `Math.floorMod(x, n)` for int32 x and n > 0. */
export function floorMod(x: number, n: number): number {
  const r = x % n;
  return r < 0 ? r + n : r | 0; // `| 0` turns -0 into 0
}

/**
 * `Math.floorMod(x, n)` for int32 x and 0 < n < 2^31, given `inv = 1 / n`: a multiplication
 * instead of a division. `x * inv` is within 2^-21 of `x / n`, so its floor is off by at most one,
 * which the two corrections undo: the result is exact.
 *
 * @example
 * floorModBy(-7, 3, 1 / 3) // 2, as Math.floorMod(-7, 3)
 */
export function floorModBy(x: number, n: number, inv: number): number {
  let r = x - Math.floor(x * inv) * n;
  if (r < 0) r += n;
  else if (r >= n) r -= n;
  return r | 0;
}

/**
 * `java.util.Random` (the 48-bit linear congruential generator), as PartialKeyGrouping seeds it
 * from the key. The state is kept as two 24-bit halves so that no step needs more than 2^53.
 */
export class JavaRandom {
  private hi = 0;
  private lo = 0;

  /** `new Random(seed)` for a seed that fits in an int32 (what `Arrays.hashCode` returns). */
  constructor(seed: number) {
    this.setSeed(seed);
  }

  setSeed(seed: number): void {
    // The low 48 bits of the sign-extended long, XORed with the multiplier (Random's scramble).
    const v = seed < 0 ? 281474976710656 + seed : seed;
    this.hi = (Math.floor(v / 16777216) ^ 0x5de) & 0xffffff;
    this.lo = ((v % 16777216) ^ 0xece66d) & 0xffffff;
  }

  /** `next(bits)` for 1 ≤ bits ≤ 32, as a signed int32 when bits is 32. */
  next(bits: number): number {
    // state = (state * 0x5DEECE66D + 0xB) mod 2^48, with state = hi·2^24 + lo and the multiplier
    // = 0x5DE·2^24 + 0xECE66D; the hi·0x5DE·2^48 term vanishes modulo 2^48.
    const sh = this.hi;
    const sl = this.lo;
    const low = sl * 0xece66d + 0xb;
    const carry = Math.floor(low / 16777216);
    this.lo = low - carry * 16777216;
    this.hi = (sh * 0xece66d + sl * 0x5de + carry) % 16777216;
    const top32 = this.hi * 256 + Math.floor(this.lo / 65536); // state >>> 16
    return bits === 32 ? top32 | 0 : Math.floor(top32 / 2 ** (32 - bits));
  }

  /** `nextInt(bound)` exactly as Java computes it (power-of-two fast path, rejection loop). */
  nextInt(bound: number): number {
    if (bound <= 0) throw new RangeError('bound must be positive');
    let r = this.next(31);
    const m = bound - 1;
    if ((bound & m) === 0) return Math.floor((bound * r) / 2147483648);
    for (let u = r; ((u - (r = u % bound) + m) | 0) < 0; u = this.next(31));
    return r;
  }

  /** `nextInt()`: 32 random bits as a signed int32. */
  nextInt32(): number {
    return this.next(32);
  }
}
