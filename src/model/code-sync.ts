/**
 * Reads and rewrites the two facts a component's code shares with the document: the fields
 * `declareOutputFields` returns (Petrel declares only the default stream there) and the tick
 * period `getComponentConfiguration` returns (in Petrel the component config comes from the code).
 *
 * This is deliberately not a parser of Python or JavaScript: it recognises the shapes the
 * templates and examples use (`return ['a', 'b']`, `return {'topology.tick.tuple.freq.secs': 5}`,
 * a module-level constant for the period) and answers "unreadable" for anything else, so the
 * designer never rewrites code it does not understand.
 */
import { codeString } from './templates';
import { TICK_FREQ_KEY, type Language } from './types';

/** A span of the source text: `[start, end)` character offsets. */
interface Span {
  readonly start: number;
  readonly end: number;
}

interface Method {
  /** Offset of the first character of the method's line (Python) or of its name (JavaScript). */
  readonly start: number;
  readonly body: Span;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Skips a string literal starting at `i` (a quote character); returns the offset after it. */
function skipString(text: string, i: number): number {
  const quote = text[i]!;
  const triple = (quote === '"' || quote === "'") && text.startsWith(quote.repeat(3), i);
  if (triple) {
    const end = text.indexOf(quote.repeat(3), i + 3);
    return end < 0 ? text.length : end + 3;
  }
  for (let j = i + 1; j < text.length; j++) {
    const ch = text[j];
    if (ch === '\\') j++;
    else if (ch === quote) return j + 1;
    else if (ch === '\n' && quote !== '`') return j;
  }
  return text.length;
}

/** Offset of the bracket closing the one at `open`, skipping strings and comments; -1 if none. */
function matchBracket(text: string, open: number, language: Language): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'" || (ch === '`' && language === 'javascript')) {
      i = skipString(text, i) - 1;
    } else if (ch === '#' && language === 'python') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (ch === '/' && language === 'javascript' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (ch === '/' && language === 'javascript' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
    } else if (pairs[ch]) {
      stack.push(pairs[ch]);
    } else if (ch === ')' || ch === ']' || ch === '}') {
      if (stack.pop() !== ch) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

const lineStart = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;
const indentOf = (line: string): number => line.length - line.trimStart().length;

/** The body of a Python block opened by the line at `start`: following lines indented deeper. */
function pythonBlock(text: string, start: number): Span {
  const headerIndent = indentOf(text.slice(start, text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start)));
  let offset = text.indexOf('\n', start);
  if (offset < 0) return { start: text.length, end: text.length };
  const bodyStart = offset + 1;
  let end = bodyStart;
  offset = bodyStart;
  while (offset < text.length) {
    const nl = text.indexOf('\n', offset);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(offset, lineEnd);
    if (line.trim() !== '') {
      if (indentOf(line) <= headerIndent) break;
      end = lineEnd;
    }
    offset = lineEnd + 1;
  }
  return { start: bodyStart, end };
}

function findMethod(text: string, name: string, language: Language): Method | null {
  if (language === 'python') {
    const m = new RegExp(`^[ \\t]*def\\s+${escapeRegExp(name)}\\s*\\(`, 'm').exec(text);
    if (!m) return null;
    const paren = m.index + m[0].length - 1;
    const close = matchBracket(text, paren, 'python');
    if (close < 0) return null;
    const colon = text.indexOf(':', close);
    if (colon < 0) return null;
    const start = lineStart(text, m.index + m[0].indexOf('def'));
    const nl = text.indexOf('\n', colon);
    const sameLine = text.slice(colon + 1, nl < 0 ? text.length : nl);
    // `def f(cls): return [...]` keeps its body on the header line.
    if (sameLine.trim() !== '' && !sameLine.trim().startsWith('#')) return { start, body: { start: colon + 1, end: nl < 0 ? text.length : nl } };
    const body = pythonBlock(text, start);
    return { start, body: { start: Math.max(body.start, colon + 1), end: body.end } };
  }
  const m = new RegExp(`(^|[\\s;{}])((?:static\\s+)?${escapeRegExp(name)})\\s*\\(`, 'm').exec(text);
  if (!m) return null;
  const nameAt = m.index + m[1]!.length;
  const paren = m.index + m[0].length - 1;
  const close = matchBracket(text, paren, 'javascript');
  if (close < 0) return null;
  const brace = text.indexOf('{', close);
  if (brace < 0 || text.slice(close + 1, brace).trim() !== '') return null;
  const end = matchBracket(text, brace, 'javascript');
  if (end < 0) return null;
  return { start: nameAt, body: { start: brace + 1, end } };
}

/** The expression after the first `return` of a body, as a bracketed literal span. */
function returnedLiteral(text: string, body: Span, open: '[' | '{', language: Language): Span | 'unreadable' | 'none' {
  const re = /\breturn\b/g;
  re.lastIndex = body.start;
  const m = re.exec(text);
  if (!m || m.index >= body.end) return 'none';
  let i = m.index + m[0].length;
  while (i < body.end && /[ \t]/.test(text[i]!)) i++;
  const first = text[i];
  const accepted = open === '[' ? (language === 'python' ? '[(' : '[') : '{';
  if (first === undefined || !accepted.includes(first)) return 'unreadable';
  const close = matchBracket(text, i, language);
  if (close < 0 || close >= body.end) return 'unreadable';
  const rest = text.slice(close + 1, body.end).split('\n')[0]!.trim();
  if (rest !== '' && rest !== ';' && !rest.startsWith('#') && !rest.startsWith('//')) return 'unreadable';
  return { start: i, end: close + 1 };
}

/** Splits the inside of a literal on top-level commas, dropping comments and a trailing comma. */
function splitItems(inner: string, language: Language): string[] | null {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (ch === '"' || ch === "'" || (ch === '`' && language === 'javascript')) {
      const end = skipString(inner, i);
      current += inner.slice(i, end);
      i = end - 1;
    } else if ((ch === '#' && language === 'python') || (ch === '/' && inner[i + 1] === '/' && language === 'javascript')) {
      const nl = inner.indexOf('\n', i);
      i = nl < 0 ? inner.length : nl;
    } else if (ch === '[' || ch === '(' || ch === '{') {
      return null;
    } else if (ch === ',') {
      items.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '') items.push(current.trim());
  if (items.some((x) => x === '')) return null;
  return items;
}

/** The value of a plain string literal (`'a'`, `"a"`, JS `` `a` `` without `${`), or null. */
function stringValue(literal: string, language: Language): string | null {
  const m = /^([rRuU]?)(['"`])(.*)\2$/s.exec(literal);
  if (!m || (m[2] === '`' && (language !== 'javascript' || m[3]!.includes('${')))) return null;
  if (m[1] && language !== 'python') return null;
  if (m[1] === 'r' || m[1] === 'R') return m[3]!;
  let out = '';
  const body = m[3]!;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === m[2]) return null;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[++i];
    if (next === undefined) return null;
    const hex = next === 'x' ? 2 : next === 'u' ? 4 : 0;
    if (hex && /^[0-9a-fA-F]+$/.test(body.slice(i + 1, i + 1 + hex)) && body.length >= i + 1 + hex) {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 1 + hex), 16));
      i += hex;
    } else out += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next;
  }
  return out;
}

function quoteStyle(literal: string): string {
  const m = /['"]/.exec(literal);
  return m ? m[0] : "'";
}

const quote = codeString;

/**
 * The fields `declareOutputFields` returns, when the code states them as a literal list of
 * strings; `null` when there is no such method or its return value is not a plain literal.
 *
 * @example
 * readDeclaredFields("    def declareOutputFields(cls):\n        return ['word', 'count']\n", 'python') // ['word', 'count']
 */
export function readDeclaredFields(code: string, language: Language): string[] | null {
  const method = findMethod(code, 'declareOutputFields', language);
  if (!method) return null;
  const lit = returnedLiteral(code, method.body, '[', language);
  if (typeof lit === 'string') return null;
  const items = splitItems(code.slice(lit.start + 1, lit.end - 1), language);
  if (!items) return null;
  const fields = items.map((s) => stringValue(s, language));
  return fields.every((f): f is string => f !== null) ? fields : null;
}

/**
 * The code with `declareOutputFields` returning `fields`, keeping the quote style; `null` when the
 * current return value cannot be read (the code is then left to the author).
 *
 * @example
 * writeDeclaredFields(code, 'javascript', ['word']) // "... return ['word']; ..."
 */
export function writeDeclaredFields(code: string, language: Language, fields: readonly string[]): string | null {
  const method = findMethod(code, 'declareOutputFields', language);
  if (!method || readDeclaredFields(code, language) === null) return null;
  const lit = returnedLiteral(code, method.body, '[', language);
  if (typeof lit === 'string') return null;
  const q = quoteStyle(code.slice(lit.start, lit.end));
  const open = code[lit.start]!;
  const close = open === '(' ? ')' : ']';
  const inner = fields.map((f) => quote(f, q)).join(', ');
  const literal = open === '(' && fields.length === 1 ? `(${inner},)` : `${open}${inner}${close}`;
  return code.slice(0, lit.start) + literal + code.slice(lit.end);
}

/** What the code says about the tick period. */
export type CodeTick =
  /** No `getComponentConfiguration` method: the code sets no component config. */
  | { readonly kind: 'absent' }
  /** The method returns a readable dict; `secs` is null when it has no tick key. */
  | { readonly kind: 'value'; readonly secs: number | null }
  /** The method exists but returns something this reader does not understand. */
  | { readonly kind: 'unreadable' };

interface TickEntry {
  readonly dict: Span;
  /** The entry `'key': value` including its span, when present. */
  readonly entry: Span | null;
  /** Where the number is written: in the dict, or in a module-level constant's definition. */
  readonly number: Span | null;
  readonly secs: number | null;
}

const NUMBER = /^\d+(?:\.\d+)?$/;

function constantDefinition(code: string, name: string, language: Language): Span | null {
  const pattern =
    language === 'python'
      ? new RegExp(`^${escapeRegExp(name)}[ \\t]*=[ \\t]*(\\d+(?:\\.\\d+)?)[ \\t]*(?:#.*)?$`, 'gm')
      : new RegExp(`^(?:const|let|var)[ \\t]+${escapeRegExp(name)}[ \\t]*=[ \\t]*(\\d+(?:\\.\\d+)?)[ \\t]*;?[ \\t]*(?://.*)?$`, 'gm');
  const matches = [...code.matchAll(pattern)];
  if (matches.length !== 1) return null;
  const m = matches[0]!;
  const start = m.index + m[0].indexOf(m[1]!, m[0].indexOf('=') + 1);
  return { start, end: start + m[1]!.length };
}

function readTickEntry(code: string, language: Language): TickEntry | 'absent' | 'unreadable' {
  const method = findMethod(code, 'getComponentConfiguration', language);
  if (!method) return 'absent';
  const dict = returnedLiteral(code, method.body, '{', language);
  if (typeof dict === 'string') return 'unreadable';
  const items = splitItems(code.slice(dict.start + 1, dict.end - 1), language);
  if (!items) return 'unreadable';
  const keyPattern = new RegExp(`^(['"])${escapeRegExp(TICK_FREQ_KEY)}\\1\\s*:\\s*(.+)$`, 's');
  let found: { value: string } | null = null;
  for (const item of items) {
    const m = keyPattern.exec(item);
    if (m) found = { value: m[2]!.trim() };
  }
  if (!found) return { dict, entry: null, number: null, secs: null };
  const inner = code.slice(dict.start, dict.end);
  const entryRe = new RegExp(`(['"])${escapeRegExp(TICK_FREQ_KEY)}\\1\\s*:\\s*${escapeRegExp(found.value)}`);
  const em = entryRe.exec(inner);
  if (!em) return 'unreadable';
  const entry = { start: dict.start + em.index, end: dict.start + em.index + em[0].length };
  if (NUMBER.test(found.value)) {
    const at = entry.end - found.value.length;
    return { dict, entry, number: { start: at, end: entry.end }, secs: Number(found.value) };
  }
  if (/^[A-Za-z_]\w*$/.test(found.value)) {
    const def = constantDefinition(code, found.value, language);
    if (!def) return 'unreadable';
    return { dict, entry, number: def, secs: Number(code.slice(def.start, def.end)) };
  }
  return 'unreadable';
}

/**
 * The tick period `getComponentConfiguration` returns (`topology.tick.tuple.freq.secs`), as a
 * number literal or a module-level numeric constant.
 *
 * @example
 * readTickFrequency("    def getComponentConfiguration(self):\n        return {'topology.tick.tuple.freq.secs': 5}\n", 'python')
 * // { kind: 'value', secs: 5 }
 */
export function readTickFrequency(code: string, language: Language): CodeTick {
  const entry = readTickEntry(code, language);
  if (entry === 'absent') return { kind: 'absent' };
  if (entry === 'unreadable') return { kind: 'unreadable' };
  return { kind: 'value', secs: entry.secs };
}

/**
 * The code with its tick period set to `secs` (or removed, for `null`): rewrites the number (or
 * the constant it names), adds the key to a readable dict, or adds a `getComponentConfiguration`
 * method to the component class. `null` when the code cannot be updated safely.
 *
 * @example
 * writeTickFrequency(code, 'python', 10) // "... return {'topology.tick.tuple.freq.secs': 10} ..."
 */
export function writeTickFrequency(code: string, language: Language, secs: number | null): string | null {
  const entry = readTickEntry(code, language);
  if (entry === 'unreadable') return null;
  if (entry === 'absent') return secs === null ? code : addConfigurationMethod(code, language, secs);
  if (secs === null) {
    if (!entry.entry) return code;
    return removeEntry(code, entry.dict, entry.entry);
  }
  if (entry.number) return code.slice(0, entry.number.start) + String(secs) + code.slice(entry.number.end);
  const inner = code.slice(entry.dict.start + 1, entry.dict.end - 1);
  const q = quoteStyle(inner.includes("'") || inner.includes('"') ? inner : "'");
  const pad = language === 'javascript' && inner.trim() === '' ? ' ' : '';
  const item = `${quote(TICK_FREQ_KEY, q)}: ${secs}`;
  const replacement = inner.trim() === '' ? `{${pad}${item}${pad}}` : `{${item}, ${inner.trimStart()}}`;
  return code.slice(0, entry.dict.start) + replacement + code.slice(entry.dict.end);
}

function removeEntry(code: string, dict: Span, entry: Span): string {
  let start = entry.start;
  let end = entry.end;
  const after = /^\s*,[ \t]*/.exec(code.slice(end, dict.end));
  if (after) end += after[0].length;
  else {
    const before = /,\s*$/.exec(code.slice(dict.start + 1, start));
    if (before) start -= before[0].length;
  }
  const out = code.slice(0, start) + code.slice(end);
  // `{ }` left behind reads better as `{}`.
  const newDictEnd = dict.end - (end - start);
  const inner = out.slice(dict.start + 1, newDictEnd - 1);
  return inner.trim() === '' ? out.slice(0, dict.start) + '{}' + out.slice(newDictEnd) : out;
}

function addConfigurationMethod(code: string, language: Language, secs: number): string | null {
  if (language === 'python') {
    const declare = findMethod(code, 'declareOutputFields', 'python');
    const classRe = /^class\s+\w+\s*(\([^)]*\))?\s*:/gm;
    let cls: RegExpExecArray | null = null;
    for (let m = classRe.exec(code); m; m = classRe.exec(code)) {
      if (!declare || m.index < declare.start) cls = m;
    }
    if (!cls) return null;
    const body = pythonBlock(code, cls.index);
    const firstLine = code.slice(body.start).split('\n').find((l) => l.trim() !== '');
    const indent = firstLine ? firstLine.slice(0, indentOf(firstLine)) : '    ';
    const method = `\n\n${indent}def getComponentConfiguration(self):\n${indent}${indent}return {'${TICK_FREQ_KEY}': ${secs}}`;
    return code.slice(0, body.end) + method + code.slice(body.end);
  }
  const cls = /\bclass\s+\w+(?:\s+extends\s+[\w.]+)?\s*\{/.exec(code);
  if (!cls) return null;
  const open = cls.index + cls[0].length - 1;
  const close = matchBracket(code, open, 'javascript');
  if (close < 0) return null;
  const before = code.slice(open + 1, close);
  const memberLine = before.split('\n').find((l) => l.trim() !== '');
  const indent = memberLine ? memberLine.slice(0, indentOf(memberLine)) : '  ';
  const trimmedEnd = open + 1 + before.trimEnd().length;
  const method = `\n\n${indent}getComponentConfiguration() {\n${indent}${indent}return { '${TICK_FREQ_KEY}': ${secs} };\n${indent}}`;
  return code.slice(0, trimmedEnd) + method + code.slice(trimmedEnd);
}
