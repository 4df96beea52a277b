/**
 * Python 2 idioms in the code editor: a marker on each (what it is, what Python 3 calls it), a
 * quick fix per idiom, and "Fix all Python 2 idioms" that converts the module in one undoable
 * step. The knowledge is in `src/python/python2.ts`; this is the Monaco glue.
 */
import { findPython2Idioms, fixAllEdits, type Python2Idiom, type TextEdit } from '../../python/python2';
import { MARKER_SEVERITY, type MarkerData } from '../../python/diagnostics';
import type { languages } from 'monaco-editor/editor';
import type { MonacoApi } from './extensions';

export const PYTHON2_OWNER = 'python2';
export const FIX_ALL_TITLE = 'Fix all Python 2 idioms in this module';

/** The part of a Monaco text model the code actions use. */
export interface IdiomModel {
  getValue(): string;
  getVersionId(): number;
  getPositionAt(offset: number): { lineNumber: number; column: number };
  readonly uri: unknown;
}

export interface RangeLike {
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
}

/** The editor's markers for the idioms of a module. */
export function idiomMarkers(idioms: readonly Python2Idiom[]): MarkerData[] {
  return idioms.map((i) => ({
    severity: MARKER_SEVERITY[i.severity],
    message: i.message,
    startLineNumber: i.line,
    startColumn: i.column,
    endLineNumber: i.endLine,
    endColumn: i.endColumn,
    source: 'Python 2',
  }));
}

/** An idiom on a line of the range (the cursor's line offers its fixes, wherever the cursor is on it). */
const touches = (i: Python2Idiom, r: RangeLike) => i.line <= r.endLineNumber && i.endLine >= r.startLineNumber;

/** A code action as Monaco takes it (structurally). */
export interface IdiomAction {
  readonly title: string;
  readonly kind: string;
  readonly isPreferred?: boolean;
  readonly diagnostics?: MarkerData[];
  readonly edit: { edits: { resource: unknown; versionId: number; textEdit: { range: RangeLike; text: string } }[] };
}

/**
 * The code actions at `range`: the quick fix of each idiom it touches, then "Fix all" when the
 * module has any idiom (one edit, so one undo step).
 */
export function idiomActions(model: IdiomModel, range: RangeLike): IdiomAction[] {
  const source = model.getValue();
  const idioms = findPython2Idioms(source);
  if (idioms.length === 0) return [];
  const versionId = model.getVersionId();
  const toEdit = (e: TextEdit) => {
    const a = model.getPositionAt(e.start);
    const b = model.getPositionAt(e.end);
    return { resource: model.uri, versionId, textEdit: { range: { startLineNumber: a.lineNumber, startColumn: a.column, endLineNumber: b.lineNumber, endColumn: b.column }, text: e.text } };
  };
  const here = idioms.filter((i) => touches(i, range));
  const actions: IdiomAction[] = here.map((i, n) => ({
    title: `${i.fix.title} (Python 3)`,
    kind: 'quickfix',
    isPreferred: n === 0,
    diagnostics: idiomMarkers([i]),
    edit: { edits: i.fix.edits.map(toEdit) },
  }));
  actions.push({ title: FIX_ALL_TITLE, kind: 'quickfix', edit: { edits: fixAllEdits(source).map(toEdit) } });
  return actions;
}

/** Marks the idioms of component models as they change, and offers the fixes. */
export function setupPython2Help(monaco: MonacoApi, isComponentPython: (path: string) => boolean): void {
  monaco.languages.registerCodeActionProvider('python', {
    provideCodeActions: (model, range) => {
      if (!isComponentPython(model.uri.path)) return { actions: [], dispose: () => {} };
      // Monaco's own types, from the structural ones above (the same shape).
      return { actions: idiomActions(model, range) as unknown as languages.CodeAction[], dispose: () => {} };
    },
  });
  const mark = (model: ReturnType<MonacoApi['editor']['createModel']>) => {
    if (model.isDisposed()) return;
    monaco.editor.setModelMarkers(model, PYTHON2_OWNER, idiomMarkers(findPython2Idioms(model.getValue())));
  };
  const watch = (model: ReturnType<MonacoApi['editor']['createModel']>) => {
    if (model.getLanguageId() !== 'python' || !isComponentPython(model.uri.path)) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    mark(model);
    const sub = model.onDidChangeContent(() => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        mark(model);
      }, 250);
    });
    model.onWillDispose(() => {
      sub.dispose();
      if (timer !== null) clearTimeout(timer);
    });
  };
  monaco.editor.getModels().forEach(watch);
  monaco.editor.onDidCreateModel(watch);
}
