/**
 * Finds what a Python module imports, without running it, so that Storm Studio can say before a run
 * which packages are not available offline, and the Petrel export can write `pip install` lines.
 */

/** A top-level module imported by Python code, with the 1-based line of the import statement. */
export interface PythonImport {
  readonly module: string;
  readonly line: number;
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

/** Modules Storm Studio provides itself (the Petrel shim). */
export const PROVIDED_MODULES: ReadonlySet<string> = new Set(['petrel', 'storm']);

/**
 * The top-level modules imported by `code`, in order of first appearance: `import a.b, c as d` gives
 * `a` and `c`; `from x.y import z` gives `x`; relative imports (`from . import z`) are skipped.
 * Comments and string literals are ignored.
 *
 * @example
 * pythonImports('import os\nfrom petrel import storm') // [{module:'os',line:1},{module:'petrel',line:2}]
 */
export function pythonImports(code: string): PythonImport[] {
  const found: PythonImport[] = [];
  const seen = new Set<string>();
  const add = (module: string, line: number) => {
    if (module && !seen.has(module)) {
      seen.add(module);
      found.push({ module, line });
    }
  };
  logicalLines(code).forEach(({ text, line }) => {
    for (const statement of text.split(';')) {
      const s = statement.trim();
      let m = /^import\s+(.+)$/.exec(s);
      if (m) {
        for (const part of m[1]!.split(',')) {
          const name = /^\s*([A-Za-z_][\w]*)/.exec(part);
          if (name) add(name[1]!, line);
        }
        continue;
      }
      m = /^from\s+([A-Za-z_][\w]*)[\w.]*\s+import\b/.exec(s);
      if (m) add(m[1]!, line);
    }
  });
  return found;
}

/**
 * Imports that are neither the standard library, nor Storm Studio's own modules, nor `localModules`
 * (the topology's other component modules): what `setup.sh` must `pip install` and what cannot run
 * offline in the browser.
 */
export function thirdPartyImports(code: string, localModules: Iterable<string> = []): PythonImport[] {
  const local = new Set(localModules);
  return pythonImports(code).filter((i) => !PYTHON_STDLIB_MODULES.has(i.module) && !PROVIDED_MODULES.has(i.module) && !local.has(i.module) && i.module !== '__future__');
}

/**
 * Splits code into logical lines (joining bracketed and backslash continuations), with comments and
 * string contents blanked out, keeping the line number where each logical line starts.
 */
function logicalLines(code: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let text = '';
  let start = 1;
  let line = 1;
  let depth = 0;
  let i = 0;
  const n = code.length;
  while (i < n) {
    const ch = code[i]!;
    if (ch === '#') {
      while (i < n && code[i] !== '\n') i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const triple = code.startsWith(ch.repeat(3), i);
      const quote = triple ? ch.repeat(3) : ch;
      i += quote.length;
      while (i < n && !code.startsWith(quote, i)) {
        if (code[i] === '\\') i++;
        else if (code[i] === '\n') {
          if (!triple) break;
          line++;
        }
        i++;
      }
      i += quote.length;
      text += '""';
      continue;
    }
    if (ch === '\\' && code[i + 1] === '\n') {
      i += 2;
      line++;
      text += ' ';
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
    if (ch === '\n') {
      line++;
      if (depth === 0) {
        if (text.trim()) out.push({ text, line: start });
        text = '';
        start = line;
      } else text += ' ';
      i++;
      continue;
    }
    text += ch;
    i++;
  }
  if (text.trim()) out.push({ text, line: start });
  return out;
}
