/**
 * Reads and rewrites the two facts a component's code shares with the document: the fields
 * `declareOutputFields` returns (Petrel declares only the default stream there) and the tick
 * period `getComponentConfiguration` returns (in Petrel the component config comes from the code).
 *
 * Python is read by Storm Studio's Python parser (src/python/code-facts.ts). JavaScript is read by
 * a small scanner that recognises the shapes the templates and examples use (`return ['a', 'b'];`,
 * `return { 'topology.tick.tuple.freq.secs': 5 };`, a module-level constant for the period). Both
 * answer "unreadable" for anything but a plain literal, so the designer never rewrites code it does
 * not understand; the rewriting below is shared.
 */
import { pythonConfigEntry, pythonDeclaredFields, pythonMethodInsertion, type ConfigEntry, type FieldsLiteral } from '../python/code-facts';
import type { Span } from '../python/parse';
import { codeString } from './templates';
import { TICK_FREQ_KEY, type Language } from './types';

interface Method {
  /** Offset of the method's name. */
  readonly start: number;
  readonly body: Span;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ───────────────────────────── JavaScript ─────────────────────────────

/** Skips a string literal starting at `i` (a quote character); returns the offset after it. */
function skipString(text: string, i: number): number {
  const quote = text[i]!;
  for (let j = i + 1; j < text.length; j++) {
    const ch = text[j];
    if (ch === '\\') j++;
    else if (ch === quote) return j + 1;
    else if (ch === '\n' && quote !== '`') return j;
  }
  return text.length;
}

/** Offset of the bracket closing the one at `open`, skipping strings and comments; -1 if none. */
function matchBracket(text: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      i = skipString(text, i) - 1;
    } else if (ch === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (ch === '/' && text[i + 1] === '*') {
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

const indentOf = (line: string): number => line.length - line.trimStart().length;

function findMethod(text: string, name: string): Method | null {
  const m = new RegExp(`(^|[\\s;{}])((?:static\\s+)?${escapeRegExp(name)})\\s*\\(`, 'm').exec(text);
  if (!m) return null;
  const nameAt = m.index + m[1]!.length;
  const paren = m.index + m[0].length - 1;
  const close = matchBracket(text, paren);
  if (close < 0) return null;
  const brace = text.indexOf('{', close);
  if (brace < 0 || text.slice(close + 1, brace).trim() !== '') return null;
  const end = matchBracket(text, brace);
  if (end < 0) return null;
  return { start: nameAt, body: { start: brace + 1, end } };
}

/** The expression after the first `return` of a body, as a bracketed literal span. */
function returnedLiteral(text: string, body: Span, open: '[' | '{'): Span | 'unreadable' | 'none' {
  const re = /\breturn\b/g;
  re.lastIndex = body.start;
  const m = re.exec(text);
  if (!m || m.index >= body.end) return 'none';
  let i = m.index + m[0].length;
  while (i < body.end && /[ \t]/.test(text[i]!)) i++;
  if (text[i] !== open) return 'unreadable';
  const close = matchBracket(text, i);
  if (close < 0 || close >= body.end) return 'unreadable';
  const rest = text.slice(close + 1, body.end).split('\n')[0]!.trim();
  if (rest !== '' && rest !== ';' && !rest.startsWith('//')) return 'unreadable';
  return { start: i, end: close + 1 };
}

/** Splits the inside of a literal on top-level commas, dropping comments and a trailing comma. */
function splitItems(inner: string): string[] | null {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      const end = skipString(inner, i);
      current += inner.slice(i, end);
      i = end - 1;
    } else if (ch === '/' && inner[i + 1] === '/') {
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

/** The value of a plain string literal (`'a'`, `"a"`, `` `a` `` without `${`), or null. */
function stringValue(literal: string): string | null {
  const m = /^(['"`])(.*)\1$/s.exec(literal);
  if (!m || (m[1] === '`' && m[2]!.includes('${'))) return null;
  let out = '';
  const body = m[2]!;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === m[1]) return null;
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

/** The literal list `declareOutputFields` returns in JavaScript, with its span. */
function javascriptDeclaredFields(code: string): FieldsLiteral | null {
  const method = findMethod(code, 'declareOutputFields');
  if (!method) return null;
  const lit = returnedLiteral(code, method.body, '[');
  if (typeof lit === 'string') return null;
  const items = splitItems(code.slice(lit.start + 1, lit.end - 1));
  if (!items) return null;
  const fields = items.map(stringValue);
  return fields.every((f): f is string => f !== null) ? { fields, span: lit, form: 'list' } : null;
}

const NUMBER = /^\d+(?:\.\d+)?$/;

/** The `const NAME = <number>` line defining `name`, when there is exactly one. */
function constantDefinition(code: string, name: string): Span | null {
  const pattern = new RegExp(`^(?:const|let|var)[ \\t]+${escapeRegExp(name)}[ \\t]*=[ \\t]*(\\d+(?:\\.\\d+)?)[ \\t]*;?[ \\t]*(?://.*)?$`, 'gm');
  const matches = [...code.matchAll(pattern)];
  if (matches.length !== 1) return null;
  const m = matches[0]!;
  const start = m.index + m[0].indexOf(m[1]!, m[0].indexOf('=') + 1);
  return { start, end: start + m[1]!.length };
}

/** The tick entry of the object `getComponentConfiguration` returns in JavaScript. */
function javascriptConfigEntry(code: string): ConfigEntry | 'absent' | 'unreadable' {
  const method = findMethod(code, 'getComponentConfiguration');
  if (!method) return 'absent';
  const dict = returnedLiteral(code, method.body, '{');
  if (typeof dict === 'string') return 'unreadable';
  const items = splitItems(code.slice(dict.start + 1, dict.end - 1));
  if (!items) return 'unreadable';
  const keyPattern = new RegExp(`^(['"])${escapeRegExp(TICK_FREQ_KEY)}\\1\\s*:\\s*(.+)$`, 's');
  let found: { value: string } | null = null;
  for (const item of items) {
    const m = keyPattern.exec(item);
    if (m) found = { value: m[2]!.trim() };
  }
  if (!found) return { dict, entry: null, number: null, value: null };
  const inner = code.slice(dict.start, dict.end);
  const entryRe = new RegExp(`(['"])${escapeRegExp(TICK_FREQ_KEY)}\\1\\s*:\\s*${escapeRegExp(found.value)}`);
  const em = entryRe.exec(inner);
  if (!em) return 'unreadable';
  const entry = { start: dict.start + em.index, end: dict.start + em.index + em[0].length };
  if (NUMBER.test(found.value)) {
    const at = entry.end - found.value.length;
    return { dict, entry, number: { start: at, end: entry.end }, value: Number(found.value) };
  }
  if (/^[A-Za-z_]\w*$/.test(found.value)) {
    const def = constantDefinition(code, found.value);
    if (!def) return 'unreadable';
    return { dict, entry, number: def, value: Number(code.slice(def.start, def.end)) };
  }
  return 'unreadable';
}

/** A `getComponentConfiguration` method setting the tick period, added to the JavaScript class. */
function javascriptAddConfiguration(code: string, secs: number): string | null {
  const cls = /\bclass\s+\w+(?:\s+extends\s+[\w.]+)?\s*\{/.exec(code);
  if (!cls) return null;
  const open = cls.index + cls[0].length - 1;
  const close = matchBracket(code, open);
  if (close < 0) return null;
  const before = code.slice(open + 1, close);
  const memberLine = before.split('\n').find((l) => l.trim() !== '');
  const indent = memberLine ? memberLine.slice(0, indentOf(memberLine)) : '  ';
  const trimmedEnd = open + 1 + before.trimEnd().length;
  const method = `\n\n${indent}getComponentConfiguration() {\n${indent}${indent}return { '${TICK_FREQ_KEY}': ${secs} };\n${indent}}`;
  return code.slice(0, trimmedEnd) + method + code.slice(trimmedEnd);
}

// ───────────────────────────── both languages ─────────────────────────────

function quoteStyle(literal: string): string {
  const m = /['"]/.exec(literal);
  return m ? m[0] : "'";
}

const quote = codeString;

const declaredFields = (code: string, language: Language): FieldsLiteral | null =>
  language === 'python' ? pythonDeclaredFields(code) : javascriptDeclaredFields(code);

const tickEntry = (code: string, language: Language): ConfigEntry | 'absent' | 'unreadable' =>
  language === 'python' ? pythonConfigEntry(code, TICK_FREQ_KEY) : javascriptConfigEntry(code);

/**
 * The fields `declareOutputFields` returns, when the code states them as a literal list of
 * strings; `null` when there is no such method or its return value is not a plain literal.
 *
 * @example
 * readDeclaredFields("class B(Bolt):\n    def declareOutputFields(cls):\n        return ['word', 'count']\n", 'python') // ['word', 'count']
 */
export function readDeclaredFields(code: string, language: Language): string[] | null {
  const lit = declaredFields(code, language);
  return lit ? [...lit.fields] : null;
}

/**
 * The code with `declareOutputFields` returning `fields`, keeping the quote style; `null` when the
 * current return value cannot be read (the code is then left to the author).
 *
 * @example
 * writeDeclaredFields(code, 'javascript', ['word']) // "... return ['word']; ..."
 */
export function writeDeclaredFields(code: string, language: Language, fields: readonly string[]): string | null {
  const lit = declaredFields(code, language);
  if (!lit) return null;
  const q = quoteStyle(code.slice(lit.span.start, lit.span.end));
  const inner = fields.map((f) => quote(f, q)).join(', ');
  const one = fields.length === 1;
  const literal =
    lit.form === 'list' ? `[${inner}]` : lit.form === 'tuple' || fields.length === 0 ? (one ? `(${inner},)` : `(${inner})`) : one ? `${inner},` : inner;
  return code.slice(0, lit.span.start) + literal + code.slice(lit.span.end);
}

/** What the code says about the tick period. */
export type CodeTick =
  /** No `getComponentConfiguration` method: the code sets no component config. */
  | { readonly kind: 'absent' }
  /** The method returns a readable dict; `secs` is null when it has no tick key. */
  | { readonly kind: 'value'; readonly secs: number | null }
  /** The method exists but returns something this reader does not understand. */
  | { readonly kind: 'unreadable' };

/**
 * The tick period `getComponentConfiguration` returns (`topology.tick.tuple.freq.secs`), as a
 * number literal or a module-level numeric constant.
 *
 * @example
 * readTickFrequency("class B(Bolt):\n    def getComponentConfiguration(self):\n        return {'topology.tick.tuple.freq.secs': 5}\n", 'python')
 * // { kind: 'value', secs: 5 }
 */
export function readTickFrequency(code: string, language: Language): CodeTick {
  const entry = tickEntry(code, language);
  if (entry === 'absent') return { kind: 'absent' };
  if (entry === 'unreadable') return { kind: 'unreadable' };
  return { kind: 'value', secs: entry.value };
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
  const entry = tickEntry(code, language);
  if (entry === 'unreadable') return null;
  if (entry === 'absent') {
    if (secs === null) return code;
    return language === 'python' ? pythonAddConfiguration(code, secs) : javascriptAddConfiguration(code, secs);
  }
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

/** A `getComponentConfiguration` method setting the tick period, added to the Python component class. */
function pythonAddConfiguration(code: string, secs: number): string | null {
  const place = pythonMethodInsertion(code);
  if (!place) return null;
  const { at, indent } = place;
  const method = `\n\n${indent}def getComponentConfiguration(self):\n${indent}${indent}return {'${TICK_FREQ_KEY}': ${secs}}`;
  return code.slice(0, at) + method + code.slice(at);
}
