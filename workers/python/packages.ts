/**
 * Installs a document's pure-Python wheels (`TopologyDocument.packages`) into one interpreter with
 * micropip, as JupyterLite does, before the run's components load. micropip is not in the npm
 * package `pyodide`: its wheel is vendored (vendor/micropip), read from there in Node and served
 * next to Pyodide's files in the app (scripts/python-assets.ts). Nothing is fetched from a CDN.
 */
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

/**
 * Installs `packages` into `py` (whose Storm Studio runtime is installed). micropip gets Pyodide's
 * API (`pyodide_js`, which the sandbox took away) only while it installs. Rejects with a message
 * naming the wheel when micropip refuses one.
 */
export async function installPackages(host: PythonHost, packages: readonly PythonPackage[], indexURL?: string): Promise<void> {
  if (packages.length === 0) return;
  const py = host.py;
  const micropip = `${WHEELS_DIR}/${MICROPIP_WHEEL}`;
  py.FS.mkdirTree(WHEELS_DIR);
  py.FS.writeFile(micropip, await micropipWheel(indexURL));
  const paths = packages.map((p) => {
    const path = `${WHEELS_DIR}/${p.file}`;
    py.FS.writeFile(path, wheelBytes(p));
    return path;
  });
  py.registerJsModule('pyodide_js', py);
  try {
    await host.entries.install_packages(JSON.stringify(paths), micropip);
  } catch (e) {
    const message = (e as Error).message ?? String(e);
    const last = message.trim().split('\n').pop() ?? message;
    throw new Error(`The document's Python packages (${packages.map((p) => p.file).join(', ')}) could not be installed: ${last}`, { cause: e });
  } finally {
    py.unregisterJsModule('pyodide_js');
  }
}
