/**
 * The sandbox of component code in the built app (issue 12, item 1). A topology whose components
 * try to read and delete the autosaved documents (IndexedDB, the page's origin), to send them out
 * with `fetch`, and to `postMessage` the page from the simulation Web Worker — in JavaScript and
 * in Python (through Pyodide's `js` bridge) — runs: each attempt is a component error in the log,
 * naming the component and its task; no request leaves, no message reaches the page, and the
 * document and its autosave are intact.
 */
import { bolt, spout, subscribe, topology } from '../src/model';
import { expect, test } from './fixtures/test';
import { RunPage } from './pages/run-page';

test.describe.configure({ timeout: 240_000 });

declare global {
  interface Window {
    __hostileMessages?: unknown[];
  }
}

const jsSpout = 'export default class S extends Spout { nextTuple() { storm.sleep(0.5); storm.emit(["x"]); } }';
const pySpout = 'import storm\n\nclass S(storm.Spout):\n    def nextTuple(self):\n        storm.sleep(0.5)\n        storm.emit(["x"])\n\ndef run():\n    S().run()\n';
const jsBolt = (id: string, body: string) => bolt(id, { language: 'javascript', javascript: `export default class B extends BasicBolt {\n  process(tup) {\n    ${body}\n  }\n}` });
const pyBolt = (id: string, body: string) => bolt(id, { language: 'python', python: `import storm\n\nclass B(storm.BasicBolt):\n    def process(self, tup):\n${body.split('\n').map((l) => `        ${l}`).join('\n')}\n\ndef run():\n    B().run()\n` });

const hostile = topology(
  'hostile',
  [
    spout('s', { language: 'javascript', javascript: jsSpout, python: pySpout, fields: ['w'] }),
    jsBolt('jsIdb', `indexedDB.deleteDatabase('keyval-store'); storm.log('deleted');`),
    jsBolt('jsFetch', `fetch('/exfiltrate?from=js'); storm.log('sent');`),
    jsBolt('jsPost', `postMessage({ hostile: 'js' }); storm.log('posted');`),
    jsBolt('jsGlobal', `Function('return this')().indexedDB.deleteDatabase('keyval-store');`),
    pyBolt('pyIdb', `js = __import__('js')\njs.indexedDB.deleteDatabase('keyval-store')`),
    pyBolt('pyFetch', `import importlib\nimportlib.import_module('js').fetch('/exfiltrate?from=python')`),
    pyBolt('pyPost', `to_js = __import__('pyodide.ffi', fromlist=['to_js']).to_js\n__import__('js').postMessage(to_js({'hostile': 'python'}))`),
  ],
  ['jsIdb', 'jsFetch', 'jsPost', 'jsGlobal', 'pyIdb', 'pyFetch', 'pyPost'].map((b) => subscribe('s', b)),
);

test('components cannot reach the autosave, the network or the page: each attempt is a component error', async ({ designer, page }) => {
  // Every message a Web Worker sends to the page, as the page receives it.
  await page.addInitScript(() => {
    window.__hostileMessages = [];
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener('message', (e: MessageEvent) => {
          const data = e.data as { hostile?: unknown } | null;
          if (data && typeof data === 'object' && 'hostile' in data) window.__hostileMessages!.push(data);
        });
      }
    };
  });
  await page.reload();
  // The app's test API exists once the app has started again.
  await page.waitForFunction(() => window.__stormStudio !== undefined);
  const requests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('exfiltrate')) requests.push(r.url());
  });
  const run = new RunPage(page);
  await run.load(hostile);
  await page.evaluate(() => window.__stormStudio!.flushSaves());
  const saved = () =>
    page.evaluate(
      () =>
        new Promise<string | null>((resolve) => {
          const open = indexedDB.open('keyval-store');
          open.onerror = () => resolve(null);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('keyval')) return resolve(null);
            const get = db.transaction('keyval').objectStore('keyval').get('storm-studio:document');
            get.onsuccess = () => resolve(get.result === undefined ? null : JSON.stringify(get.result));
            get.onerror = () => resolve(null);
          };
        }),
    );
  const before = await saved();
  expect(before).toContain('hostile');
  const doc = await page.evaluate(() => JSON.stringify(window.__stormStudio!.getDocument()));

  await run.run();
  await run.expectStatus('running', 150_000);
  const errorsOf = (component: string) => page.evaluate((c) => window.__stormStudioRun!.logs(c).filter((l) => l.level === 'ERROR' && l.task > 0).map((l) => l.message).join('\n'), component);
  const expected: [string, RegExp][] = [
    ['jsIdb', /TypeError/],
    ['jsFetch', /TypeError/],
    ['jsPost', /TypeError/],
    ['jsGlobal', /TypeError/],
    ['pyIdb', /ModuleNotFoundError: import of 'js' is not allowed/],
    ['pyFetch', /ModuleNotFoundError: import of 'js' is not allowed/],
    ['pyPost', /ModuleNotFoundError: import of 'pyodide(\.ffi)?' is not allowed/],
  ];
  for (const [component, error] of expected) {
    await expect.poll(() => errorsOf(component), { timeout: 60_000, message: component }).toMatch(error);
  }
  await run.stop();
  await run.expectStatus('stopped');

  // Nothing left the worker, the page got no message, the document and its autosave are intact.
  expect(requests).toEqual([]);
  expect(await page.evaluate(() => window.__hostileMessages)).toEqual([]);
  const lines = await page.evaluate(() => window.__stormStudioRun!.logs().map((l) => l.message));
  expect(lines.filter((m) => /^(deleted|sent|posted)$/.test(m))).toEqual([]);
  expect(await page.evaluate(() => JSON.stringify(window.__stormStudio!.getDocument()))).toBe(doc);
  expect(await saved()).toBe(before);
  await run.showLog('pyIdb');
  await page.screenshot({ path: 'test-results/sandbox-refused.png' });
  void designer;
});
