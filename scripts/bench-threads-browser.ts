/**
 * Wall time over Web Workers in a real browser, as the app runs it: builds a tiny page that starts
 * the bench's word count (scripts/bench/word-count.ts: 2 spouts, 4 splits, 9 counts, JavaScript,
 * acking on) with `launchSimulation` and `webWorkerLink` — the app's own simulation client and
 * `workers/sim-worker.ts` — serves it with the app's cross-origin isolation headers and drives
 * Debian's Chromium (or $CHROMIUM_PATH) with playwright-core. Alternates, for `--rounds` rounds:
 * 1 Web Worker, 2 Web Workers over shared-memory rings, 2 Web Workers over MessagePorts; prints
 * bolt tuples executed per second of each and the medians.
 *
 *   npx tsx scripts/bench-threads-browser.ts [--seconds 8] [--rounds 3]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.BENCH_PORT ?? 4392);
const { values } = parseArgs({ options: { seconds: { type: 'string' }, rounds: { type: 'string' }, warmup: { type: 'string' } } });
const seconds = Number(values.seconds ?? 8);
const rounds = Number(values.rounds ?? 3);
const warmup = Number(values.warmup ?? 2);

const MAIN = `
import { launchSimulation } from '@repo/src/sim-client/simulation.ts';
import { webWorkerLink } from '@repo/src/sim-client/host-link.ts';
import { benchTopology, boltExecuted } from '@repo/scripts/bench/word-count.ts';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One run: bolt tuples executed per second over \`seconds\` after a warm-up. */
async function run(workers, transport, seconds, warmup) {
  const doc = benchTopology({ workers, spouts: 2, splits: 4, counts: 9 });
  const languages = Object.fromEntries(doc.components.map((c) => [c.id, 'javascript']));
  let failure = null;
  const sim = await launchSimulation(doc, { clock: 'wall', seed: 1, speed: 1, languages, lineage: false }, { onSnapshot() {}, onFailure: (f) => (failure = f) }, { link: webWorkerLink, transport });
  try {
    await sleep(warmup * 1000);
    const before = await sim.snapshot();
    const start = performance.now();
    await sleep(seconds * 1000);
    const wall = (performance.now() - start) / 1000;
    const after = await sim.snapshot();
    if (failure) throw new Error(failure.message);
    return { rate: (boltExecuted(after) - boltExecuted(before)) / wall, hosts: after.hosts.length };
  } finally {
    await sim.stop();
  }
}

window.__run = run;
window.__ready = { isolated: self.crossOriginIsolated };
`;

interface Rates {
  one: number[];
  rings: number[];
  messages: number[];
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'storm-studio-threadbench-'));
  const out = join(dir, 'dist');
  try {
    await writeFile(join(dir, 'index.html'), '<!doctype html><link rel="icon" href="data:,"><script type="module" src="./main.js"></script>');
    await writeFile(join(dir, 'main.js'), MAIN);
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
    const shared = {
      configFile: false as const,
      root: dir,
      logLevel: 'error' as const,
      resolve: { alias: { '@repo': ROOT } },
      worker: { format: 'es' as const },
      build: { outDir: out, target: 'es2022', chunkSizeWarningLimit: 10_000 },
    };
    await build(shared);
    const server = await preview({ ...shared, preview: { port: PORT, strictPort: true, host: '127.0.0.1', headers } });
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-extensions'],
    });
    try {
      const page = await browser.newPage();
      page.on('console', (m) => console.log(`[page] ${m.text()}`));
      await page.goto(`http://127.0.0.1:${PORT}/`);
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
    } finally {
      await browser.close();
      await new Promise<void>((done) => server.httpServer.close(() => done()));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
