/**
 * Finds, before a run and without Pyodide, the imports of Python components that Storm Studio
 * cannot satisfy offline: third-party packages (`nltk`, `redis`…) and the few standard-library
 * modules Pyodide's Python does not have. Pure: usable by the page, the CLI and the workers.
 */
import { pythonImports, PROVIDED_MODULES, PYTHON_STDLIB_MODULES, SIMULATED_MODULES } from './imports';
import { pythonModuleNames, type NamedComponent } from './module-names';
import { PYTHON2_MODULES } from './python2';

export interface PythonImportProblem {
  readonly component: string;
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

/**
 * The sentence shown for an import that Storm Studio cannot satisfy offline. Without `reason` the
 * module is taken for a third-party package (which `setup.sh` could install under petrel submit).
 */
export function unavailableImportMessage(component: string, module: string, line: number, reason?: string): string {
  const head = `component '${component}' imports '${module}' (line ${line}), which is not available offline in Storm Studio`;
  const python3 = PYTHON2_MODULES[module];
  if (python3 !== undefined) return `${head}: it is Python 2's name; Python 3 calls it ${python3} (\`import ${python3} as ${module}\` keeps the code as it is).`;
  return reason
    ? `${head}: ${reason}.`
    : `${head}: only the Python standard library, petrel, redis and pymongo are, and the pure-Python packages added to the document from a wheel file (the topology's Packages). Under petrel submit, setup.sh can pip install it.`;
}

/** What the check reads of a document: its components, test modules and the modules its wheels provide. */
export interface CheckedDocument {
  readonly components: readonly CheckedComponent[];
  readonly tests?: readonly { readonly file: string }[];
  readonly packages?: readonly { readonly modules: readonly string[] }[];
}

/** A component as the check reads it. */
export interface CheckedComponent extends NamedComponent {
  readonly language: string;
}

/**
 * The import problems of every Python component of `doc`, in component order then line order.
 * The document's modules count as local (a component may import another's module, or a test
 * module, by its file name: the simulator and Storm both have them side by side), and so do the
 * modules of the document's wheels (`packages`).
 *
 * @example
 * checkPythonImports(doc) // [{ component: 'count', module: 'nltk', line: 3, severity: 'error',
 *                         //    message: "component 'count' imports 'nltk' (line 3), which is not available offline…" }]
 */
export function checkPythonImports(doc: CheckedDocument): PythonImportProblem[] {
  const python = doc.components.filter((c) => c.language === 'python' && c.code.python !== undefined);
  const local = new Set([...pythonModuleNames(python).values(), ...(doc.tests ?? []).map((t) => t.file.replace(/\.py$/, '')), ...(doc.packages ?? []).flatMap((p) => p.modules)]);
  const problems: PythonImportProblem[] = [];
  for (const c of python) {
    const own: PythonImportProblem[] = [];
    for (const { module, line, guarded } of pythonImports(c.code.python!)) {
      if (PROVIDED_MODULES.has(module) || SIMULATED_MODULES.has(module) || local.has(module)) continue;
      const stdlib = PYTHON_STDLIB_MODULES.has(module);
      const reason = stdlib ? stdlibReason(module) : null;
      if (stdlib && reason === null) {
        const browser = NO_BROWSER_SUPPORT[module];
        if (browser) own.push({ component: c.id, module, line, severity: 'warning', message: `component '${c.id}' imports '${module}' (line ${line}): ${browser}.` });
        continue;
      }
      let message = unavailableImportMessage(c.id, module, line, reason ?? undefined);
      if (guarded) message += ' It is imported inside try:, so your code may handle the ImportError.';
      own.push({ component: c.id, module, line, severity: guarded ? 'warning' : 'error', message });
    }
    problems.push(...own.sort((a, b) => a.line - b.line));
  }
  return problems;
}
