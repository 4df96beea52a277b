/**
 * What a newcomer meets: a fresh copy of the repository (no `public/pyodide/`, no Vite cache),
 * `npm ci`, then the README's `npm start` (the dev server, not the built preview), and a first Run
 * of the example loaded at start, whose components are Python. The dev server lists `public/` once
 * at start; Pyodide's files copied later were answered with the index page, so the first Python
 * run of a fresh clone failed to load `pyodide.asm.mjs`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { RunPage } from './pages/run-page';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.E2E_DEV_PORT ?? 5199);

let dir = '';
let server: ChildProcess | null = null;
let serverLog = '';

test.describe.configure({ timeout: 240_000 });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dir = mkdtempSync(join(tmpdir(), 'storm-studio-fresh-'));
  // The repository's files as a clone has them (tracked files, as they are in the working tree).
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: repo, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    if (!existsSync(join(repo, f))) continue;
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(repo, f), join(dir, f));
  }
  expect(existsSync(join(dir, 'public', 'pyodide'))).toBe(false);
  execFileSync('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir, stdio: 'pipe', timeout: 240_000 });
  // The README's first command, on a port of its own.
  server = spawn('npm', ['start', '--', '--port', String(port), '--strictPort'], { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout?.on('data', (d: Buffer) => (serverLog += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (serverLog += d.toString()));
  const up = () =>
    fetch(`http://127.0.0.1:${port}/`).then(
      (r) => r.ok,
      () => false,
    );
  await expect.poll(up, { timeout: 60_000, message: `the dev server starts:\n${serverLog}` }).toBe(true);
});

test.afterAll(() => {
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a fresh clone: npm start, then the first Run of the Python example runs', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${port}/`);
  // The example loaded at start, on the canvas.
  await expect(page.getByTestId('canvas.node.count')).toBeVisible({ timeout: 60_000 });
  // A first start shows the tour once; a newcomer skips it with Escape.
  await expect(page.getByTestId('tour')).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('tour')).toBeHidden();
  const run = new RunPage(page);
  await run.run();
  await run.expectStatus('running', 120_000);
  await run.showRunTab();
  await expect.poll(() => run.count('bolts', 'count', 'executed'), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(run.failure()).toHaveCount(0);
  await run.stop();
  expect(errors).toEqual([]);
});
