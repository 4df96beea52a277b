/**
 * Measuring two workloads the same way, so that their ratio can be trusted: the same warm-up,
 * then rounds that alternate the two (A B, B A, …) so that a change in the machine's load falls
 * on both, each round timed by wall clock and by this process's CPU time; the figures are the
 * medians over the rounds, and the ratio is the median of the rounds' ratios (CPU time).
 */

/** Work that can be run a slice at a time. */
export interface Workload {
  /** Runs a slice of work: a few milliseconds at most, so that rounds end on time. */
  step(): void;
  /** Executions so far (bolt tuples executed, or the bare loop's splits and counts). */
  executed(): number;
}

export interface RoundResult {
  readonly executed: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
}

export interface Measured {
  readonly rounds: readonly RoundResult[];
  /** Executions per second of wall time, median over the rounds. */
  readonly rate: number;
  /** Executions per second of CPU time, median over the rounds. */
  readonly cpuRate: number;
}

export const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Runs `w` for `seconds` of wall time, one slice after another. */
export function round(w: Workload, seconds: number): RoundResult {
  const n0 = w.executed();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const end = start + seconds * 1000;
  do w.step();
  while (performance.now() < end);
  const cpu = process.cpuUsage(cpu0);
  return { executed: w.executed() - n0, seconds: (performance.now() - start) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

function summary(rounds: RoundResult[]): Measured {
  return { rounds, rate: median(rounds.map((r) => r.executed / r.seconds)), cpuRate: median(rounds.map((r) => r.executed / r.cpuSeconds)) };
}

/** Runs each workload for `seconds`, results discarded: the compiler's type feedback and the heap settle first. */
export function warmUp(workloads: readonly Workload[], seconds: number): void {
  for (const w of workloads) round(w, seconds);
}

/**
 * Runs `rounds` rounds of `roundSeconds` for each workload, alternating which goes first (warm
 * them up first). Returns both and the median over the rounds of the ratio a / b of CPU rates.
 *
 * @example
 * warmUp([engineWork, bareWork], 2);
 * const { a, b, ratio } = measurePair(engineWork, bareWork, { rounds: 5, roundSeconds: 1.6 });
 */
export function measurePair(a: Workload, b: Workload, o: { rounds: number; roundSeconds: number }): { a: Measured; b: Measured; ratio: number } {
  const ra: RoundResult[] = [];
  const rb: RoundResult[] = [];
  for (let i = 0; i < o.rounds; i++) {
    if (i % 2 === 0) {
      ra.push(round(a, o.roundSeconds));
      rb.push(round(b, o.roundSeconds));
    } else {
      rb.push(round(b, o.roundSeconds));
      ra.push(round(a, o.roundSeconds));
    }
  }
  const ratios = ra.map((r, i) => r.executed / r.cpuSeconds / (rb[i]!.executed / rb[i]!.cpuSeconds));
  return { a: summary(ra), b: summary(rb), ratio: median(ratios) };
}
