/**
 * The run views in the built app: the live canvas (capacity, rates, backpressure, Storm UI hover
 * card), tuple trees of an acked and a failed tuple, step mode against the engine run in Node,
 * the physical plan against the engine's plan, and the charts. Screenshots go to the test output;
 * with `UPDATE_SCREENSHOTS=1` they also replace the ones in docs/screenshots/.
 */
import { copyFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { buildPlan, Engine, defaultRegistry, type StepEvent } from '../src/engine';
import { describeStepEvent } from '../src/ui/viz/step-text';
import { screenshot } from './fixtures/screenshot';
import { expect, test } from './fixtures/test';
import { wordCountJs } from './fixtures/viz-topologies';
import { RunViewsPage } from './pages/run-views-page';

const update = process.env.UPDATE_SCREENSHOTS === '1';


/** Makes the dock taller (drags its top edge), so a panel shows more in a screenshot. */
async function tallDock(page: Page, by = 190): Promise<void> {
  const handle = page.locator('.dock-resize');
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y - by, { steps: 6 });
  await page.mouse.up();
}

const strokeWidth = (page: Page, edge: string) =>
  page.locator(`.react-flow__edge[data-id="${edge}"] path.react-flow__edge-path`).evaluate((p) => Number.parseFloat(getComputedStyle(p).strokeWidth));

test('the live canvas: bolts coloured by capacity, edges as wide as their rate, spouts with emit rate and pending', async ({ designer, page }, info) => {
  void designer;
  const run = new RunViewsPage(page);
  // split: 12 ms per sentence over 2 executors (≈ 0.6 busy); count: 3.6 ms per word, its busiest task ≈ saturated.
  await run.load(wordCountJs({ splitCostMs: 12, countCostMs: 3.6 }));
  // Without a run the canvas is the designer's.
  await expect(page.getByTestId('canvas.legend')).toHaveCount(0);
  await expect(page.getByTestId('canvas.node.count.live')).toHaveCount(0);
  await expect(page.getByTestId('canvas.edge.split->count.rate')).toHaveCount(0);
  const designerWidth = await strokeWidth(page, 'split->count');

  await run.setSpeed(10);
  await run.start();
  await run.waitEngineTime(60_000);
  await run.pause();

  await expect(page.getByTestId('canvas.node.count.capacity')).toHaveAttribute('data-tone', /^(high|saturated)$/);
  await expect(page.getByTestId('canvas.node.split.capacity')).toHaveAttribute('data-tone', 'medium');
  await expect(page.getByTestId('canvas.node.split.capacity')).toHaveText(/^capacity 0\.[56]\d\d$/);
  await expect(page.getByTestId('canvas.node.sentences.emit-rate')).toHaveText(/^emit (9\d|100)(\.\d+)?\/s$/);
  await expect(page.getByTestId('canvas.node.sentences.pending')).toHaveText(/^pending \d+/);
  await expect(page.getByTestId('canvas.edge.sentences->split.rate')).toHaveText(/^(9\d|100)(\.\d+)?\/s$/);
  await expect(page.getByTestId('canvas.edge.split->count.rate')).toHaveText(/^\d{3}\/s$/);
  // Width ∝ rate: split → count carries ≈ 6.4 words per sentence.
  const wide = await strokeWidth(page, 'split->count');
  const narrow = await strokeWidth(page, 'sentences->split');
  expect(wide).toBe(10);
  expect(narrow).toBeGreaterThan(1.5);
  expect(narrow).toBeLessThan(4);
  expect(wide).toBeGreaterThan(designerWidth);
  await expect(page.locator('[data-testid$=".backpressure"]')).toHaveCount(0);
  await expect(page.getByTestId('canvas.legend')).toContainText('Bolt capacity (last 10 min)');
  await run.showTab('run');
  await expect(page.getByTestId('run.panel')).toBeVisible();
  await screenshot(page, info, 'run-canvas.png');

  // A tall dock leaves a short canvas: the legend folds into a chip (it opens on click), and
  // unfolds again when the dock gives the room back.
  const legend = page.getByTestId('canvas.legend');
  await expect(legend).toHaveAttribute('data-expanded', 'true');
  await page.getByTestId('dock.resize').focus();
  await page.keyboard.press('End');
  await expect(legend).toHaveAttribute('data-expanded', 'false');
  await page.getByTestId('canvas.legend.toggle').click();
  await expect(legend).toHaveAttribute('data-expanded', 'true');
  await page.getByTestId('canvas.legend.toggle').click();
  await page.getByTestId('dock.resize').focus();
  await page.keyboard.press('Enter');
  await expect(legend).toHaveAttribute('data-expanded', 'true');
});

test('backpressure on the edge into a full queue, and the Storm UI row on hover', async ({ designer, page }, info) => {
  void designer;
  const run = new RunViewsPage(page);
  // count: 4.2 ms per word on its busiest task, more than it receives; queues of 512.
  await run.load(wordCountJs({ countCostMs: 4.2, queueSize: 512 }));
  await run.setSpeed(Infinity);
  await run.start();
  await run.waitEngineTime(60_000);
  await run.pause();

  await expect(page.getByTestId('canvas.node.count.capacity')).toHaveAttribute('data-tone', 'saturated');
  await expect(run.node('count')).toContainText('saturated');
  // count's full queue stops split (its emits wait), then split's queue fills and the spout is throttled.
  await expect(page.getByTestId('canvas.edge.split->count.backpressure')).toBeVisible();
  await expect(page.getByTestId('canvas.edge.split->count.backpressure')).toHaveText('full');

  // Hover: the component's row of Storm UI's Bolts table.
  await run.showTab('run');
  await expect(page.getByTestId('run.panel')).toBeVisible();
  await run.node('count').hover();
  const card = page.getByTestId('canvas.node.count.card');
  await expect(card).toBeVisible();
  await expect(card).toContainText('Bolts (10m)');
  await expect(card.locator('tr', { hasText: 'Executors' }).locator('td')).toHaveText('3');
  await expect(card.locator('tr', { hasText: 'Capacity (last 10m)' }).locator('td')).toHaveText(/^(0\.99\d|1\.000)$/);
  // The same cell as the Bolts table's (one registry of columns): the mean, then p50 · p99.
  await expect(card.locator('tr', { hasText: 'Execute latency (ms)' }).locator('td')).toHaveText(/^4\.200\s*p50 4\.200 · p99 4\.200$/);
  await expect(card).toContainText(/fullest executor queue \d+\/512/);
  const path = info.outputPath('run-backpressure.png');
  await page.screenshot({ path });
  if (update) await copyFile(path, 'docs/screenshots/run-backpressure.png');
});

test('tuple trees: an acked tree steps its XOR to zero, a failed one shows where it broke', async ({ designer, page }, info) => {
  void designer;
  const run = new RunViewsPage(page);
  // split fails about one sentence in four (FailedException): those trees fail.
  await run.load(wordCountJs({ failingSplit: true }));
  await run.setSpeed(Infinity);
  await run.showTab('trees');
  await run.start();
  await run.waitEngineTime(30_000);
  await run.pause();
  // The latest 20 sampled trees; with one in four failing, some failed ones are among them (else run on a little).
  for (let i = 0; i < 5 && (await run.treeItems('failed').count()) === 0; i++) {
    await page.evaluate(() => window.__stormStudio!.runCommand('run.pause'));
    await run.waitEngineTime((await run.engineTime()) + 5000);
    await run.pause();
  }
  await tallDock(page);

  // An acked tree: the sentence, then its words anchored to it, all acked; the XOR ends at 0.
  await run.treeItems('acked').first().click();
  await expect(page.getByTestId('trees.detail.status')).toHaveAttribute('data-status', 'acked');
  const root = run.tuples().first();
  await expect(root).toHaveAttribute('data-component', 'sentences');
  const sentence = JSON.parse((await root.locator('.tt-values').textContent())!)[0] as string;
  await expect(run.tuples()).toHaveCount(1 + sentence.split(' ').length);
  await expect(run.tuples().and(page.locator('[data-state="acked"]'))).toHaveCount(1 + sentence.split(' ').length);
  await expect(page.locator('[data-testid^="trees.tuple."][data-component="split"]')).toHaveCount(sentence.split(' ').length);
  const steps = page.locator('[data-testid^="trees.xor.step."]');
  await expect(steps.first()).toContainText('init');
  await expect(steps.last()).toHaveAttribute('data-value', '0000000000000000');
  await expect(steps.last()).toContainText('= 0 ✓ complete');
  // One ack per tuple, plus the init.
  await expect(steps).toHaveCount(2 + sentence.split(' ').length);
  await expect(page.getByTestId('trees.break')).toHaveCount(0);
  await screenshot(page, info, 'run-tuple-tree.png');

  // A failed tree: split failed the sentence, so nothing was anchored to it.
  await run.treeItems('failed').first().click();
  await expect(page.getByTestId('trees.detail.status')).toHaveAttribute('data-status', 'failed');
  await expect(run.tuples()).toHaveCount(1);
  await expect(run.tuples().first()).toHaveAttribute('data-state', 'failed');
  await expect(run.tuples().first()).toHaveAttribute('data-broke', 'true');
  await expect(run.tuples().first()).toContainText('broke here');
  await expect(page.getByTestId('trees.break')).toHaveText(/^Failed: split task [67] \(\[".+"\], 0x[0-9a-f]{4}…[0-9a-f]{4}\) failed its input tuple; the acker told sentences task 5 to fail message \d+\.$/);
  await expect(steps.last()).toContainText('fail');
  await expect(steps.last()).not.toHaveAttribute('data-value', '0000000000000000');
  await screenshot(page, info, 'run-tuple-tree-failed.png');
});

test('step mode: five steps, each described as the engine run in Node with the same seed did it', async ({ designer, page }, info) => {
  void designer;
  const run = new RunViewsPage(page);
  const doc = wordCountJs();
  await run.load(doc);
  await run.setSpeed(0.001);
  await run.start();
  await run.showTab('step');
  for (let i = 1; i <= 5; i++) {
    await page.getByTestId('step.button').click();
    await expect(run.stepLines()).toHaveCount(i);
  }
  await expect(page.getByTestId('canvas.legend')).toContainText('Run paused');
  const shown = await run.stepLines().evaluateAll((lines) =>
    lines.map((l) => [l.querySelector('[data-testid$=".text"]')!.textContent!, ...[...l.querySelectorAll('[data-testid*=".also."]')].map((a) => a.textContent!.replace(/^then /, ''))].join(' | ')),
  );
  expect(shown).toHaveLength(5);

  // The same run in Node: virtual time with the same seed replays the browser's events exactly.
  const engine = await Engine.create({ document: doc, seed: 1, runtimes: defaultRegistry().resolver() });
  const names = engine.plan.taskToComponent;
  const text = (ev: StepEvent) => {
    const line = describeStepEvent(ev, names);
    return [line.text, ...line.also.map((a) => a.text)].join(' | ');
  };
  const node: string[] = [];
  for (let i = 0; i < 20_000; i++) node.push(text(engine.step()!));
  const at = node.findIndex((_, i) => shown.every((s, k) => node[i + k] === s));
  expect(at, `the browser's steps:\n${shown.join('\n')}`).toBeGreaterThanOrEqual(0);
  // And they read as Storm does it.
  for (const s of shown) expect(s).toMatch(/^(sentences task 5|split task [67]|count task [234]|acker task 1|(sentences|split|count|__acker) executor \d|timer)/);
  await tallDock(page);
  await screenshot(page, info, 'run-step.png');
});

test('animated run: tuples travel along the edges they take, drawn by a fixed pool of reused dots', async ({ designer, page }) => {
  void designer;
  const run = new RunViewsPage(page);
  await run.load(wordCountJs());
  await run.setSpeed(0.1);
  await run.start();
  await run.showTab('step');
  const dots = page.locator('[data-testid="canvas.tokens"] .se-token');
  await expect(dots).toHaveCount(40);
  // Mark the pool's elements: a pool reuses them, a list of keyed dots would replace them.
  await dots.evaluateAll((els) => els.forEach((el) => ((el as HTMLElement & { poolMark?: boolean }).poolMark = true)));
  await page.getByTestId('step.animate').check();
  // Dots start on the edges the word count's tuples take, and move (a running animation).
  const travelling = (edge: string) =>
    dots.evaluateAll((els, e) => els.filter((el) => el.getAttribute('data-edge') === e && el.getAnimations().some((a) => a.playState === 'running')).length, edge);
  await expect.poll(() => travelling('sentences->split'), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(() => travelling('split->count'), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect(run.stepLines().first()).toBeVisible();
  // The log is virtualised: of the many lines, only those in view (and a margin) are rendered;
  // scrolled to the top, the first lines are.
  const lines = run.stepLines();
  const index = async (line: 'first' | 'last') => Number(await (line === 'first' ? lines.first() : lines.last()).getAttribute('data-index'));
  await expect.poll(() => index('last'), { timeout: 20_000 }).toBeGreaterThan(80);
  expect(await lines.count()).toBeLessThan(60);
  const firstRendered = await index('first');
  await expect(page.locator('[data-testid="step.log"] > li').first()).toHaveClass('st-spacer');
  await page.getByTestId('step.log').evaluate((el) => el.scrollTo({ top: 0 }));
  // The oldest lines kept: no spacer above them any more.
  await expect(page.locator('[data-testid="step.log"] > li').first()).toHaveClass(/st-line/);
  expect(await index('first')).toBeLessThan(firstRendered);
  // Many tuples later, the same 40 elements draw them.
  const seen = new Set<string>();
  for (let i = 0; i < 10; i++) {
    for (const key of await dots.evaluateAll((els) => els.filter((el) => el.getAnimations().length > 0).map((el) => `${el.getAttribute('data-slot')}:${el.getAttribute('title')}`))) seen.add(key);
    await page.waitForTimeout(300);
  }
  expect(seen.size).toBeGreaterThan(10);
  await expect(dots).toHaveCount(40);
  expect(await dots.evaluateAll((els) => els.every((el) => (el as HTMLElement & { poolMark?: boolean }).poolMark === true))).toBe(true);
  // At Max speed the run goes on at full speed and a sample of its events is described and drawn.
  await run.setSpeed(Infinity);
  await expect(page.getByTestId('step.panel')).toContainText('Max speed: a sample is described and drawn');
  const lastLine = async () => Number(await run.stepLines().last().getAttribute('data-index'));
  const before = await lastLine();
  await expect.poll(lastLine, { timeout: 10_000 }).toBeGreaterThan(before + 20);
  await expect.poll(() => travelling('sentences->split'), { timeout: 10_000 }).toBeGreaterThan(0);
  // The stream stops with the animation: no dot starts any more once the last trips are over.
  await page.getByTestId('step.animate').uncheck();
  await expect.poll(() => dots.evaluateAll((els) => els.filter((el) => el.getAnimations().some((a) => a.playState === 'running')).length), { timeout: 10_000 }).toBe(0);
});

test('the plan view: task ids of a two-worker topology as the engine assigns them, following edits', async ({ designer, page }, info) => {
  const run = new RunViewsPage(page);
  const doc = wordCountJs({ workers: 2 });
  await run.load(doc);
  await run.showTab('plan');
  await expect(page.getByTestId('plan.source')).toHaveAttribute('data-source', 'document');

  // Storm's assignment: tasks by component id (UTF-16: __acker first), executors dealt in turn.
  const expected = [
    ['__acker:1', 'count:3', 'count:5', 'split:7'],
    ['__acker:2', 'count:4', 'sentences:6', 'split:8'],
  ];
  const engines = buildPlan(doc);
  const fromEngine = engines.workerExecutors.map((ids) => ids.map((id) => {
    const e = engines.executors[id]!;
    const tasks: number[] = [];
    for (let t = e.tasks[0]; t <= e.tasks[1]; t++) tasks.push(t);
    return `${e.component}:${tasks.join(',')}`;
  }));
  expect(fromEngine).toEqual(expected);
  expect(await run.planWorkers()).toEqual(expected);

  // Edits show at once: three workers, then split with 3 executors over 4 tasks.
  await designer.clickPane();
  await designer.setField('settings.workers', '3');
  await expect(page.locator('[data-testid^="plan.worker."]')).toHaveCount(3);
  expect(await run.planWorkers()).toEqual(documentWorkers(buildPlan({ ...doc, config: { ...doc.config, workers: 3 } })));
  await designer.setField('settings.workers', '2');
  await expect(page.locator('[data-testid^="plan.worker."]')).toHaveCount(2);

  // Running: the running topology's plan, with per-task counts.
  await run.setSpeed(Infinity);
  await run.showTab('plan');
  await run.start();
  await expect(page.getByTestId('plan.source')).toHaveAttribute('data-source', 'run');
  expect(await run.planWorkers()).toEqual(expected);
  await run.waitEngineTime(20_000);
  await run.pause();
  // Per-task counts (refreshed once a second). Shuffle keeps to the emitter's worker, as Storm 2.x's
  // LoadAwareShuffleGrouping does while the local tasks keep up: the spout (worker 2) feeds split 8
  // only, and split 7 in the other worker gets nothing; fields grouping reaches every count task.
  const count = (task: number) => page.getByTestId(`plan.task.${task}`).evaluate((t) => Number(t.getAttribute('data-count') ?? 0));
  await expect.poll(async () => Math.min(await count(3), await count(4), await count(5), await count(6), await count(8))).toBeGreaterThan(0);
  expect(await count(7)).toBe(0);
  await expect(page.getByTestId('plan.skew')).toContainText('count');

  // An edit during the run: the shown plan stays the running one, and a note says it differs.
  await designer.node('split').click();
  await designer.setField('inspector.parallelism', '3');
  await expect(page.getByTestId('plan.differs')).toBeVisible();
  expect(await run.planWorkers()).toEqual(expected);
  await run.showTab('plan');
  await tallDock(page, 120);
  await screenshot(page, info, 'run-plan.png');
});

function documentWorkers(plan: ReturnType<typeof buildPlan>): string[][] {
  return plan.workerExecutors.map((ids) =>
    ids.map((id) => {
      const e = plan.executors[id]!;
      const tasks: number[] = [];
      for (let t = e.tasks[0]; t <= e.tasks[1]; t++) tasks.push(t);
      return `${e.component}:${tasks.join(',')}`;
    }),
  );
}

test('charts: throughput, complete latency and capacity over a chosen window', async ({ designer, page }, info) => {
  void designer;
  const run = new RunViewsPage(page);
  await run.load(wordCountJs({ countCostMs: 1 }));
  // 10 engine seconds per second: the 10-minute ring gets a point with each snapshot.
  await run.setSpeed(10);
  await run.showTab('charts');
  await run.start();
  for (const id of ['throughput', 'latency', 'capacity']) {
    await expect(page.getByTestId(`charts.${id}`).locator('canvas')).toHaveCount(1);
    await expect.poll(async () => Number(await page.getByTestId(`charts.${id}`).getAttribute('data-points')), { timeout: 30_000 }).toBeGreaterThan(10);
  }
  await run.pause();
  await expect(page.getByTestId('charts.throughput')).toContainText('sentences');
  await expect(page.getByTestId('charts.latency')).toContainText('sentences p99');
  await expect(page.getByTestId('charts.capacity')).toContainText('count');
  await page.getByTestId('charts.window.all').click();
  await expect(page.getByTestId('charts.window.all')).toHaveAttribute('aria-checked', 'true');
  await page.getByTestId('charts.component').selectOption('count');
  await expect(page.getByTestId('charts.throughput')).not.toContainText('sentences');
  await page.getByTestId('charts.component').selectOption('');
  await tallDock(page);
  await screenshot(page, info, 'run-charts.png');
});
