#!/usr/bin/env node
/**
 * Measures how long a Python run takes to start in the built app, in headless Chromium: Run →
 * running for the first run of a page (Pyodide loads in the simulation's Web Worker) and for the
 * second (the worker kept warm, reset between runs), and Run → Pyodide ready on the first run.
 * Prints figures; asserts nothing about time (the machines are noisy).
 *
 *   node scripts/measure-python-runs.mjs                    # builds into a temporary folder
 *   node scripts/measure-python-runs.mjs --dist /tmp/dist   # measures an existing build
 *   node scripts/measure-python-runs.mjs --runs 5           # page loads (default 5), median
 *
 * Each page load gets a fresh browser context (an empty HTTP cache: Pyodide's 12 MB are fetched
 * from the local server each time, as on a first visit). The run is the default document (the
 * word count in Python) started through the app's test API, which calls what the Run button calls;
 * times are taken inside the page with `performance.now()`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const runs = Number(opt('--runs')) || 5;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** In the page: starts a run and resolves with the times (ms from the start) of 'ready' and 'running'. */
async function timedRun(page) {
  return page.evaluate(async () => {
    const api = globalThis.__stormStudioRun;
    const before = api.loadingHistory().length;
    const t0 = performance.now();
    let ready = null;
    let begun = null;
    const started = api.start();
    for (;;) {
      const s = api.state();
      if (begun === null && api.loadingHistory().length > before) begun = performance.now() - t0;
      if (ready === null && api.loadingHistory().slice(before).some((p) => p.phase === 'ready')) ready = performance.now() - t0;
      if (s.status === 'running') break;
      if (s.status === 'failed') throw new Error(`the run failed: ${s.failure?.message}`);
      await new Promise((done) => setTimeout(done, 5));
    }
    const running = performance.now() - t0;
    await started;
    return { begun, ready, running, loads: api.loadingHistory().length - before };
  });
}

async function measure(url) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-extensions'],
  });
  const samples = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${url}?test`);
      await page.waitForFunction(() => globalThis.__stormStudioRun !== undefined, null, { timeout: 30_000 });
      const first = await timedRun(page);
      await page.evaluate(() => globalThis.__stormStudioRun.stop());
      const workersAfterStop = page.workers().filter((w) => w.url().includes('sim-worker')).length;
      const second = await timedRun(page);
      await page.evaluate(() => globalThis.__stormStudioRun.stop());
      const third = await timedRun(page);
      await page.evaluate(() => globalThis.__stormStudioRun.stop());
      samples.push({ first, second, third, workersAfterStop });
      console.log(`page ${i + 1}: first run ${first.running.toFixed(0)} ms (Pyodide load begun ${first.begun?.toFixed(0)} ms, ready ${first.ready?.toFixed(0)} ms), second ${second.running.toFixed(0)} ms (${second.loads} progress reports), third ${third.running.toFixed(0)} ms; sim workers kept after stop: ${workersAfterStop}`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return samples;
}

let outDir = opt('--dist');
const temporary = outDir === undefined;
if (temporary) {
  outDir = await mkdtemp(join(tmpdir(), 'storm-studio-python-runs-'));
  await build({ logLevel: 'warn', mode: 'test', build: { outDir, emptyOutDir: true } });
}
try {
  const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  try {
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('vite preview did not report its URL');
    const load = loadavg()[0].toFixed(1);
    const samples = await measure(url);
    const m = (f) => median(samples.map(f)).toFixed(0);
    console.log(`\n${cpus().length} cores, load average ${load} at the start; medians of ${runs} page loads:`);
    console.log('| what | figure |\n|---|---|');
    console.log(`| Run → Pyodide starts loading (worker started, its code loaded), first run | ${m((s) => s.first.begun)} ms |`);
    console.log(`| Run → Pyodide ready, first Python run of the page | ${m((s) => s.first.ready)} ms |`);
    console.log(`| Run → running, first Python run (Pyodide loads) | ${m((s) => s.first.running)} ms |`);
    console.log(`| Run → running, second Python run (warm worker, reset) | ${m((s) => s.second.running)} ms |`);
    console.log(`| Run → running, third Python run | ${m((s) => s.third.running)} ms |`);
  } finally {
    await server.close();
  }
} finally {
  if (temporary) await rm(outDir, { recursive: true, force: true });
}
