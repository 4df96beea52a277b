/**
 * Every problem the Python components of a document have before a run, found without Python: the
 * first syntax error of each module (with its file and line) and the imports Storm Studio cannot
 * satisfy offline. The designer lists them as problems (Problems tab, the node's outline, the
 * toolbar status) and the run refuses to start on an error. Pure.
 */
import { checkPythonImports, type CheckedComponent, type CheckedDocument } from './check-imports';
import { pythonModuleNames } from './module-names';
import { checkSyntax } from './syntax-check';

export interface PythonComponentProblem {
  readonly component: string;
  readonly kind: 'syntax' | 'import';
  /** The module's file, e.g. `count.py`. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning';
  /** A sentence naming the component, file and line. */
  readonly message: string;
}

/**
 * Modules longer than this are left out of the check: it runs on the page's thread at every edit,
 * and the reader takes seconds over megabytes. Python's own compiler (the editor's squiggles, in a
 * worker) and the run still report their errors.
 */
export const MAX_CHECKED_CHARS = 256 * 1024;

/**
 * The problems of every Python component of `doc`, in component order: its syntax error (when
 * it has one, its imports are not read), else its import problems.
 *
 * @example
 * pythonComponentProblems(doc) // [{ component: 'count', kind: 'syntax', file: 'count.py', line: 3, column: 11,
 *                              //    severity: 'error', message: "Bolt 'count': SyntaxError in count.py, line 3: invalid syntax" }]
 */
export function pythonComponentProblems(doc: CheckedDocument): PythonComponentProblem[] {
  const python = doc.components.filter((c) => c.language === 'python' && (c.code.python ?? '').trim() !== '' && c.code.python!.length <= MAX_CHECKED_CHARS);
  const names = pythonModuleNames(python);
  const out: PythonComponentProblem[] = [];
  const clean: CheckedComponent[] = [];
  for (const c of python) {
    const file = `${names.get(c.id)!}.py`;
    const error = checkSyntax(c.code.python!);
    if (error === null) {
      clean.push(c);
      continue;
    }
    const who = `${c.kind === 'spout' ? 'Spout' : 'Bolt'} '${c.id}'`;
    out.push({ component: c.id, kind: 'syntax', file, line: error.line, column: error.column, severity: 'error', message: `${who}: SyntaxError in ${file}, line ${error.line}: ${error.message}` });
  }
  // Imports are checked over the whole document (another component's module is a local import).
  const imports = checkPythonImports({ ...doc, components: python });
  const ok = new Set(clean.map((c) => c.id));
  for (const p of imports) {
    if (!ok.has(p.component)) continue;
    out.push({ component: p.component, kind: 'import', file: `${names.get(p.component)!}.py`, line: p.line, column: 1, severity: p.severity, message: p.message });
  }
  const order = new Map(python.map((c, i) => [c.id, i]));
  return out.sort((a, b) => order.get(a.component)! - order.get(b.component)! || a.line - b.line);
}
