/**
 * A run belongs to the document it ran (docs/run-views.md, "Whose run is shown"): opening another
 * document — a file, an example, a dropped zip, New topology, or Undo back across a load — stops
 * the run and clears every view of it: the status, the legend and the live nodes, the hover card,
 * the Storm UI tables, the tuple trees, the step lines, the plan's faults, the charts and the log.
 */
import type { Page } from '@playwright/test';
import { exportPetrel, zipFiles } from '../src/formats';
import { rollingTopWordsExample, serializeDocument } from '../src/model';
import { expect, test } from './fixtures/test';
import { wordCountJs } from './fixtures/viz-topologies';
import { RunViewsPage } from './pages/run-views-page';

test.describe.configure({ timeout: 120_000 });

/** count crashes its worker at its 200th word; the supervisor would restart it after 10 minutes. */
function crashingWordCount() {
  const base = wordCountJs({ countCostMs: 2 });
  const components = base.components.map((c) =>
    c.id === 'count' ? { ...c, code: { javascript: c.code.javascript!.replace('const word = tup.values[0];', "const word = tup.values[0];\n    this.n = (this.n ?? 0) + 1;\n    if (this.n === 200) throw new Error('count gave up');") } } : c,
  );
  return { ...base, name: 'crashing-word-count', components, config: { ...base.config, messageTimeoutSecs: 3 }, simulation: { ...base.simulation, workerRestartSecs: 600 } };
}

/** Runs the crashing word count until every view shows something of it, then stops it. */
async function runUntilEveryViewShowsIt(page: Page): Promise<void> {
  const run = new RunViewsPage(page);
  await run.load(crashingWordCount());
  await run.setSpeed(10);
  await run.start();
  // The worker crashed: every node says so, the log has the traceback, the tables the last error.
  await expect(page.getByTestId('canvas.node.count.live')).toContainText('worker down', { timeout: 30_000 });
  await expect(page.getByTestId('dock.tab.logs')).toContainText(/\d/);
  await run.showTab('trees');
  await expect.poll(() => run.treeItems().count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await run.treeItems().first().click();
  await expect(page.getByTestId('trees.detail')).toBeVisible();
  await run.showTab('plan');
  await expect(page.getByTestId('plan.state.0')).toHaveAttribute('data-state', 'dead');
  await run.showTab('charts');
  await expect(page.getByTestId('charts.panel')).toBeVisible();
  await run.pause();
  await run.showTab('step');
  await page.getByTestId('step.button').click();
  await expect(run.stepLines().first()).toBeVisible();
  await page.getByTestId('dock.tab.logs').click();
  await expect(page.getByTestId('run.logs.line').first()).toBeVisible();
  await run.showTab('run');
  await expect(page.getByTestId('run.bolts.count.error')).toContainText('count gave up');
  await page.evaluate(() => window.__stormStudio!.runCommand('run.stop'));
  await expect(page.getByTestId('canvas.legend')).toContainText('Run stopped');
  await page.getByTestId('canvas.node.count').hover();
  await expect(page.getByTestId('canvas.node.count.card')).toBeVisible();
  await page.mouse.move(1, 1);
}

/** Nothing of a run is shown anywhere. */
async function expectNoRunShown(page: Page, node: string): Promise<void> {
  await expect(page.getByTestId(`canvas.node.${node}`)).toBeVisible();
  await expect(page.getByTestId('canvas.legend')).toHaveCount(0);
  await expect(page.locator('.sn-live, .sn.is-live, .sn-live-flag')).toHaveCount(0);
  await expect(page.locator('[data-testid^="canvas.edge."][data-testid$=".rate"]')).toHaveCount(0);
  await page.getByTestId(`canvas.node.${node}`).hover();
  await expect(page.locator('[data-testid$=".card"]')).toHaveCount(0);
  await page.mouse.move(1, 1);
  expect((await page.evaluate(() => window.__stormStudioRun!.state())).status).toBe('idle');

  await page.getByTestId('dock.tab.run').click();
  await expect(page.getByTestId('run.status')).toHaveAttribute('data-status', 'idle');
  await expect(page.getByTestId('run.time')).toHaveCount(0);
  await expect(page.locator('[data-testid="run.failure"], [data-testid="run.kill"], [data-testid="run.interrupt"], [data-testid="run.changed"]')).toHaveCount(0);
  await expect(page.getByTestId('run.bolts')).toHaveCount(0);
  await expect(page.getByTestId('dock.tab.logs')).toHaveText('Log');
  await expect(page.getByTestId('dock.tab.run')).toHaveText('Run');

  await page.getByTestId('dock.tab.trees').click();
  await expect(page.getByTestId('trees.empty')).toBeVisible();
  await expect(page.getByTestId('trees.detail')).toHaveCount(0);
  await page.getByTestId('dock.tab.step').click();
  await expect(page.locator('[data-testid^="step.line."][data-kind]')).toHaveCount(0);
  await page.getByTestId('dock.tab.plan').click();
  await expect(page.getByTestId('plan.source')).toHaveAttribute('data-source', 'document');
  await expect(page.locator('[data-testid^="plan.state."], [data-testid^="plan.kill."]')).toHaveCount(0);
  await page.getByTestId('dock.tab.charts').click();
  await expect(page.getByTestId('charts.empty')).toBeVisible();
  await page.getByTestId('dock.tab.logs').click();
  await expect(page.getByTestId('run.logs.line')).toHaveCount(0);
}

/** The notice that says what happened to the run. */
async function expectStoppedNotice(page: Page): Promise<void> {
  await expect(page.getByTestId('notice').filter({ hasText: 'run of crashing-word-count' })).toContainText(/run of crashing-word-count .*(stopped|cleared)/);
}

test('opening a file stops the run and clears every view of it', async ({ designer, page }) => {
  await runUntilEveryViewShowsIt(page);
  await designer.openFile('rolling.json', serializeDocument(rollingTopWordsExample()));
  await expectStoppedNotice(page);
  await expectNoRunShown(page, 'rolling-count');
});

test('opening an example while the run goes on stops it and clears its views', async ({ designer, page }) => {
  await runUntilEveryViewShowsIt(page);
  // Started again: this time the example replaces a running topology.
  await page.evaluate(() => window.__stormStudio!.runCommand('run.start'));
  await expect(page.getByTestId('canvas.legend')).toContainText(/Live run|Run paused/, { timeout: 30_000 });
  await page.evaluate(() => window.__stormStudio!.runCommand('file.examples'));
  await page.getByTestId('examples.open.groupings-tour').click();
  await expectStoppedNotice(page);
  await expectNoRunShown(page, 'sessions');
  void designer;
});

test('dropping a project zip on the canvas clears the run', async ({ designer, page }) => {
  await runUntilEveryViewShowsIt(page);
  const petrel = exportPetrel(rollingTopWordsExample());
  if (!petrel.ok) throw new Error('export failed');
  const zip = zipFiles(petrel.value.files, petrel.value.folder);
  const transfer = await page.evaluateHandle((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'rolling-top-words-petrel.zip', { type: 'application/zip' }));
    return dt;
  }, [...zip]);
  await designer.canvas().dispatchEvent('dragover', { dataTransfer: transfer });
  await designer.canvas().dispatchEvent('drop', { dataTransfer: transfer });
  await expectStoppedNotice(page);
  await expectNoRunShown(page, 'rolling-count');
});

test('New topology clears the run; Undo brings the document back, not the run', async ({ designer, page }) => {
  await runUntilEveryViewShowsIt(page);
  await page.evaluate(() => window.__stormStudio!.runCommand('file.new'));
  await expectStoppedNotice(page);
  await expect(designer.nodes()).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expectNoRunShown(page, 'count');
});

test('Undo back across a load stops the run of the loaded document', async ({ designer, page }) => {
  const run = new RunViewsPage(page);
  await run.load(wordCountJs());
  await run.load(crashingWordCount());
  await run.start();
  await expect(page.getByTestId('canvas.node.count.live')).toBeVisible();
  await designer.clickPane();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('notice').filter({ hasText: 'run of crashing-word-count' })).toBeVisible();
  await expect.poll(async () => (await designer.document()).name).toBe('word-count');
  await expectNoRunShown(page, 'count');
});
