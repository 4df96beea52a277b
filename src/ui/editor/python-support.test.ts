import { describe, expect, it } from 'vitest';
import type { PythonDiagnostic } from '../../python/diagnostics';
import { SyntaxChecker, type CheckedModel } from './python-support';

function fakeModel(text: string) {
  let version = 1;
  let value = text;
  const model: CheckedModel & { edit(t: string): void; disposed: boolean } = {
    disposed: false,
    getValue: () => value,
    getLinesContent: () => value.split('\n'),
    getVersionId: () => version,
    isDisposed: () => model.disposed,
    edit(t) {
      value = t;
      version++;
    },
  };
  return model;
}

const error: PythonDiagnostic = { line: 2, column: 5, endLine: null, endColumn: null, message: "SyntaxError: '(' was never closed", severity: 'error' };

describe('SyntaxChecker', () => {
  it('debounces edits and marks the checked version', async () => {
    const model = fakeModel('def f():\n    (\n');
    const checked: string[] = [];
    const markers: unknown[][] = [];
    const checker = new SyntaxChecker(model, {
      check: async (code) => {
        checked.push(code);
        return [error];
      },
      setMarkers: (_m, m) => void markers.push(m),
      debounceMs: 10,
    });
    checker.changed();
    checker.changed();
    checker.changed();
    await new Promise((done) => setTimeout(done, 60));
    expect(checked).toHaveLength(1);
    expect(markers).toEqual([[{ severity: 8, message: "SyntaxError: '(' was never closed", startLineNumber: 2, startColumn: 5, endLineNumber: 2, endColumn: 6, source: 'python' }]]);
  });

  it('drops a result for a version that was edited meanwhile, and keeps quiet when the checker fails', async () => {
    const model = fakeModel('x = (\n');
    const markers: unknown[][] = [];
    let release: (d: PythonDiagnostic[]) => void = () => {};
    const checker = new SyntaxChecker(model, { check: () => new Promise((r) => (release = r)), setMarkers: (_m, m) => void markers.push(m) });
    const run = checker.run();
    model.edit('x = ()\n');
    release([error]);
    await run;
    expect(markers).toEqual([]);
    const failing = new SyntaxChecker(model, { check: () => Promise.reject(new Error('offline')), setMarkers: (_m, m) => void markers.push(m) });
    await failing.run();
    expect(markers).toEqual([]);
  });
});
