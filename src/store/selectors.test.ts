import { describe, expect, it } from 'vitest';
import { DIAGNOSTICS, EXAMPLES, wordCountExample, type TopologyDocument } from '../model';
import { diagnosticIndex, documentDiagnostics } from './selectors';

/** The word count with bolt `count`'s Python replaced. */
function withCountCode(python: string): TopologyDocument {
  const doc = wordCountExample();
  return { ...doc, components: doc.components.map((c) => (c.id === 'count' ? { ...c, code: { ...c.code, python } } : c)) };
}

describe('documentDiagnostics', () => {
  it('finds no Python problem in any example', () => {
    expect(documentDiagnostics(wordCountExample())).toEqual([]);
    for (const example of EXAMPLES) expect(documentDiagnostics(example.create()).filter((d) => d.code.includes('PYTHON')), example.id).toEqual([]);
  });

  it("reports a Python syntax error as the component's problem, with its file and line (E_PYTHON_SYNTAX)", () => {
    const doc = withCountCode('from petrel import storm\n\ndef run(:\n    pass\n');
    const found = documentDiagnostics(doc).filter((d) => d.code === 'E_PYTHON_SYNTAX');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: DIAGNOSTICS.E_PYTHON_SYNTAX.severity, target: { kind: 'component', id: 'count', field: 'code', line: 3 } });
    expect(found[0]!.message).toMatch(/^Bolt 'count': SyntaxError in count\.py, line 3: /);
    // The toolbar and the node's outline read the index: one error, on `count`.
    const index = diagnosticIndex(doc);
    expect(index.errors).toBe(1);
    expect(index.byComponent.get('count')?.map((d) => d.code)).toEqual(['E_PYTHON_SYNTAX']);
  });

  it('reports an unavailable import as an error (E_PYTHON_IMPORT), a guarded one as a warning (W_PYTHON_IMPORT)', () => {
    const code = wordCountExample().components.find((c) => c.id === 'count')!.code.python!;
    const doc = withCountCode(`import nltk\ntry:\n    import ujson\nexcept ImportError:\n    ujson = None\n${code}`);
    const found = documentDiagnostics(doc);
    expect(found.map((d) => [d.code, d.severity, (d.target as { line?: number }).line])).toEqual([
      ['E_PYTHON_IMPORT', 'error', 1],
      ['W_PYTHON_IMPORT', 'warning', 3],
    ]);
    expect(found[0]!.message).toContain("imports 'nltk' (line 1)");
  });
});
