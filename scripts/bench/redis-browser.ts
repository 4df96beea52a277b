/**
 * The run's embedded Redis from Python in a real browser Web Worker, as the app runs it: a Python
 * bolt (redis-py's client) calls `zincrby` in a loop; the figure is calls per second of wall time
 * in headless Chromium, with the machine's load average beside it (the machines are shared).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { withBenchPage, ROOT } from '../lib/bench-page';
import { copyPyodideAssets } from '../python-assets';

const WORKER = `
import { measureZincrby } from '@repo/workers/python/bench.ts';
const indexURL = new URL(import.meta.env.BASE_URL + 'pyodide/', self.location.href).href;
const go = () => new Promise((resolve) => { self.onmessage = () => resolve(); self.postMessage({ ready: true }); });
measureZincrby(CALLS, { indexURL }, go)
  .then((r) => self.postMessage({ ok: true, r }))
  .catch((e) => self.postMessage({ ok: false, message: String((e && e.stack) || e) }));
`;

const MAIN = `
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
worker.onmessage = (ev) => { if (ev.data.ready) window.__ready = true; else window.__result = ev.data; };
window.__go = () => worker.postMessage('go');
`;

export interface RedisBrowserResult {
  readonly perSecond: number;
  readonly calls: number;
  readonly seconds: number;
  /**
   * CPU time of this process and its children (Chromium's processes) over the timed loop (Linux's
   * /proc; null elsewhere): the figure that does not depend on the machine's load.
   */
  readonly cpuSeconds: number | null;
  readonly chromium: string;
  /** 1-minute load average before and after. */
  readonly load: readonly [number, number];
}

export async function measureZincrbyInBrowser(calls = 2_000_000, port = Number(process.env.BENCH_PORT ?? 4392)): Promise<RedisBrowserResult> {
  await copyPyodideAssets(ROOT);
  const before = loadavg()[0]!;
  return withBenchPage({ files: { 'main.js': MAIN, 'worker.js': WORKER.replace('CALLS', String(calls)) }, port, publicDir: true }, async (page, browser) => {
    type Marks = { __ready?: boolean; __result?: unknown; __go: () => void };
    await page.waitForFunction(() => (globalThis as unknown as Marks).__ready, null, { timeout: 300_000 });
    const cpu0 = treeCpuSeconds(process.pid);
    await page.evaluate(() => (globalThis as unknown as Marks).__go());
    await page.waitForFunction(() => (globalThis as unknown as Marks).__result, null, { timeout: 300_000 });
    const cpu1 = treeCpuSeconds(process.pid);
    const cpuSeconds = cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null;
    const out = (await page.evaluate(() => (globalThis as unknown as { __result: unknown }).__result)) as { ok: boolean; message?: string; r?: { perSecond: number; calls: number; seconds: number; top: unknown } };
    if (!out.ok || !out.r) throw new Error(out.message ?? 'the benchmark page failed');
    const top = out.r.top as string[];
    // Ten words in turn: each got a tenth of the calls (and of the warm-up's 50,000).
    if (Number(top[1]) !== (calls + 50_000) / 10) throw new Error(`zincrby counted ${top[1]} for '${top[0]}', expected ${(calls + 50_000) / 10}`);
    return { perSecond: out.r.perSecond, calls: out.r.calls, seconds: out.r.seconds, cpuSeconds, chromium: browser.version(), load: [before, loadavg()[0]!] };
  });
}

/** utime + stime of `root` and every process under it, in seconds (Linux); null without /proc. */
function treeCpuSeconds(root: number): number | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return null;
  }
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const pid of entries) {
    try {
      const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start past the last ')'.
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(pid), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
      if (p === root) return true;
      p = stats.get(p)?.ppid ?? 0;
    }
    return false;
  };
  let ticks = 0;
  for (const [pid, s] of stats) if (inTree(pid)) ticks += s.ticks;
  return ticks / 100; // USER_HZ is 100 on Linux
}
