/**
 * Seeded pseudo-random numbers for the engine. Nothing in `src/engine` calls `Math.random`: every
 * random choice (tuple ids, shuffle order, `Math.random` in user code) comes from an {@link Rng}
 * derived from the run's seed, so the same seed replays the same run.
 *
 * The generator is xoshiro128** (Blackman & Vigna): four 32-bit words of state, 32-bit outputs,
 * no allocation per draw.
 */

/** A run seed as users type it: a number or any string. */
export type Seed = number | string;

/**
 * Hashes a seed and labels into four 32-bit words (cyrb128-style mixing). Different labels give
 * independent streams from one seed: `seedWords(42, 'task', 7)` and `seedWords(42, 'task', 8)`.
 */
export function seedWords(seed: Seed, ...labels: readonly (string | number)[]): [number, number, number, number] {
  const text = [String(seed), ...labels.map(String)].join('\u0000');
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  // An all-zero state would only ever produce zeros.
  if ((h1 | h2 | h3 | h4) === 0) h1 = 1;
  return [h1 | 0, h2 | 0, h3 | 0, h4 | 0];
}

/**
 * A seeded generator (xoshiro128**).
 *
 * @example
 * const rng = new Rng(42, 'executor', 3);
 * rng.nextU32();   // 32 random bits as an unsigned integer
 * rng.random();    // uniform in [0, 1), 53 bits
 * rng.nextInt(6);  // uniform in 0..5
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: Seed, ...labels: readonly (string | number)[]) {
    [this.a, this.b, this.c, this.d] = seedWords(seed, ...labels);
  }

  /** 32 random bits as a signed int32 (cheapest form; use `>>> 0` for unsigned). */
  nextI32(): number {
    const b = this.b;
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9);
    const t = b << 9;
    this.c ^= this.a;
    this.d ^= b;
    this.b = b ^ this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r;
  }

  /** 32 random bits as an unsigned integer. */
  nextU32(): number {
    return this.nextI32() >>> 0;
  }

  /** Uniform in [0, 1) with 53 bits of precision, like `Math.random`. */
  random(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n) for 1 ≤ n ≤ 2^32, without modulo bias. */
  nextInt(n: number): number {
    if (!(n >= 1)) throw new RangeError(`nextInt bound must be ≥ 1, got ${n}`);
    if (n === 1) return 0;
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const x = this.nextU32();
      if (x < limit) return x % n;
    }
  }

  /** The internal state, to save and restore a stream. */
  state(): [number, number, number, number] {
    return [this.a, this.b, this.c, this.d];
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
