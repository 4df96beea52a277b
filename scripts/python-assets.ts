/**
 * Serves Pyodide from the app's own files: copies the four files Pyodide loads at start-up from
 * `node_modules/pyodide`, and micropip's wheel from `vendor/micropip/`, into `public/pyodide/` (git-ignored), which Vite serves in dev and copies
 * into `dist/` at build. Run by the Vite plugin below on every `vite`/`vite build` (before the dev server lists `public/`), or by hand:
 * `npx tsx scripts/python-assets.ts`.
 */
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';

/** What `loadPyodide({ indexURL })` fetches (pyodide.mjs itself is bundled into the worker). */
export const PYODIDE_FILES = ['pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'] as const;

/** micropip's wheel (vendor/micropip: not in the npm package), served next to them for a document's wheels. */
export const MICROPIP_WHEEL = 'micropip-0.11.1-py3-none-any.whl';

/** The folder under `public/` (and so under the app's base URL) that holds them. */
export const PYODIDE_PUBLIC_DIR = 'pyodide';

async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [x, y] = await Promise.all([stat(a), stat(b)]);
    return x.size === y.size && x.mtimeMs <= y.mtimeMs;
  } catch {
    return false;
  }
}

/** Copies the files that are missing or older in `<root>/public/pyodide/`; returns the names copied. */
export async function copyPyodideAssets(root: string): Promise<string[]> {
  const require = createRequire(join(root, 'package.json'));
  const from = dirname(require.resolve('pyodide/package.json'));
  const to = join(root, 'public', PYODIDE_PUBLIC_DIR);
  await mkdir(to, { recursive: true });
  const copied: string[] = [];
  const sources = [...PYODIDE_FILES.map((file) => [file, join(from, file)] as const), [MICROPIP_WHEEL, join(root, 'vendor', 'micropip', MICROPIP_WHEEL)] as const];
  for (const [file, src] of sources) {
    const dest = join(to, file);
    if (await sameFile(src, dest)) continue;
    await copyFile(src, dest);
    copied.push(file);
  }
  return copied;
}

/** Vite plugin: makes sure `public/pyodide/` is filled before Vite serves or copies `public/`. */
export function pyodideAssets(): Plugin {
  return {
    name: 'storm-studio:pyodide-assets',
    // Unit tests load Pyodide from node_modules; only the served app needs the copy.
    apply: () => !process.env.VITEST,
    // Copy while the config resolves: the dev server lists `public/` once, right after this hook,
    // and answers any file added later with the app's index page (a fresh clone's first
    // `npm start` then failed to load Pyodide). Vite awaits this hook in serve and build alike.
    async configResolved(config) {
      const copied = await copyPyodideAssets(config.root);
      if (copied.length) config.logger.info(`copied ${copied.join(', ')} to public/${PYODIDE_PUBLIC_DIR}/`);
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const copied = await copyPyodideAssets(root);
  console.log(copied.length ? `copied ${copied.join(', ')} to public/${PYODIDE_PUBLIC_DIR}/` : `public/${PYODIDE_PUBLIC_DIR}/ is up to date`);
}
