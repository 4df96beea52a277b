/**
 * Installs a document's pure-Python wheels (`TopologyDocument.packages`) into one interpreter with
 * micropip, as JupyterLite does, before the run's components load. micropip is not in the npm
 * package `pyodide`: its wheel is vendored (vendor/micropip), read from there in Node and served
 * next to Pyodide's files in the app (scripts/python-assets.ts). Nothing is fetched from a CDN.
 */
import type { PyodideAPI } from 'pyodide';
import type { PythonHost } from './host';
import type { PythonPackage } from '../../src/model';
import { wheelBytes } from '../../src/python/wheels';
import { inNode } from './pyodide-loader';

/** Must equal `MICROPIP_WHEEL` in scripts/python-assets.ts (the file in vendor/micropip and in the served `pyodide/`). */
export const MICROPIP_WHEEL = 'micropip-0.11.1-py3-none-any.whl';

/** Where the wheels are written in Pyodide's file system (under /tmp: a reset removes them). */
const WHEELS_DIR = '/tmp/storm-studio-wheels';

/** micropip's wheel: from vendor/ in Node, from the app's `pyodide/` folder in a browser. */
async function micropipWheel(indexURL: string | undefined): Promise<Uint8Array> {
  if (inNode()) {
    // Not bundled for browsers (a browser never takes this branch).
    const fs = (await import(/* @vite-ignore */ ['node', 'fs/promises'].join(':'))) as { readFile(path: URL): Promise<Uint8Array> };
    return new Uint8Array(await fs.readFile(new URL(`../../vendor/micropip/${MICROPIP_WHEEL}`, import.meta.url)));
  }
  if (!indexURL) throw new Error('Python packages: indexURL is required outside Node (the folder micropip is served from)');
  const response = await fetch(new URL(MICROPIP_WHEEL, indexURL));
  if (!response.ok) throw new Error(`Python packages: micropip could not be loaded from ${response.url} (${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Where micropip's wheel is kept in Pyodide's file system (outside what a reset empties). */
const MICROPIP_PATH = `/storm-studio-micropip/${MICROPIP_WHEEL}`;

/**
 * Puts micropip's wheel into `py`'s file system. Called as Pyodide starts: in the app the
 * simulation worker loses `fetch` before components load (workers/sandbox/worker-global.ts).
 */
export async function provideMicropip(py: PyodideAPI, indexURL?: string): Promise<void> {
  py.FS.mkdirTree(MICROPIP_PATH.slice(0, MICROPIP_PATH.lastIndexOf('/')));
  py.FS.writeFile(MICROPIP_PATH, await micropipWheel(indexURL));
}

/**
 * Installs `packages` into the host's interpreter (where {@link provideMicropip} put micropip).
 * micropip gets Pyodide's API (`pyodide_js`, which the sandbox took away) only while it installs.
 * Rejects with a message naming the wheels when micropip refuses one.
 */
export async function installPackages(host: PythonHost, packages: readonly PythonPackage[]): Promise<void> {
  if (packages.length === 0) return;
  const py = host.py;
  py.FS.mkdirTree(WHEELS_DIR);
  const paths = packages.map((p) => {
    const path = `${WHEELS_DIR}/${p.file}`;
    py.FS.writeFile(path, wheelBytes(p));
    return path;
  });
  py.registerJsModule('pyodide_js', py);
  let failure: string | undefined;
  try {
    // Started, then polled: a coroutine returned to JavaScript would become a Promise, which
    // Pyodide cannot build in the locked-down simulation worker.
    host.entries.install_packages(JSON.stringify(paths), MICROPIP_PATH);
    while ((failure = host.entries.packages_installed()) === undefined) await new Promise((r) => setTimeout(r, 5));
  } finally {
    py.unregisterJsModule('pyodide_js');
  }
  if (failure !== '') {
    const last = failure.trim().split('\n').pop() ?? failure;
    throw new Error(`The document's Python packages (${packages.map((p) => p.file).join(', ')}) could not be installed: ${last}`);
  }
}
