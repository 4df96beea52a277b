/**
 * Screenshots of the run panel and the log. They are written to the test output; with
 * `UPDATE_SCREENSHOTS=1` they also replace the ones in docs/screenshots/.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';
import { RunPage } from './pages/run-page';

test.describe.configure({ timeout: 120_000 });
const update = process.env.UPDATE_SCREENSHOTS === '1';

/** Drags the dock's top edge up so that it takes most of the window. */
async function tallDock(page: Page): Promise<void> {
  const handle = (await page.locator('.dock-resize').boundingBox())!;
  await page.mouse.move(handle.x + 200, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + 200, 150, { steps: 5 });
  await page.mouse.up();
  // The canvas refits once the drag settles: the graph stays in view above the tall dock.
  for (const id of ['sentences', 'split', 'count']) await expect(page.locator(`.react-flow__node[data-id="${id}"]`)).toBeInViewport({ ratio: 0.99 });
}

async function save(path: string, name: string): Promise<void> {
  if (!update) return;
  await mkdir('docs/screenshots', { recursive: true });
  await copyFile(path, `docs/screenshots/${name}`);
}

test('the run panel: word count (Python) with the count bolt broken down by executor and task', async ({ designer, page }, info) => {
  const run = new RunPage(page);
  await run.showRunTab();
  await page.getByTestId('run.speed').selectOption('10');
  await run.run();
  await run.expectStatus('running');
  await expect.poll(() => run.count('bolts', 'count', 'executed'), { timeout: 30_000 }).toBeGreaterThan(5000);
  await run.pauseOrResume();
  await run.expectStatus('paused');
  await page.getByTestId('run.bolts.expand.count').click();
  await tallDock(page);
  await page.locator('.run-body').evaluate((el) => el.scrollTo(0, 0));
  await page.mouse.move(0, 0);
  const light = info.outputPath('run-panel.png');
  await page.screenshot({ path: light });
  await save(light, 'run-panel.png');

  await page.getByTestId('toolbar.view.theme').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.mouse.move(0, 0);
  const dark = info.outputPath('run-panel-dark.png');
  await page.screenshot({ path: dark });
  await save(dark, 'run-panel-dark.png');
  void designer;
});

test('the log: a Python bolt raising ValueError, with the traceback and the tuple', async ({ designer, page }, info) => {
  const run = new RunPage(page);
  const doc = await run.document();
  const count = doc.components.find((c) => c.id === 'count')!;
  await run.setCode('count', 'python', count.code.python!.replace("        word = tup.values[0]\n", "        word = tup.values[0]\n        if word == 'moon':\n            raise ValueError('abc')\n"));
  await run.run();
  await run.expectStatus('running');
  await expect(run.cell('bolts', 'count', 'error')).toContainText('ValueError: abc', { timeout: 30_000 });
  await run.pauseOrResume();
  await run.showLog('count');
  await page.getByTestId('run.logs.level').selectOption('WARNING');
  await tallDock(page);
  await page.mouse.move(0, 0);
  const path = info.outputPath('run-log.png');
  await page.screenshot({ path });
  await save(path, 'run-log.png');
  void designer;
});
