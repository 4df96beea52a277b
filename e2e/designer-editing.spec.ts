/**
 * Editing in the designer: selection, clipboard, delete, auto-layout, rename, streams, tick
 * period, language, examples gallery, saving a .json, themes.
 */
import { readFile } from 'node:fs/promises';
import { tinyTopology } from './fixtures/topologies';
import { expect, test } from './fixtures/test';

test('copy and paste with new ids; Delete removes the selection, in one undo step', async ({ designer, page }) => {
  await designer.node('split').click();
  await designer.node('count').click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('inspector.multi')).toContainText('2 components');
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(designer.node('split-2')).toBeVisible();
  await expect(designer.node('count-2')).toBeVisible();
  await expect(designer.edge('split-2->count-2')).toHaveText('fields(word)');
  expect((await designer.page.evaluate(() => window.__stormStudio!.getSelection())).components).toEqual(['split-2', 'count-2']);

  await page.keyboard.press('Delete');
  await expect(designer.node('split-2')).toHaveCount(0);
  await expect(designer.node('count-2')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(designer.node('split-2')).toBeVisible();
  await expect(designer.node('count-2')).toBeVisible();
});

test('a Shift+drag box selects several nodes; Backspace deletes them with their edges', async ({ designer, page }) => {
  await designer.page.evaluate(() => window.__stormStudio!.runCommand('view.fit'));
  const canvas = (await designer.canvas().boundingBox())!;
  const split = (await designer.node('split').boundingBox())!;
  const count = (await designer.node('count').boundingBox())!;
  await designer.boxSelect(
    { x: split.x - canvas.x - 20, y: Math.min(split.y, count.y) - canvas.y - 20 },
    { x: count.x + count.width - canvas.x + 20, y: Math.max(split.y + split.height, count.y + count.height) - canvas.y + 20 },
  );
  await expect.poll(async () => [...(await page.evaluate(() => window.__stormStudio!.getSelection())).components].sort()).toEqual(['count', 'split']);
  await page.keyboard.press('Backspace');
  await expect(designer.nodes()).toHaveCount(1);
  expect((await designer.document()).subscriptions).toEqual([]);
});

test('auto-layout arranges the graph left to right and can be undone', async ({ designer, page }) => {
  const loaded = await page.evaluate((doc) => window.__stormStudio!.loadDocument(JSON.stringify(doc)), {
    ...tinyTopology,
    // Stack both nodes at the same spot: auto-layout must pull them apart.
    components: tinyTopology.components.map((c) => ({ ...c, position: { x: 0, y: 0 } })),
  });
  expect(loaded).toEqual({ ok: true });
  await expect(designer.node('printer')).toBeVisible();
  await designer.toolbarButton('view.layout').click();
  await expect.poll(async () => (await designer.component('printer'))!.position.x).toBeGreaterThan(200);
  const doc = await designer.document();
  expect(doc.components[0]!.position.x).toBeLessThan(doc.components[1]!.position.x);
  const spout = (await designer.node('numbers').boundingBox())!;
  const bolt = (await designer.node('printer').boundingBox())!;
  expect(spout.x + spout.width).toBeLessThan(bolt.x);
  await designer.toolbarButton('edit.undo').click();
  await expect.poll(async () => (await designer.component('printer'))!.position).toEqual({ x: 0, y: 0 });
});

test('renaming keeps subscriptions consistent and rejects duplicates with a message', async ({ designer, page }) => {
  await designer.node('split').click();
  await designer.setField('inspector.id', 'count');
  await expect(page.getByTestId('inspector.id.error')).toHaveText('A component named "count" already exists.');
  expect((await designer.document()).components.map((c) => c.id)).toEqual(['sentences', 'split', 'count']);

  await designer.setField('inspector.id', 'splitter');
  await expect(designer.node('splitter')).toBeVisible();
  await expect(page.getByTestId('inspector.title')).toHaveText('splitter');
  await expect(designer.edge('split->count')).toHaveText('fields(word)');
  const subs = (await designer.document()).subscriptions.map((s) => [s.from, s.to]);
  expect(subs).toEqual([
    ['sentences', 'splitter'],
    ['splitter', 'count'],
  ]);
});

test('streams: add one, connect from it, and removing a stream that is read is refused', async ({ designer, page }) => {
  await designer.node('sentences').click();
  await page.getByTestId('inspector.add-stream').click();
  await designer.setField('inspector.stream.stream.id', 'errors');
  await designer.setField('inspector.stream.errors.fields', 'sentence, reason');
  await expect(designer.node('sentences')).toContainText('sentence, reason');
  await designer.connect('sentences', 'errors', 'count');
  await expect(designer.edge('sentences:errors->count')).toHaveText('errors: shuffle');

  // The edge's field chooser offers the fields of the stream it reads.
  await page.getByTestId('inspector.grouping').selectOption('fields');
  await expect(page.getByTestId('inspector.fields').locator('input')).toHaveCount(2);
  await page.getByTestId('inspector.field.reason').check();
  await expect(designer.edge('sentences:errors->count')).toHaveText('errors: fields(reason)');

  await designer.node('sentences').click();
  await page.getByTestId('inspector.stream.errors.remove').click();
  await expect(page.getByTestId('notice').last()).toHaveText('Stream "errors" of "sentences" is read by "count": delete that edge first.');
  expect((await designer.component('sentences'))!.streams.map((s) => s.id)).toEqual(['default', 'errors']);
});

test('the tick period and getComponentConfiguration stay in sync; switching language keeps both codes', async ({ designer, page }) => {
  await designer.node('count').click();
  await designer.setField('inspector.tick', '5');
  await expect(designer.node('count')).toContainText('5s');
  await designer.waitEditor('count');
  await expect.poll(() => designer.editorText()).toContain("return {'topology.tick.tuple.freq.secs': 5}");

  await page.getByTestId('inspector.language').selectOption('javascript');
  await expect(page.getByTestId('editor.file')).toHaveText('count.js');
  await expect.poll(() => designer.editorText()).toContain("getComponentConfiguration() {\n    return { 'topology.tick.tuple.freq.secs': 5 };");
  const c = (await designer.component('count'))!;
  expect(c.language).toBe('javascript');
  expect(c.code.python).toContain("'topology.tick.tuple.freq.secs': 5");

  await designer.setField('inspector.tick', 'soon');
  await expect(page.getByTestId('inspector.tick.error')).toHaveText('The tick frequency must be a number > 0; "soon" is not.');
});

test('the examples gallery opens rolling top words; Undo brings the previous topology back', async ({ designer, page }) => {
  await designer.toolbarButton('file.examples').click();
  await page.getByTestId('examples.open.rolling-top-words').click();
  await expect(designer.node('total-rankings')).toBeVisible();
  await expect(designer.edge('intermediate-rankings->total-rankings')).toHaveText('global');
  await expect(designer.node('rolling-count')).toContainText('3s');
  await expect(page.getByTestId('toolbar.topology-name')).toHaveText('rolling-top-words');

  await designer.toolbarButton('file.examples').click();
  await page.getByTestId('examples.language.javascript').click();
  await page.getByTestId('examples.open.groupings-tour').click();
  await expect(designer.edge('router:assign->sessions')).toHaveText('assign: direct');
  expect((await designer.document()).components.every((c) => c.language === 'javascript')).toBe(true);

  await designer.clickPane();
  await page.keyboard.press('Control+z');
  await expect(designer.node('total-rankings')).toBeVisible();
});

test('Ctrl+S saves the document as a .json that opens again', async ({ designer, page }) => {
  await designer.node('split').click();
  await designer.setField('inspector.parallelism', '3');
  await designer.clickPane();
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('word-count.json');
  const text = await readFile((await download.path())!, 'utf8');
  expect(JSON.parse(text)).toEqual(await designer.document());

  // Saving also works while typing in the code editor.
  await designer.node('count').click();
  await designer.waitEditor('count');
  await designer.focusEditor();
  const again = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  expect((await again).suggestedFilename()).toBe('word-count.json');

  await designer.openFile('word-count.json', text.replace('"word-count"', '"reopened"'));
  await expect(page.getByTestId('toolbar.topology-name')).toHaveText('reopened');
});

test('the theme toggles between light and dark and is remembered', async ({ designer, page }) => {
  const html = page.locator('html');
  const start = await html.getAttribute('data-theme');
  await designer.page.getByTestId('toolbar.view.theme').click();
  const next = start === 'dark' ? 'light' : 'dark';
  await expect(html).toHaveAttribute('data-theme', next);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.reload();
  await designer.waitReady();
  await expect(html).toHaveAttribute('data-theme', next);
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background);
});

test('the Problems tab lists diagnostics and selects what they are about', async ({ designer, page }) => {
  await designer.addFromPalette('bolt');
  await designer.showDockTab('problems');
  const list = page.getByTestId('problems.list');
  await expect(list).toContainText('Bolt "new-bolt" subscribes to nothing');
  await expect(page.getByTestId('dock.tab.problems')).toContainText('1');
  await designer.clickPane();
  await list.getByText('Bolt "new-bolt" subscribes to nothing').click();
  await expect(page.getByTestId('inspector.title')).toHaveText('new-bolt');
  // Revealing zooms onto the bolt; fit the view again so both ends of the new edge are visible.
  await designer.toolbarButton('view.fit').click();
  await designer.connect('count', 'default', 'new-bolt');
  await expect(page.getByTestId('problems.empty')).toBeVisible();
});

test('topology settings: Storm config, custom keys with JSON values, simulation', async ({ designer, page }) => {
  await designer.clickPane();
  await expect(page.getByTestId('inspector.topology')).toBeVisible();
  await designer.setField('settings.workers', '3');
  await designer.setField('settings.ackers', '0');
  await designer.setField('settings.max-pending', '500');
  await page.getByTestId('settings.debug').check();
  await designer.setField('settings.name', 'words');
  await expect(page.getByTestId('toolbar.topology-name')).toHaveText('words');
  await designer.setField('settings.name', 'bad/name');
  await expect(page.getByTestId('inspector.problems')).toContainText('Topology name "bad/name" is not valid in Storm');
  await expect(page.getByTestId('toolbar.problems')).toHaveText('1 error');
  await designer.setField('settings.name', 'words');

  await page.getByTestId('settings.custom.add').click();
  await designer.setField('settings.custom.0.key', 'topology.workers');
  await expect(page.getByTestId('settings.custom.0.key.error')).toHaveText('Set topology.workers with the "Workers" field above.');
  await designer.setField('settings.custom.0.key', 'words.min.length');
  await designer.setField('settings.custom.0.value', 'three');
  await expect(page.getByTestId('settings.custom.0.value.error')).toContainText('Text needs quotes: "three".');
  await designer.setField('settings.custom.0.value', '3');
  await page.getByTestId('settings.on-error').selectOption('fail-tuple');

  const doc = await designer.document();
  expect(doc.name).toBe('words');
  expect(doc.config).toEqual({ workers: 3, ackers: 0, messageTimeoutSecs: 30, maxSpoutPending: 500, debug: true, custom: { 'words.min.length': 3 } });
  expect(doc.simulation.onError).toBe('fail-tuple');
});

test('dragging a node moves it in the document in one undo step', async ({ designer, page }) => {
  const before = (await designer.component('split'))!.position;
  const box = (await designer.node('split').locator('.sn-header').boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 60, box.y + 60, { steps: 5 });
  await page.mouse.move(box.x + 90, box.y + 140, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await designer.component('split'))!.position.y).toBeGreaterThan(before.y + 60);
  await designer.clickPane();
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await designer.component('split'))!.position).toEqual(before);
});
