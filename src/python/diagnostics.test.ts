import { describe, expect, it } from 'vitest';
import { diagnosticsToMarkers, MARKER_SEVERITY } from './diagnostics';

describe('diagnosticsToMarkers', () => {
  it('keeps the range Python gives', () => {
    expect(diagnosticsToMarkers([{ line: 2, column: 5, endLine: 2, endColumn: 9, message: 'SyntaxError: x', severity: 'error' }], ['a', 'b = (1,'])).toEqual([
      { severity: MARKER_SEVERITY.error, message: 'SyntaxError: x', startLineNumber: 2, startColumn: 5, endLineNumber: 2, endColumn: 9, source: 'python' },
    ]);
  });

  it('runs a point to the end of its line, and never produces an empty range', () => {
    const lines = ['x = 1', "p = '\\d'"];
    const [warning] = diagnosticsToMarkers([{ line: 2, column: 1, endLine: 2, endColumn: null, message: 'SyntaxWarning: y', severity: 'warning' }], lines);
    expect(warning).toMatchObject({ severity: MARKER_SEVERITY.warning, startColumn: 1, endColumn: lines[1]!.length + 1 });
    const [empty] = diagnosticsToMarkers([{ line: 3, column: 1, endLine: 3, endColumn: 1, message: 'SyntaxError: eof', severity: 'error' }], lines);
    expect(empty).toMatchObject({ startLineNumber: 3, startColumn: 1, endLineNumber: 3, endColumn: 2 });
  });
});
