/**
 * Starts Pyodide from the app's own files (browser: `indexURL`, never a CDN) or from the npm
 * package (Node), reporting progress for the page's loading indicator.
 */
import type { PyodideAPI } from 'pyodide';

/** Loading progress: bytes of Pyodide's files while downloading, then interpreter start-up. */
export interface PythonLoadProgress {
  readonly phase: 'download' | 'initialize' | 'ready';
  /** Bytes received (download) or steps done (initialize, ready). */
  readonly loaded: number;
  /** Bytes expected, 0 when the server does not say (download); steps (initialize, ready). */
  readonly total: number;
}

export interface PyodideLoadOptions {
  /** Folder URL with `pyodide.asm.mjs`, `pyodide.asm.wasm`, `python_stdlib.zip`, `pyodide-lock.json`. */
  readonly indexURL?: string;
  readonly onProgress?: (progress: PythonLoadProgress) => void;
  /** Output Pyodide itself writes before Storm Studio takes over `sys.stdout`. */
  readonly onStdout?: (line: string) => void;
}

/** True in Node (tests, CLI, benchmarks); false in browsers and Web Workers. */
export function inNode(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string';
}

/** Files whose download is counted in the progress (the rest are small). */
const COUNTED = ['pyodide.asm.wasm', 'python_stdlib.zip'];

/**
 * Loads Pyodide with a fixed hash seed (so set and dict-of-str iteration orders replay).
 * In a browser, `indexURL` is required: Storm Studio serves Pyodide itself and never uses a CDN.
 */
export async function loadPyodideRuntime(options: PyodideLoadOptions = {}): Promise<PyodideAPI> {
  const node = inNode();
  if (!node && !options.indexURL) {
    throw new Error('Python runtime: indexURL is required outside Node (the folder Pyodide is served from, e.g. /pyodide/)');
  }
  const report = options.onProgress ?? (() => {});
  const { loadPyodide } = await import('pyodide');
  const restoreFetch = node ? () => {} : countDownloads(report);
  const quiet = (line: string) => options.onStdout?.(line);
  try {
    report({ phase: 'initialize', loaded: 0, total: 1 });
    const py = await loadPyodide({
      ...(options.indexURL ? { indexURL: options.indexURL } : {}),
      env: { PYTHONHASHSEED: '0' },
      stdout: quiet,
      stderr: quiet,
    });
    report({ phase: 'ready', loaded: 1, total: 1 });
    return py;
  } finally {
    restoreFetch();
  }
}

/**
 * Wraps `fetch` while Pyodide loads so that the bytes of its large files can be counted. Pyodide
 * fetches them itself; the wrapper passes each response on unchanged (headers included, so
 * `WebAssembly.instantiateStreaming` still sees `application/wasm`).
 */
function countDownloads(report: (p: PythonLoadProgress) => void): () => void {
  const realFetch = globalThis.fetch;
  const totals = new Map<string, number>();
  const loaded = new Map<string, number>();
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const wrapped: typeof fetch = async (input, init) => {
    const response = await realFetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const file = COUNTED.find((f) => url.endsWith(f));
    if (!file || !response.body || !response.ok) return response;
    totals.set(file, Number(response.headers.get('content-length') ?? 0));
    loaded.set(file, 0);
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        loaded.set(file, (loaded.get(file) ?? 0) + chunk.byteLength);
        report({ phase: 'download', loaded: sum(loaded), total: totals.size === COUNTED.length ? sum(totals) : 0 });
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(counter), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  globalThis.fetch = wrapped;
  return () => {
    if (globalThis.fetch === wrapped) globalThis.fetch = realFetch;
  };
}
