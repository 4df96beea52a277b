/**
 * Fixed-memory latency histograms: log-linear bins (4 per power of two of microseconds, from 1 µs
 * to about 19 hours), each holding a count and the sum of its values, so that a percentile is
 * reported as the mean of its bin (exact when the bin's values are equal, as with a fixed cost
 * model; within the bin's 25 % width otherwise). Histograms live in slices of one Float64Array so
 * that many of them can be snapshotted with a single copy.
 */

/** Number of bins: bin 0 holds values under 1 µs; the last bin also holds everything above range. */
export const HIST_BINS = 1 + 37 * 4;
/** Numbers per histogram in a Float64Array: a count and a sum (ms) per bin. */
export const HIST_SIZE = HIST_BINS * 2;

/** The bin of a latency in milliseconds. */
export function histBin(ms: number): number {
  const us = ms * 1000;
  if (!(us >= 1)) return 0;
  if (us >= 137438953472) return HIST_BINS - 1; // 2^37 µs
  if (us < 2147483648) {
    // e = floor(log2(us)); the two bits after the leading one pick the quarter.
    const u = us | 0;
    const e = 31 - Math.clz32(u);
    const sub = e >= 2 ? (u >>> (e - 2)) & 3 : Math.min(3, Math.floor((us / (1 << e) - 1) * 4));
    return 1 + e * 4 + sub;
  }
  const e = Math.floor(Math.log2(us));
  return Math.min(HIST_BINS - 1, 1 + e * 4 + Math.min(3, Math.floor((us / 2 ** e - 1) * 4)));
}

let lastMs = -1;
let lastBin = 0;

/** Records one value (ms) in the histogram at `offset` of `data`. */
export function histRecord(data: Float64Array, offset: number, ms: number): void {
  // Cost models repeat the same latency: skip the bin computation then.
  if (ms !== lastMs) {
    lastMs = ms;
    lastBin = histBin(ms);
  }
  const i = offset + 2 * lastBin;
  data[i]! += 1;
  data[i + 1]! += ms;
}

/** Adds histogram `src[srcOffset]` into `dst[dstOffset]` (optionally subtracting `base`, for windows). */
export function histAdd(dst: Float64Array, dstOffset: number, src: Float64Array, srcOffset: number, sign = 1): void {
  for (let i = 0; i < HIST_SIZE; i++) dst[dstOffset + i]! += sign * src[srcOffset + i]!;
}

/** Number of values recorded. */
export function histCount(data: ArrayLike<number>, offset = 0): number {
  let n = 0;
  for (let b = 0; b < HIST_BINS; b++) n += data[offset + 2 * b]!;
  return n;
}

/**
 * The p-quantile (0 < p ≤ 1) in ms: the mean of the bin holding the ⌈p·n⌉-th smallest value, or
 * `null` when the histogram is empty.
 *
 * @example
 * histPercentile(data, 0, 0.99) // p99 in ms
 */
export function histPercentile(data: ArrayLike<number>, offset: number, p: number): number | null {
  const n = histCount(data, offset);
  if (n <= 0) return null;
  const rank = Math.max(1, Math.ceil(p * n - 1e-9));
  let seen = 0;
  for (let b = 0; b < HIST_BINS; b++) {
    const c = data[offset + 2 * b]!;
    if (c <= 0) continue;
    seen += c;
    if (seen >= rank) return data[offset + 2 * b + 1]! / c;
  }
  return null;
}

/** A histogram as sparse plain data for snapshots: `[bin, count, sumMs]` triples. */
export type SparseHistogram = readonly (readonly [number, number, number])[];

export function histToSparse(data: ArrayLike<number>, offset = 0): SparseHistogram {
  const out: [number, number, number][] = [];
  for (let b = 0; b < HIST_BINS; b++) {
    const c = data[offset + 2 * b]!;
    if (c > 0) out.push([b, c, data[offset + 2 * b + 1]!]);
  }
  return out;
}

export function histFromSparse(sparse: SparseHistogram, into = new Float64Array(HIST_SIZE), offset = 0): Float64Array {
  for (const [b, c, s] of sparse) {
    into[offset + 2 * b]! += c;
    into[offset + 2 * b + 1]! += s;
  }
  return into;
}
