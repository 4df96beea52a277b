/**
 * Help inside the app: F1 or `?` opens a dialog listing every shortcut of the command registry and
 * the user docs, rendered in the app from its own files (nothing is fetched from elsewhere); the
 * Help menu; "New topology" (undoable); and log levels per component, set in the inspector.
 */
import { expect, test } from './fixtures/test';
import { RunPage } from './pages/run-page';

test('F1 and ? open the help: every shortcut from the command registry', async ({ designer, page }) => {
  await page.keyboard.press('F1');
  const dialog = page.getByTestId('dialog.help');
  await expect(dialog).toBeVisible();
  const expected = await page.evaluate(() => window.__stormStudio!.listShortcuts());
  expect(expected.length).toBeGreaterThan(10);
  const shown = await page
    .locator('[data-testid^="help.shortcut."]')
    .evaluateAll((rows) => rows.map((r) => ({ id: r.getAttribute('data-command')!, shortcut: r.getAttribute('data-shortcut')! })));
  expect(shown.sort((a, b) => a.id.localeCompare(b.id))).toEqual([...expected].sort((a, b) => a.id.localeCompare(b.id)));
  await expect(page.getByTestId('help.shortcut.run.start')).toContainText('F5');
  await expect(page.getByTestId('help.shortcut.help.show')).toContainText('F1');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // `?` opens it too, but not while typing in a field.
  await page.keyboard.press('Shift+Slash');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByTestId('settings.name').click();
  await page.keyboard.type('?');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('settings.name')).toHaveValue('word-count?');
  void designer;
});

test('the docs open inside the help dialog, from the app itself', async ({ designer, page, baseURL }) => {
  const elsewhere: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(baseURL!) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) elsewhere.push(r.url());
  });
  // The Help menu in the toolbar lists the help and every doc.
  await page.getByTestId('toolbar.help').click();
  await expect(page.getByTestId('menu')).toBeVisible();
  await page.getByTestId('menu.help.doc.run-views').click();
  const dialog = page.getByTestId('dialog.help');
  const article = page.getByTestId('help.doc-view');
  await expect(article.getByRole('heading', { level: 1 })).toHaveText('Run views: seeing a topology run', { timeout: 15_000 });
  await expect(article.locator('table').first()).toBeVisible();
  // Screenshots are the app's own files too.
  const image = article.locator('img').first();
  await image.scrollIntoViewIfNeeded();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  // A link to another doc opens it in the dialog.
  await article.locator('a[href="engine.md"]').first().click();
  await expect(article.getByRole('heading', { level: 1 })).toContainText('engine', { ignoreCase: true });
  await expect(dialog).toBeVisible();
  // The list of docs.
  for (const name of ['readme', 'components', 'run-views', 'engine', 'python', 'formats', 'hosting', 'benchmarks']) await expect(page.getByTestId(`help.doc.${name}`)).toBeVisible();
  expect(elsewhere).toEqual([]);
  void designer;
});

test('New topology: an empty canvas, the previous one a Ctrl+Z away', async ({ designer, page }) => {
  await expect(designer.nodes()).toHaveCount(3);
  await page.getByTestId('toolbar.file.new').click();
  await expect(designer.nodes()).toHaveCount(0);
  await expect(page.getByTestId('notice').first()).toContainText('Ctrl+Z');
  const doc = await designer.document();
  expect(doc.components).toEqual([]);
  expect(doc.subscriptions).toEqual([]);
  await page.keyboard.press('Control+z');
  await expect(designer.nodes()).toHaveCount(3);
  expect((await designer.document()).name).toBe('word-count');
  await page.keyboard.press('Control+Shift+z');
  await expect(designer.nodes()).toHaveCount(0);
});

test('a log level per component, set in the inspector; "All levels" shows DEBUG lines', async ({ designer, page }) => {
  test.setTimeout(120_000);
  await designer.node('count').click();
  const level = page.getByTestId('inspector.log-level');
  await expect(level).toHaveValue('');
  await level.selectOption('DEBUG');
  expect((await designer.component('count'))!.config['studio.log.level']).toBe('DEBUG');
  await designer.node('split').click();
  await expect(page.getByTestId('inspector.log-level')).toHaveValue('');

  const run = new RunPage(page);
  await run.run();
  await run.expectStatus('running', 60_000);
  await page.getByTestId('dock.tab.logs').click();
  await expect(page.getByTestId('run.logs.level')).toHaveValue('ALL');
  // count logs at DEBUG: Petrel's BasicBolt profile comes every second; split stays at INFO.
  const debug = page.locator('[data-testid="run.logs.line"][data-level="DEBUG"]');
  await expect(debug.first()).toContainText('BasicBolt profile', { timeout: 30_000 });
  expect(await debug.evaluateAll((lines) => [...new Set(lines.map((l) => l.getAttribute('data-component')))])).toEqual(['count']);
  await page.getByTestId('run.logs.level').selectOption('INFO');
  await expect(debug).toHaveCount(0);
  await run.stop();
});
