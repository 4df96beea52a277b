/**
 * Python 2 idioms in a module (the code of *Building Python Real-Time Applications with Storm* is
 * Python 2.7), each with what Python 3 calls it and the edit that converts it; the same words for
 * the errors Python 3 raises on them at run time. The one place this knowledge lives: the editor's
 * markers and quick fixes, "Fix all", and the run's error messages use it. Pure.
 */
import { tokenize, type Token } from './tokenize';

/** A replacement of `[start, end)` (character offsets in the source) by `text`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export type Python2IdiomKind = 'dict-iter' | 'xrange' | 'raw_input' | 'print' | 'except-comma' | 'module' | 'int-division' | 'has_key';

/** One Python 2 idiom found in a module. Lines and columns are 1-based; `endColumn` is exclusive (Monaco's ranges). */
export interface Python2Idiom {
  readonly kind: Python2IdiomKind;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** What it is, and what Python 3 calls it. */
  readonly message: string;
  /** 'error' when Python 3 refuses or fails on it; 'warning' when it runs with another meaning. */
  readonly severity: 'error' | 'warning';
  /** The quick fix: its title and edits. */
  readonly fix: { readonly title: string; readonly edits: readonly TextEdit[] };
}

const DICT_ITER: Readonly<Record<string, string>> = { iteritems: 'items', itervalues: 'values', iterkeys: 'keys' };
const RENAMED_BUILTINS: Readonly<Record<string, string>> = { xrange: 'range', raw_input: 'input' };

/** Python 2 modules Python 3 renamed or merged (`six.moves`' table, the ones books use). */
export const PYTHON2_MODULES: Readonly<Record<string, string>> = {
  Queue: 'queue',
  urllib2: 'urllib.request',
  ConfigParser: 'configparser',
  cPickle: 'pickle',
  StringIO: 'io',
  cStringIO: 'io',
  urlparse: 'urllib.parse',
  httplib: 'http.client',
  SocketServer: 'socketserver',
  __builtin__: 'builtins',
  HTMLParser: 'html.parser',
  Cookie: 'http.cookies',
  cookielib: 'http.cookiejar',
  Tkinter: 'tkinter',
  thread: '_thread',
  commands: 'subprocess',
};

const OPEN = '([{';
const CLOSE = ')]}';

/**
 * The Python 2 idioms of `source`, in source order. A module that does not tokenize has none
 * (its syntax error is reported on its own).
 *
 * @example
 * findPython2Idioms('for k, v in d.iteritems():\n    pass\n')[0].message // "Python 2's dict.iteritems(): Python 3 calls this items()."
 */
export function findPython2Idioms(source: string): Python2Idiom[] {
  let tokens: Token[];
  try {
    tokens = tokenize(source);
  } catch {
    return [];
  }
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
  const pos = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  const out: Python2Idiom[] = [];
  const add = (kind: Python2IdiomKind, start: number, end: number, message: string, severity: 'error' | 'warning', title: string, edits: TextEdit[]) => {
    const a = pos(start);
    const b = pos(end);
    out.push({ kind, line: a.line, column: a.column, endLine: b.line, endColumn: b.column, message, severity, fix: { title, edits } });
  };
  /** Innermost open brackets: the bracket and what it is (a subscript, a call to range…). */
  const stack: { ch: string; role: 'index' | 'range' | 'other' }[] = [];
  let statementStart = true;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    const starts = statementStart;
    statementStart = t.type === 'newline' || t.type === 'indent' || t.type === 'dedent' || (stack.length === 0 && t.type === 'op' && (t.value === ';' || t.value === ':'));
    if (t.type === 'op' && OPEN.includes(t.value)) {
      const after = prev && (prev.type === 'name' || prev.type === 'string' || (prev.type === 'op' && (prev.value === ')' || prev.value === ']')));
      const role = t.value === '[' && after && !(prev.type === 'name' && isKeyword(prev.value)) ? 'index' : t.value === '(' && prev?.type === 'name' && (prev.value === 'range' || prev.value === 'xrange') ? 'range' : 'other';
      stack.push({ ch: t.value, role });
      continue;
    }
    if (t.type === 'op' && CLOSE.includes(t.value)) {
      stack.pop();
      continue;
    }
    if (t.type === 'op' && t.value === '/' && stack.length > 0 && stack[stack.length - 1]!.role !== 'other' && !nearFloat(tokens, i)) {
      const where = stack[stack.length - 1]!.role === 'index' ? 'an index' : "range()'s argument";
      add('int-division', t.start, t.end, "Python 2's / between integers gave an integer; Python 3's / gives a float, which cannot be " + `${where}. Python 3 calls integer division //.`, 'warning', 'Use // (integer division)', [{ start: t.start, end: t.end, text: '//' }]);
      continue;
    }
    if (t.type !== 'name') continue;
    const afterDot = prev?.type === 'op' && prev.value === '.';
    if (afterDot && DICT_ITER[t.value] && next?.type === 'op' && next.value === '(') {
      const py3 = DICT_ITER[t.value]!;
      add('dict-iter', t.start, t.end, `Python 2's dict.${t.value}(): Python 3 calls this ${py3}().`, 'error', `Change to ${py3}()`, [{ start: t.start, end: t.end, text: py3 }]);
    } else if (afterDot && t.value === 'has_key' && next?.type === 'op' && next.value === '(') {
      const fix = hasKeyFix(source, tokens, i);
      if (fix) add('has_key', fix.start, fix.end, "Python 2's dict.has_key(k): Python 3 writes `k in d`.", 'error', 'Change to `k in d`', [fix]);
    } else if (!afterDot && RENAMED_BUILTINS[t.value] && !(next?.type === 'op' && next.value === '=')) {
      const py3 = RENAMED_BUILTINS[t.value]!;
      add(t.value === 'xrange' ? 'xrange' : 'raw_input', t.start, t.end, `Python 2's ${t.value}(): Python 3 calls it ${py3}().`, 'error', `Change to ${py3}()`, [{ start: t.start, end: t.end, text: py3 }]);
    } else if (starts && stack.length === 0 && t.value === 'print' && next && printOperand(next)) {
      const fix = printFix(source, tokens, i);
      add('print', t.start, fix.statementEnd, "Python 2's print statement: Python 3 calls print as a function, print(...).", 'error', 'Change to print(...)', fix.edits);
    } else if (starts && t.value === 'except') {
      const fix = exceptCommaFix(tokens, i);
      if (fix) {
        add('except-comma', fix.start, fix.end, "Python 2's `except X, e:`: Python 3 writes `except X as e:` (in Python 3.14 `except X, e:` means catching X or e, and e is not the exception).", 'error', 'Change to `except … as …`', [fix]);
      }
    } else if (starts && (t.value === 'import' || t.value === 'from')) {
      for (const found of moduleFixes(tokens, i)) {
        add('module', found.token.start, found.token.end, `Python 2's module ${found.token.value}: Python 3 calls it ${PYTHON2_MODULES[found.token.value]!}.`, 'error', `Import ${PYTHON2_MODULES[found.token.value]!}`, [found.edit]);
      }
    }
  }
  return out;
}

function isKeyword(name: string): boolean {
  return ['in', 'is', 'not', 'and', 'or', 'return', 'yield', 'else', 'if', 'for', 'lambda', 'print', 'assert', 'del', 'await', 'from', 'import'].includes(name);
}

/** A float literal or a `float(` call right next to a `/` (then the division was meant to be true division). */
function nearFloat(tokens: readonly Token[], i: number): boolean {
  const near = [tokens[i - 1], tokens[i + 1], tokens[i + 2]];
  return near.some((t) => t !== undefined && ((t.type === 'number' && /[.eE]/.test(t.value) && !/^0[xX]/.test(t.value)) || (t.type === 'name' && t.value === 'float')));
}

/** What may follow Python 2's `print` as its operand (Python 3's `print(…)` and `print` alone are not idioms). */
function printOperand(t: Token): boolean {
  return t.type === 'name' ? !['if', 'and', 'or', 'in', 'is', 'for', 'else'].includes(t.value) : t.type === 'string' || t.type === 'number' || (t.type === 'op' && ['>>', '[', '{', '-', '~'].includes(t.value));
}

/** Index of the last token of the simple statement starting at `i` (before its newline or `;`). */
function statementLast(tokens: readonly Token[], i: number): number {
  let depth = 0;
  let j = i;
  for (; j + 1 < tokens.length; j++) {
    const n = tokens[j + 1]!;
    if (depth === 0 && (n.type === 'newline' || n.type === 'end' || (n.type === 'op' && n.value === ';'))) break;
    if (n.type === 'op' && OPEN.includes(n.value)) depth++;
    else if (n.type === 'op' && CLOSE.includes(n.value)) depth--;
  }
  return j;
}

/**
 * `print x, y` → `print(x, y)`; `print x,` → `print(x, end=' ')`; `print >>f, x` → `print(x, file=f)`.
 * The edits touch only the text around the operands, so other fixes inside them still apply.
 */
function printFix(source: string, tokens: readonly Token[], i: number): { edits: TextEdit[]; statementEnd: number } {
  const print = tokens[i]!;
  const lastIndex = statementLast(tokens, i);
  const last = tokens[lastIndex]!;
  const edits: TextEdit[] = [];
  let first = i + 1;
  let file: string | null = null;
  if (tokens[first]!.type === 'op' && tokens[first]!.value === '>>') {
    // The file runs to the first top-level comma.
    let depth = 0;
    let j = first + 1;
    for (; j <= lastIndex; j++) {
      const t = tokens[j]!;
      if (t.type === 'op' && OPEN.includes(t.value)) depth++;
      else if (t.type === 'op' && CLOSE.includes(t.value)) depth--;
      else if (depth === 0 && t.type === 'op' && t.value === ',') break;
    }
    file = source.slice(tokens[first + 1]!.start, tokens[j - 1]!.end);
    first = j < lastIndex ? j + 1 : j;
  }
  const trailingComma = last.type === 'op' && last.value === ',' && lastIndex >= first;
  const extra = [...(trailingComma ? ["end=' '"] : []), ...(file !== null ? [`file=${file}`] : [])];
  const hasArgs = first <= lastIndex && !(trailingComma && first === lastIndex);
  if (first > lastIndex || (file !== null && !hasArgs)) {
    // `print >>f` alone: a newline to f.
    edits.push({ start: print.end, end: last.end, text: `(${extra.join(', ')})` });
    return { edits, statementEnd: last.end };
  }
  edits.push({ start: print.end, end: tokens[first]!.start, text: '(' });
  if (trailingComma) edits.push({ start: last.start, end: last.end, text: `, ${extra.join(', ')})` });
  else edits.push({ start: last.end, end: last.end, text: extra.length ? `, ${extra.join(', ')})` : ')' });
  return { edits, statementEnd: last.end };
}

/** `except X, e:` → the edit making it `except X as e:`, or null when the clause is Python 3's. */
function exceptCommaFix(tokens: readonly Token[], i: number): TextEdit | null {
  let depth = 0;
  let comma = -1;
  for (let j = i + 1; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.type === 'newline' || t.type === 'end') return null;
    if (t.type === 'op' && OPEN.includes(t.value)) depth++;
    else if (t.type === 'op' && CLOSE.includes(t.value)) depth--;
    else if (depth === 0 && t.type === 'op' && t.value === ',') {
      if (comma >= 0) return null; // `except A, B, C:` (Python 3.14's unparenthesized types)
      comma = j;
    } else if (depth === 0 && t.type === 'op' && t.value === ':') {
      // One top-level comma, then a single name, then the colon.
      if (comma < 0 || comma !== j - 2 || tokens[j - 1]!.type !== 'name') return null;
      return { start: tokens[comma]!.start, end: tokens[j - 1]!.start, text: ' as ' };
    } else if (depth === 0 && t.type === 'name' && t.value === 'as') return null;
  }
  return null;
}

/** The renamed modules of an `import` or `from … import` statement, with their edits. */
function moduleFixes(tokens: readonly Token[], i: number): { token: Token; edit: TextEdit }[] {
  const out: { token: Token; edit: TextEdit }[] = [];
  const t = tokens[i]!;
  if (t.value === 'from') {
    const name = tokens[i + 1];
    const after = tokens[i + 2];
    if (name?.type === 'name' && PYTHON2_MODULES[name.value] && after?.type === 'name' && after.value === 'import') {
      out.push({ token: name, edit: { start: name.start, end: name.end, text: PYTHON2_MODULES[name.value]! } });
    }
    return out;
  }
  // import a, b as c, d.e
  let j = i + 1;
  for (;;) {
    const name = tokens[j];
    if (name?.type !== 'name') return out;
    let k = j + 1;
    while (tokens[k]?.type === 'op' && tokens[k]!.value === '.' && tokens[k + 1]?.type === 'name') k += 2;
    const dotted = k === j + 1;
    const aliased = tokens[k]?.type === 'name' && tokens[k]!.value === 'as';
    if (dotted && PYTHON2_MODULES[name.value]) {
      const py3 = PYTHON2_MODULES[name.value]!;
      out.push({ token: name, edit: { start: name.start, end: name.end, text: aliased ? py3 : `${py3} as ${name.value}` } });
    }
    if (aliased) k += 2;
    if (tokens[k]?.type === 'op' && tokens[k]!.value === ',') j = k + 1;
    else return out;
  }
}

/** `d.has_key(k)` → `k in d`, when `d` is a name or attribute chain and `k` a simple argument. */
function hasKeyFix(source: string, tokens: readonly Token[], i: number): TextEdit | null {
  // The receiver: name(.name)* before the '.has_key'.
  let s = i - 2;
  if (tokens[s]?.type !== 'name') return null;
  while (tokens[s - 1]?.type === 'op' && tokens[s - 1]!.value === '.' && tokens[s - 2]?.type === 'name') s -= 2;
  let depth = 0;
  let j = i + 2;
  for (; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.type === 'op' && OPEN.includes(t.value)) depth++;
    else if (t.type === 'op' && CLOSE.includes(t.value)) {
      if (depth === 0) break;
      depth--;
    } else if (t.type === 'newline' || t.type === 'end') return null;
  }
  if (j === i + 2) return null;
  const receiver = source.slice(tokens[s]!.start, tokens[i - 2]!.end);
  const key = source.slice(tokens[i + 2]!.start, tokens[j - 1]!.end);
  return { start: tokens[s]!.start, end: tokens[j]!.end, text: `(${key} in ${receiver})` };
}

/**
 * `source` with every Python 2 idiom converted (the edits of all quick fixes), as "Fix all" does.
 * Fixes whose edits overlap are applied in later passes, on the converted text.
 *
 * @example
 * fixAllPython2('import Queue\nprint d.iteritems()\n') // 'import queue as Queue\nprint(d.items())\n'
 */
export function fixAllPython2(source: string): string {
  let text = source;
  for (let pass = 0; pass < 5; pass++) {
    const edits = nonOverlapping(findPython2Idioms(text).flatMap((i) => i.fix.edits));
    if (edits.length === 0) return text;
    text = applyEdits(text, edits);
  }
  return text;
}

/** The edits of "Fix all" on `source` (one pass, non-overlapping), for an editor to apply as one step. */
export function fixAllEdits(source: string): TextEdit[] {
  const fixed = fixAllPython2(source);
  if (fixed === source) return [];
  // One edit spanning what changed: the editor applies it as one undoable step and keeps the rest of the text (and markers) in place.
  let a = 0;
  while (a < source.length && a < fixed.length && source[a] === fixed[a]) a++;
  let b = 0;
  while (b < source.length - a && b < fixed.length - a && source[source.length - 1 - b] === fixed[fixed.length - 1 - b]) b++;
  return [{ start: a, end: source.length - b, text: fixed.slice(a, fixed.length - b) }];
}

function nonOverlapping(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((x, y) => x.start - y.start || x.end - y.end);
  const out: TextEdit[] = [];
  let end = -1;
  for (const e of sorted) {
    if (e.start < end || (e.start === end && out.length > 0 && out[out.length - 1]!.start === e.start && e.start === e.end)) continue;
    out.push(e);
    end = Math.max(end, e.end);
  }
  return out;
}

/** `source` with `edits` (non-overlapping) applied. */
export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  let text = source;
  for (const e of [...edits].sort((x, y) => y.start - x.start)) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  return text;
}

/**
 * What Python 3 calls the Python 2 idiom behind a run-time error message, or null; the run's
 * errors append it (`AttributeError: 'dict' object has no attribute 'iteritems'` → `Python 3 calls this items().`).
 *
 * @example
 * python3Hint("NameError: name 'xrange' is not defined") // "Python 3 calls it range()."
 */
export function python3Hint(message: string): string | null {
  const attr = /object has no attribute '(iteritems|itervalues|iterkeys|has_key|next)'/.exec(message);
  if (attr) {
    const name = attr[1]!;
    if (name === 'has_key') return "Python 2's dict.has_key(k): Python 3 writes `k in d`.";
    if (name === 'next') return "Python 2's it.next(): Python 3 calls it next(it).";
    return `Python 2's dict.${name}(): Python 3 calls this ${DICT_ITER[name]!}().`;
  }
  const builtin = /name '(xrange|raw_input|unicode|basestring|long|unichr)' is not defined/.exec(message);
  if (builtin) {
    const py3: Record<string, string> = { xrange: 'range()', raw_input: 'input()', unicode: 'str', basestring: 'str', long: 'int', unichr: 'chr()' };
    return `Python 2's ${builtin[1]!}: Python 3 calls it ${py3[builtin[1]!]!}.`;
  }
  const module = /No module named '([\w.]+)'/.exec(message) ?? /imports '([\w.]+)'/.exec(message);
  if (module && PYTHON2_MODULES[module[1]!.split('.')[0]!]) {
    const name = module[1]!.split('.')[0]!;
    return `Python 2's module ${name}: Python 3 calls it ${PYTHON2_MODULES[name]!} (\`import ${PYTHON2_MODULES[name]!} as ${name}\` keeps the code as it is).`;
  }
  if (/'float' object cannot be interpreted as an integer|indices must be integers or slices, not float|slice indices must be integers/.test(message)) {
    return "Python 2's / between integers gave an integer; Python 3's gives a float. Python 3 calls integer division //.";
  }
  return null;
}
