/**
 * A small Web Worker for the editor's inline syntax markers: Python's own compiler on a Pyodide
 * of its own, started on the first check (the editor starts the worker when a Python component
 * is first edited). No user code runs here: code is compiled, never executed.
 */
import { expose } from 'comlink';
import { createBrowserPythonRuntime } from './browser';
import type { PythonLoadProgress } from './pyodide-loader';
import type { PythonDiagnostic } from '../../src/python/diagnostics';

let progress: PythonLoadProgress = { phase: 'initialize', loaded: 0, total: 1 };
const runtime = createBrowserPythonRuntime({ interruptBuffer: null, onProgress: (p) => (progress = p) });

const api = {
  /** Syntax error and SyntaxWarnings of `code` (1-based lines and columns). */
  check(code: string, filename?: string): Promise<PythonDiagnostic[]> {
    return runtime.checkSyntax(code, filename);
  },
  /** How far Pyodide's start is, for a "checker loading" hint. */
  progress(): PythonLoadProgress {
    return progress;
  },
};

export type PythonSyntaxWorkerApi = typeof api;

expose(api);
