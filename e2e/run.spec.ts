/**
 * The simulation in the app, on the built app in Chromium: the word-count example in Python (the
 * default) and in JavaScript — counts grow in Storm UI's tables, logs arrive, pause, step, stop —
 * wall time over two Web Workers, a JavaScript call that never returns, refused starts, edits
 * while running, the per-task breakdown.
 */
import type { Request } from '@playwright/test';
import { expect, test } from './fixtures/test';
import { RunPage } from './pages/run-page';

test.describe.configure({ timeout: 90_000 });

test('runs the word-count example (Python): loading, counts grow, a logging line, pause, step, stop', async ({ designer, page }) => {
  const run = new RunPage(page);
  await run.run();
  // Pyodide loads the first time, with its progress.
  await expect(page.getByTestId('run.loading')).toBeVisible();
  await run.expectStatus('running');
  await expect(page.getByTestId('run.mode')).toHaveText('virtual time · 1 Web Worker');
  await expect(page.getByTestId('run.seed-shown')).toHaveText('seed 1');
  await expect.poll(() => run.count('bolts', 'count', 'executed'), { timeout: 20_000 }).toBeGreaterThan(0);
  const first = await run.count('bolts', 'count', 'executed');
  await expect.poll(() => run.count('bolts', 'count', 'executed'), { timeout: 20_000 }).toBeGreaterThan(first);
  await expect.poll(() => run.count('spouts', 'sentences', 'acked'), { timeout: 20_000 }).toBeGreaterThan(0);

  // The spout's initialize() logs with Python's logging, in Petrel's format.
  await run.showLog('sentences');
  await expect(run.logLines().filter({ hasText: /^\[2026-01-01 00:00:00,000\]\[sentences\]\[INFO\]sentence spout ready on task 5$/ })).toHaveCount(1);

  await run.showRunTab();
  await run.pauseOrResume();
  await run.expectStatus('paused');
  const pausedAt = await run.timeMs();
  const events = (await run.state()).events!;
  await page.waitForTimeout(300);
  expect(await run.timeMs()).toBe(pausedAt);
  await run.step();
  await expect.poll(async () => (await run.state()).events).toBeGreaterThan(events);
  await run.expectStatus('paused');
  await run.pauseOrResume();
  await run.expectStatus('running');
  await expect.poll(() => run.timeMs()).toBeGreaterThan(pausedAt);

  await run.stop();
  await run.expectStatus('stopped');
  // The worker holding Pyodide stays warm for the next run (reset); the last results stay on screen.
  await expect.poll(() => run.simWorkers()).toBe(1);
  await expect(run.cell('bolts', 'count', 'executed')).toBeVisible();
  void designer;
});

test('runs word count in JavaScript without ever fetching Pyodide', async ({ designer, page }) => {
  const pyodide: string[] = [];
  page.on('request', (r: Request) => {
    if (r.url().includes('pyodide')) pyodide.push(r.url());
  });
  const run = new RunPage(page);
  await run.useLanguage('javascript');
  await page.keyboard.press('F5');
  await run.expectStatus('running');
  await expect.poll(() => run.count('bolts', 'count', 'executed')).toBeGreaterThan(0);
  const first = await run.count('bolts', 'count', 'executed');
  await expect.poll(() => run.count('bolts', 'split', 'executed')).toBeGreaterThan(0);
  await expect.poll(() => run.count('bolts', 'count', 'executed')).toBeGreaterThan(first);
  await page.keyboard.press('F6');
  await run.expectStatus('paused');
  const events = (await run.state()).events!;
  await page.keyboard.press('F10');
  await expect.poll(async () => (await run.state()).events).toBeGreaterThan(events);
  await page.keyboard.press('Shift+F5');
  await run.expectStatus('stopped');
  await expect.poll(() => run.simWorkers()).toBe(0);
  expect(pyodide.filter((u) => u.endsWith('pyodide.asm.wasm'))).toEqual([]);
  expect(pyodide).toEqual([]);
  void designer;
});

test('wall time runs one Web Worker per Storm worker; tuples cross between them', async ({ designer, page }) => {
  const run = new RunPage(page);
  await run.useLanguage('javascript');
  const doc = await run.document();
  await run.load({ ...doc, config: { ...doc.config, workers: 2 } });
  await run.showRunTab();
  await page.getByTestId('run.clock').selectOption('wall');
  await run.run();
  await run.expectStatus('running');
  await expect(page.getByTestId('run.mode')).toHaveText('wall time · 2 Web Workers');
  expect(run.simWorkers()).toBe(2);
  await expect.poll(() => run.count('bolts', 'count', 'executed')).toBeGreaterThan(100);
  // Count's executors live on both workers, and both execute words.
  await page.getByTestId('run.bolts.expand.count').click();
  const executors = page.getByTestId('run.executors.count');
  await expect(executors.locator('tbody tr')).toHaveCount(3);
  await expect.poll(async () => {
    const s = await run.state();
    return s.hosts;
  }).toBe(2);
  await expect(page.getByTestId('run.step')).toBeDisabled();
  await run.stop();
  await expect.poll(() => run.simWorkers()).toBe(0);
  void designer;
});

test('a JavaScript component with while(true){} is stopped and reported while the page stays responsive', async ({ designer, page }) => {
  const run = new RunPage(page);
  await run.useLanguage('javascript');
  await run.setCode('count', 'javascript', "export default class Stuck extends BasicBolt {\n  static declareOutputFields() {\n    return ['word', 'count'];\n  }\n\n  process(tup) {\n    while (true) {}\n  }\n}\n");
  await run.run();
  await run.expectStatus('running');
  // While the worker spins, the page still reacts: select a node, see the inspector follow.
  await designer.node('split').click();
  await expect(page.getByTestId('inspector.title')).toHaveText('split');
  await designer.node('sentences').click();
  await expect(page.getByTestId('inspector.title')).toHaveText('sentences');
  await run.showRunTab();
  await run.expectStatus('failed', 20_000);
  await expect(run.failure()).toContainText(/component 'count' \(task [234]\) was stopped after 5 s without returning: its Web Worker was terminated and the run ended/);
  await expect(run.failure()).toHaveAttribute('data-reason', 'watchdog');
  await expect.poll(() => run.simWorkers()).toBe(0);
  await run.showLog('count');
  await expect(run.logLines().filter({ hasText: /\[count\]\[ERROR\]component 'count' \(task [234]\) was stopped after 5 s without returning/ })).toHaveCount(1);
});

test('an invalid topology does not start: the reason, and the Problems tab', async ({ designer, page }) => {
  const run = new RunPage(page);
  const doc = await run.document();
  await run.load({ ...doc, subscriptions: doc.subscriptions.filter((s) => s.to !== 'count') });
  await run.run();
  await expect(page.getByTestId('dock.panel.problems')).toBeVisible();
  await run.showRunTab();
  await run.expectStatus('failed');
  await expect(run.failure()).toContainText('Cannot start: The topology has 1 error and cannot run (Storm would refuse it)');
  await expect(run.failure()).toContainText('count');
  expect(run.simWorkers()).toBe(0);
  void designer;
});

test('editing the document during a run does not change the run; the panel says to restart', async ({ designer, page }) => {
  const run = new RunPage(page);
  await run.useLanguage('javascript');
  await run.run();
  await run.expectStatus('running');
  await expect(page.getByTestId('run.changed')).toHaveCount(0);
  await designer.node('count').click();
  await designer.setField('inspector.parallelism', '5');
  await run.showRunTab();
  await expect(page.getByTestId('run.changed')).toHaveText(/the document changed since this run started — restart to apply/i);
  // The run keeps its three count executors.
  await page.getByTestId('run.bolts.expand.count').click();
  await expect(page.getByTestId('run.executors.count').locator('tbody tr')).toHaveCount(3);
  await page.getByTestId('run.changed').getByRole('button', { name: 'Restart' }).click();
  await expect(page.getByTestId('run.changed')).toHaveCount(0);
  await run.expectStatus('running');
  await expect(page.getByTestId('run.executors.count').locator('tbody tr')).toHaveCount(5);
});

test('a row expands into executors and tasks; per-task counts add up to the component', async ({ designer, page }) => {
  const run = new RunPage(page);
  await run.useLanguage('javascript');
  await run.showRunTab();
  await page.getByTestId('run.speed').selectOption('Infinity');
  await run.run();
  await expect.poll(() => run.count('bolts', 'count', 'executed')).toBeGreaterThan(1000);
  await run.pauseOrResume();
  await run.expectStatus('paused');
  await page.getByTestId('run.window.all').click();
  await page.getByTestId('run.bolts.expand.count').click();
  const tasks = page.getByTestId('run.tasks.count');
  await expect(tasks.locator('tbody tr')).toHaveCount(3);
  const executed = await run.count('bolts', 'count', 'executed');
  let sum = 0;
  for (const t of ['2', '3', '4']) sum += Number((await page.getByTestId(`run.tasks.count.task-${t}.executed`).innerText()).replace(/,/g, ''));
  expect(sum).toBe(executed);
  await expect(page.getByTestId('run.executors.count.executor-1.queue')).toHaveText(/^\d[\d,]* \/ 32,768/);
  void designer;
});
