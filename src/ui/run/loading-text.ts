/**
 * What the Run tab says while Python (Pyodide) loads: the download with its megabytes, then —
 * once every byte is in, while Pyodide compiles and starts the interpreter, which takes seconds —
 * that it is starting, never a download stuck at "12.1 / 12.1 MB".
 */
import type { LoadProgress } from '../../sim-client/types';

export interface LoadingText {
  readonly text: string;
  /** Done so far (0–1), or null when it cannot be told (the bar then just moves). */
  readonly fraction: number | null;
}

// The downloaded megabytes are rounded down and the total up: the two read the same only once done.
const mbDown = (bytes: number) => (Math.floor(bytes / 1e5) / 10).toFixed(1);
const mbUp = (bytes: number) => (Math.ceil(bytes / 1e5) / 10).toFixed(1);

/**
 * @example
 * loadingText({ phase: 'download', loaded: 12.1e6, total: 12.1e6 }).text
 * // 'Loading Python (Pyodide): downloaded 12.1 MB, starting the interpreter…'
 */
export function loadingText(p: LoadProgress): LoadingText {
  if (p.phase === 'download') {
    if (p.total > 0 && p.loaded >= p.total) return { text: `Loading Python (Pyodide): downloaded ${mbUp(p.total)} MB, starting the interpreter…`, fraction: null };
    if (p.total > 0) return { text: `Loading Python (Pyodide): downloading ${mbDown(p.loaded)} / ${mbUp(p.total)} MB`, fraction: Math.min(1, p.loaded / p.total) };
    return { text: `Loading Python (Pyodide): downloading ${mbDown(p.loaded)} MB`, fraction: null };
  }
  if (p.phase === 'initialize') return { text: 'Loading Python (Pyodide): starting the interpreter…', fraction: null };
  return { text: 'Python is ready; loading the components…', fraction: null };
}
