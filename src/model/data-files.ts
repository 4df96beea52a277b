/**
 * Data files a document keeps (`TopologyDocument.dataFiles`): text a topology reads by file name,
 * such as the file a "File replay" spout replays. They are untrusted input: a file is checked
 * before it enters a document (size, text not binary, and for CSV and JSON lines every record),
 * and a refused file leaves the document as it was. The simulator writes them where component
 * code runs (Python's working directory; `storm.readFile` in JavaScript) and the exports put them
 * next to the component modules, so the same code reads them on Storm.
 */
import type { FormatError } from './diagnostics';
import { err, ok, type Result } from './result';
import type { DataFile, TopologyDocument } from './types';

/** Limits of data files (docs/security.md, "Limits"). */
export const DATA_FILE_LIMITS = {
  /** One data file, in bytes. */
  maxFileBytes: 2 * 1024 * 1024,
  /** All data files of a document together, in bytes (a document is at most 10 MB). */
  maxTotalBytes: 5 * 1024 * 1024,
  /** Length of a file name. */
  maxNameLength: 100,
} as const;

/** Tuples per second each task of a data source emits (a number > 0). */
export const SOURCE_RATE_KEY = 'source.rate';
/** The data file a File replay spout replays (its name in the document's data files). */
export const SOURCE_FILE_KEY = 'source.file';
/** How the replayed file is read: {@link ReplayFormat}. */
export const SOURCE_FORMAT_KEY = 'source.format';
/** Whether a File replay spout starts again at the end of its file. */
export const SOURCE_LOOP_KEY = 'source.loop';

/** The formats a replayed file can have: one tuple per line, per CSV record, or per JSON object. */
export type ReplayFormat = 'lines' | 'csv' | 'jsonl';
export const REPLAY_FORMATS: readonly ReplayFormat[] = ['lines', 'csv', 'jsonl'];

/** The extensions a data file may have: none of them is a module, a runtime file or a project file. */
export const DATA_FILE_EXTENSIONS = ['.txt', '.text', '.csv', '.tsv', '.json', '.jsonl', '.ndjson', '.log', '.dat'] as const;

/** The format a file name suggests: `.csv` → csv, `.jsonl`/`.ndjson`/`.json` → jsonl, else lines. */
export function formatForName(name: string): ReplayFormat {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson') || lower.endsWith('.json')) return 'jsonl';
  return 'lines';
}

/**
 * Why `name` cannot name a data file, or null. A name is a plain file name (no folder), of ASCII
 * letters, digits, `_`, `-` and `.`, with one of {@link DATA_FILE_EXTENSIONS}.
 */
export function dataFileNameProblem(name: string): string | null {
  if (name.length === 0) return 'A data file needs a name.';
  if (name.length > DATA_FILE_LIMITS.maxNameLength) return `The file name "${name.slice(0, 40)}…" is longer than ${DATA_FILE_LIMITS.maxNameLength} characters.`;
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) {
    return `The file name "${name}" may use only ASCII letters, digits, "_", "-" and "." (and start with a letter or digit): rename the file.`;
  }
  const lower = name.toLowerCase();
  if (!DATA_FILE_EXTENSIONS.some((e) => lower.endsWith(e))) {
    return `"${name}" is not a data file name: it must end with ${DATA_FILE_EXTENSIONS.join(', ')} (modules and project files are kept elsewhere).`;
  }
  return null;
}

/** What a checked file holds: its text (a BOM removed), the output fields it gives, its records. */
export interface CheckedDataFile {
  readonly file: DataFile;
  /** The fields of the tuples it replays: `['line']`, the CSV header, or the keys of the first JSON object. */
  readonly fields: readonly string[];
  /** Records (tuples) in the file. */
  readonly records: number;
}

const megabytes = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

/** The refusal of a file of `size` bytes over the limit (the page checks a picked file's size before reading it). */
export function dataFileTooLarge(name: string, size: number): FormatError {
  return { code: 'E_INPUT_TOO_LARGE', file: name, message: `${name} is ${megabytes(size)}; a data file is limited to ${megabytes(DATA_FILE_LIMITS.maxFileBytes)}. Replay a part of it.` };
}

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Reads bytes as a data file: refuses what is too large, binary (a NUL byte) or not UTF-8, and,
 * for CSV and JSON lines, a record that does not fit (ragged rows, invalid JSON, a line that is
 * not an object, a key the first line did not have). Every error names the file and the line.
 *
 * @example
 * checkDataFile('words.csv', new TextEncoder().encode('word,n\nstorm,1\n'), 'csv')
 * // ok: { file: { name: 'words.csv', text: … }, fields: ['word', 'n'], records: 1 }
 */
export function checkDataFile(name: string, bytes: Uint8Array, format: ReplayFormat): Result<CheckedDataFile, FormatError> {
  const at = (message: string, line?: number, code?: FormatError['code']): FormatError => ({ message, file: name, ...(line === undefined ? {} : { line }), ...(code ? { code } : {}) });
  const nameProblem = dataFileNameProblem(name);
  if (nameProblem) return err([at(nameProblem)]);
  if (bytes.length > DATA_FILE_LIMITS.maxFileBytes) return err([dataFileTooLarge(name, bytes.length)]);
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const line = bytes.subarray(0, nul).reduce((n, b) => n + (b === 10 ? 1 : 0), 1);
    return err([at(`${name}, line ${line}: a NUL byte; this is a binary file, not text. Give a text file (lines, CSV or JSON lines).`, line, 'E_ENCODING')]);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const line = lineAt(lenient, lenient.indexOf('\uFFFD'));
    return err([at(`${name}, line ${line}: bytes that are not UTF-8 text. Save the file as UTF-8.`, line, 'E_ENCODING')]);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const file = { name, text };
  switch (format) {
    case 'lines': {
      const records = splitLines(text).filter((l) => l.text !== '').length;
      return ok({ file, fields: ['line'], records });
    }
    case 'csv':
      return checkCsv(file, at);
    case 'jsonl':
      return checkJsonLines(file, at);
  }
}

interface Line {
  readonly text: string;
  /** 1-based. */
  readonly line: number;
}

/** The file's lines without their ends (`\n` or `\r\n`); a final line end adds no empty line. */
export function splitLines(text: string): Line[] {
  const parts = text.split(/\r?\n/);
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts.map((t, i) => ({ text: t, line: i + 1 }));
}

/**
 * CSV records as Python's `csv` module reads them (RFC 4180: commas, double quotes, `""` inside
 * quotes, line ends inside quotes), each with the line it starts on. Blank lines are skipped.
 * Throws a message with the line when a quote is left open.
 */
export function parseCsv(text: string): { fields: string[]; line: number }[] {
  const records: { fields: string[]; line: number }[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let blank = true;
    for (; i < n; i++) {
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else quoted = false;
        } else {
          if (ch === '\n') line++;
          field += ch;
        }
        continue;
      }
      if (ch === '"' && field === '') {
        quoted = true;
        blank = false;
      } else if (ch === ',') {
        fields.push(field);
        field = '';
        blank = false;
      } else if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && text[i + 1] === '\n') i++;
        i++;
        line++;
        break;
      } else {
        field += ch;
        blank = false;
      }
    }
    if (quoted) throw new Error(`line ${start}: a quoted field is never closed`);
    if (blank && field === '') continue;
    fields.push(field);
    records.push({ fields, line: start });
  }
  return records;
}

function checkCsv(file: DataFile, at: (m: string, line?: number) => FormatError): Result<CheckedDataFile, FormatError> {
  let records: { fields: string[]; line: number }[];
  try {
    records = parseCsv(file.text);
  } catch (e) {
    const line = Number(/line (\d+)/.exec((e as Error).message)?.[1]);
    return err([at(`${file.name}, ${(e as Error).message}.`, line)]);
  }
  const header = records[0];
  if (!header) return err([at(`${file.name} is empty: a CSV file needs a header row naming the fields.`, 1)]);
  const errors: FormatError[] = [];
  const seen = new Set<string>();
  for (const f of header.fields) {
    if (f.trim() === '') errors.push(at(`${file.name}, line ${header.line}: the header row has an empty column name; every column names a field.`, header.line));
    else if (seen.has(f)) errors.push(at(`${file.name}, line ${header.line}: the header names the field "${f}" twice.`, header.line));
    seen.add(f);
  }
  for (const r of records.slice(1)) {
    if (errors.length >= 5) break;
    if (r.fields.length !== header.fields.length) {
      errors.push(at(`${file.name}, line ${r.line}: ${r.fields.length} field${r.fields.length === 1 ? '' : 's'}, but the header (line ${header.line}) has ${header.fields.length}.`, r.line));
    }
  }
  if (errors.length) return err(errors);
  return ok({ file, fields: header.fields, records: records.length - 1 });
}

function checkJsonLines(file: DataFile, at: (m: string, line?: number) => FormatError): Result<CheckedDataFile, FormatError> {
  const errors: FormatError[] = [];
  let fields: string[] | null = null;
  let records = 0;
  for (const { text, line } of splitLines(file.text)) {
    if (errors.length >= 5) break;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      errors.push(at(`${file.name}, line ${line}: not valid JSON (${(e as Error).message}).`, line));
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push(at(`${file.name}, line ${line}: a JSON ${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value}, not an object; each line is one object whose keys are the fields.`, line));
      continue;
    }
    const keys = Object.keys(value);
    if (fields === null) {
      if (keys.length === 0) errors.push(at(`${file.name}, line ${line}: the first object has no keys, so there are no fields.`, line));
      fields = keys;
    } else {
      const extra = keys.find((k) => !fields!.includes(k));
      if (extra !== undefined) errors.push(at(`${file.name}, line ${line}: the key "${extra}" is not one of the fields of the first line (${fields.join(', ')}).`, line));
    }
    records++;
  }
  if (errors.length) return err(errors);
  if (fields === null) return err([at(`${file.name} holds no JSON object: a JSON lines file has one object per line.`, 1)]);
  return ok({ file, fields, records });
}

/** Bytes of a text as UTF-8. */
const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/**
 * The document with `file` added, or replacing the file of the same name. Refuses when all data
 * files together would pass {@link DATA_FILE_LIMITS}.maxTotalBytes.
 */
export function putDataFile(doc: TopologyDocument, file: DataFile): Result<TopologyDocument, string> {
  const others = (doc.dataFiles ?? []).filter((f) => f.name !== file.name);
  const total = [...others, file].reduce((n, f) => n + utf8Length(f.text), 0);
  if (total > DATA_FILE_LIMITS.maxTotalBytes) {
    return err([`With ${file.name} the document's data files would hold ${megabytes(total)}; they are limited to ${megabytes(DATA_FILE_LIMITS.maxTotalBytes)} together. Remove a file first.`]);
  }
  const at = (doc.dataFiles ?? []).findIndex((f) => f.name === file.name);
  const files = at < 0 ? [...(doc.dataFiles ?? []), file] : (doc.dataFiles ?? []).map((f, i) => (i === at ? file : f));
  return ok({ ...doc, dataFiles: files });
}

/** The document without the data file `name` (the field is dropped when no file is left). */
export function removeDataFile(doc: TopologyDocument, name: string): TopologyDocument {
  const files = (doc.dataFiles ?? []).filter((f) => f.name !== name);
  if (files.length === (doc.dataFiles ?? []).length) return doc;
  const { dataFiles: _old, ...rest } = doc;
  return files.length ? { ...rest, dataFiles: files } : rest;
}
