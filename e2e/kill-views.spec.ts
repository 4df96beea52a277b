/**
 * Kill worker: what the Run panel says is what Tuple trees and the Spouts table show (issue 10,
 * "Broken today" 5). Killing the spout's own worker loses its pending trees with it: the banner
 * says they are neither timed out nor replayed, the Spouts table counts no failure, and Tuple
 * trees lists no timeout or replay — and says how its sample relates to the table's counts.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';
import { wordCountJs } from './fixtures/viz-topologies';
import { RunPage } from './pages/run-page';
import { RunViewsPage } from './pages/run-views-page';

test.describe.configure({ timeout: 120_000 });

/** Word count over 2 workers, T = 3 s, run to 1.5 s: the run, and which worker holds the spout. */
async function startTwoWorkers(page: Page): Promise<{ run: RunViewsPage; spoutWorker: number }> {
  const run = new RunViewsPage(page);
  const base = wordCountJs({ workers: 2 });
  await run.load({ ...base, config: { ...base.config, messageTimeoutSecs: 3 } });
  await run.start();
  await run.showTab('plan');
  const workers = await run.planWorkers();
  const spoutWorker = workers.findIndex((w) => w.some((e) => e.startsWith('sentences:')));
  expect(spoutWorker).toBeGreaterThanOrEqual(0);
  await run.waitEngineTime(1500);
  return { run, spoutWorker };
}

test('killing the spout’s own worker: the banner, the Spouts table and Tuple trees agree', async ({ designer, page }) => {
  void designer;
  const { run, spoutWorker } = await startTwoWorkers(page);
  await page.getByTestId(`plan.kill.${spoutWorker}`).click();
  await expect(page.getByTestId(`plan.state.${spoutWorker}`)).toHaveAttribute('data-state', 'dead');

  await run.showTab('run');
  const banner = page.getByTestId('run.kill');
  await expect(banner).toContainText('sentences ran in this worker: its pending trees died with it (Tuple trees: lost)');
  await expect(banner).toContainText('neither time out nor replay');
  await expect(banner).not.toContainText("fail() replays");

  // Past 2T after the restart: nothing timed out, nothing failed, nothing replayed — in every view.
  await run.waitEngineTime(1500 + 2000 + 2 * 3000 + 1000);
  const runPage = new RunPage(page);
  expect(await runPage.count('spouts', 'sentences', 'failed')).toBe(0);
  await run.showTab('trees');
  await expect(page.getByTestId('trees.totals')).toContainText(/acked, 0 failed \(0 timed out\); [\d,]+ tuples lost with a dead worker/);
  await page.getByTestId('trees.filter.timed-out').click();
  await expect(run.treeItems()).toHaveCount(0);
  await page.getByTestId('trees.filter.replays').click();
  await expect(run.treeItems()).toHaveCount(0);
  await expect(page.getByTestId('trees.filter.lost')).toBeVisible();
});

test('killing another worker: the banner promises timeouts and replays, and Tuple trees shows them', async ({ designer, page }) => {
  void designer;
  const { run, spoutWorker } = await startTwoWorkers(page);
  await page.getByTestId(`plan.kill.${1 - spoutWorker}`).click();
  await run.showTab('run');
  await expect(page.getByTestId('run.kill')).toContainText("they time out between T and 2T (T = topology.message.timeout.secs = 3 s) and the spout's fail() replays them");
  await run.showTab('trees');
  await expect(page.getByTestId('trees.totals')).toContainText(/acked, [1-9][\d,]* failed \([1-9][\d,]* timed out\)/, { timeout: 30_000 });
  await page.getByTestId('trees.filter.timed-out').click();
  await expect.poll(() => run.treeItems('timed-out').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.getByTestId('trees.filter.replays').click();
  await expect.poll(() => run.treeItems().count(), { timeout: 30_000 }).toBeGreaterThan(0);
});
