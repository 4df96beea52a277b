import { describe, expect, it } from 'vitest';
import { loadingText } from './loading-text';

describe('loadingText', () => {
  it('counts the download, then says the interpreter is starting once every byte is in', () => {
    expect(loadingText({ phase: 'initialize', loaded: 0, total: 1 })).toEqual({ text: 'Loading Python (Pyodide): starting the interpreter…', fraction: null });
    expect(loadingText({ phase: 'download', loaded: 3_000_000, total: 0 }).text).toBe('Loading Python (Pyodide): downloading 3.0 MB');
    expect(loadingText({ phase: 'download', loaded: 6_050_000, total: 12_100_000 })).toEqual({ text: 'Loading Python (Pyodide): downloading 6.0 / 12.1 MB', fraction: 0.5 });
    // Almost done: the numbers never read the same before the end.
    expect(loadingText({ phase: 'download', loaded: 12_140_000, total: 12_150_000 }).text).toBe('Loading Python (Pyodide): downloading 12.1 / 12.2 MB');
    expect(loadingText({ phase: 'download', loaded: 12_100_000, total: 12_100_000 })).toEqual({ text: 'Loading Python (Pyodide): downloaded 12.1 MB, starting the interpreter…', fraction: null });
    expect(loadingText({ phase: 'ready', loaded: 1, total: 1 }).text).toBe('Python is ready; loading the components…');
  });
});
