import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../python/python2';
import { FIX_ALL_TITLE, idiomActions, idiomMarkers, type IdiomModel } from './python2-support';
import { findPython2Idioms } from '../../python/python2';

/** A model over `text` with Monaco's offset → position rule. */
function model(text: string): IdiomModel {
  return {
    uri: 'file:///components/count.py',
    getValue: () => text,
    getVersionId: () => 7,
    getPositionAt(offset) {
      const before = text.slice(0, offset).split('\n');
      return { lineNumber: before.length, column: before[before.length - 1]!.length + 1 };
    },
  };
}

/** Applies an action's Monaco edits (ranges) to `text`. */
function apply(text: string, edits: ReturnType<typeof idiomActions>[number]['edit']['edits']): string {
  const lines = text.split('\n');
  const offset = (line: number, column: number) => lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  return applyEdits(
    text,
    edits.map((e) => ({ start: offset(e.textEdit.range.startLineNumber, e.textEdit.range.startColumn), end: offset(e.textEdit.range.endLineNumber, e.textEdit.range.endColumn), text: e.textEdit.text })),
  );
}

const code = 'import Queue\nfor k, v in d.iteritems():\n    print k, v\n';
const line = (n: number) => ({ startLineNumber: n, startColumn: 1, endLineNumber: n, endColumn: 1 });

describe('Python 2 help in the editor', () => {
  it('marks each idiom with what Python 3 calls it', () => {
    expect(idiomMarkers(findPython2Idioms(code))).toEqual([
      expect.objectContaining({ severity: 8, startLineNumber: 1, startColumn: 8, endColumn: 13, message: "Python 2's module Queue: Python 3 calls it queue.", source: 'Python 2' }),
      expect.objectContaining({ startLineNumber: 2, startColumn: 15, endColumn: 24, message: "Python 2's dict.iteritems(): Python 3 calls this items()." }),
      expect.objectContaining({ startLineNumber: 3, startColumn: 5, message: expect.stringContaining('print(...)') as string }),
    ]);
  });

  it("offers the quick fix of the idiom at the cursor, with the module's Fix all", () => {
    const actions = idiomActions(model(code), { startLineNumber: 2, startColumn: 18, endLineNumber: 2, endColumn: 18 });
    expect(actions.map((a) => a.title)).toEqual(['Change to items() (Python 3)', FIX_ALL_TITLE]);
    expect(actions[0]!.isPreferred).toBe(true);
    expect(actions[0]!.edit.edits[0]).toMatchObject({ resource: 'file:///components/count.py', versionId: 7, textEdit: { text: 'items' } });
    expect(apply(code, actions[0]!.edit.edits)).toBe('import Queue\nfor k, v in d.items():\n    print k, v\n');
    expect(apply(code, actions[1]!.edit.edits)).toBe('import queue as Queue\nfor k, v in d.items():\n    print(k, v)\n');
    // Fix all is a single edit: one undo step.
    expect(actions[1]!.edit.edits).toHaveLength(1);
    expect(idiomActions(model(code), line(3)).map((a) => a.title)).toEqual(['Change to print(...) (Python 3)', FIX_ALL_TITLE]);
  });

  it('offers nothing in Python 3 code', () => {
    expect(idiomActions(model('for k, v in d.items():\n    print(k, v)\n'), line(1))).toEqual([]);
  });
});
