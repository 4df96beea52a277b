/**
 * Python components in the app (Pyodide in the simulation's Web Worker): the loading indicator,
 * the warm worker a second run reuses, a crash with its traceback, a runaway loop interrupted while the page stays responsive, imports
 * refused before the run, and the editor's completions and syntax markers.
 */
import { expect, test } from './fixtures/test';
import { RunPage } from './pages/run-page';

test.describe.configure({ timeout: 90_000 });

const bolt = (body: string) => `from petrel import storm
from petrel.emitter import BasicBolt


class CountBolt(BasicBolt):
    def __init__(self):
        super(CountBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['word', 'count']

    def process(self, tup):
${body}


def run():
    CountBolt().run()
`;

test('Pyodide loads once per run with its progress, in bytes, from the app itself', async ({ designer, page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const run = new RunPage(page);
  await run.run();
  await run.expectStatus('running');
  const history = await page.evaluate(() => window.__stormStudioRun!.loadingHistory());
  const downloads = history.filter((p) => p.phase === 'download');
  expect(downloads.length).toBeGreaterThan(0);
  const last = downloads.at(-1)!;
  // pyodide.asm.wasm and python_stdlib.zip: about 12 MB, all received.
  expect(last.total).toBeGreaterThan(5_000_000);
  expect(last.loaded).toBe(last.total);
  expect(history.map((p) => p.phase)).toContain('initialize');
  const origin = new URL(page.url()).origin;
  const wasm = requests.filter((u) => u.endsWith('pyodide.asm.wasm'));
  expect(wasm).toEqual([`${origin}/pyodide/pyodide.asm.wasm`]);
  void designer;
});

test('a second Python run reuses the warm Web Worker: no loading, no download, nothing of the first run survives', async ({ designer, page }) => {
  const pyodide: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/pyodide/')) pyodide.push(r.url());
  });
  const run = new RunPage(page);
  const doc = await run.document();
  const count = doc.components.find((c) => c.id === 'count')!;
  // Each count task imports its own copy of the module and counts, in builtins, the copies this interpreter has run.
  const leaky = count
    .code.python!.replace('import logging\n', 'import builtins\nimport logging\n\nbuiltins.loads_seen = getattr(builtins, "loads_seen", 0) + 1\nLOADED_AS = builtins.loads_seen\n')
    .replace('        word = tup.values[0]\n', "        word = tup.values[0]\n        if not getattr(self, '_said', False):\n            self._said = True\n            log.info('module loaded as number %d', LOADED_AS)\n");
  await run.setCode('count', 'python', leaky);
  const loadedAs = async () =>
    (await page.evaluate(() => window.__stormStudioRun!.logs('count').map((l) => l.message)))
      .map((m) => /module loaded as number (\d+)/.exec(m)?.[1])
      .filter((x) => x !== undefined)
      .map(Number)
      .sort();

  await run.run();
  await expect(page.getByTestId('run.loading')).toBeVisible();
  await run.expectStatus('running');
  await expect.poll(loadedAs, { timeout: 30_000 }).toEqual([1, 2, 3]);
  const downloads = pyodide.length;
  expect(downloads).toBeGreaterThan(0);
  const reports = (await page.evaluate(() => window.__stormStudioRun!.loadingHistory())).length;
  await run.stop();
  // The worker holding Pyodide stays, reset, for the next run.
  await expect.poll(() => run.simWorkers()).toBe(1);

  await run.run();
  await run.expectStatus('running');
  await expect.poll(loadedAs, { timeout: 30_000 }).toEqual([1, 2, 3]);
  // Not 4, 5, 6: the module state of the first run is gone. No progress, no new request.
  expect((await page.evaluate(() => window.__stormStudioRun!.loadingHistory())).length).toBe(reports);
  await expect(page.getByTestId('run.loading')).toHaveCount(0);
  expect(pyodide.length).toBe(downloads);
  expect(run.simWorkers()).toBe(1);
  await run.stop();
  void designer;
});

test("a bolt raising ValueError('abc') shows Petrel's crash lines and the Python traceback", async ({ designer, page }) => {
  const run = new RunPage(page);
  await run.setCode('count', 'python', bolt("        raise ValueError('abc')"));
  await run.run();
  await run.expectStatus('running');
  await expect(run.cell('bolts', 'count', 'error')).toContainText('ValueError: abc', { timeout: 30_000 });
  await run.showLog('count');
  const lines = run.logLines();
  await expect(lines.filter({ hasText: /\]\[count\]\[ERROR\]E_BOLTFAILED__count__storm-studio__pid__\d+__port__6700__taskindex__\d__ValueError$/ }).first()).toBeVisible();
  const traceback = lines.filter({ hasText: 'Caught exception in BasicBolt.run' }).first();
  await expect(traceback).toContainText('Traceback (most recent call last):');
  await expect(traceback).toContainText(/File "\/topology\/count\.py", line 14, in process/);
  await expect(traceback).toContainText("raise ValueError('abc')");
  await expect(traceback).toContainText('ValueError: abc');
  await expect(lines.filter({ hasText: 'The error occurred while processing this tuple' }).first()).toBeVisible();
  // The worker restarts, as in Storm: the run goes on.
  await run.showRunTab();
  await run.expectStatus('running');
  await page.mouse.move(0, 0);
  void designer;
});

test('a Python while True: pass is interrupted; the page stays responsive and the log names the component', async ({ designer, page }) => {
  const run = new RunPage(page);
  await run.setCode('count', 'python', bolt('        while True:\n            pass'));
  await run.run();
  await run.expectStatus('running');
  // While Python spins in the worker, the page reacts.
  await designer.node('split').click();
  await expect(page.getByTestId('inspector.title')).toHaveText('split');
  await designer.node('count').click();
  await expect(page.getByTestId('inspector.title')).toHaveText('count');
  await run.showRunTab();
  const banner = page.getByTestId('run.interrupt').first();
  await expect(banner).toContainText(/component 'count' \(task [234]\) was stopped after 5 s without returning: Python was interrupted \(KeyboardInterrupt\) and 'count' is quarantined for the rest of the run, the run goes on/, { timeout: 20_000 });
  await run.expectStatus('running');
  await run.showLog('count');
  // The page's line says what happened; the engine's lines carry Python's traceback.
  await expect(run.logLines().filter({ hasText: /\]\[count\]\[ERROR\]component 'count' \(task [234]\) was stopped after 5 s without returning: Python was interrupted/ }).first()).toBeVisible();
  await expect(run.logLines().filter({ hasText: /E_BOLTFAILED__count__.*__KeyboardInterrupt$/ }).first()).toBeVisible();
  const traceback = run.logLines().filter({ hasText: 'Caught exception in BasicBolt.run' }).first();
  await expect(traceback).toContainText(/File "\/topology\/count\.py", line 15, in process\n\s+pass\nKeyboardInterrupt/);
  await expect(run.cell('bolts', 'count', 'error')).toContainText(/KeyboardInterrupt: component 'count' \(task [234]\) was stopped/);
  // The interpreter survived: the rest of the topology still runs after the worker restarts.
  await run.showRunTab();
  const split = (await run.state()).components.split!.executed;
  await expect.poll(async () => (await run.state()).components.split!.executed, { timeout: 20_000 }).toBeGreaterThan(split);
  await run.stop();
  // An interrupted interpreter may be left inconsistent: its worker is not kept for the next run.
  await expect.poll(() => run.simWorkers()).toBe(0);
});

test('a Python import that is not available offline is refused before the run, naming the package and component', async ({ designer, page }) => {
  const run = new RunPage(page);
  const doc = await run.document();
  const count = doc.components.find((c) => c.id === 'count')!;
  await run.setCode('count', 'python', `import tweepy\n${count.code.python}`);
  await run.run();
  await run.expectStatus('failed');
  await expect(run.failure()).toContainText("Cannot start: component 'count' imports 'tweepy' (line 1), which is not available offline");
  await expect(run.failure()).toHaveAttribute('data-reason', 'imports');
  expect(run.simWorkers()).toBe(0);
  void designer;
});

test('a Python component that cannot load stops the start, naming the component and the line', async ({ designer, page }) => {
  const run = new RunPage(page);
  await run.setCode('count', 'python', bolt('        storm.emit([tup.values[0], 1]').replace('def process(self, tup):', 'def process(self, tup)'));
  await run.run();
  await run.expectStatus('failed', 30_000);
  await expect(run.failure()).toHaveAttribute('data-reason', 'load');
  await expect(run.failure()).toContainText("Cannot start: SyntaxError: expected ':' (component 'count', count.py line 13)");
  // The traceback shows where.
  await expect(run.failure().locator('pre')).toContainText('def process(self, tup)');
  // The interpreter is sound (only the component's code failed): its worker is kept for the next run.
  await expect.poll(() => run.simWorkers()).toBe(1);
  void designer;
});

test('the editor completes the Petrel API and marks Python syntax errors before running', async ({ designer, page }) => {
  await designer.node('split').click();
  await designer.showDockTab('code');
  await designer.waitEditor('split');
  await designer.focusEditor();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nstorm.');
  const suggest = page.locator('.suggest-widget');
  await expect(suggest).toBeVisible({ timeout: 10_000 });
  await expect(suggest).toContainText('emitDirect');
  await page.keyboard.press('Escape');
  // A syntax error: Python's own compiler (in a worker) reports it, and the editor marks it.
  await page.keyboard.type('\ndef broken(:');
  await expect(page.getByTestId('editor.monaco').locator('.squiggly-error')).toHaveCount(1, { timeout: 30_000 });
  // Fixing it removes the marker.
  for (let i = 0; i < 13; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('x = 1');
  await expect(page.getByTestId('editor.monaco').locator('.squiggly-error')).toHaveCount(0, { timeout: 30_000 });
});
