/**
 * Tests' one warm Python runtime per test file: started before the file's first test (Pyodide's
 * start is the slow part), reset after each test (unless the test file resets it itself),
 * disposed after the last; `registry` runs Python components on it.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { defaultRegistry, type RuntimeRegistry } from '../../src/engine';
import { createPythonRuntime, type PythonRuntime } from './runtime';

export interface SharedPythonRuntime {
  readonly runtime: PythonRuntime;
  readonly registry: RuntimeRegistry;
}

export function usePythonRuntime({ resetAfterEach = true }: { readonly resetAfterEach?: boolean } = {}): SharedPythonRuntime {
  const held = {} as { runtime: PythonRuntime; registry: RuntimeRegistry };
  beforeAll(async () => {
    held.runtime = createPythonRuntime({ interruptBuffer: null });
    await held.runtime.preload();
    held.registry = defaultRegistry().register('python', () => held.runtime);
  }, 120_000);
  if (resetAfterEach) afterEach(() => held.runtime.reset());
  afterAll(() => held.runtime.dispose());
  return held;
}
