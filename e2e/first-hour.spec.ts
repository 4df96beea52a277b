/**
 * Small things a learner meets in their first hour with the app (issue 10, item 6): where a new
 * component lands, the legend over the graph, import warnings and the notice over a dialog, the
 * Step list while animating, the log's time order, edits during a run, the Open button's formats,
 * what Python is doing while it starts, and the exported logconfig.ini's level.
 */
import type { Locator, Page } from '@playwright/test';
import { exportFlux } from '../src/formats';
import { bolt, serializeDocument, subscribe, wordCountExample, type TopologyDocument } from '../src/model';
import { expect, test } from './fixtures/test';
import { wordCountJs } from './fixtures/viz-topologies';
import { RunPage } from './pages/run-page';
import { RunViewsPage } from './pages/run-views-page';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const overlaps = (a: Box, b: Box, gap = 0) => a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
const inside = (a: Box, b: Box) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.width <= b.x + b.width + 0.5 && a.y + a.height <= b.y + b.height + 0.5;
const boxesOf = (nodes: Locator) => nodes.evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-testid')!, ...e.getBoundingClientRect().toJSON() }) as Box & { id: string }));

test('new components land in view, clear of the other nodes, the dock and the minimap', async ({ designer, page }) => {
  const canvas = (await designer.canvas().boundingBox())!;
  for (const kind of ['bolt', 'bolt', 'bolt', 'spout', 'bolt', 'bolt'] as const) {
    const before = await designer.nodes().count();
    await designer.addFromPalette(kind);
    await expect(designer.nodes()).toHaveCount(before + 1);
  }
  // A component that finds no free spot in view goes beside the graph, and the view follows it
  // once React Flow has measured it (a few frames later): check the settled view.
  await expect(async () => {
    const boxes = await boxesOf(designer.nodes());
    const minimap = await page.locator('.react-flow__minimap').boundingBox();
    const controls = (await page.locator('.react-flow__controls').boundingBox())!;
    for (const b of boxes) {
      expect(inside(b, canvas), `${b.id} is inside the canvas`).toBe(true);
      if (minimap) expect(overlaps(b, minimap), `${b.id} is clear of the minimap`).toBe(false);
      expect(overlaps(b, controls), `${b.id} is clear of the zoom controls`).toBe(false);
      for (const o of boxes) if (o !== b) expect(overlaps(b, o), `${b.id} overlaps ${o.id}`).toBe(false);
    }
  }).toPass({ timeout: 5000 });
});

for (const size of [
  { width: 1024, height: 768 },
  { width: 1440, height: 900 },
]) {
  test(`the run legend does not cover the graph at ${size.width}×${size.height}`, async ({ designer, page }) => {
    await page.setViewportSize(size);
    const run = new RunViewsPage(page);
    await run.load(wordCountJs());
    await run.start();
    await run.waitEngineTime(2000);
    // The view is fitted once the numbers are in.
    await page.waitForTimeout(500);
    const legend = (await page.getByTestId('canvas.legend').boundingBox())!;
    for (const b of await boxesOf(designer.nodes())) expect(overlaps(b, legend), `the legend covers ${b.id}`).toBe(false);
  });
}

/** Word count with nine more count bolts: a Flux file of twelve components. */
function twelveComponents(): TopologyDocument {
  const doc = wordCountExample();
  const count = doc.components.find((c) => c.id === 'count')!;
  const extra = Array.from({ length: 9 }, (_, i) => bolt(`count-${i + 2}`, { python: count.code.python!, fields: ['word', 'count'] }));
  return { ...doc, components: [...doc.components, ...extra], subscriptions: [...doc.subscriptions, ...extra.map((b) => subscribe('split', b.id, { kind: 'fields', fields: ['word'] }))] };
}

test('import warnings look like warnings, and no notice covers the dialog', async ({ designer, page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const flux = exportFlux(twelveComponents());
  if (!flux.ok) throw new Error('export failed');
  const yaml = flux.value.files.find((f) => f.path === 'flux.yaml')!;
  await designer.openFile('flux.yaml', yaml.content);
  const dialog = page.getByTestId('dialog.import-warnings');
  await expect(dialog).toBeVisible();
  const items = page.getByTestId('dialog.import-warnings.list').locator('li');
  await expect(items).toHaveCount(12);
  const colours = await items.first().evaluate((li) => {
    const probe = document.createElement('div');
    document.body.append(probe);
    probe.style.background = 'var(--error-soft)';
    const error = getComputedStyle(probe).backgroundColor;
    probe.style.background = 'var(--warning-soft)';
    const warning = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return { item: getComputedStyle(li).backgroundColor, error, warning };
  });
  expect(colours.item).toBe(colours.warning);
  expect(colours.item).not.toBe(colours.error);
  const ok = page.getByTestId('dialog.import-warnings.ok');
  const box = (await dialog.boundingBox())!;
  for (const notice of await page.getByTestId('notice').all()) expect(overlaps((await notice.boundingBox())!, box), 'a notice covers the dialog').toBe(false);
  // The OK button is what a click there reaches.
  const okBox = (await ok.boundingBox())!;
  expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-testid]')?.getAttribute('data-testid'), { x: okBox.x + okBox.width / 2, y: okBox.y + okBox.height / 2 })).toBe(
    'dialog.import-warnings.ok',
  );
  await ok.click();
  await expect(dialog).toHaveCount(0);
});

/** Lines of the Step list drawn inside its box, and whether it shows its end. */
const stepView = (page: Page) =>
  page.getByTestId('step.log').evaluate((log) => {
    const r = log.getBoundingClientRect();
    const inView = [...log.querySelectorAll('[data-kind]')].filter((l) => {
      const b = l.getBoundingClientRect();
      return b.bottom > r.top + 1 && b.top < r.bottom - 1;
    }).length;
    return { inView, atEnd: log.scrollTop + log.clientHeight >= log.scrollHeight - 8 };
  });

test('the Step list shows the events while animating and follows the newest, without scrolling', async ({ designer, page }) => {
  const run = new RunViewsPage(page);
  await run.load(wordCountJs());
  await run.setSpeed(1);
  await run.start();
  await run.showTab('step');
  await page.getByTestId('step.animate').check();
  await expect(run.stepLines().first()).toBeVisible({ timeout: 15_000 });
  // Lines keep streaming in (40 a second): every look at the list shows lines, at its end.
  const looks: { inView: number; atEnd: boolean }[] = [];
  for (let i = 0; i < 10; i++) {
    await page.waitForTimeout(250);
    looks.push(await stepView(page));
  }
  // Away to another tab and back: the list shows the latest lines at once.
  await run.showTab('run');
  await page.waitForTimeout(1000);
  await run.showTab('step');
  for (let i = 0; i < 6; i++) {
    await page.waitForTimeout(250);
    looks.push(await stepView(page));
  }
  expect(looks.filter((l) => l.inView === 0), 'looks at a blank list').toEqual([]);
  expect(looks.filter((l) => !l.atEnd), 'looks where the list stopped following').toEqual([]);
  // Scrolling up stops the following; the lines there stay drawn.
  await page.getByTestId('step.log').hover();
  await page.mouse.wheel(0, -600);
  await page.waitForTimeout(600);
  const up = await stepView(page);
  expect(up.inView).toBeGreaterThan(0);
  expect(up.atEnd).toBe(false);
  void designer;
});

/** `[2026-01-01 00:00:01,234][…` → ms since the epoch of the line's time. */
const lineTime = (text: string) => {
  const m = /^\[(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d),(\d{3})\]/.exec(text);
  return m ? Date.parse(`${m[1]}T${m[2]}.${m[3]}Z`) : NaN;
};

test('the log lists the lines in time order, topology.debug lines included', async ({ designer, page }) => {
  const run = new RunViewsPage(page);
  const base = wordCountJs({ workers: 2 });
  await run.load({ ...base, config: { ...base.config, debug: true } });
  await run.setSpeed(1);
  await run.start();
  await run.waitEngineTime(500);
  await run.pause();
  await page.getByTestId('dock.tab.logs').click();
  const lines = page.getByTestId('run.logs.line');
  await expect(lines.first()).toBeVisible();
  const times = (await lines.allInnerTexts()).map(lineTime);
  expect(times.length).toBeGreaterThan(50);
  expect(times.every((t) => Number.isFinite(t))).toBe(true);
  const backwards = times.filter((t, i) => i > 0 && t < times[i - 1]!).length;
  expect(backwards, 'lines earlier than the line before them').toBe(0);
  void designer;
});

test('ticking topology.debug during a run says it applies on the next run', async ({ designer, page }) => {
  const run = new RunViewsPage(page);
  await run.load(wordCountJs());
  await run.start();
  await designer.clickPane();
  await expect(page.getByTestId('inspector.topology')).toBeVisible();
  await page.getByTestId('settings.debug').check();
  await expect(page.getByTestId('inspector.next-run')).toContainText('applies on the next run');
  // Restarting applies it: the hint goes.
  await page.evaluate(() => window.__stormStudio!.runCommand('run.start'));
  await expect(page.getByTestId('inspector.next-run')).toHaveCount(0, { timeout: 30_000 });
});

test("the Open button's tooltip names every format it opens", async ({ designer }) => {
  const title = (await designer.toolbarButton('file.open').getAttribute('title'))!;
  for (const what of ['.json', 'create.py', 'topology.yaml', 'Flux', '.zip']) expect(title).toContain(what);
});

test('while Python starts, the Run tab says what it is doing', async ({ designer, page }) => {
  test.setTimeout(120_000);
  await page.getByTestId('dock.tab.run').click();
  // Every text the loading line shows, as it changes.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { loadingTexts: string[] }).loadingTexts = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="run.loading"]')?.textContent ?? '';
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const run = new RunPage(page);
  await run.run();
  await run.expectStatus('running', 60_000);
  const texts = await page.evaluate(() => (window as unknown as { loadingTexts: string[] }).loadingTexts);
  expect(texts.some((t) => /downloading/.test(t))).toBe(true);
  // Never "downloading 12.1 / 12.1 MB" while the interpreter starts: once the bytes are in, it says so.
  const stalled = texts.filter((t) => {
    const m = /downloading ([\d.]+) \/ ([\d.]+) MB/.exec(t);
    return m !== null && m[1] === m[2];
  });
  expect(stalled).toEqual([]);
  expect(texts.some((t) => /starting the interpreter/.test(t))).toBe(true);
  await run.stop();
  void designer;
});

async function exportedFile(page: Page, path: string): Promise<string> {
  await page.keyboard.press('Control+e');
  await page.getByTestId(`export.file.${path}`).click();
  return (await page.getByTestId('export.preview').innerText()).replace(/\u00a0/g, ' ');
}

test('the exported logconfig.ini keeps the log level the components ran with', async ({ designer, page }) => {
  const doc = wordCountExample();
  const debugCount = { ...doc, components: doc.components.map((c) => (c.id === 'count' ? { ...c, config: { ...c.config, 'studio.log.level': 'DEBUG' } } : c)) };
  await page.evaluate((d) => window.__stormStudio!.loadDocument(d), serializeDocument(debugCount));
  // The Storm project (the dialog's default) and the Petrel project both keep it.
  const ini = await exportedFile(page, 'src/main/resources/resources/logconfig.ini');
  expect(ini).toMatch(/\[logger_root\]\s+level=DEBUG/);
  await page.getByTestId('export.format.petrel').click();
  await page.getByTestId('export.file.logconfig.ini').click();
  expect((await page.getByTestId('export.preview').innerText()).replace(/\u00a0/g, ' ')).toMatch(/\[logger_root\]\s+level=DEBUG/);
  void designer;
});
