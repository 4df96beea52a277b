/**
 * The Tests tab with the book's chapter-6 project (src/formats/__fixtures__/book-chapter6): the
 * test() functions of splitsentence.py and wordcount.py (petrel.mock, nose.tools) and a test module
 * pass; a broken count fails, and its location opens the editor at the line; a failure in a test
 * module opens the module at its line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePetrelProject } from '../src/formats/petrel/import';
import { serializeDocument, type TopologyDocument } from '../src/model';
import { tinyWheel } from '../src/python/test-wheel';
import { readWheel } from '../src/python/wheels';
import { expect, test } from './fixtures/test';
import { screenshot } from './fixtures/screenshot';

test.describe.configure({ timeout: 120_000 });

const BOOK = join(import.meta.dirname, '../src/formats/__fixtures__/book-chapter6');

function bookDocument(): TopologyDocument {
  const files = readdirSync(BOOK).map((name) => ({ path: name, text: readFileSync(join(BOOK, name), 'utf8') }));
  const r = parsePetrelProject(files, { name: 'book-chapter6' });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value.document;
}

test("the book's chapter-6 tests run in the Tests tab; a failure links to its line", async ({ designer, page }, info) => {
  const doc = bookDocument();
  await page.evaluate((d) => window.__stormStudio!.loadDocument(d), serializeDocument(doc));
  await designer.showDockTab('tests');
  const panel = page.getByTestId('dock.panel.tests');
  await expect(panel.getByTestId('tests.empty')).toContainText('randomsentence.py, splitsentence.py, wordcount.py, test_topology.py');
  await panel.getByTestId('tests.run').click();
  const results = panel.getByTestId('tests.result');
  await expect(results).toHaveCount(4, { timeout: 90_000 });
  await expect(panel.getByTestId('tests.summary')).toHaveText('4 passed');
  expect(await results.evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-test')} ${r.getAttribute('data-status')}`))).toEqual([
    'splitsentence.test pass',
    'wordcount.test pass',
    'test_topology.test_split_then_count pass',
    'test_topology.WordCountTest.test_named_tuples pass',
  ]);

  // The count is off by one in the component, and the test module expects a word that is not there.
  const broken: TopologyDocument = {
    ...doc,
    components: doc.components.map((c) => (c.id === 'wordcount' ? { ...c, code: { python: c.code.python!.replace('self._count[word] += 1', 'self._count[word] += 2') } } : c)),
    tests: doc.tests!.map((t) => ({ ...t, code: t.code.replace("['the', 'cow', 'the', 'moon']", "['the', 'cow', 'jumped']") })),
  };
  await page.evaluate((d) => window.__stormStudio!.loadDocument(d), serializeDocument(broken));
  await designer.showDockTab('tests');
  await panel.getByTestId('tests.run').click();
  await expect(panel.getByTestId('tests.summary')).toHaveText('1 passed · 3 failed', { timeout: 60_000 });
  const count = panel.locator('[data-test="wordcount.test"]');
  await expect(count).toHaveAttribute('data-status', 'fail');
  await expect(count).toContainText('AssertionError: 2 != 4');
  await expect(count.getByTestId('tests.traceback')).toContainText('File "/tests/wordcount.py", line 41, in test');
  await screenshot(page, info, 'tests-tab.png');

  // The location opens the component's code at the line.
  await count.getByTestId('tests.goto').click();
  await expect(page.getByTestId('dock.tab.code')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('editor.file')).toHaveText('wordcount.py');
  await expect(page.locator('.monaco-editor .line-numbers.active-line-number')).toHaveText('41');

  // A failure in a test module opens the module in the Tests tab, at the line.
  await designer.showDockTab('tests');
  const split = panel.locator('[data-test="test_topology.test_split_then_count"]');
  await expect(split).toContainText('test_topology.py:14');
  await split.getByTestId('tests.goto').click();
  await expect(panel.getByTestId('tests.module.file')).toHaveText('test_topology.py');
  const selected = await panel.getByTestId('tests.module.text').evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
  expect(selected).toContain("assert_equal(['the', 'cow', 'jumped']");

  // Fixing it in the tab edits the document; the next run gets past that line (to the broken count).
  await panel.getByTestId('tests.module.text').fill(broken.tests![0]!.code.replace("['the', 'cow', 'jumped']", "['the', 'cow', 'the', 'moon']"));
  await panel.getByTestId('tests.module.file').click();
  await expect.poll(async () => (await designer.document()).tests?.[0]?.code).toContain("['the', 'cow', 'the', 'moon']");
  await panel.getByTestId('tests.run').click();
  await expect(split).toContainText('test_topology.py:15', { timeout: 60_000 });
  await expect(split).toContainText("AssertionError: Tuples differ: ('the', 2) != ('the', 4)");
});

test("a test imports the document's wheel, as the components do in a run", async ({ designer, page }) => {
  const wheel = readWheel('wordtools-1.0-py3-none-any.whl', tinyWheel());
  if (!wheel.ok) throw new Error(wheel.message);
  const doc: TopologyDocument = { ...bookDocument(), packages: [wheel.value], tests: [{ file: 'test_wheel.py', code: 'import wordtools\n\ndef test_shout():\n    assert wordtools.shout("storm") == "STORM!"\n' }] };
  await page.evaluate((d) => window.__stormStudio!.loadDocument(d), serializeDocument(doc));
  await designer.showDockTab('tests');
  const panel = page.getByTestId('dock.panel.tests');
  await panel.getByTestId('tests.run').click();
  await expect(panel.getByTestId('tests.summary')).toHaveText('3 passed', { timeout: 90_000 });
  await expect(panel.locator('[data-test="test_wheel.test_shout"]')).toHaveAttribute('data-status', 'pass');
});
