/**
 * A document's Python packages: a pure-Python wheel added in the topology inspector is installed
 * into the simulation worker's Python with micropip (served by the app, nothing from a CDN) and a
 * component imports it; files that are not pure-Python wheels are refused with the reason, the
 * document kept as it was.
 */
import { expect, test } from './fixtures/test';
import { RunPage } from './pages/run-page';
import { tinyWheel } from '../src/python/test-wheel';

test.describe.configure({ timeout: 120_000 });

const wheel = Buffer.from(tinyWheel('wordtools', '1.0', { 'wordtools/__init__.py': 'def shout(w):\n    return w.upper() + "!"\n' }));

test('a wheel added in the inspector is installed offline and imported by a component', async ({ designer, page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const run = new RunPage(page);
  const doc = await run.document();
  const count = doc.components.find((c) => c.id === 'count')!;
  const shouting = count
    .code.python!.replace('import logging\n', 'import logging\nfrom wordtools import shout\n')
    .replace('        word = tup.values[0]\n', "        word = tup.values[0]\n        if not getattr(self, '_said', False):\n            self._said = True\n            log.info('shouted %s', shout('moon'))\n");
  expect(shouting).toContain("shout('moon')");
  await run.setCode('count', 'python', shouting);

  await designer.clickPane();
  const section = page.getByTestId('settings.packages');
  await section.scrollIntoViewIfNeeded();
  await page.getByTestId('settings.packages.input').setInputFiles({ name: 'wordtools-1.0-py3-none-any.whl', mimeType: 'application/zip', buffer: wheel });
  await expect(page.getByTestId('settings.packages.item')).toContainText('wordtools-1.0-py3-none-any.whl');
  await expect(page.getByTestId('settings.packages.item')).toContainText('import wordtools');
  await expect(page.getByTestId('toolbar.problems')).toHaveText('Valid');

  // Not a wheel, a platform wheel, a corrupt one: refused with the reason, the document unchanged.
  await page.getByTestId('settings.packages.input').setInputFiles([
    { name: 'numpy-2.1.0-cp314-cp314-pyodide_2026_0_wasm32.whl', mimeType: 'application/zip', buffer: wheel },
    { name: 'broken-1.0-py3-none-any.whl', mimeType: 'application/zip', buffer: Buffer.from('PK\u0003\u0004 not a zip') },
  ]);
  const errors = page.getByTestId('settings.packages.error');
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toContainText('it is built for one platform (cp314-cp314-pyodide_2026_0_wasm32)');
  await expect(errors.nth(1)).toContainText('it is not a readable zip archive');
  await expect(page.getByTestId('settings.packages.item')).toHaveCount(1);
  await section.screenshot({ path: 'test-results/packages-section.png' });

  await run.run();
  await run.expectStatus('running', 60_000);
  await expect
    .poll(async () => (await page.evaluate(() => window.__stormStudioRun!.logs('count').map((l) => l.message))).some((m) => m.includes('shouted MOON!')), { timeout: 60_000 })
    .toBe(true);
  await run.stop();
  const origin = new URL(page.url()).origin;
  expect(requests.filter((u) => u.includes('micropip'))).toEqual([`${origin}/pyodide/micropip-0.11.1-py3-none-any.whl`]);
  expect(requests.every((u) => u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:'))).toBe(true);
  const saved = await run.document();
  expect(saved.packages?.map((p) => p.file)).toEqual(['wordtools-1.0-py3-none-any.whl']);
});
