/**
 * Wall time over Web Workers in a real browser, as the app runs it: builds a tiny page that runs
 * the bench's thread measure (scripts/bench/wall-hosts.ts: word count, 2 spouts, 4 splits, 9
 * counts, JavaScript, acking on) over `webWorkerLink` — the app's own simulation client and
 * `workers/sim-worker.ts` — serves it with the app's cross-origin isolation headers and drives
 * Debian's Chromium (or $CHROMIUM_PATH) with playwright-core. Alternates, for `--rounds` rounds:
 * 1 Web Worker, 2 Web Workers over shared-memory rings, 2 Web Workers over MessagePorts; prints
 * bolt tuples executed per second of each and the medians.
 *
 *   npx tsx scripts/bench-threads-browser.ts [--seconds 8] [--rounds 3]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { withBenchPage } from './lib/bench-page';

const PORT = Number(process.env.BENCH_PORT ?? 4392);
const { values } = parseArgs({ options: { seconds: { type: 'string' }, rounds: { type: 'string' }, warmup: { type: 'string' } } });
const seconds = Number(values.seconds ?? 8);
const rounds = Number(values.rounds ?? 3);
const warmup = Number(values.warmup ?? 2);

const MAIN = `
import { webWorkerLink } from '@repo/src/sim-client/host-link.ts';
import { runWallHosts } from '@repo/scripts/bench/wall-hosts.ts';

window.__run = (workers, transport, seconds, warmupSeconds) => runWallHosts(webWorkerLink, { workers, transport, seconds, warmupSeconds }).then((r) => ({ rate: r.executed / r.seconds }));
window.__ready = { isolated: self.crossOriginIsolated };
`;

interface Rates {
  one: number[];
  rings: number[];
  messages: number[];
}

async function main(): Promise<void> {
  await withBenchPage({ files: { 'main.js': MAIN }, port: PORT }, async (page, browser) => {
    await page.waitForFunction(() => (globalThis as { __ready?: unknown }).__ready);
    const ready = (await page.evaluate(() => (globalThis as unknown as { __ready: { isolated: boolean } }).__ready)) as { isolated: boolean };
    if (!ready.isolated) throw new Error('The page is not cross-origin isolated: no SharedArrayBuffer, no rings.');
    const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
    console.log(`Chromium ${browser.version()}, headless, cross-origin isolated; load average ${loadavg()[0]!.toFixed(2)}`);
    console.log(`word count, wall time, 2 spouts, 4 splits, 9 counts; ${seconds} s per run after ${warmup} s; bolt tuples executed/s`);
    const run = (workers: number, transport: 'rings' | 'messages') =>
      page.evaluate(([w, t, s, u]) => (globalThis as unknown as { __run: (...a: unknown[]) => Promise<{ rate: number }> }).__run(w, t, s, u), [workers, transport, seconds, warmup] as const);
    const rates: Rates = { one: [], rings: [], messages: [] };
    for (let r = 0; r < rounds; r++) {
      const one = (await run(1, 'rings')).rate;
      const rings = (await run(2, 'rings')).rate;
      const messages = (await run(2, 'messages')).rate;
      rates.one.push(one);
      rates.rings.push(rings);
      rates.messages.push(messages);
      console.log(`1 Web Worker ${fmt(one)}   2 over rings ${fmt(rings)} (× ${(rings / one).toFixed(2)})   2 over MessagePorts ${fmt(messages)} (× ${(messages / one).toFixed(2)})   load ${loadavg()[0]!.toFixed(2)}`);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const one = median(rates.one);
    console.log(`medians: 1 Web Worker ${fmt(one)}; 2 over rings ${fmt(median(rates.rings))} (× ${(median(rates.rings) / one).toFixed(2)}); 2 over MessagePorts ${fmt(median(rates.messages))} (× ${(median(rates.messages) / one).toFixed(2)})`);
  });
}

await main();
