/**
 * "Run on real Storm" (docs/run-views.md, "Real Storm beside the simulator"): the app connects to
 * the companion (`npm run storm -- --serve`), runs the open document there and shows the real run
 * beside the last simulator run. Here the companion replays a recorded Storm run
 * (STORM_STUDIO_REPLAY=scripts/storm/__fixtures__/word-count-javascript.run.json): the real server,
 * the real pipeline up to the JVM, no JVM. The last test runs real Storm when Java and Maven are there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { Page } from '@playwright/test';
import { withLanguage, wordCountExample } from '../src/model';
import { findToolchain } from '../scripts/storm/toolchain';
import { screenshot } from './fixtures/screenshot';
import { expect, test as base } from './fixtures/test';
import { RunPage } from './pages/run-page';

const PORT = Number(process.env.E2E_PORT ?? 4173);
const APP_ORIGIN = `http://127.0.0.1:${PORT}`;
const FIXTURE = 'scripts/storm/__fixtures__/word-count-javascript.run.json';

interface Companion {
  readonly url: string;
  readonly token: string;
  readonly process: ChildProcess;
}

/** Starts `npm run storm -- --serve` for this app's origin; `replay` replays a recorded run instead of starting Storm. */
function startCompanion(replay: boolean): Promise<Companion> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/storm.ts', '--serve', '--origin', APP_ORIGIN], {
    env: { ...process.env, ...(replay ? { STORM_STUDIO_REPLAY: FIXTURE, STORM_STUDIO_REPLAY_STEP_MS: '500' } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const url = / on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)?.[1];
      const token = /^token: ([0-9a-f]{32})$/m.exec(out)?.[1];
      if (url && token) resolve({ url, token, process: child });
    });
    child.on('exit', (code) => reject(new Error(`the companion exited with ${code}: ${out}${err}`)));
  });
}

function stopCompanion(c: Companion): Promise<void> {
  return new Promise((resolve) => {
    if (c.process.exitCode !== null) return resolve();
    c.process.once('exit', () => resolve());
    c.process.kill('SIGINT');
  });
}

/** A port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

// A companion that is not running: the browser logs the refused connection, which is the point.
const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !/ERR_CONNECTION_REFUSED|status of 403/.test(m.text())) errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
    await use(errors);
    expect(errors, 'console errors').toEqual([]);
  },
});

test.describe.configure({ timeout: 120_000 });

const wordCount = () => withLanguage(wordCountExample(), 'javascript');

/** Runs the open document in the simulator for `ms` of virtual time, and stops. */
async function simulate(page: Page, ms: number): Promise<void> {
  await page.evaluate(() => window.__stormStudioRun!.setOptions({ clock: 'virtual', speed: 10, seed: 3 }));
  await page.evaluate(() => window.__stormStudioRun!.start());
  await expect.poll(() => page.evaluate(() => window.__stormStudioRun!.state().time ?? 0), { timeout: 60_000 }).toBeGreaterThanOrEqual(ms);
  await page.evaluate(() => window.__stormStudioRun!.stop());
}

async function openConnectDialog(page: Page): Promise<void> {
  await page.getByTestId('toolbar.more').click();
  await page.getByRole('menuitem', { name: /Run on real Storm/ }).click();
  await expect(page.getByTestId('dialog.real-storm')).toBeVisible();
}

test('without the companion: a clear message says how to start it; a wrong token is named', async ({ designer, page }) => {
  const run = new RunPage(page);
  await run.load(wordCount());
  await openConnectDialog(page);
  const port = await closedPort();
  await page.getByTestId('real.connect.url').fill(`http://127.0.0.1:${port}`);
  await page.getByTestId('real.connect.token').fill('0'.repeat(32));
  await page.getByTestId('real.connect.submit').click();
  await expect(page.getByTestId('real.connect.problem')).toContainText(`The Storm companion is not reachable at http://127.0.0.1:${port}`);
  await expect(page.getByTestId('real.connect.problem')).toContainText('Start it with: npm run storm -- --serve');
  await page.getByTestId('real.connect.url').fill('http://example.com:80');
  await page.getByTestId('real.connect.submit').click();
  await expect(page.getByTestId('real.connect.problem')).toContainText('is not the companion\'s URL');

  const companion = await startCompanion(true);
  try {
    await page.getByTestId('real.connect.url').fill(companion.url);
    await page.getByTestId('real.connect.token').fill('f'.repeat(32));
    await page.getByTestId('real.connect.submit').click();
    await expect(page.getByTestId('real.connect.problem')).toContainText('wrong token');
    // Nothing is kept of a connection that failed.
    expect(await page.evaluate(() => sessionStorage.getItem('storm-studio.companion'))).toBeNull();
  } finally {
    await stopCompanion(companion);
  }
  void designer;
});

test('connect, run on (recorded) Storm, and see each figure beside the simulator’s; another document clears it', async ({ designer, page }, info) => {
  const companion = await startCompanion(true);
  try {
    const run = new RunPage(page);
    await run.load(wordCount());
    await simulate(page, 5000);

    // Pasting what the companion printed fills both fields.
    await openConnectDialog(page);
    await page.getByTestId('real.connect.url').focus();
    await page.evaluate((text) => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="real.connect.url"]')!;
      const data = new DataTransfer();
      data.setData('text', text);
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, `Storm Studio companion on ${companion.url}\ntoken: ${companion.token}\n`);
    await expect(page.getByTestId('real.connect.url')).toHaveValue(companion.url);
    await expect(page.getByTestId('real.connect.token')).toHaveValue(companion.token);
    await page.getByTestId('real.connect.submit').click();
    await expect(page.getByTestId('dialog.real-storm')).toHaveCount(0);

    // Storm starting: progress, then the result.
    await expect(page.getByTestId('real.progress')).toBeVisible();
    await expect(page.getByTestId('real.progress')).toContainText('Running word-count on real Storm');
    await expect(page.getByTestId('real.result')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('real.connection')).toHaveAttribute('data-state', 'connected');
    // The recording's spouts ran 5.0 s; the run was asked for as long as the simulator's (whole seconds, 5–60).
    const simSeconds = (await page.evaluate(() => window.__stormStudioRun!.state().time!)) / 1000;
    await expect(page.getByTestId('real.caption')).toContainText('spouts ran 5.0 s, seed 3');
    await expect(page.getByTestId('real.caption')).toContainText(`the last simulator run of this document, ${simSeconds.toFixed(1)} s of virtual time, seed 3`);
    await expect(page.getByTestId('real.seconds')).toHaveValue(String(Math.min(60, Math.max(5, Math.round(simSeconds)))));

    // Storm's figures (the recording) above, the simulator's below, and the comparison column.
    await expect(page.getByTestId('real.bolts.count.executed.storm')).toHaveText('2,204');
    await expect(page.getByTestId('real.spouts.sentences.emitted.storm')).toHaveText('344');
    const simExecuted = Number((await page.getByTestId('real.bolts.count.executed.sim').innerText()).replace(/,/g, ''));
    expect(simExecuted).toBeGreaterThan(0);
    expect(simExecuted).toBe(await simCount(page, 'count', 'executed'));
    await expect(page.getByTestId('real.bolts.count.vs')).toContainText(/per second|same/);
    await expect(page.locator('thead th', { hasText: 'Simulator vs Storm' }).first()).toBeVisible();
    // The real plan, and the log of the components on Storm.
    await expect(page.getByTestId('real.plan.worker.0')).toContainText('count [2]');
    await expect(page.getByTestId('real.plan.same')).toContainText('The same executors and task ids');
    expect(await page.getByTestId('real.log.line').count()).toBeGreaterThan(0);
    // The token stays in this tab's sessionStorage only.
    expect(await page.evaluate(() => JSON.parse(sessionStorage.getItem('storm-studio.companion')!).token)).toBe(companion.token);
    expect(await page.evaluate(() => Object.keys(localStorage).some((k) => (localStorage.getItem(k) ?? '').includes('storm-studio.companion')))).toBe(false);
    // A taller dock for the picture: the tables, the plan and the start of the log.
    await page.getByTestId('dock.resize').focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowUp');
    await screenshot(page, info, 'real-storm.png');

    // A real run belongs to its document: another document clears it.
    await run.load({ ...wordCount(), name: 'another' });
    await expect(page.getByTestId('real.result')).toHaveCount(0);
    await expect(page.getByTestId('real.empty')).toBeVisible();
  } finally {
    await stopCompanion(companion);
  }
  void designer;
});

/** The simulator's figure the Run tab shows for a component (all time). */
async function simCount(page: Page, id: string, key: 'executed' | 'emitted'): Promise<number> {
  return page.evaluate(([id, key]) => window.__stormStudioRun!.state().components[id!]?.[key as 'executed'] ?? -1, [id, key] as const);
}

test('opened from the companion’s link: connected, token out of the address bar; cancel stops the run', async ({ designer, page }) => {
  const companion = await startCompanion(true);
  try {
    await page.goto(`/?test#storm=${encodeURIComponent(companion.url)}&token=${companion.token}`);
    await expect(page.getByTestId('real.connection')).toHaveAttribute('data-state', 'connected');
    expect(new URL(page.url()).hash).toBe('');
    const run = new RunPage(page);
    await run.load(wordCount());
    await page.getByTestId('real.run').click();
    await expect(page.getByTestId('real.progress')).toBeVisible();
    await page.getByTestId('real.cancel').click();
    await expect(page.getByTestId('real.cancelled')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('real.result')).toHaveCount(0);
  } finally {
    await stopCompanion(companion);
  }
  void designer;
});

test('on real Storm (Java and Maven): the word count runs on a LocalCluster and shows beside the simulator', async ({ designer, page }) => {
  const tools = await findToolchain(process.env);
  test.skip(typeof tools === 'string', `real Storm needs Java 17 and Maven: ${String(tools)}`);
  test.skip(process.env.E2E_REAL_STORM !== '1', 'a LocalCluster run takes 1–3 minutes on a loaded machine: set E2E_REAL_STORM=1 to run it');
  test.setTimeout(600_000);
  const companion = await startCompanion(false);
  try {
    const run = new RunPage(page);
    await run.load(wordCount());
    await simulate(page, 5000);
    await openConnectDialog(page);
    await page.getByTestId('real.connect.url').fill(companion.url);
    await page.getByTestId('real.connect.token').fill(companion.token);
    await page.getByTestId('real.connect.submit').click();
    await expect(page.getByTestId('real.progress')).toBeVisible();
    await expect(page.getByTestId('real.result')).toBeVisible({ timeout: 540_000 });
    const executed = Number((await page.getByTestId('real.bolts.count.executed.storm').innerText()).replace(/,/g, ''));
    expect(executed).toBeGreaterThan(0);
    await expect(page.getByTestId('real.bolts.count.executed.sim')).toBeVisible();
  } finally {
    await stopCompanion(companion);
  }
  void designer;
});
