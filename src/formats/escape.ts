/**
 * Escaping for every place an exporter writes a user's value: Python string literals, YAML
 * scalars, one-line comments and shell words. Each function returns text that parses back to
 * exactly the value given, and that no value can break out of (quotes, newlines, `${}`, `#`,
 * backslashes, YAML tags and anchors all stay inside the literal).
 */
import type { ConfigValue } from '../model';
import { parse as parseYaml } from 'yaml';

const hex = (code: number, width: number): string => code.toString(16).padStart(width, '0');

/** True for UTF-16 surrogates that are not part of a pair: no UTF-8 file can hold them. */
export function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/**
 * A Python 3 string literal (single-quoted, ASCII only) that evaluates to `text`.
 *
 * @example
 * pyStr("it's\n") // "'it\\'s\\n'"
 */
export function pyStr(text: string): string {
  let out = "'";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else if (code < 0x100) out += `\\x${hex(code, 2)}`;
    else if (code < 0x10000) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return out + "'";
}

/** A number as Python and YAML 1.1 both read it (floats keep a dot so YAML 1.1 does not see a string). */
function numberText(n: number, yaml: boolean): string {
  if (!Number.isFinite(n)) throw new RangeError(`${n} cannot be written: only finite numbers can`);
  const s = String(n);
  if (!yaml) return s;
  // YAML 1.1 floats need a dot: "1e-7" would read back as a string in PyYAML and SnakeYAML.
  return /e/.test(s) && !/\./.test(s) ? s.replace('e', '.0e') : s;
}

/**
 * A Python literal for a configuration value: dicts, lists, strings, numbers, `True`/`False`/`None`.
 *
 * @example
 * pyLiteral({ 'topology.tick.tuple.freq.secs': 3 }) // "{'topology.tick.tuple.freq.secs': 3}"
 */
export function pyLiteral(value: ConfigValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return numberText(value, false);
  if (typeof value === 'string') return pyStr(value);
  if (Array.isArray(value)) return `[${value.map(pyLiteral).join(', ')}]`;
  const entries = Object.entries(value as Record<string, ConfigValue>);
  return `{${entries.map(([k, v]) => `${pyStr(k)}: ${pyLiteral(v)}`).join(', ')}}`;
}

/** A list of strings as a Python list literal. */
export const pyList = (items: readonly string[]): string => `[${items.map(pyStr).join(', ')}]`;

/** Characters YAML allows unescaped inside a double-quoted scalar, minus line and page separators. */
function yamlPrintable(code: number): boolean {
  if (code >= 0x20 && code <= 0x7e) return true;
  if (code === 0x2028 || code === 0x2029 || code === 0xfeff) return false;
  return (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || code >= 0x10000;
}

/**
 * A YAML double-quoted scalar that YAML 1.1 (PyYAML, SnakeYAML) and 1.2 read back as `text`.
 * `${` is written `\x24{` so Flux's line-based `${property}` substitution never sees it.
 *
 * @example
 * yamlStr('a "b"\n') // '"a \\"b\\"\\n"'
 */
export function yamlStr(text: string): string {
  let out = '"';
  const chars = Array.from(text);
  chars.forEach((ch, i) => {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '$' && chars[i + 1] === '{') out += '\\x24';
    else if (yamlPrintable(code)) out += ch;
    else if (code < 0x100) out += `\\x${hex(code, 2)}`;
    else if (code < 0x10000) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  });
  return out + '"';
}

const YAML_11_SPECIAL = /^(y|yes|n|no|true|false|on|off|null|~)$/i;

/**
 * A mapping key: plain when it is a simple dotted name (as Storm's keys are) that every YAML reader
 * takes for that same string (YAML 1.1 as SnakeYAML and Flux read it, and 1.2), quoted otherwise —
 * so `yes`, `NaN` or `e0` (a float to some 1.1 resolvers) stay strings.
 */
export function yamlKey(key: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key) && !YAML_11_SPECIAL.test(key) && readsAsString(key);
  return plain ? key : yamlStr(key);
}

function readsAsString(text: string): boolean {
  try {
    return parseYaml(text, { version: '1.1' }) === text && parseYaml(text) === text;
  } catch {
    return false;
  }
}

/**
 * A YAML flow value (one line) for a configuration value: strings always quoted, so `yes`, `1.0`,
 * `!tag`, `&anchor` or `*alias` in a value stay strings.
 */
export function yamlValue(value: ConfigValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return numberText(value, true);
  if (typeof value === 'string') return yamlStr(value);
  if (Array.isArray(value)) return `[${value.map(yamlValue).join(', ')}]`;
  const entries = Object.entries(value as Record<string, ConfigValue>);
  return `{${entries.map(([k, v]) => `${yamlStr(k)}: ${yamlValue(v)}`).join(', ')}}`;
}

/**
 * Text safe inside a one-line `#` comment of Python, YAML, shell or INI: anything that is not
 * printable ASCII is shown as an escape, so a newline in a name cannot end the comment.
 */
export function commentText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && code < 0x7f) out += ch;
    else if (code < 0x10000) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return out;
}

/**
 * A JSON string literal in printable ASCII (every other character as `\\uXXXX`): safe inside a
 * one-line comment or message, and `JSON.parse` gives the text back.
 */
export function quoted(text: string): string {
  let out = '';
  for (const ch of JSON.stringify(text)) {
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && code >= 0x20 && code < 0x7f) out += ch;
    else for (let i = 0; i < ch.length; i++) out += `\\u${hex(ch.charCodeAt(i), 4)}`;
  }
  return out;
}

/**
 * One shell word for bash that expands to exactly `text`: bare when harmless, single-quoted
 * otherwise, ANSI-C quoted (`$'…'`) when it holds control characters.
 *
 * @example
 * shellWord("it's") // "'it'\\''s'"
 */
export function shellWord(text: string): string {
  if (/^[A-Za-z0-9_.,:/=+@%-]+$/.test(text)) return text;
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u001f\u007f]/.test(text)) return `'${text.replace(/'/g, `'\\''`)}'`;
  let out = "$'";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === "'") out += `\\${ch}`;
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else out += ch;
  }
  return out + "'";
}

/** A Markdown code fence longer than any run of backticks in `content`. */
export function fenceFor(content: string): string {
  const longest = Math.max(0, ...Array.from(content.matchAll(/`+/g), (m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}
