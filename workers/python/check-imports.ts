/**
 * Finds, before a run and without Pyodide, the imports of Python components that Storm Studio
 * cannot satisfy offline: third-party packages (`nltk`, `redis`…) and the few standard-library
 * modules Pyodide's Python does not have. Pure: usable by the page, the CLI and the workers.
 */
import { pythonImports, thirdPartyImports, type ComponentId, type TopologyDocument } from '../../src/model';
import { unavailableImportMessage } from './errors';
import { pythonModuleName } from './module-names';

export interface PythonImportProblem {
  readonly component: ComponentId;
  readonly module: string;
  /** 1-based line of the import statement. */
  readonly line: number;
  /**
   * `error`: the run would fail with ModuleNotFoundError. `warning`: the import sits in a `try:`
   * block (the code may handle the ImportError), or the module imports but cannot work in a browser.
   */
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** Standard-library modules Python 3.13+ no longer has (PEP 594, distutils, imp…). */
const REMOVED_FROM_PYTHON = new Set(
  'aifc asynchat asyncore audioop cgi cgitb chunk crypt distutils imghdr imp lib2to3 mailcap msilib nis nntplib ossaudiodev pipes smtpd sndhdr spwd sunau telnetlib uu xdrlib'.split(
    ' ',
  ),
);
/** Standard-library modules Pyodide's build leaves out (measured with Pyodide 314). */
const NOT_IN_PYODIDE = new Set('curses dbm ensurepip grp idlelib pwd pydoc_data readline resource syslog tkinter turtle turtledemo venv'.split(' '));
const WINDOWS_ONLY = new Set(['msvcrt', 'nt', 'winreg', 'winsound']);
/** Importable, but a browser gives them nothing to work with. */
const NO_BROWSER_SUPPORT: Readonly<Record<string, string>> = {
  socket: 'it imports, but code in a browser cannot open network connections',
  subprocess: 'it imports, but code in a browser cannot start processes',
  multiprocessing: 'it imports, but code in a browser cannot start processes',
};

function stdlibReason(module: string): string | null {
  if (REMOVED_FROM_PYTHON.has(module)) return 'it was removed from Python before 3.14, the version Storm Studio runs';
  if (NOT_IN_PYODIDE.has(module)) return "it is not part of Pyodide's Python standard library";
  if (WINDOWS_ONLY.has(module)) return 'it exists only on Windows';
  return null;
}

/** True when the import on `line` (1-based) is inside a `try:` block. */
function insideTry(lines: readonly string[], line: number): boolean {
  const indentOf = (s: string) => s.length - s.trimStart().length;
  const own = indentOf(lines[line - 1] ?? '');
  let indent = own;
  for (let i = line - 2; i >= 0 && indent > 0; i--) {
    const text = lines[i]!;
    const trimmed = text.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const level = indentOf(text);
    if (level < indent) {
      if (/^try\s*:/.test(trimmed)) return true;
      indent = level;
    }
  }
  return false;
}

/**
 * The import problems of every Python component of `doc`, in component order then line order.
 * Other components' modules count as local (a component may import another's module).
 *
 * @example
 * checkPythonImports(doc) // [{ component: 'count', module: 'nltk', line: 3, severity: 'error',
 *                         //    message: "component 'count' imports 'nltk' (line 3), which is not available offline…" }]
 */
export function checkPythonImports(doc: TopologyDocument): PythonImportProblem[] {
  const python = doc.components.filter((c) => c.language === 'python' && c.code.python !== undefined);
  const taken = new Set<string>();
  const local = python.map((c) => {
    const name = pythonModuleName(c.id, taken);
    taken.add(name);
    return name;
  });
  const problems: PythonImportProblem[] = [];
  for (const c of python) {
    const code = c.code.python!;
    const lines = code.split('\n');
    const found = new Map<string, PythonImportProblem>();
    const add = (module: string, line: number, reason: string | undefined, forceWarning = false) => {
      const guarded = insideTry(lines, line);
      const severity = guarded || forceWarning ? 'warning' : 'error';
      let message = unavailableImportMessage(c.id, module, line, reason);
      if (guarded) message += ' It is imported inside try:, so your code may handle the ImportError.';
      if (forceWarning) message = `component '${c.id}' imports '${module}' (line ${line}): ${reason}.`;
      found.set(module, { component: c.id, module, line, severity, message });
    };
    for (const i of thirdPartyImports(code, local)) add(i.module, i.line, undefined);
    for (const i of pythonImports(code)) {
      const reason = stdlibReason(i.module);
      if (reason) add(i.module, i.line, reason);
      else if (NO_BROWSER_SUPPORT[i.module]) add(i.module, i.line, NO_BROWSER_SUPPORT[i.module], true);
    }
    problems.push(...[...found.values()].sort((a, b) => a.line - b.line));
  }
  return problems;
}
