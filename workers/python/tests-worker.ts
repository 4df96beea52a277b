/**
 * The Tests tab's Web Worker: a Pyodide of its own (started on the first run, kept for the next)
 * that runs a document's Python tests (tests.ts). Stopping a run terminates the worker.
 */
import { expose } from 'comlink';
import { pyodideIndexURL } from './browser';
import { loadPyodideRuntime, type PythonLoadProgress } from './pyodide-loader';
import { PythonTestRunner } from './tests';
import type { PythonPackage } from '../../src/model';
import type { TestResult, TestSourceModule } from '../../src/python/test-modules';

let progress: PythonLoadProgress = { phase: 'initialize', loaded: 0, total: 1 };
let runner: Promise<PythonTestRunner> | null = null;

const api = {
  /** Runs the tests of `modules` (each run imports them afresh), with the document's `packages` importable. */
  async run(modules: readonly TestSourceModule[], packages: readonly PythonPackage[] = []): Promise<TestResult[]> {
    runner ??= loadPyodideRuntime({ indexURL: pyodideIndexURL(), onProgress: (p) => (progress = p) }).then((py) => new PythonTestRunner(py));
    return (await runner).run(modules, packages);
  },
  /** How far Pyodide's start is, for the tab's "loading Python" line. */
  progress(): PythonLoadProgress {
    return progress;
  },
};

export type PythonTestsWorkerApi = typeof api;

expose(api);
