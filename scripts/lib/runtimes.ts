/**
 * The component runtimes of command-line runs: JavaScript, and Python on Pyodide (loaded only when
 * a component runs Python, so JavaScript-only runs never start it).
 */
import { defaultRegistry, type RuntimeRegistry } from '../../src/engine';

export function nodeRegistry(options: { readonly interruptBuffer?: Int32Array | null } = {}): RuntimeRegistry {
  return defaultRegistry().register('python', async () => (await import('../../workers/python/runtime')).createPythonRuntime(options.interruptBuffer === undefined ? {} : { interruptBuffer: options.interruptBuffer }));
}
