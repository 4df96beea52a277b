/**
 * Finds what a Python module imports, without running it, so that Storm Studio can say before a run
 * which packages are not available offline, and the Petrel export can write `pip install` lines.
 */
import { parseModule, type Expr, type Stmt } from './parse';

/** A top-level module imported by Python code. */
export interface PythonImport {
  readonly module: string;
  /** 1-based line of the import statement: the first unguarded one, else the first. */
  readonly line: number;
  /**
   * Every import of the module sits in the body of a `try` with a handler that catches its failure
   * (`except ImportError`, `ModuleNotFoundError`, `Exception`, `BaseException`, or a bare `except:`):
   * the code may do without it.
   */
  readonly guarded: boolean;
}

/**
 * Python's standard library top-level modules (`sys.stdlib_module_names` of CPython 3.11, public
 * names), available in Pyodide without any download.
 */
export const PYTHON_STDLIB_MODULES: ReadonlySet<string> = new Set(
  `
  abc aifc antigravity argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb
  binascii bisect builtins bz2 cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop
  collections colorsys compileall concurrent configparser contextlib contextvars copy copyreg
  crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis distutils doctest email
  encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch fractions ftplib
  functools gc genericpath getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html
  http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3
  linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msilib
  msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator optparse
  os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib posix
  posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue quopri
  random re readline reprlib resource rlcompleter runpy sched secrets select selectors shelve
  shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3 sre_compile
  sre_constants sre_parse ssl stat statistics string stringprep struct subprocess sunau symtable
  sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap this threading time
  timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle turtledemo types
  typing unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser winreg
  winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo
`
    .split(/\s+/)
    .filter(Boolean),
);

/** Modules Storm Studio provides itself (the `petrel` package, and `storm`, which is Petrel's storm module). */
export const PROVIDED_MODULES: ReadonlySet<string> = new Set(['petrel', 'storm', 'nose']);

/**
 * Third-party packages the simulator stands in for (storm/python/simulated: redis-py and pymongo over
 * the run's stores): they import in the app, and the export still lists them in setup.sh.
 */
export const SIMULATED_MODULES: ReadonlySet<string> = new Set(['redis', 'pymongo']);

/** Exception names whose handler catches a failed import (as Python's own check reads them). */
const IMPORT_GUARDS = new Set(['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException']);

/**
 * The top-level modules imported by `code`, in order of first appearance: `import a.b, c as d` gives
 * `a` and `c`; `from x.y import z` gives `x`; relative imports (`from . import z`) and `__future__`
 * are skipped. Imports anywhere count (in functions, classes, blocks). Code that does not parse
 * imports nothing here: running it fails with its syntax error first.
 *
 * @example
 * pythonImports('import os\nfrom petrel import storm') // [{module:'os',line:1,guarded:false},{module:'petrel',line:2,guarded:false}]
 */
export function pythonImports(code: string): PythonImport[] {
  let body: Stmt[];
  try {
    body = parseModule(code);
  } catch {
    return [];
  }
  return importsOf(body);
}

/** {@link pythonImports} of statements already parsed. */
export function importsOf(body: readonly Stmt[]): PythonImport[] {
  const found = new Map<string, { line: number; guarded: boolean }>();
  const add = (name: string, line: number, guarded: boolean) => {
    const module = name.split('.')[0]!;
    if (module === '' || module === '__future__') return;
    const seen = found.get(module);
    if (!seen) found.set(module, { line, guarded });
    else if (seen.guarded && !guarded) found.set(module, { line, guarded: false });
  };
  const walk = (statements: readonly Stmt[], guarded: boolean) => {
    for (const s of statements) {
      switch (s.kind) {
        case 'import':
          for (const n of s.names) add(n.module, s.line, guarded);
          break;
        case 'from':
          if (s.level === 0) add(s.module, s.line, guarded);
          break;
        case 'try':
          walk(s.body, guarded || s.handlers.some((h) => h.type === null || catchesImportError(h.type)));
          for (const h of s.handlers) walk(h.body, guarded);
          walk(s.orelse, guarded);
          walk(s.finalbody, guarded);
          break;
        case 'def':
        case 'class':
        case 'other':
          walk(s.body, guarded);
          break;
      }
    }
  };
  walk(body, false);
  return [...found].map(([module, { line, guarded }]) => ({ module, line, guarded }));
}

function catchesImportError(type: Expr): boolean {
  if (type.kind === 'tuple') return type.items.some(catchesImportError);
  const name = type.kind === 'name' ? type.id : type.kind === 'attr' ? type.attr : null;
  return name !== null && IMPORT_GUARDS.has(name);
}

/**
 * Imports that are neither the standard library, nor Storm Studio's own modules, nor `localModules`
 * (the topology's other component modules): what `setup.sh` must `pip install` and what cannot run
 * offline in the browser.
 */
export function thirdPartyImports(code: string, localModules: Iterable<string> = []): PythonImport[] {
  const local = new Set(localModules);
  return pythonImports(code).filter((i) => !PYTHON_STDLIB_MODULES.has(i.module) && !PROVIDED_MODULES.has(i.module) && !local.has(i.module));
}
