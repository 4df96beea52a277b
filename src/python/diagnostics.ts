/**
 * Syntax checking of Python components before a run, with Python's own compiler (so the messages
 * are exactly what the run would report), as diagnostics the editor turns into inline markers.
 */

/** A problem at a place in the code; lines and columns are 1-based, as Monaco counts them. */
export interface PythonDiagnostic {
  readonly line: number;
  readonly column: number;
  /** End of the highlighted range, when Python gives one. */
  readonly endLine: number | null;
  readonly endColumn: number | null;
  /** e.g. `SyntaxError: '(' was never closed`, `SyntaxWarning: invalid escape sequence '\d'`. */
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** Monaco's `IMarkerData`, structurally (so this module does not depend on Monaco). */
export interface MarkerData {
  readonly severity: number;
  readonly message: string;
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
  readonly source: string;
}

/** Monaco's `MarkerSeverity` values. */
export const MARKER_SEVERITY = { warning: 4, error: 8 } as const;

/**
 * Markers for `diagnostics` in a model whose lines are `lines` (to extend a one-point error to
 * the end of its line, where Python gives no end).
 */
export function diagnosticsToMarkers(diagnostics: readonly PythonDiagnostic[], lines: readonly string[]): MarkerData[] {
  return diagnostics.map((d) => {
    const lineText = lines[d.line - 1] ?? '';
    const endLine = d.endLine && d.endLine >= d.line ? d.endLine : d.line;
    let endColumn = d.endColumn && (endLine > d.line || d.endColumn > d.column) ? d.endColumn : lineText.length + 1;
    if (endLine === d.line && endColumn <= d.column) endColumn = d.column + 1;
    return {
      severity: MARKER_SEVERITY[d.severity],
      message: d.message,
      startLineNumber: d.line,
      startColumn: d.column,
      endLineNumber: endLine,
      endColumn,
      source: 'python',
    };
  });
}
