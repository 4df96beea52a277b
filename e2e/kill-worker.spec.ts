/**
 * Teaching faults from the Plan view: killing a Storm worker during a run. The worker box shows it
 * dead and restarting, then alive again after the supervisor's delay; the Run panel and the log say
 * what happened; the trees whose tuples died with it time out and the spout replays them (Tuple
 * trees). Screenshots go to the test output; with `UPDATE_SCREENSHOTS=1` they also replace the
 * ones in docs/screenshots/.
 */
import { screenshot } from './fixtures/screenshot';
import { expect, test } from './fixtures/test';
import { wordCountJs } from './fixtures/viz-topologies';
import { RunViewsPage } from './pages/run-views-page';

test.describe.configure({ timeout: 90_000 });


test('kill a worker from the Plan view: dead and restarting, alive again, its trees time out and replay', async ({ designer, page }, info) => {
  const run = new RunViewsPage(page);
  const base = wordCountJs({ workers: 2 });
  // A short timeout and a restart slow enough to watch (virtual time at speed 1 = real time).
  await run.load({ ...base, config: { ...base.config, ackers: 1, messageTimeoutSecs: 3 }, simulation: { ...base.simulation, workerRestartSecs: 4 } });
  await run.showTab('plan');
  // No run: nothing to kill.
  await expect(page.locator('[data-testid^="plan.kill."]')).toHaveCount(0);

  await run.start();
  await run.showTab('plan');
  // Worker 1 runs count tasks 2 and 4 and split task 6 (no spout, no acker): what it holds is lost.
  await expect.poll(async () => (await run.planWorkers())[1]).toEqual(['count:2', 'count:4', 'split:6']);
  await expect(page.getByTestId('plan.state.1')).toHaveAttribute('data-state', 'alive');
  await run.waitEngineTime(2000);

  await page.getByTestId('plan.kill.1').click();
  const state = page.getByTestId('plan.state.1');
  await expect(state).toHaveAttribute('data-state', 'dead');
  await expect(state).toHaveText(/^dead \(killed\) — restarting: Storm's supervisor starts it again at t = \d/);
  await expect(page.getByTestId('plan.worker.1')).toHaveClass(/is-down/);
  // A dead worker cannot be killed again; the other one can.
  await expect(page.getByTestId('plan.kill.1')).toHaveCount(0);
  await expect(page.getByTestId('plan.kill.0')).toBeVisible();
  await expect(page.getByTestId('plan.state.0')).toHaveAttribute('data-state', 'alive');
  await screenshot(page, info, 'run-kill-worker.png');

  // The log has the engine's line; the Run panel says what a kill does.
  const logs = await page.evaluate(() => window.__stormStudioRun!.logs('__system').map((l) => l.message));
  expect(logs.filter((m) => /^Worker 1 \(port 6701\) died: killed\. The supervisor restarts it in 4 s; its in-flight tuples are lost/.test(m))).toHaveLength(1);
  await run.showTab('run');
  const banner = page.getByTestId('run.kill');
  await expect(banner).toHaveCount(1);
  await expect(banner).toHaveAttribute('data-worker', '1');
  await expect(banner).toContainText(
    /^Worker 1 \(port 6701\) was killed at t = [\d.]+ s: the tuples queued in its executors and in flight are lost\. Trees of sentences that lost a tuple are never acked: they time out between T and 2T \(T = topology\.message\.timeout\.secs = 3 s\) and the spout's fail\(\) replays them \(Tuple trees: timed out, replay\)\. Storm's supervisor restarts the worker after 4 s\./,
  );

  // The supervisor restarts it: alive again.
  await run.showTab('plan');
  await expect(state).toHaveAttribute('data-state', 'alive', { timeout: 20_000 });
  await expect(state).toHaveAttribute('data-restarted', 'true');
  await expect(state).toHaveText(/^alive again — restarted at t = \d/);
  await expect(page.getByTestId('plan.kill.1')).toBeVisible();
  await expect
    .poll(async () => (await page.evaluate(() => window.__stormStudioRun!.logs('__system').map((l) => l.message))).filter((m) => m === 'Worker 1 (port 6701) restarted by the supervisor.').length)
    .toBe(1);

  // Tuple trees: trees that lost tuples with the worker time out, and the spout replays them.
  await run.showTab('trees');
  await expect.poll(() => run.treeItems('timed-out').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.getByTestId('trees.filter.replays').click();
  await expect.poll(() => page.locator('[data-testid^="trees.item."]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await run.pause();
  await page.getByTestId('trees.filter.timed-out').click();
  await page.locator('[data-testid^="trees.item."][data-status="timed-out"]').first().click();
  await expect(page.getByTestId('trees.detail')).toBeVisible();
  await screenshot(page, info, 'run-kill-worker-trees.png');

  // After the run, nothing to kill.
  await page.evaluate(() => window.__stormStudio!.runCommand('run.stop'));
  await run.showTab('plan');
  await expect(page.locator('[data-testid^="plan.kill."]')).toHaveCount(0);
  void designer;
});
