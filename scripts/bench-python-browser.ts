/**
 * The Python runtime in a real browser Web Worker, as the app runs it: builds a tiny page whose
 * module worker loads Pyodide from the app's own `pyodide/` files, serves it with the app's
 * cross-origin isolation headers, and drives Debian's Chromium (or $CHROMIUM_PATH) with
 * playwright-core. Prints, for a cold first start and then warm:
 * - Pyodide ready: worker start → `preload()` resolved (download, compile, start, shim installed);
 * - tuples/s of the word-count example's Python components called directly (runtime cost);
 * - word count through the engine in virtual time, Python vs JavaScript;
 * - how long the interrupt buffer takes to stop `while True: pass`.
 *
 *   npx tsx scripts/bench-python-browser.ts
 */
import { withBenchPage, ROOT } from './lib/bench-page';
import { copyPyodideAssets } from './python-assets';

const PORT = Number(process.env.BENCH_PORT ?? 4391);

const WORKER = `
import { measureEngineWordCount, measurePythonComponents } from '@repo/workers/python/bench.ts';
import { createPythonRuntime } from '@repo/workers/python/runtime.ts';
import { fakeTaskApi, tupleOf } from '@repo/workers/python/fake-task-api.ts';
import { bolt } from '@repo/src/model/index.ts';

const started = performance.now();
const indexURL = new URL(import.meta.env.BASE_URL + 'pyodide/', self.location.href).href;
const post = (m) => self.postMessage(m);

const spinner = \`from petrel.emitter import BasicBolt


class Spinner(BasicBolt):
    def __init__(self):
        super(Spinner, self).__init__(script=__file__)

    def process(self, tup):
        while True:
            pass


def run():
    Spinner().run()
\`;

async function main() {
  const progress = [];
  const runtime = createPythonRuntime({ indexURL, onProgress: (p) => progress.push({ ...p, ms: performance.now() - started }) });
  await runtime.preload();
  const coldMs = performance.now() - started;
  const downloads = progress.filter((p) => p.phase === 'download');
  post({ type: 'cold', coldMs, isolated: self.crossOriginIsolated, lastDownload: downloads.at(-1) ?? null, phases: [...new Set(progress.map((p) => p.phase))] });

  const spin = (await runtime.load(bolt('spinner', { python: spinner }))).create(1, fakeTaskApi());
  post({ type: 'spinning', buffer: runtime.interruptBuffer });
  const t = performance.now();
  let stopped = null;
  try {
    spin.process(tupleOf(['x']));
  } catch (e) {
    stopped = { message: e.message, ms: performance.now() - t };
  }
  post({ type: 'stopped', stopped });

  const components = await measurePythonComponents(200000, { indexURL });
  post({ type: 'components', components });
  const python = await measureEngineWordCount('python', 4, { indexURL });
  const javascript = await measureEngineWordCount('javascript', 4, { indexURL });
  post({ type: 'engine', python, javascript });
  post({ type: 'done' });
}
main().catch((e) => post({ type: 'error', message: String(e && e.stack || e) }));
`;

const MAIN = `
const results = {};
window.__bench = results;
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
worker.onmessage = (ev) => {
  const m = ev.data;
  if (m.type === 'spinning') {
    setTimeout(() => { results.interruptSetAt = performance.now(); Atomics.store(m.buffer, 0, 2); }, 300);
    return;
  }
  results[m.type] = m;
  if (m.type === 'done' || m.type === 'error') window.__done = true;
};
`;

async function main(): Promise<void> {
  await copyPyodideAssets(ROOT);
  await withBenchPage({ files: { 'main.js': MAIN, 'worker.js': WORKER }, port: PORT, publicDir: true }, async (page, browser) => {
    await page.waitForFunction(() => (globalThis as unknown as { __done?: boolean }).__done, null, { timeout: 300_000 });
    const r = (await page.evaluate(() => (globalThis as unknown as { __bench: unknown }).__bench)) as Record<string, Record<string, unknown>>;
    if (r.error) throw new Error(String(r.error.message));
    report(r, browser.version());
  });
}

function report(r: Record<string, Record<string, unknown>>, version: string): void {
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
  const cold = r.cold!;
  console.log(`Chromium ${version}, headless; cross-origin isolated: ${String(cold.isolated)}`);
  const last = cold.lastDownload as { loaded: number; total: number } | null;
  console.log(`Pyodide ready (cold first start, worker start → preload resolved): ${(cold.coldMs as number / 1000).toFixed(2)} s` + (last ? `, ${(last.loaded / 1e6).toFixed(1)} MB downloaded` : ''));
  const components = r.components!.components as { startSeconds: number; tuplesPerSecond: Record<string, number>; emitsPerSecond: Record<string, number> };
  console.log(`Pyodide ready (warm, second interpreter in the same worker): ${components.startSeconds.toFixed(2)} s`);
  const stopped = r.stopped!.stopped as { message: string; ms: number } | null;
  console.log(`interrupt: ${stopped ? `"${stopped.message}" after ${fmt(stopped.ms)} ms of spinning (buffer set at 300 ms)` : 'NOT STOPPED'}`);
  console.log('component'.padEnd(22) + 'tuples executed/s'.padStart(20) + 'tuples emitted/s'.padStart(20));
  for (const name of Object.keys(components.tuplesPerSecond)) {
    console.log(name.padEnd(22) + fmt(components.tuplesPerSecond[name]!).padStart(20) + fmt(components.emitsPerSecond[name]!).padStart(20));
  }
  const engine = r.engine! as unknown as Record<'python' | 'javascript', { tuplesPerSecond: number }>;
  console.log(`word count through the engine (virtual time, acking on), bolt tuples executed/s: Python ${fmt(engine.python.tuplesPerSecond)}, JavaScript ${fmt(engine.javascript.tuplesPerSecond)}`);
}

await main();
