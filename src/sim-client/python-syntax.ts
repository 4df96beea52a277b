/**
 * Page side of the Python syntax worker (`workers/python/syntax-worker.ts`): starts it lazily and
 * wraps it with comlink. The editor calls `checkPythonSyntax(code)` (debounced) and shows the
 * result with `diagnosticsToMarkers` (src/python/diagnostics.ts).
 */
import { wrap, type Remote } from 'comlink';
import type { PythonDiagnostic } from '../python/diagnostics';
import type { PythonSyntaxWorkerApi } from '../../workers/python/syntax-worker';

let worker: Worker | null = null;
let remote: Remote<PythonSyntaxWorkerApi> | null = null;

function start(): Remote<PythonSyntaxWorkerApi> {
  if (!remote) {
    worker = new Worker(new URL('../../workers/python/syntax-worker.ts', import.meta.url), { type: 'module', name: 'python-syntax' });
    remote = wrap<PythonSyntaxWorkerApi>(worker);
  }
  return remote;
}

/** Python's verdict on `code` (starts the worker and Pyodide on first use: ~2–3 s). */
export function checkPythonSyntax(code: string, filename?: string): Promise<PythonDiagnostic[]> {
  return start().check(code, filename);
}

/** Stops the worker (it restarts on the next check). */
export function stopPythonSyntaxWorker(): void {
  worker?.terminate();
  worker = null;
  remote = null;
}
