/**
 * A measuring page in a real browser, as the app runs: builds a tiny page from the given module
 * files with Vite (`@repo` resolves to this repository, workers as ES modules), serves it with the
 * app's cross-origin isolation headers and opens it in Debian's Chromium (or $CHROMIUM_PATH,
 * headless) with playwright-core. For the browser benchmarks (bench-python-browser.ts,
 * bench-threads-browser.ts).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview } from 'vite';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface BenchPageOptions {
  /** Module files of the page besides index.html, which loads `main.js`. */
  readonly files: Readonly<Record<string, string>>;
  readonly port: number;
  /** Serve the app's `public/` folder (Pyodide's files). */
  readonly publicDir?: boolean;
}

/** Builds and serves the page, opens it, runs `use`, then closes everything and deletes the build. */
export async function withBenchPage<T>(options: BenchPageOptions, use: (page: Page, browser: Browser) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'storm-studio-bench-'));
  try {
    await writeFile(join(dir, 'index.html'), '<!doctype html><link rel="icon" href="data:,"><script type="module" src="./main.js"></script>');
    for (const [name, text] of Object.entries(options.files)) await writeFile(join(dir, name), text);
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
    const shared = {
      configFile: false as const,
      root: dir,
      logLevel: 'error' as const,
      ...(options.publicDir ? { publicDir: join(ROOT, 'public') } : {}),
      resolve: { alias: { '@repo': ROOT } },
      worker: { format: 'es' as const },
      build: { outDir: join(dir, 'dist'), target: 'es2022', chunkSizeWarningLimit: 10_000 },
    };
    await build(shared);
    const server = await preview({ ...shared, preview: { port: options.port, strictPort: true, host: '127.0.0.1', headers } });
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-extensions'],
    });
    try {
      const page = await browser.newPage();
      page.on('console', (m) => console.log(`[page] ${m.text()}`));
      await page.goto(`http://127.0.0.1:${options.port}/`);
      return await use(page, browser);
    } finally {
      await browser.close();
      await new Promise<void>((done) => server.httpServer.close(() => done()));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
