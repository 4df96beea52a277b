/**
 * The bench's wall-time run over several hosts, one per Storm worker, driven by the app's own
 * simulation client (`launchSimulation`): the same measure for worker threads (`runThreads` in
 * engine-runs.ts, `npm run bench`) and for Web Workers in Chromium (bench-threads-browser.ts).
 * Browser-safe: no Node module.
 *
 * The topology: 2 spouts, 4 splits and {@link THREAD_COUNTS} counts with `topology.workers` =
 * `workers`. The layout is chosen so that the two workers get the same work, which is what a test
 * of scaling needs: spouts, splits and ackers split evenly, but fields grouping sends a word to
 * `floorMod(hash, counts)`, and the corpus's frequent words ("the" is 12 % of them) make the split
 * uneven: with an even number of count tasks a worker's share is the share of words of one hash
 * parity, 2/3 here (4 counts: 64 % of bolt tuples on one worker, a speed-up of at most 1.56×).
 * With 9 count tasks each worker counts about half the words (48 % / 52 %).
 */
import type { HostSnapshot } from '../../src/engine';
import type { HostLink } from '../../src/sim-client/host-link';
import { launchSimulation } from '../../src/sim-client/simulation';
import type { RunFailure } from '../../src/sim-client/types';
import { benchTopology, boltExecuted } from './word-count';

/** Count tasks of the thread runs (see above for why 9). */
export const THREAD_COUNTS = 9;

export interface WallHostsResult {
  /** Bolt tuples executed (split + count) over `seconds` of real time. */
  readonly executed: number;
  readonly seconds: number;
  readonly acked: number;
  readonly failed: number;
  readonly hosts: number;
  /** Share of the bolt tuples each Storm worker executed. */
  readonly workerShare: readonly number[];
}

/** Bolt tuples executed per Storm worker (split + count), from a merged snapshot. */
function executedByWorker(snap: HostSnapshot): number[] {
  const out: number[] = [];
  for (const e of snap.executors) {
    if (e.component !== 'split' && e.component !== 'count') continue;
    out[e.worker] = (out[e.worker] ?? 0) + e.windows.all.executed;
  }
  return out;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Runs word count in wall time on `workers` hosts made by `link` for `seconds` after `warmupSeconds`. */
export async function runWallHosts(
  link: (index: number) => HostLink,
  options: { readonly workers: number; readonly seconds: number; readonly warmupSeconds?: number; readonly transport?: 'rings' | 'messages'; readonly counts?: number; readonly hostNoun?: string },
): Promise<WallHostsResult> {
  const doc = benchTopology({ workers: options.workers, spouts: 2, splits: 4, counts: options.counts ?? THREAD_COUNTS });
  const languages = Object.fromEntries(doc.components.map((c) => [c.id, 'javascript' as const]));
  let failure: RunFailure | null = null;
  const sim = await launchSimulation(
    doc,
    { clock: 'wall', seed: 1, speed: 1, languages, lineage: false },
    { onSnapshot: () => {}, onFailure: (f) => void (failure = f) },
    { link, transport: options.transport ?? 'rings', ...(options.hostNoun ? { hostNoun: options.hostNoun } : {}) },
  );
  try {
    await sleep((options.warmupSeconds ?? 2) * 1000);
    const before = await sim.snapshot();
    const start = performance.now();
    await sleep(options.seconds * 1000);
    const wall = (performance.now() - start) / 1000;
    const after = await sim.snapshot();
    if (failure !== null) throw new Error((failure as RunFailure).message);
    const byWorker = executedByWorker(after).map((x, w) => x - (executedByWorker(before)[w] ?? 0));
    const total = byWorker.reduce((a, b) => a + b, 0);
    const spout = (s: HostSnapshot) => s.components.sentences!.windows.all;
    return {
      executed: boltExecuted(after) - boltExecuted(before),
      seconds: wall,
      acked: spout(after).acked - spout(before).acked,
      failed: spout(after).failed - spout(before).failed,
      hosts: after.hosts.length,
      workerShare: byWorker.map((x) => x / total),
    };
  } finally {
    await sim.stop();
  }
}
