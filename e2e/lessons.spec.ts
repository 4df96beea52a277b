/**
 * Every lesson completed through the UI, as a learner would: Help → Lessons, open the lesson's
 * topology, edit it in the inspector, predict, run, kill a worker, apply the advisor's advice…
 * The goals turn green only from what the run shows (they are checked from its snapshot). Progress
 * survives a reload. With `UPDATE_SCREENSHOTS=1` the screenshots also replace docs/screenshots/.
 */
import type { Page } from '@playwright/test';
import { screenshot } from './fixtures/screenshot';
import { expect, test } from './fixtures/test';
import { RunViewsPage } from './pages/run-views-page';

test.describe.configure({ timeout: 180_000 });

const RUN_WAIT = 90_000;

async function openLesson(page: Page, id: string): Promise<void> {
  await page.getByTestId('toolbar.help').click();
  await page.getByTestId('menu.help.lessons').click();
  await expect(page.getByTestId('lessons.panel')).toBeVisible();
  await page.getByTestId(`lessons.item.${id}`).click();
  await page.getByTestId('lesson.start').click();
  await expect(page.getByTestId(`lesson.${id}`)).toBeVisible();
}

const goal = (page: Page, id: string) => page.getByTestId(`lesson.goal.${id}`);

async function expectMet(page: Page, id: string, timeout = RUN_WAIT): Promise<void> {
  await expect(goal(page, id)).toHaveAttribute('data-met', 'true', { timeout });
}

async function run(page: Page): Promise<void> {
  await page.getByTestId('toolbar.run.start').click();
  await expect(page.getByTestId('canvas.legend')).toBeVisible({ timeout: 30_000 });
}

/** A taller dock for the screenshots (the dock's splitter, with the keyboard). */
async function tallDock(page: Page): Promise<void> {
  await page.getByTestId('dock.resize').focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowUp');
}

async function showLessons(page: Page): Promise<void> {
  await page.getByTestId('dock.tab.lessons').click();
}

test('anatomy: predict count’s task ids, then see them in the plan; progress survives a reload', async ({ designer, page }) => {
  await openLesson(page, 'anatomy');
  await expect(goal(page, 'parallelism')).toHaveAttribute('data-met', 'false');
  await designer.node('count').click();
  await designer.setField('inspector.parallelism', '4');
  await showLessons(page);
  // A wrong prediction first: the check says what the plan gives.
  await page.getByTestId('lesson.prediction.count-tasks').fill('1, 2, 3, 4');
  await run(page);
  await expectMet(page, 'parallelism');
  await expect(page.getByTestId('lesson.goal.predicted.detail')).toContainText('The plan gives count tasks 3, 4, 5, 6');
  await expect(goal(page, 'predicted')).toHaveAttribute('data-met', 'false');
  await page.getByTestId('lesson.prediction.count-tasks').fill('3-6');
  await expectMet(page, 'predicted');
  await expect(page.getByTestId('lesson.complete')).toBeVisible();
  // The plan shows the same ids.
  const views = new RunViewsPage(page);
  await views.showTab('plan');
  const workers = await views.planWorkers();
  expect(workers.flat().filter((e) => e.startsWith('count:')).map((e) => e.slice(6)).sort()).toEqual(['3', '4', '5', '6']);

  await page.reload();
  await designer.waitReady();
  await page.getByTestId('toolbar.help').click();
  await page.getByTestId('menu.help.lessons').click();
  await expect(page.getByTestId('lessons.item.anatomy')).toHaveAttribute('data-complete', 'true');
  await expect(goal(page, 'predicted')).toHaveAttribute('data-met', 'true');
});

test('stream groupings: predict which count task gets “the”, watch it, then shuffle spreads it', async ({ designer, page }, info) => {
  await openLesson(page, 'groupings');
  await page.getByTestId('lesson.prediction.the-task').fill('3');
  const views = new RunViewsPage(page);
  await views.setSpeed(10);
  await run(page);
  await showLessons(page);
  await expectMet(page, 'watched');
  await expect(page.getByTestId('lesson.goal.watched.detail')).toContainText(/“the” went to count task \d+ every time/);
  const task = /count task (\d+)/.exec(await page.getByTestId('lesson.goal.watched.detail').innerText())![1]!;
  // The per-task view under the Plan shows "the" in that task.
  await views.showTab('plan');
  await page.getByTestId('tasks.values.component').selectOption('count');
  const row = page.getByTestId(`tasks.values.count.${task}`);
  await expect(row.locator('[data-value=\'["the"]\']')).toBeVisible({ timeout: 30_000 });
  await tallDock(page);
  await page.getByTestId('tasks.values').scrollIntoViewIfNeeded();
  await screenshot(page, info, 'per-task.png');
  for (const other of await page.locator('[data-testid^="tasks.values.count."]').all()) {
    if ((await other.getAttribute('data-testid')) !== `tasks.values.count.${task}`) await expect(other.locator('[data-value=\'["the"]\']')).toHaveCount(0);
  }
  // Shuffle instead of fields(word).
  await designer.edge('split->count').click();
  await page.getByTestId('inspector.grouping').selectOption('shuffle');
  await expect(designer.edge('split->count')).toContainText('shuffle');
  await run(page);
  await showLessons(page);
  await expectMet(page, 'shuffle');
  await expect(page.getByTestId('lesson.complete')).toBeVisible();
});

test('guaranteed processing: step the acker’s XOR to zero, then make a tree fail', async ({ designer, page }, info) => {
  void designer;
  await openLesson(page, 'guaranteed');
  await run(page);
  await page.getByTestId('toolbar.run.pause').click();
  for (let i = 0; i < 5; i++) await page.getByTestId('toolbar.run.step').click();
  await page.getByTestId('toolbar.run.pause').click();
  await showLessons(page);
  await expectMet(page, 'xor-zero');
  await expect(page.getByTestId('lesson.goal.xor-zero.detail')).toContainText('XOR 0 at');
  await tallDock(page);
  await goal(page, 'failed').scrollIntoViewIfNeeded();
  await screenshot(page, info, 'lesson.png');
  const views = new RunViewsPage(page);
  await views.showTab('trees');
  await expect(views.treeItems('acked').first()).toBeVisible();
  await showLessons(page);
  await page.getByTestId('lesson.fix.fail-some').click();
  expect(await page.evaluate(() => window.__stormStudio!.getDocument().components.find((c) => c.id === 'split')!.code.javascript)).toContain('FailedException');
  await run(page);
  await showLessons(page);
  await expectMet(page, 'failed');
  await expect(page.getByTestId('lesson.complete')).toBeVisible();
  // The change is undoable.
  await page.evaluate(() => window.__stormStudio!.undo());
  expect(await page.evaluate(() => window.__stormStudio!.getDocument().components.find((c) => c.id === 'split')!.code.javascript)).not.toContain('FailedException');
});

test('failures and replay: kill a worker, trees time out between T and 2T, the spout replays them', async ({ designer, page }) => {
  void designer;
  await openLesson(page, 'failures');
  await run(page);
  const views = new RunViewsPage(page);
  await views.showTab('plan');
  const workers = await views.planWorkers();
  const other = workers.findIndex((w) => !w.some((e) => e.startsWith('sentences:')));
  await views.waitEngineTime(1000);
  await page.getByTestId(`plan.kill.${other}`).click();
  await showLessons(page);
  await expectMet(page, 'killed', 30_000);
  await expectMet(page, 'timeouts');
  await expect(page.getByTestId('lesson.goal.timeouts.detail')).toContainText('between T = 5.0 s and 2T = 10.0 s');
  await expectMet(page, 'replay');
  await expect(page.getByTestId('lesson.complete')).toBeVisible();
});

test('parallelism and capacity: the advisor’s change makes a saturated bolt keep up', async ({ designer, page }, info) => {
  await openLesson(page, 'capacity');
  const views = new RunViewsPage(page);
  await views.setSpeed(2);
  await run(page);
  await showLessons(page);
  await expectMet(page, 'saturated');
  await views.showTab('run');
  const advice = page.getByTestId('advisor.bolt.enrich');
  await expect(advice).toHaveAttribute('data-raise', 'true');
  await expect(advice).toContainText('it needs ≥');
  const needed = Number(await advice.getAttribute('data-needed'));
  expect(needed).toBeGreaterThan(1);
  await tallDock(page);
  await screenshot(page, info, 'advisor.png');
  await page.getByTestId('advisor.apply').click();
  await expect(designer.nodeParallelism('enrich')).toContainText(String(needed));
  await showLessons(page);
  await expectMet(page, 'keeps-up');
  await expect(page.getByTestId('lesson.complete')).toBeVisible();
  // Undo brings the parallelism back.
  await page.evaluate(() => window.__stormStudio!.undo());
  expect(await page.evaluate(() => window.__stormStudio!.getDocument().components.find((c) => c.id === 'enrich')!.parallelism)).toBe(1);
});

test('tick tuples and rolling counts: ticks at the period, then faster', async ({ designer, page }) => {
  await openLesson(page, 'ticks');
  const views = new RunViewsPage(page);
  await views.setSpeed(10);
  await run(page);
  await showLessons(page);
  await expectMet(page, 'ticks');
  await expect(page.getByTestId('lesson.goal.ticks.detail')).toContainText('its period: 3 s');
  await designer.node('rolling-count').click();
  await designer.setField('inspector.tick', '1');
  await run(page);
  await showLessons(page);
  await expectMet(page, 'faster');
  await expect(page.getByTestId('lesson.complete')).toBeVisible();
});
