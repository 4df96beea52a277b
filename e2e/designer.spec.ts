/**
 * The designer's main flows, on the built app in Chromium: a fresh start, building a topology
 * from the palette, code in Monaco, undo/redo, autosave across a reload, and bad files.
 */
import { futureVersionJson, truncatedJson } from './fixtures/topologies';
import { expect, test } from './fixtures/test';

test('a fresh start shows the word count example', async ({ designer, page }) => {
  await expect(designer.nodes()).toHaveCount(3);
  await expect(designer.node('sentences')).toHaveAttribute('data-kind', 'spout');
  await expect(designer.node('split')).toHaveAttribute('data-kind', 'bolt');
  await expect(designer.nodeParallelism('split')).toHaveText('×2');
  await expect(designer.nodeParallelism('count')).toHaveText('×3');
  await expect(designer.edge('sentences->split')).toHaveText('shuffle');
  await expect(designer.edge('split->count')).toHaveText('fields(word)');
  await expect(page.getByTestId('toolbar.problems')).toHaveText('Valid');
  await expect(page.getByTestId('inspector.topology')).toBeVisible();
});

test('adds a spout and a bolt from the palette, connects them, sets fields grouping and parallelism', async ({ designer, page }) => {
  await designer.addFromPalette('spout');
  await expect(designer.node('new-spout')).toBeVisible();
  await expect(page.getByTestId('inspector.title')).toHaveText('new-spout');
  await designer.addFromPalette('bolt');
  await expect(designer.node('new-bolt')).toBeVisible();
  // A bolt without input is an error until it is connected.
  await expect(page.getByTestId('canvas.node.new-bolt.problems')).toBeVisible();

  await designer.connect('new-spout', 'default', 'new-bolt');
  const edge = designer.edge('new-spout->new-bolt');
  await expect(edge).toHaveText('shuffle');
  await expect(page.getByTestId('inspector.subscription')).toBeVisible();
  await expect(page.getByTestId('canvas.node.new-bolt.problems')).toHaveCount(0);

  // Fields grouping: the chooser offers only the source stream's fields.
  await page.getByTestId('inspector.grouping').selectOption('fields');
  await expect(page.getByTestId('inspector.problems')).toContainText('fields grouping names no field');
  await expect(page.getByTestId('inspector.fields').locator('input')).toHaveCount(1);
  await page.getByTestId('inspector.field.value').check();
  await expect(edge).toHaveText('fields(value)');

  await designer.node('new-bolt').click();
  await designer.setField('inspector.parallelism', '4');
  await expect(designer.nodeParallelism('new-bolt')).toHaveText('×4');
  await designer.setField('inspector.num-tasks', '8');
  await expect(designer.nodeParallelism('new-bolt')).toHaveText('×4 · 8 tasks');

  const doc = await designer.document();
  expect(doc.subscriptions.find((s) => s.id === 'new-spout->new-bolt')).toMatchObject({ stream: 'default', grouping: { kind: 'fields', fields: ['value'] } });
  expect(doc.components.find((c) => c.id === 'new-bolt')).toMatchObject({ parallelism: 4, numTasks: 8 });

  // A value the model refuses stays in the field with the reason; the document is untouched.
  await designer.setField('inspector.parallelism', '0');
  await expect(page.getByTestId('inspector.parallelism.error')).toHaveText('Parallelism must be a whole number ≥ 1.');
  expect((await designer.component('new-bolt'))!.parallelism).toBe(4);
});

test('a palette item can be dragged onto the canvas', async ({ designer }) => {
  await designer.page.getByTestId('palette.bolt').dragTo(designer.canvas(), { targetPosition: { x: 300, y: 60 } });
  await expect(designer.node('new-bolt')).toBeVisible();
});

test('code typed in Monaco goes into the document, and the declared fields follow', async ({ designer, page }) => {
  await designer.node('split').click();
  await designer.showDockTab('code');
  await designer.waitEditor('split');
  await expect(page.getByTestId('editor.file')).toHaveText('split.py');

  // Line 11 of the split bolt is `        return ['word']`: add a field before the closing bracket.
  await designer.focusEditor();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type(", 'length");
  await expect.poll(async () => (await designer.component('split'))!.streams[0]!.fields).toEqual(['word', 'length']);
  await expect(designer.node('split')).toContainText('word, length');

  // The other way: fields edited in the inspector rewrite declareOutputFields in the editor.
  await designer.setField('inspector.stream.default.fields', 'token');
  await expect.poll(() => designer.editorText()).toContain("return ['token']");
  expect((await designer.component('split'))!.code.python).toContain("return ['token']");
});

test('typing spaces and Backspace in Monaco edits the code and never deletes the node', async ({ designer, page }) => {
  await designer.node('count').click();
  await designer.waitEditor('count');
  await designer.focusEditor();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# a b c');
  await expect.poll(() => designer.editorText()).toContain('# a b c');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
  await page.keyboard.press('Delete');
  await expect.poll(() => designer.editorText()).toMatch(/# a\s*$/);
  await expect(designer.node('count')).toBeVisible();
  await expect.poll(async () => (await designer.component('count'))?.code.python).toMatch(/# a\s*$/);
  expect((await designer.document()).components.map((c) => c.id)).toEqual(['sentences', 'split', 'count']);
});

test('undo and redo, from the keyboard and the toolbar', async ({ designer, page }) => {
  await designer.node('split').click();
  await designer.setField('inspector.parallelism', '5');
  await expect(designer.nodeParallelism('split')).toHaveText('×5');
  await designer.addFromPalette('bolt');
  await expect(designer.node('new-bolt')).toBeVisible();

  await designer.clickPane();
  await page.keyboard.press('Control+z');
  await expect(designer.node('new-bolt')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(designer.nodeParallelism('split')).toHaveText('×2');
  await page.keyboard.press('Control+Shift+Z');
  await expect(designer.nodeParallelism('split')).toHaveText('×5');
  await page.keyboard.press('Control+y');
  await expect(designer.node('new-bolt')).toBeVisible();
  await expect(designer.toolbarButton('edit.redo')).toBeDisabled();

  await designer.toolbarButton('edit.undo').click();
  await expect(designer.node('new-bolt')).toHaveCount(0);
  await designer.toolbarButton('edit.redo').click();
  await expect(designer.node('new-bolt')).toBeVisible();
});

test('typing in Monaco is undone by Ctrl+Z outside the editor', async ({ designer, page }) => {
  await designer.node('split').click();
  await designer.waitEditor('split');
  const before = (await designer.component('split'))!.code.python;
  await designer.focusEditor();
  await page.keyboard.press('Control+End');
  // One input, as a paste is: typed key by key, a machine busy enough to hold a key back past the
  // editor's debounce (300 ms) would make two document edits, and one Ctrl+Z would undo only the last.
  await page.keyboard.insertText('# note');
  await designer.clickPane();
  await expect.poll(async () => (await designer.component('split'))!.code.python).toContain('# note');
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await designer.component('split'))!.code.python).toBe(before);
});

test('work survives a reload', async ({ designer, page }) => {
  await designer.addFromPalette('bolt');
  await designer.connect('count', 'default', 'new-bolt');
  await designer.node('split').click();
  await designer.setField('inspector.parallelism', '6');
  await designer.page.getByTestId('toolbar.view.theme').click();
  await designer.waitSaved();
  const saved = await designer.document();

  await page.reload();
  await designer.waitReady();
  await expect(designer.node('new-bolt')).toBeVisible();
  await expect(designer.nodeParallelism('split')).toHaveText('×6');
  await expect(designer.edge('count->new-bolt')).toHaveText('shuffle');
  expect(await designer.document()).toEqual(saved);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // A reload starts a new history: nothing to undo.
  await expect(designer.toolbarButton('edit.undo')).toBeDisabled();
});

test('opening a malformed file shows the error with file and line, and changes nothing', async ({ designer, page }) => {
  await designer.node('split').click();
  await designer.setField('inspector.parallelism', '7');
  const before = await designer.document();

  await designer.openFile('broken.json', truncatedJson);
  const dialog = designer.importErrors();
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('dialog.import-errors.title')).toHaveText('Could not open broken.json');
  await expect(dialog).toContainText('broken.json:6:');
  await expect(dialog).toContainText('Not valid JSON (line 6');
  await expect(dialog).toContainText('your current topology is still open');
  expect(await designer.document()).toEqual(before);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  await designer.openFile('future.json', futureVersionJson);
  await expect(dialog).toContainText('future.json:2:');
  await expect(dialog).toContainText('version 99, written by a newer Storm Studio');
  await page.getByTestId('dialog.close').click();
  expect(await designer.document()).toEqual(before);

  // Dropped onto the canvas, a bad file goes through the same path.
  await designer.dropFile('dropped.json', truncatedJson);
  await expect(dialog).toContainText('dropped.json:6:');
  await page.getByTestId('dialog.close').click();
  await designer.dropFile('notes.txt', 'hello');
  await expect(dialog).toContainText('Storm Studio cannot open notes.txt');
  await page.getByTestId('dialog.close').click();
  expect(await designer.document()).toEqual(before);
  await expect(designer.nodeParallelism('split')).toHaveText('×7');
});

test('an unreadable autosave is reported, kept aside, and the example opens instead', async ({ designer, page }) => {
  const corrupt = '{"version": 2, "name": ';
  await page.evaluate(
    (value) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('keyval-store');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('keyval', 'readwrite');
          tx.objectStore('keyval').put(value, 'storm-studio:document');
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    corrupt,
  );
  await page.reload();
  await designer.waitReady();
  await expect(page.getByTestId('dialog.import-errors.title')).toHaveText('Your autosaved topology could not be restored');
  await expect(designer.importErrors()).toContainText('Not valid JSON (line 1');
  await expect(designer.importErrors()).toContainText('storm-studio:document:unreadable');
  await expect(designer.nodes()).toHaveCount(3);
  const kept = await page.evaluate(
    () =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('keyval-store');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('keyval').objectStore('keyval').get('storm-studio:document:unreadable');
          get.onsuccess = () => resolve(get.result);
          get.onerror = () => reject(get.error);
        };
      }),
  );
  expect(kept).toBe(corrupt);
});
