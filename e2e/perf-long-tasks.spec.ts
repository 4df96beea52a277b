/**
 * Performance of the run views: the main thread's long tasks (PerformanceObserver `longtask`:
 * every task over 50 ms of wall time) and frames while a 50-component topology runs at full speed
 * in virtual time, with each run view shown in turn. On a shared machine a task also lasts long
 * when the thread is descheduled, so a Chromium trace of each phase gives the main thread's CPU
 * time too (the tasks over 50 ms of CPU are the app's own). It prints numbers; it asserts only
 * that it measured.
 *
 *   PERF=1 npx playwright test e2e/perf-long-tasks.spec.ts
 *   PERF=1 RECORD_BENCHMARKS=1 …   # also writes the "Run views" section of docs/benchmarks.md
 *   PERF=1 PERF_ONLY=Charts …      # only the views whose name contains the text
 *   PERF=1 PERF_TRACE=/tmp/traces … # also saves each view's trace (with the compositor's and GPU's
 *                                    # threads) and prints the CPU time of the busiest threads
 *
 * Left out of `npx playwright test` without PERF=1 (playwright.config.ts): it takes about a minute and measures nothing useful on a busy machine.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { expect, test } from './fixtures/test';
import { fiftyComponents } from './fixtures/viz-topologies';
import { RunViewsPage } from './pages/run-views-page';

const PHASE_MS = Number(process.env.PERF_PHASE_MS ?? 12_000);

interface Phase {
  readonly name: string;
  readonly longTasks: number;
  readonly maxMs: number;
  readonly totalMs: number;
  readonly frames: number;
  readonly worstFrameMs: number;
  readonly snapshots: number;
  readonly engineSeconds: number;
  /** From the trace: main-thread CPU time (ms), the longest task's CPU time, tasks over 50 ms of CPU. */
  readonly cpuMs: number;
  readonly maxCpuMs: number;
  readonly cpuLongTasks: number;
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

/** Main-thread tasks of the renderer in a Chromium trace: their CPU times (ms). */
function mainThreadTasks(trace: Buffer): number[] {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`)).map((e) => (e.tdur ?? e.dur ?? 0) / 1000);
}

/** CPU time of each thread of a trace (its top-level tasks' thread time), busiest first. */
function threadCpu(trace: Buffer): { thread: string; cpuMs: number }[] {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const names = new Map<string, string>();
  for (const e of events) {
    if (e.name === 'process_name') names.set(`${e.pid}`, e.args?.name ?? '?');
    if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
  }
  // Threads trace their tasks as RunTask, ThreadControllerImpl::RunTask or both (nested): count
  // the larger sum of the two per thread, not both.
  const cpu = new Map<string, [number, number]>();
  for (const e of events) {
    if (e.ph !== 'X' || (e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask')) continue;
    const key = `${e.pid}:${e.tid}`;
    const sums = cpu.get(key) ?? [0, 0];
    sums[e.name === 'RunTask' ? 0 : 1] += (e.tdur ?? e.dur ?? 0) / 1000;
    cpu.set(key, sums);
  }
  return [...cpu].map(([key, sums]) => ({ thread: `${names.get(key.split(':')[0]!) ?? '?'} / ${names.get(key) ?? key}`, cpuMs: Math.max(...sums) })).sort((a, b) => b.cpuMs - a.cpuMs);
}

declare global {
  interface Window {
    __perf?: { tasks: { start: number; duration: number }[]; frames: number[] };
  }
}

// Playwright's own trace would screencast every frame (a copy and a JPEG per frame in the browser):
// work a user's browser does not do, and most of it while tuples are animated.
test.use({ trace: 'off', screenshot: 'off' });
test.setTimeout(180_000);

test('long tasks on the main thread during a full-speed run of 50 components', async ({ designer, page }) => {
  void designer;
  await page.addInitScript(() => {
    const perf = { tasks: [] as { start: number; duration: number }[], frames: [] as number[] };
    window.__perf = perf;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) perf.tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    const frame = (t: number) => {
      perf.frames.push(t);
      if (perf.frames.length > 20_000) perf.frames.splice(0, 10_000);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await page.reload();
  await page.waitForFunction(() => window.__stormStudio !== undefined && window.__perf !== undefined);

  const run = new RunViewsPage(page);
  const doc = fiftyComponents();
  await run.load(doc);
  await expect(page.locator('[data-testid^="canvas.node."][data-kind]')).toHaveCount(50);
  await run.setSpeed(Infinity);
  await run.showTab('run');
  await run.start();
  // Let the run and the lazy panels settle before measuring.
  await run.waitEngineTime(5_000);
  const engineNow = () => page.evaluate(() => window.__stormStudioRun!.state().time ?? 0);

  const phases: Phase[] = [];
  const browser = page.context().browser()!;
  const measure = async (name: string, setup: () => Promise<void>) => {
    // PERF_ONLY=<text>: measure only the views whose name contains it.
    if (process.env.PERF_ONLY && !name.includes(process.env.PERF_ONLY)) return;
    await setup();
    await page.waitForTimeout(1500);
    const extra = process.env.PERF_TRACE ? ['toplevel', 'cc', 'viz', 'gpu', 'blink', 'v8', 'disabled-by-default-devtools.timeline.frame'] : [];
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', ...extra] });
    // Count snapshots by the engine time the canvas shows changing. Read with a plain
    // querySelector: a Playwright locator walks the whole DOM (thousands of style and layout
    // updates per call, 10 times a second), work the harness would add to what it measures.
    const legendTime = () => page.evaluate(() => Number(document.querySelector('[data-testid="canvas.legend.time"]')?.getAttribute('data-ms')));
    const t0 = await page.evaluate(() => performance.now());
    const engine0 = await engineNow();
    let snapshots = 0;
    let last = await legendTime();
    const end = Date.now() + PHASE_MS;
    while (Date.now() < end) {
      await page.waitForTimeout(100);
      const now = await legendTime();
      if (now !== last) snapshots++;
      last = now;
    }
    const t1 = await page.evaluate(() => performance.now());
    const engine1 = await engineNow();
    const trace = await browser.stopTracing();
    if (process.env.PERF_TRACE) {
      await mkdir(process.env.PERF_TRACE, { recursive: true });
      await writeFile(`${process.env.PERF_TRACE}/${name.replace(/[^a-z0-9]+/gi, '-')}.json`, trace);
      console.log(`${name}: busiest threads (CPU ms over ${PHASE_MS} ms)\n${threadCpu(trace).slice(0, 12).map((t) => `  ${t.thread}: ${t.cpuMs.toFixed(0)}`).join('\n')}`);
    }
    const cpu = mainThreadTasks(trace);
    const r = await page.evaluate(
      ({ t0, t1 }) => {
        const tasks = window.__perf!.tasks.filter((t) => t.start >= t0 && t.start < t1);
        const frames = window.__perf!.frames.filter((f) => f >= t0 && f < t1);
        let worst = 0;
        for (let i = 1; i < frames.length; i++) worst = Math.max(worst, frames[i]! - frames[i - 1]!);
        return { longTasks: tasks.length, maxMs: Math.max(0, ...tasks.map((t) => t.duration)), totalMs: tasks.reduce((a, t) => a + t.duration, 0), frames: frames.length, worstFrameMs: worst };
      },
      { t0, t1 },
    );
    phases.push({
      name,
      ...r,
      snapshots,
      engineSeconds: (engine1 - engine0) / 1000,
      cpuMs: cpu.reduce((a, t) => a + t, 0),
      maxCpuMs: Math.max(0, ...cpu),
      cpuLongTasks: cpu.filter((t) => t > 50).length,
    });
  };

  await measure('canvas + Run tab (Storm UI tables)', async () => run.showTab('run'));
  await measure('canvas + Tuple trees tab', async () => run.showTab('trees'));
  await measure('canvas + Charts tab', async () => {
    await run.showTab('charts');
    await expect(page.getByTestId('charts.throughput')).toBeVisible({ timeout: 30_000 });
  });
  await measure('canvas + Plan tab (per-task bars)', async () => run.showTab('plan'));
  await measure('canvas + Step tab, tuples animated (event stream on)', async () => {
    await run.showTab('step');
    await page.getByTestId('step.animate').check();
  });
  await page.evaluate(() => window.__stormStudio!.runCommand('run.stop'));

  const seconds = PHASE_MS / 1000;
  const lines = phases.map(
    (p) =>
      `| ${p.name} | ${p.longTasks} | ${p.longTasks ? p.maxMs.toFixed(0) : '–'} | ${p.cpuLongTasks} | ${p.maxCpuMs.toFixed(0)} | ${((p.cpuMs / PHASE_MS) * 100).toFixed(0)} % | ${(p.frames / seconds).toFixed(0)} | ${p.worstFrameMs.toFixed(0)} | ${(p.snapshots / seconds).toFixed(1)} | ${(p.engineSeconds / seconds).toFixed(2)} |`,
  );
  const table = [
    `| view (${seconds} s each) | long tasks (observer: > 50 ms wall) | longest, wall (ms) | tasks > 50 ms of CPU (trace) | longest task, CPU (ms) | main thread CPU | frames/s | worst frame gap (ms) | canvas updates/s | engine s per s |`,
    '|---|---|---|---|---|---|---|---|---|---|',
    ...lines,
  ].join('\n');
  console.log(`\n${table}\n`);
  for (const p of phases) {
    expect(p.frames, `${p.name}: frames were counted`).toBeGreaterThan(0);
    expect(p.cpuMs, `${p.name}: the trace has the main thread's tasks`).toBeGreaterThan(0);
    expect(p.snapshots, `${p.name}: the canvas was updated`).toBeGreaterThan(0);
  }

  if (process.env.RECORD_BENCHMARKS === '1') {
    const chromium = page.context().browser()?.version() ?? '?';
    const section = [
      '<!-- perf-long-tasks:start -->',
      `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (load average ${loadavg()[0]!.toFixed(1)} when starting), Chromium ${chromium} headless, 1440×900, with`,
      '`PERF=1 RECORD_BENCHMARKS=1 npx playwright test e2e/perf-long-tasks.spec.ts` on the built app: the 50-component topology',
      "of `e2e/fixtures/viz-topologies.ts` (5 spouts emitting as fast as `topology.max.spout.pending` 200 lets them, 45 bolts with",
      '2 executors each, 2 Storm workers), virtual time at full speed, the live canvas showing all 50 nodes and 45 edges.',
      '',
      table,
      '<!-- perf-long-tasks:end -->',
    ].join('\n');
    const path = 'docs/benchmarks.md';
    const text = await readFile(path, 'utf8');
    const start = text.indexOf('<!-- perf-long-tasks:start -->');
    const end = text.indexOf('<!-- perf-long-tasks:end -->');
    const next = start >= 0 && end > start ? text.slice(0, start) + section + text.slice(end + '<!-- perf-long-tasks:end -->'.length) : `${text.trimEnd()}\n\n## Run views\n\n${section}\n`;
    await writeFile(path, next);
  }
});
