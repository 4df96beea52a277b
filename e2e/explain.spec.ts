/**
 * What a learner sees, explained where they look (issue 10): every bolt's capacity at about 0
 * (why, and how to set a cost), and a spout emitting without a message id (Acked 0, latency "–",
 * no tuple tree: why, and the one-click `id=` change, undoable).
 */
import { expect, test } from './fixtures/test';
import { wordCountJs } from './fixtures/viz-topologies';
import { RunPage } from './pages/run-page';
import { RunViewsPage } from './pages/run-views-page';

test.describe.configure({ timeout: 120_000 });

test('capacity about 0: the canvas says so, and the advisor says why and how to set a cost', async ({ designer, page }) => {
  void designer;
  const run = new RunViewsPage(page);
  await run.load(wordCountJs());
  await run.start();
  const note = page.getByTestId('canvas.zero-capacity');
  await expect(note).toBeVisible({ timeout: 30_000 });
  await expect(note).toHaveAttribute('title', /default cost, 0\.01 ms of simulated time/);
  await note.click();
  await expect(page.getByTestId('advisor.zero')).toContainText('Simulated cost per call (ms)');
  // A bolt with a real cost: the note goes, the advisor gives figures.
  await page.evaluate(() => window.__stormStudio!.runCommand('run.stop'));
  const doc = wordCountJs({ countCostMs: 5 });
  await run.load(doc);
  await run.start();
  await run.waitEngineTime(4000);
  await expect(note).toHaveCount(0);
  await run.showTab('run');
  await expect(page.getByTestId('advisor.bolt.count')).toContainText(/capacity 0\.\d{3} at parallelism 3/);
});

test('a spout without message ids: why nothing is acked, and the id= change that tracks it', async ({ designer, page }) => {
  const run = new RunViewsPage(page);
  const base = wordCountJs();
  const untracked = {
    ...base,
    components: base.components.map((c) => (c.id === 'sentences' ? { ...c, code: { javascript: c.code.javascript!.replace('storm.emit([sentence], { id: this.nextId });', 'storm.emit([sentence]);') } } : c)),
  };
  await run.load(untracked);
  await run.start();
  await run.waitEngineTime(2000);
  const runPage = new RunPage(page);
  await run.showTab('run');
  const hint = page.getByTestId('untracked.sentences');
  await expect(hint).toContainText('without a message id');
  await expect(hint).toContainText('Acked stays 0');
  expect(await runPage.count('spouts', 'sentences', 'acked')).toBe(0);
  await expect(page.getByTestId('untracked.sentences.after')).toHaveText('storm.emit([sentence], { id: ++lastMessageId })');
  // Tuple trees says the same where it has nothing to list.
  await run.showTab('trees');
  await expect(page.getByTestId('trees.panel').getByTestId('untracked.sentences')).toBeVisible();

  await page.getByTestId('trees.panel').getByTestId('untracked.sentences.apply').click();
  expect((await designer.component('sentences'))!.code.javascript).toContain('storm.emit([sentence], { id: ++lastMessageId })');
  await run.start();
  await run.waitEngineTime(3000);
  await run.showTab('run');
  await expect.poll(() => runPage.count('spouts', 'sentences', 'acked'), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('untracked')).toHaveCount(0);
  await run.showTab('trees');
  await expect(run.treeItems().first()).toBeVisible({ timeout: 30_000 });
  // Undoable.
  await page.evaluate(() => window.__stormStudio!.undo());
  expect((await designer.component('sentences'))!.code.javascript).not.toContain('lastMessageId');
});
