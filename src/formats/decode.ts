/**
 * Bytes to text as the tools that read these files do: Python source by PEP 263 (a UTF-8 BOM, or a
 * `coding:` declaration on line 1 or 2, else UTF-8), YAML as UTF-8 or UTF-16 with a BOM (as PyYAML
 * and SnakeYAML read it), everything else as UTF-8. Bytes that do not decode are an error naming
 * the file and line, never a silent U+FFFD.
 */
import { err, ok, type Result } from '../model';
import { quoted } from './escape';
import type { FormatError, FormatWarning } from './types';

/** Decoded text, and what was changed on the way (a coding line rewritten to utf-8). */
export interface Decoded {
  readonly text: string;
  readonly warning?: FormatWarning;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);
const CODING = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
const BLANK_OR_COMMENT = /^[ \t\f]*(?:[#\r\n]|$)/;

const UTF8_NAMES = new Set(['utf-8', 'utf8', 'u8', 'utf', 'cp65001', 'utf8-ucs2', 'utf8-ucs4']);
const LATIN1_NAMES = new Set(['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', '8859', 'cp819', 'l1', 'latin', 'iso-ir-100', 'iso-latin-1', 'ibm819']);
const ASCII_NAMES = new Set(['ascii', 'us-ascii', '646', 'us', 'ansi-x3.4-1968', 'cp367', 'ibm367', 'iso646-us']);

/**
 * Decodes one imported file.
 *
 * @example
 * decodeFile(bytes, 'create.py') // { ok: true, value: { text } } or an E_ENCODING error with its line
 */
export function decodeFile(bytes: Uint8Array, path: string): Result<Decoded, FormatError> {
  if (/\.py$/i.test(path)) return decodePython(bytes, path);
  if (/\.ya?ml$/i.test(path)) {
    if (startsWith(bytes, [0xff, 0xfe])) return strict(bytes.subarray(2), 'utf-16le', path, 'UTF-16');
    if (startsWith(bytes, [0xfe, 0xff])) return strict(bytes.subarray(2), 'utf-16be', path, 'UTF-16');
  }
  return strict(startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes, 'utf-8', path, 'UTF-8');
}

function decodePython(bytes: Uint8Array, path: string): Result<Decoded, FormatError> {
  const bom = startsWith(bytes, UTF8_BOM);
  const body = bom ? bytes.subarray(3) : bytes;
  const declared = codingDeclaration(body);
  const fail = (line: number, message: string) => err([{ file: path, line, code: 'E_ENCODING' as const, message }]);
  if (declared === null) {
    return strict(body, 'utf-8', path, 'UTF-8', ' (Python reads a file without a coding line as UTF-8: save it as UTF-8, or declare its encoding, e.g. "# -*- coding: latin-1 -*-")');
  }
  const name = declared.name.toLowerCase().replace(/_/g, '-');
  if (bom && !UTF8_NAMES.has(name) && !name.startsWith('utf-8-')) {
    return fail(declared.line, `${path} starts with a UTF-8 byte order mark but declares ${quoted(declared.name)} on line ${declared.line}: Python refuses it ("encoding problem: ${declared.name} with BOM").`);
  }
  let decoded: Result<Decoded, FormatError>;
  const label = `${declared.name} (line ${declared.line})`;
  if (UTF8_NAMES.has(name) || name.startsWith('utf-8-')) decoded = strict(body, 'utf-8', path, label);
  else if (LATIN1_NAMES.has(name) || /^(latin-1|iso-8859-1|iso-latin-1)-/.test(name)) decoded = ok({ text: latin1(body) });
  else if (ASCII_NAMES.has(name)) {
    const bad = body.findIndex((b) => b > 0x7f);
    decoded = bad < 0 ? ok({ text: latin1(body) }) : fail(lineAt(body, bad), `${path}, line ${lineAt(body, bad)}: byte 0x${body[bad]!.toString(16)} is not ${label}.`);
  } else if (/^utf-?(16|32)/.test(name)) {
    return fail(declared.line, `${path} declares ${quoted(declared.name)} on line ${declared.line}: Python source files must use an ASCII-compatible encoding.`);
  } else {
    let decoder: InstanceType<typeof TextDecoder> | null = null;
    try {
      decoder = new TextDecoder(name, { fatal: true });
    } catch {
      // Not a label the platform knows: reported below.
    }
    // WHATWG labels Python does not know, or decoders that only produce U+FFFD.
    if (!decoder || decoder.encoding === 'replacement' || decoder.encoding === 'x-user-defined') {
      return fail(declared.line, `${path}, line ${declared.line}: unknown encoding ${quoted(declared.name)} (Python stops with "unknown encoding: ${declared.name}").`);
    }
    // Bytes Python's cp1252 leaves undefined, which WHATWG's windows-1252 maps to control characters.
    const undefinedBytes = decoder.encoding === 'windows-1252' ? body.findIndex((b) => b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d) : -1;
    if (undefinedBytes >= 0) return fail(lineAt(body, undefinedBytes), `${path}, line ${lineAt(body, undefinedBytes)}: byte 0x${body[undefinedBytes]!.toString(16)} is not ${label}.`);
    decoded = strict(body, decoder.encoding, path, label);
  }
  if (!decoded.ok || UTF8_NAMES.has(name) || name.startsWith('utf-8-')) return decoded;
  // The document holds text, and exports write UTF-8: the declaration must say so.
  const lines = decoded.value.text.split('\n');
  const i = declared.line - 1;
  lines[i] = lines[i]!.replace(new RegExp(`(coding[:=][ \\t]*)${declared.name.replace(/[.]/g, '\\.')}`), '$1utf-8');
  return ok({
    text: lines.join('\n'),
    warning: { code: 'W_ENCODING', file: path, line: declared.line, message: `${path} was decoded from ${declared.name}; its coding line now says utf-8, as Storm Studio keeps and exports text as UTF-8.` },
  });
}

/** PEP 263: a coding comment on line 1, or on line 2 when line 1 is blank or a comment. */
function codingDeclaration(bytes: Uint8Array): { name: string; line: number } | null {
  const head = latin1(bytes.subarray(0, 1024)).split('\n');
  for (let i = 0; i < 2 && i < head.length; i++) {
    const m = CODING.exec(head[i]!);
    if (m) return { name: m[1]!, line: i + 1 };
    if (!BLANK_OR_COMMENT.test(head[i]!)) break;
  }
  return null;
}

function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

/** 1-based line of a byte offset. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Decodes with `encoding`, refusing any byte that does not decode, naming its line. */
function strict(bytes: Uint8Array, encoding: string, path: string, what: string, hint = ''): Result<Decoded, FormatError> {
  try {
    return ok({ text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes) });
  } catch {
    const line = firstBadLine(bytes, encoding);
    return err([{ file: path, code: 'E_ENCODING', ...(line === null ? {} : { line }), message: `${path}${line === null ? '' : `, line ${line}`}: the bytes are not ${what} text${hint}.` }]);
  }
}

function firstBadLine(bytes: Uint8Array, encoding: string): number | null {
  if (encoding.startsWith('utf-16')) return null;
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    try {
      new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    start = end + 1;
  }
  return null;
}
