#!/usr/bin/env node
/**
 * Measures the app the way a visitor meets it: production bundle sizes (the main chunk, i.e.
 * everything the first page load fetches, and the lazily loaded Monaco chunk) and the time to
 * first render of the built app in headless Chromium.
 *
 *   node scripts/measure-app.mjs            # print a Markdown table
 *   node scripts/measure-app.mjs --write    # also update the "Designer" section of docs/benchmarks.md
 *   node scripts/measure-app.mjs --runs 9   # page loads to take the median of (default 7)
 *
 * It builds into a temporary folder (dist/ is left alone), serves it with `vite preview` (the same
 * server the e2e tests use) and drives Debian's Chromium (or $CHROMIUM_PATH) with playwright-core.
 * "First render" is the `storm-studio:canvas-ready` performance mark: the moment React Flow has
 * measured and drawn the document's nodes, counted from navigation start.
 *
 * It also checks that the lessons and the tour load lazily (not in the main chunk), and measures
 * main-thread long tasks (≥ 50 ms, PerformanceObserver 'longtask') while a lesson's run animates:
 * the groupings lesson's word count at 1× with "Animate tuples on the canvas", for 10 s.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const write = args.includes('--write');
const runs = Number(args[args.indexOf('--runs') + 1]) || 7;
const TARGETS = { mainGzipKB: 300, firstRenderMs: 1000, longTasks: 0 };
const LAZY = /lessons-panel|tour|task-values-view/i;
const MONACO_ENTRY = 'src/ui/editor/code-editor.tsx';

const kb = (bytes) => bytes / 1024;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The chunk `key` and every chunk it imports statically (what loading it fetches). */
function closure(manifest, key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) closure(manifest, dep, seen);
  return seen;
}

async function sizes(outDir, manifest, keys) {
  let raw = 0;
  let gzip = 0;
  const files = [];
  for (const key of keys) {
    for (const file of [manifest[key].file, ...(manifest[key].css ?? [])]) {
      if (files.includes(file)) continue;
      const buf = await readFile(join(outDir, file));
      files.push(file);
      raw += buf.length;
      gzip += gzipSync(buf).length;
    }
  }
  return { raw, gzip, files };
}

async function measureBundle(outDir) {
  const manifest = JSON.parse(await readFile(join(outDir, '.vite/manifest.json'), 'utf8'));
  const mainKeys = closure(manifest, 'index.html');
  const main = await sizes(outDir, manifest, mainKeys);
  // Rolldown may merge the lazily imported editor module into a shared chunk named after it.
  const key = Object.keys(manifest).find((k) => k === MONACO_ENTRY || (manifest[k].name === 'code-editor' && k.endsWith('.js')));
  if (!key) throw new Error(`${MONACO_ENTRY} is not in a chunk of its own: is the code editor still lazy?`);
  const languages = (manifest[key].dynamicImports ?? []).filter((k) => /definitions\/(python|javascript)\//.test(k));
  const monacoKeys = [...closure(manifest, key), ...languages].filter((k) => !mainKeys.has(k));
  const monaco = await sizes(outDir, manifest, monacoKeys);
  const worker = manifest[key].assets?.find((a) => /editor\.worker/.test(a));
  monaco.worker = worker ? gzipSync(await readFile(join(outDir, worker))).length : 0;
  const leaked = main.files.filter((f) => /monaco|code-editor|editor\.worker/i.test(f));
  if (leaked.length) throw new Error(`Monaco is in the main chunk: ${leaked.join(', ')}`);
  const teaching = main.files.filter((f) => LAZY.test(f) && !/tour-state/.test(f));
  if (teaching.length) throw new Error(`The lessons or the tour are in the main chunk: ${teaching.join(', ')}`);
  return { main, monaco };
}

const launchChromium = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-extensions'],
  });

async function measureRender(url) {
  const browser = await launchChromium();
  const samples = [];
  try {
    // One warm-up load (the OS file cache, Chromium's own start-up) that is not counted.
    for (let i = 0; i <= runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      // A visitor who has seen the tour (it would cover the node clicked below).
      await context.addInitScript(() => localStorage.setItem('storm-studio:tour', 'skipped'));
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(() => performance.getEntriesByName('storm-studio:canvas-ready').length > 0, null, { timeout: 30_000 });
      const timing = await page.evaluate(() => ({
        render: performance.getEntriesByName('storm-studio:canvas-ready')[0].startTime,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        domContentLoaded: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
      }));
      // Monaco is not part of the first render: time it separately, from selecting a component.
      const start = await page.evaluate(() => performance.now());
      await page.getByTestId('canvas.node.split').click();
      await page.locator('.monaco-editor .view-lines').waitFor({ timeout: 30_000 });
      timing.editor = (await page.evaluate(() => performance.now())) - start;
      if (i > 0) samples.push(timing);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const pick = (k) => median(samples.map((s) => s[k]));
  const version = (await import('node:child_process')).execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  return { render: pick('render'), fcp: pick('fcp'), domContentLoaded: pick('domContentLoaded'), editor: pick('editor'), all: samples.map((s) => Math.round(s.render)), version };
}

/** Long tasks on the page's main thread while a lesson's run animates its tuples. */
async function measureLessonRun(url) {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript(() => localStorage.setItem('storm-studio:tour', 'skipped'));
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('storm-studio:canvas-ready').length > 0, null, { timeout: 30_000 });
    await page.getByTestId('toolbar.help').click();
    await page.getByTestId('menu.help.lessons').click();
    await page.getByTestId('lessons.item.groupings').click();
    await page.getByTestId('lesson.start').click();
    await page.getByTestId('dock.tab.step').click();
    await page.getByTestId('step.speed').selectOption('1');
    await page.evaluate(() => {
      globalThis.__longTasks = [];
      new PerformanceObserver((list) => globalThis.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
    });
    await page.getByTestId('toolbar.run.start').click();
    await page.getByTestId('canvas.legend').waitFor({ timeout: 30_000 });
    await page.getByTestId('step.animate').check();
    await page.getByTestId('dock.tab.lessons').click();
    // The first second is start-up (the simulation's worker, the run views' code): counted apart.
    await page.waitForTimeout(1000);
    const startup = await page.evaluate(() => globalThis.__longTasks.splice(0));
    await page.waitForTimeout(10_000);
    const during = await page.evaluate(() => globalThis.__longTasks.slice());
    await context.close();
    return { during, startup };
  } finally {
    await browser.close();
  }
}

function report(bundle, render, lesson) {
  const ok = (value, target) => (value <= target ? 'yes' : '**no**');
  const date = new Date().toISOString().slice(0, 10);
  const machine = `${cpus().length} cores, Node ${process.versions.node.split('.')[0]}, ${render.version.replace(/^Chromium ([0-9]+).*/, 'Debian Chromium $1')}`;
  return [
    `Measured ${date} on ${machine}, with \`node scripts/measure-app.mjs\` (median of ${runs} page loads; headless; 1440×900).`,
    '',
    '| what | figure | target | met |',
    '|---|---|---|---|',
    `| main chunk (JS + CSS of the first load), gzip | ${kb(bundle.main.gzip).toFixed(1)} KB (${kb(bundle.main.raw).toFixed(0)} KB raw) | ≤ ${TARGETS.mainGzipKB} KB, no Monaco | ${ok(kb(bundle.main.gzip), TARGETS.mainGzipKB)} |`,
    `| Monaco chunk (lazy: editor core, Python, JavaScript), gzip | ${kb(bundle.monaco.gzip).toFixed(1)} KB (${kb(bundle.monaco.raw).toFixed(0)} KB raw), + editor worker ${kb(bundle.monaco.worker).toFixed(0)} KB | not in the main chunk | yes |`,
    `| first render (document's nodes drawn), from navigation start | ${render.render.toFixed(0)} ms | ≤ ${TARGETS.firstRenderMs} ms | ${ok(render.render, TARGETS.firstRenderMs)} |`,
    `| first contentful paint | ${render.fcp.toFixed(0)} ms | | |`,
    `| DOMContentLoaded | ${render.domContentLoaded.toFixed(0)} ms | | |`,
    `| code editor ready after selecting a component (loads Monaco) | ${render.editor.toFixed(0)} ms | | |`,
    `| main-thread tasks ≥ 50 ms while a lesson's run animates (10 s, word count at 1×, tuples animated) | ${lesson.during.length}${lesson.during.length ? ` (longest ${Math.max(...lesson.during).toFixed(0)} ms)` : ''} | ${TARGETS.longTasks} | ${ok(lesson.during.length, TARGETS.longTasks)} |`,
    `| the same in the run's first second (start-up, not counted) | ${lesson.startup.length}${lesson.startup.length ? ` (longest ${Math.max(...lesson.startup).toFixed(0)} ms)` : ''} | | |`,
    '',
    `First-render samples (ms): ${render.all.join(', ')}. Main chunk files: ${bundle.main.files.map((f) => `\`${f.replace(/^assets\//, '').replace(/-[A-Za-z0-9_-]{8}\./, '.')}\``).join(', ')}.`,
  ].join('\n');
}

const START = '<!-- measure-app:start -->';
const END = '<!-- measure-app:end -->';

async function writeSection(body) {
  const path = 'docs/benchmarks.md';
  let text;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    text = '# Benchmarks\n\nFigures measured on this project\'s machines. Each area keeps its own section; re-run the command named in it to refresh it.\n';
  }
  const section = `${START}\n${body}\n${END}`;
  if (text.includes(START) && text.includes(END)) {
    text = text.slice(0, text.indexOf(START)) + section + text.slice(text.indexOf(END) + END.length);
  } else {
    text = `${text.trimEnd()}\n\n## Designer: bundle size and first render\n\n${section}\n`;
  }
  await writeFile(path, text);
  console.log(`Updated ${path}.`);
}

const outDir = await mkdtemp(join(tmpdir(), 'storm-studio-measure-'));
try {
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true, manifest: true } });
  const bundle = await measureBundle(outDir);
  const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  let render;
  let lesson;
  try {
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('vite preview did not report its URL');
    render = await measureRender(url);
    lesson = await measureLessonRun(url);
  } finally {
    await server.close();
  }
  const body = report(bundle, render, lesson);
  console.log(body);
  if (write) await writeSection(body);
  if (kb(bundle.main.gzip) > TARGETS.mainGzipKB || render.render > TARGETS.firstRenderMs || lesson.during.length > TARGETS.longTasks) {
    console.error('A target is missed (see the table).');
    process.exitCode = 1;
  }
} finally {
  await rm(outDir, { recursive: true, force: true });
}
