/**
 * The runtimes of a simulation Web Worker (see warm-runtimes.ts): Python on Pyodide from the app's
 * own files, imported only when a component of a run is written in Python, and kept for the next
 * runs this worker serves.
 */
import { warmRuntimes } from './warm-runtimes';

const runtimes = warmRuntimes(async (options) => (await import('../python/browser')).createBrowserPythonRuntime(options));

export const browserRegistry = runtimes.registry;
export const recycleRuntimes = runtimes.recycle;
