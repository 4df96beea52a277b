/**
 * The Python runtime as a Web Worker of the built app uses it: Pyodide from the app's own
 * `pyodide/` folder (see scripts/python-assets.ts), never from a CDN.
 */
import { createPythonRuntime, type PythonRuntime, type PythonRuntimeOptions } from './runtime';

/** The URL of the folder the build serves Pyodide's files from, resolved in the current worker. */
export function pyodideIndexURL(): string {
  return new URL(`${import.meta.env.BASE_URL}pyodide/`, self.location.href).href;
}

/** {@link createPythonRuntime} with the app's `indexURL`. */
export function createBrowserPythonRuntime(options: Omit<PythonRuntimeOptions, 'indexURL'> = {}): PythonRuntime {
  return createPythonRuntime({ ...options, indexURL: pyodideIndexURL() });
}
