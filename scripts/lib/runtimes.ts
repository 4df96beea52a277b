/**
 * The component runtimes of command-line runs: JavaScript, and Python on Pyodide (loaded only when
 * a component runs Python, so JavaScript-only runs never start it).
 */
import { defaultRegistry, type RuntimeRegistry } from '../../src/engine';
import type { PythonFactory } from '../../workers/sim/warm-runtimes';

/** Pyodide in Node (from the package's own files), with the watchdog's interrupt buffer. */
export const nodePython: PythonFactory = async (options) => (await import('../../workers/python/runtime')).createPythonRuntime(options);

/** Which runtimes the command line has (the hosts build theirs with {@link nodePython}). */
export function nodeRegistry(): RuntimeRegistry {
  return defaultRegistry().register('python', () => nodePython({ interruptBuffer: null }));
}
