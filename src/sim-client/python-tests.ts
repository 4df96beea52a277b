/**
 * Page side of the Tests tab's worker (`workers/python/tests-worker.ts`): started on the first
 * run, kept warm for the next; `stopPythonTests()` terminates it (a test that never returns is
 * stopped that way, and the pending run rejects with {@link TestsStoppedError}).
 */
import { wrap, type Remote } from 'comlink';
import type { PythonPackage } from '../model';
import type { TestResult, TestSourceModule } from '../python/test-modules';
import type { PythonLoadProgress } from '../../workers/python/pyodide-loader';
import type { PythonTestsWorkerApi } from '../../workers/python/tests-worker';

export class TestsStoppedError extends Error {
  constructor() {
    super('The test run was stopped.');
  }
}

let worker: Worker | null = null;
let remote: Remote<PythonTestsWorkerApi> | null = null;
let stopped: (() => void) | null = null;

function start(): Remote<PythonTestsWorkerApi> {
  if (!remote) {
    worker = new Worker(new URL('../../workers/python/tests-worker.ts', import.meta.url), { type: 'module', name: 'python-tests' });
    remote = wrap<PythonTestsWorkerApi>(worker);
  }
  return remote;
}

/** Runs the tests of `modules` in the worker, with the document's `packages` importable. */
export function runPythonTests(modules: readonly TestSourceModule[], packages: readonly PythonPackage[] = []): Promise<TestResult[]> {
  const r = start();
  return new Promise<TestResult[]>((resolve, reject) => {
    stopped = () => reject(new TestsStoppedError());
    r.run(modules, packages).then(resolve, reject);
  }).finally(() => {
    stopped = null;
  });
}

/** Pyodide's loading progress in the worker (while a first run starts). */
export function pythonTestsProgress(): Promise<PythonLoadProgress> {
  return start().progress();
}

/** Terminates the worker (the next run starts a new one). */
export function stopPythonTests(): void {
  worker?.terminate();
  worker = null;
  remote = null;
  stopped?.();
}
