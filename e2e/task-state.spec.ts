/**
 * The run views' per-bolt time split (read · process · ack, Petrel's BasicBolt profile) and each
 * task's own state (what a counting bolt's instance keeps), in the browser: Python (Pyodide) and
 * JavaScript. Screenshots: run-time-split.png, task-state.png.
 */
import type { Page } from '@playwright/test';
import { screenshot } from './fixtures/screenshot';
import { expect, test } from './fixtures/test';
import { RunPage } from './pages/run-page';
import { RunViewsPage } from './pages/run-views-page';

test.describe.configure({ timeout: 180_000 });

async function tallDock(page: Page): Promise<void> {
  await page.getByTestId('dock.resize').focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowUp');
}

/** The words in a field's repr: `{'the': 3, …}` (Python) or `Map(2) { 'the' => 3, … }` (JavaScript). */
const wordsIn = (repr: string) => new Set([...repr.matchAll(/'([^']+)'(?::| =>)/g)].map((m) => m[1]!));

async function countTaskWords(page: Page, field: string): Promise<Map<string, Set<string>>> {
  const rows = page.locator('[data-testid^="tasks.state.count."]');
  const out = new Map<string, Set<string>>();
  for (const row of await rows.all()) {
    const id = (await row.getAttribute('data-testid'))!;
    out.set(id, wordsIn(await row.locator(`[data-field="${field}"] dd`).innerText()));
  }
  return out;
}

function expectDisjoint(words: Map<string, Set<string>>): void {
  const all = [...words.values()].flatMap((s) => [...s]);
  expect(all.length).toBeGreaterThan(0);
  expect(new Set(all).size, 'no word is in two count tasks').toBe(all.length);
  for (const [task, set] of words) expect(set.size, `${task} keeps some words`).toBeGreaterThan(0);
}

test('Python word count: each count task keeps its own words, when paused and after stopping', async ({ designer, page }, info) => {
  const run = new RunPage(page);
  const views = new RunViewsPage(page);
  await views.setSpeed(10);
  await run.showRunTab();
  await run.run();
  await run.expectStatus('running', 120_000);
  await expect.poll(() => run.count('bolts', 'count', 'executed'), { timeout: 60_000 }).toBeGreaterThan(200);

  await views.showTab('plan');
  await expect(page.getByTestId('tasks.state.note')).toContainText('Pause or stop the run');
  await run.pauseOrResume();
  await run.expectStatus('paused');
  await page.getByTestId('tasks.state.component').selectOption('count');
  await expect(page.locator('[data-testid^="tasks.state.count."]').first()).toBeVisible();
  const paused = await countTaskWords(page, '_counts');
  expect(paused.size).toBeGreaterThan(1);
  expectDisjoint(paused);
  await expect(page.locator('[data-testid^="tasks.state.count."] [data-field="_counts"] dt').first()).toContainText('self._counts');
  // The inspector of the selected count bolt has the same, one line per task.
  await designer.node('count').click();
  await expect(page.getByTestId('inspector.task-state').locator('[data-field="_counts"]')).toHaveCount(paused.size);
  await tallDock(page);
  await page.getByTestId('tasks.state').scrollIntoViewIfNeeded();
  await screenshot(page, info, 'task-state.png');

  // Running again: the state would be stale, so it is not shown.
  await run.pauseOrResume();
  await run.expectStatus('running');
  await expect(page.getByTestId('tasks.state.note')).toContainText('Pause or stop the run');
  await run.stop();
  await run.expectStatus('stopped');
  await expect(page.getByTestId('tasks.state')).toContainText('when the run stopped');
  const stopped = await countTaskWords(page, '_counts');
  expectDisjoint(stopped);
  // Counting went on between the pause and the stop: every task still keeps the words it had.
  for (const [task, words] of paused) for (const w of words) expect(stopped.get(task)!.has(w) || stopped.get(task)!.size >= 30, `${task} still has ${w}`).toBe(true);
});

test('JavaScript word count: the Bolts table splits each bolt’s time into read · process · ack', async ({ designer, page }, info) => {
  void designer;
  const run = new RunPage(page);
  await run.useLanguage('javascript');
  await run.showRunTab();
  await run.run();
  await run.expectStatus('running');
  await expect.poll(() => run.count('bolts', 'count', 'executed'), { timeout: 30_000 }).toBeGreaterThan(200);
  await run.pauseOrResume();
  await run.expectStatus('paused');
  for (const bolt of ['split', 'count']) {
    const text = await run.cell('bolts', bolt, 'split').innerText();
    const m = /^([\d.]+) · ([\d.]+) · ([\d.]+|–)\s+([\d.]+)% · ([\d.]+)% · ([\d.]+%|–)$/.exec(text.trim());
    expect(m, `${bolt}: ${text}`).not.toBeNull();
    const pcts = [Number(m![4]), Number(m![5]), m![6] === '–' ? 0 : Number(m![6]!.slice(0, -1))];
    expect(pcts.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
    // Process is the execute latency column's mean.
    const execute = (await run.cell('bolts', bolt, 'execute').innerText()).split('\n')[0]!;
    expect(m![2]).toBe(execute);
  }
  await expect(page.locator('th[title*="avg_read_time"]')).toHaveText('Read · process · ack (ms)');
  await tallDock(page);
  await page.getByTestId('run.bolts').scrollIntoViewIfNeeded();
  await screenshot(page, info, 'run-time-split.png');
  // The JavaScript count task keeps a Map per task.
  await new RunViewsPage(page).showTab('plan');
  await page.getByTestId('tasks.state.component').selectOption('count');
  expectDisjoint(await countTaskWords(page, 'counts'));
  await expect(page.locator('[data-testid^="tasks.state.count."] [data-field="counts"] dt').first()).toContainText('this.counts');
});
