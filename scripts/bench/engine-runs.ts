/**
 * The engine's benchmark runs: word count in virtual and wall time in this thread, across worker
 * threads (one per Storm worker) in wall time, and a long run sampling the heap.
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { Engine, defaultRegistry } from '../../src/engine';
import { THREAD_NOUN, threadLink } from '../lib/thread-link';
import { runWallHosts, THREAD_COUNTS } from './wall-hosts';

export { THREAD_COUNTS };
import type { TopologyDocument } from '../../src/model';
import type { Workload } from './rounds';
import { benchTopology, boltExecuted, type BenchTopologyOptions } from './word-count';

export interface RunResult {
  readonly executed: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  /** Simulated seconds covered (virtual time). */
  readonly simulatedSeconds?: number;
  readonly acked?: number;
  readonly failed?: number;
}

const origin = performance.timeOrigin;
const wallClock = () => origin + performance.now();

async function engine(options: BenchTopologyOptions, clock: 'virtual' | 'wall', lineage: boolean): Promise<Engine> {
  return Engine.create({ document: benchTopology(options), seed: 1, clock, runtimes: defaultRegistry().resolver(), wallClock, lineage: lineage ? {} : false });
}

function totals(e: Engine) {
  const s = e.snapshot({ lineage: false, maxLogs: 0 });
  return { executed: boltExecuted(s), acked: s.components.sentences!.windows.all.acked, failed: s.components.sentences!.windows.all.failed };
}

/** Word count in virtual time, one thread, as a {@link Workload}: 100 simulated ms per slice. */
export interface VirtualWorkload extends Workload {
  readonly engine: Engine;
  /** Trees acked and failed so far. */
  totals(): { executed: number; acked: number; failed: number };
}

export async function virtualWorkload(topology: BenchTopologyOptions = {}): Promise<VirtualWorkload> {
  const e = await engine(topology, 'virtual', true);
  return {
    engine: e,
    step: () => {
      e.runUntil(e.time + 100);
    },
    executed: () => totals(e).executed,
    totals: () => totals(e),
  };
}

/** Wall time, one thread: costs are measured, the spout runs as fast as backpressure lets it. */
export async function runWallInProcess(seconds: number, warmupSeconds = 2, topology: BenchTopologyOptions = {}): Promise<RunResult> {
  const e = await engine(topology, 'wall', true);
  const until = (s: number) => {
    const end = performance.now() + s * 1000;
    while (performance.now() < end) e.runSlice(20);
  };
  until(warmupSeconds);
  const before = totals(e);
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  until(seconds);
  const cpu = process.cpuUsage(cpu0);
  const after = totals(e);
  return { executed: after.executed - before.executed, seconds: (performance.now() - start) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, acked: after.acked - before.acked, failed: after.failed - before.failed };
}

/**
 * Wall time in worker threads, one host per Storm worker, driven as the app drives its Web Workers
 * (src/sim-client over comlink, as `npm run simulate` does; snapshots 4 times a second): see
 * wall-hosts.ts for the topology and why it has {@link THREAD_COUNTS} count tasks.
 */
export async function runThreads(
  workers: number,
  seconds: number,
  warmupSeconds = 2,
  transport: 'rings' | 'messages' = 'rings',
  counts = THREAD_COUNTS,
): Promise<RunResult & { readonly hosts: number; readonly workerShare: readonly number[] }> {
  const r = await runWallHosts(threadLink, { workers, seconds, warmupSeconds, transport, counts, hostNoun: THREAD_NOUN });
  return { ...r, cpuSeconds: NaN };
}

/** A full garbage collection, when V8 lets us have one. */
function collector(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}

export interface MemorySample {
  readonly second: number;
  readonly heapMB: number;
  readonly simulatedSeconds: number;
  readonly executed: number;
}

/** Virtual time for `seconds` of real time (lineage on), sampling the heap after a full GC every `every` seconds. */
export async function runMemory(seconds: number, every: number, onSample?: (s: MemorySample) => void): Promise<MemorySample[]> {
  const gc = collector();
  const e = await engine({}, 'virtual', true);
  const samples: MemorySample[] = [];
  const start = performance.now();
  const sample = () => {
    gc?.();
    const s: MemorySample = { second: Math.round((performance.now() - start) / 1000), heapMB: process.memoryUsage().heapUsed / 1048576, simulatedSeconds: e.time / 1000, executed: totals(e).executed };
    samples.push(s);
    onSample?.(s);
  };
  sample();
  let next = every;
  while (performance.now() - start < seconds * 1000) {
    e.runUntil(e.time + 1000);
    if (performance.now() - start >= next * 1000) {
      sample();
      next += every;
    }
  }
  if (samples.at(-1)!.second < seconds) sample();
  return samples;
}

export interface EventStreamResult {
  /** Simulated seconds per real second with `runUntil` (no descriptions). */
  readonly off: number;
  /** The same with `step()` per event, every event described, as the app's event stream runs. */
  readonly on: number;
  /** Events processed per real second with the stream on. */
  readonly eventsPerSecond: number;
  /**
   * The same, describing only the events kept: `step()` while the second's budget lasts, then
   * `runUntil(Infinity, n)` (the same events, undescribed) until the next second.
   */
  readonly keptOnly: number;
  /** Described events kept (at most `keepPerSecond` per real second, as the app's worker keeps them). */
  readonly kept: number;
}

/**
 * The event stream's cost (the Step tab and the animated canvas): word count in virtual time run
 * by `step()`, one described event at a time, keeping at most `keepPerSecond` events per real
 * second as the app's worker does (`workers/sim/host.ts`), against the same run by `runUntil`.
 * Alternates the two `rounds` times (`seconds` each) and returns the medians.
 */
export async function runEventStream(seconds: number, rounds = 3, keepPerSecond = 200, warmupSeconds = 1, document?: TopologyDocument): Promise<EventStreamResult> {
  const e =
    document === undefined
      ? await engine({}, 'virtual', true)
      : await Engine.create({ document, seed: 1, clock: 'virtual', runtimes: defaultRegistry().resolver(), languageOf: () => 'javascript', wallClock });
  const offRates: number[] = [];
  const onRates: number[] = [];
  const keptOnlyRates: number[] = [];
  const eventRates: number[] = [];
  let kept = 0;
  const off = (s: number) => {
    const t0 = e.time;
    const start = performance.now();
    while (performance.now() - start < s * 1000) e.runUntil(e.time + 10, 4096);
    return (e.time - t0) / 1000 / ((performance.now() - start) / 1000);
  };
  const on = (s: number, describeAll = true) => {
    const t0 = e.time;
    const n0 = e.eventCount;
    const start = performance.now();
    const kept0 = kept;
    let windowStart = start;
    let inWindow = 0;
    const events: unknown[] = [];
    for (let n = 1; ; n++) {
      if (!describeAll && inWindow >= keepPerSecond) {
        // The second's budget is spent: run the next events undescribed, checking the clock as often.
        e.runUntil(Infinity, 8);
        n += 7;
        const now = performance.now();
        if (now - start >= s * 1000) break;
        if (now - windowStart >= 1000) {
          windowStart = now;
          inWindow = 0;
          events.length = 0;
        }
        continue;
      }
      const event = e.step();
      if (event === null) break;
      if ((n & 7) === 0) {
        const now = performance.now();
        if (now - start >= s * 1000) break;
        if (now - windowStart >= 1000) {
          windowStart = now;
          inWindow = 0;
          events.length = 0;
        }
      }
      if (inWindow < keepPerSecond) {
        inWindow++;
        kept++;
        events.push(event);
      }
    }
    const wall = (performance.now() - start) / 1000;
    if (describeAll) eventRates.push((e.eventCount - n0) / wall);
    if (kept === kept0) throw new Error('The event stream kept no event.');
    return (e.time - t0) / 1000 / wall;
  };
  off(warmupSeconds);
  on(warmupSeconds);
  eventRates.length = 0;
  for (let r = 0; r < rounds; r++) {
    offRates.push(off(seconds));
    onRates.push(on(seconds));
    keptOnlyRates.push(on(seconds, false));
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return { off: median(offRates), on: median(onRates), keptOnly: median(keptOnlyRates), eventsPerSecond: median(eventRates), kept };
}
