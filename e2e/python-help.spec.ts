/**
 * Python problems before a run (issue 10, item 4): a syntax error typed into the editor is a
 * problem like any other — the Problems tab (with the file and line), the node's outline, the
 * toolbar's status. And Python 2 code gets help (issue 11, item 1): markers saying what Python 3
 * calls each idiom, a quick fix, and "Fix all" in one undoable step.
 */
import { serializeDocument, wordCountExample, type TopologyDocument } from '../src/model';
import { expect, test } from './fixtures/test';

test.describe.configure({ timeout: 90_000 });

test('a Python syntax error is a problem: Problems tab with file and line, the node outline, the toolbar status', async ({ designer, page }) => {
  await expect(designer.toolbarButton('problems')).toHaveText('Valid');
  await designer.node('count').click();
  await designer.showDockTab('code');
  await designer.waitEditor('count');
  await designer.focusEditor();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nfor word in words\n');
  const lines = (await designer.editorText())!.split('\n');
  const line = lines.findIndex((l) => l.trimStart().startsWith('for word in words')) + 1;
  expect(line).toBeGreaterThan(1);

  // The toolbar no longer says "Valid", the node is outlined as in error, Problems names file and line.
  await expect(designer.toolbarButton('problems')).toHaveText('1 error', { timeout: 10_000 });
  await expect(designer.node('count')).toHaveClass(/has-error/);
  await expect(page.getByTestId('canvas.node.count.problems')).toBeVisible();
  await designer.toolbarButton('problems').click();
  const entry = page.getByTestId('problems.list').locator('[data-code="E_PYTHON_SYNTAX"]');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(`Bolt 'count': SyntaxError in count.py, line ${line}: expected ':'`);
  await page.screenshot({ path: 'test-results/python-help/syntax-problem.png' });

  // Clicking it opens the code with the cursor on that line.
  await entry.locator('button').click();
  await designer.waitEditor('count');
  await expect(designer.editor().locator('.active-line-number')).toHaveText(String(line));

  // Fixing the code there clears the problem: add the colon and a body.
  await page.keyboard.press('End');
  await page.keyboard.type(':');
  await page.keyboard.press('Enter');
  await page.keyboard.type('pass');
  await expect.poll(() => designer.editorText()).toContain('for word in words:\n    pass');
  await expect(designer.toolbarButton('problems')).toHaveText('Valid', { timeout: 10_000 });
  await expect(designer.node('count')).not.toHaveClass(/has-error/);
});

const PYTHON2 = `import Queue
from petrel import storm
from petrel.emitter import BasicBolt


class CountBolt(BasicBolt):
    def __init__(self):
        super(CountBolt, self).__init__(script=__file__)
        self.counts = {}

    @classmethod
    def declareOutputFields(cls):
        return ['word', 'count']

    def process(self, tup):
        word = tup.values[0]
        self.counts[word] = self.counts.get(word, 0) + 1
        for w, n in self.counts.iteritems():
            print "Emitting: %s" % [w, n]
        storm.emit([word, self.counts[word]])


def run():
    CountBolt().run()
`;

/** The word count with bolt `count` written in Python 2. */
function python2Document(): TopologyDocument {
  const doc = wordCountExample();
  return { ...doc, components: doc.components.map((c) => (c.id === 'count' ? { ...c, code: { ...c.code, python: PYTHON2 } } : c)) };
}

test('Python 2 idioms are marked with what Python 3 calls them; a quick fix and Fix all (one undo step) convert them', async ({ designer, page }) => {
  expect(await page.evaluate((doc) => window.__stormStudio!.loadDocument(doc), serializeDocument(python2Document()))).toEqual({ ok: true });
  await designer.node('count').click();
  await designer.showDockTab('code');
  await designer.waitEditor('count');
  const editor = designer.editor();
  // Queue, iteritems and the print statement are marked.
  await expect(editor.locator('.squiggly-error').first()).toBeVisible({ timeout: 10_000 });

  // The marker's hover says what Python 3 calls it.
  await designer.focusEditor();
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < 18; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget:not(.action-list-submenu-panel)');
  await expect(menu).toBeVisible({ timeout: 10_000 });
  await expect(menu).toContainText('Change to items() (Python 3)');
  await expect(menu).toContainText('Fix all Python 2 idioms in this module');
  await page.screenshot({ path: 'test-results/python-help/quick-fix.png' });
  await menu.getByText('Change to items() (Python 3)').click();
  await expect.poll(() => designer.editorText()).toContain('for w, n in self.counts.items():');
  const afterQuickFix = (await designer.editorText())!;
  expect(afterQuickFix).toContain('import Queue\n');
  expect(afterQuickFix).toContain('print "Emitting');

  // Fix all converts the rest of the module.
  await page.keyboard.press('Control+.');
  await expect(menu).toBeVisible({ timeout: 10_000 });
  await menu.getByText('Fix all Python 2 idioms in this module').click();
  await expect.poll(() => designer.editorText()).toContain('print("Emitting: %s" % [w, n])');
  const fixed = (await designer.editorText())!;
  expect(fixed).toContain('import queue as Queue\n');
  // No Python 2 marker is left.
  await expect(editor.locator('.squiggly-error')).toHaveCount(0, { timeout: 30_000 });
  await page.screenshot({ path: 'test-results/python-help/fixed-all.png' });

  // One undo step takes the whole conversion back.
  await page.keyboard.press('Control+z');
  await expect.poll(() => designer.editorText()).toBe(afterQuickFix);
  // The document holds the converted code once the edit is written.
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => designer.editorText()).toBe(fixed);
  await page.evaluate(() => window.__stormStudio!.flushSaves());
  expect((await designer.component('count'))!.code.python).toBe(fixed);
});
