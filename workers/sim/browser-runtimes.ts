/**
 * The runtimes of a simulation Web Worker: JavaScript always; Python on Pyodide, imported and
 * started only when a component of the run is written in Python (a JavaScript-only run never
 * fetches Pyodide's files).
 */
import { defaultRegistry, type RuntimeRegistry } from '../../src/engine';
import type { HostInit, HostLoadProgress } from './protocol';

export function browserRegistry(init: HostInit, onProgress: (p: HostLoadProgress) => void): RuntimeRegistry {
  return defaultRegistry().register('python', async () => {
    const { createBrowserPythonRuntime } = await import('../python/browser');
    return createBrowserPythonRuntime({ onProgress, interruptBuffer: init.interrupt });
  });
}
