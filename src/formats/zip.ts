/**
 * Project zips: writing an export with fflate, and reading an import with a small reader of our
 * own over fflate's inflate, with limits against zip bombs (entry count, declared sizes, total
 * size, all read from the central directory before anything is inflated) and every entry checked
 * against its declared size and CRC-32.
 */
import { inflateSync, strToU8, zipSync, type Zippable } from 'fflate';
import { err, ok, type Result } from '../model';
import { MAX_PROJECT_BYTES, MAX_TEXT_FILE_BYTES, MAX_ZIP_ENTRIES, type ExportFile, type FormatError } from './types';

/** A fixed time for zip entries, so the same export gives the same bytes (DOS time starts in 1980). */
export const ZIP_EPOCH = new Date(Date.UTC(1980, 0, 1, 12));

/**
 * Zips exported files under one folder (so unzipping makes `folder/create.py`, …).
 *
 * @example
 * const bytes = zipFiles(bundle.files, bundle.folder);
 */
export function zipFiles(files: readonly ExportFile[], folder: string, mtime: Date = ZIP_EPOCH): Uint8Array {
  const tree: Zippable = {};
  for (const f of files) tree[`${folder}/${f.path}`] = [f.bytes ?? strToU8(f.content), { mtime, level: 6 }];
  return zipSync(tree, { mtime });
}

/** True when the bytes start like a zip archive (local file header or empty archive). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

const MB = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** The CRC-32 (zip's, IEEE 802.3) of `bytes`, as an unsigned number. */
export function crc32(bytes: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

class Refusal extends Error {
  constructor(
    message: string,
    readonly code: FormatError['code'],
  ) {
    super(message);
  }
}

/** The central directory's entries, each checked against the archive's bounds. */
function centralDirectory(bytes: Uint8Array, view: DataView, file: string): Entry[] {
  const corrupt = (why: string) => new Refusal(`${file} is not a readable zip archive (${why}).`, 'E_ZIP_CORRUPT');
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('no end of central directory');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  if (count === 0xffff || at === 0xffffffff) throw corrupt('ZIP64 archives are not read: a project is a few MB at most');
  if (count > MAX_ZIP_ENTRIES) throw new Refusal(`${file} holds more than ${MAX_ZIP_ENTRIES} entries; a project has a few dozen files at most.`, 'E_ZIP_ENTRIES');
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw corrupt('a damaged central directory');
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (next > bytes.length) throw corrupt('a damaged central directory');
    const rawName = bytes.subarray(at + 46, at + 46 + nameLength);
    const name = flags & 0x800 ? new TextDecoder().decode(rawName) : String.fromCharCode(...rawName);
    entries.push({
      name,
      flags,
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at = next;
  }
  return entries;
}

/**
 * The files of a zip (folders and macOS metadata skipped). Reads the central directory first and
 * refuses, before inflating anything, archives with too many entries, an entry over
 * {@link MAX_TEXT_FILE_BYTES} or a total over {@link MAX_PROJECT_BYTES}; then inflates each entry
 * into a buffer of its declared size and refuses one whose size or CRC-32 does not match (a
 * damaged or doctored entry is never read in part).
 */
export function unzipFiles(bytes: Uint8Array, file: string): Result<{ path: string; bytes: Uint8Array }[], FormatError> {
  if (bytes.length > MAX_PROJECT_BYTES) return err([{ file, code: 'E_INPUT_TOO_LARGE', message: `${file} is ${MB(bytes.length)}; imports are limited to ${MB(MAX_PROJECT_BYTES)}.` }]);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    const entries = centralDirectory(bytes, view, file).filter((e) => !(e.name.endsWith('/') || e.name.startsWith('__MACOSX/') || /(^|\/)\.DS_Store$/.test(e.name)));
    let total = 0;
    const names = new Set<string>();
    for (const e of entries) {
      if (e.size > MAX_TEXT_FILE_BYTES) throw new Refusal(`${file}: ${e.name} unpacks to ${MB(e.size)}; files are limited to ${MB(MAX_TEXT_FILE_BYTES)}.`, 'E_INPUT_TOO_LARGE');
      total += e.size;
      if (total > MAX_PROJECT_BYTES) throw new Refusal(`${file} unpacks to more than ${MB(MAX_PROJECT_BYTES)}, the import limit (a zip bomb?).`, 'E_INPUT_TOO_LARGE');
      if (names.has(e.name)) throw new Refusal(`${file}: ${e.name} is in the archive twice.`, 'E_ZIP_CORRUPT');
      names.add(e.name);
    }
    return ok(entries.map((e) => ({ path: e.name, bytes: readEntry(bytes, view, e, file) })));
  } catch (e) {
    if (e instanceof Refusal) return err([{ file, code: e.code, message: e.message }]);
    return err([{ file, code: 'E_ZIP_CORRUPT', message: `${file} is not a readable zip archive (${(e as Error).message}).` }]);
  }
}

/** One entry's bytes, checked against its declared size and CRC-32. */
function readEntry(bytes: Uint8Array, view: DataView, e: Entry, file: string): Uint8Array {
  const bad = (why: string) => new Refusal(`${file}: ${e.name}: ${why}; the archive is damaged or was altered, so it is refused.`, 'E_ZIP_CORRUPT');
  if (e.flags & 1) throw bad('it is encrypted');
  const at = e.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) throw bad('its local header is missing');
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + e.compressedSize;
  if (end > bytes.length) throw bad('its data runs past the end of the archive');
  const data = bytes.subarray(start, end);
  let out: Uint8Array;
  if (e.method === 0) out = data;
  else if (e.method === 8) {
    // One byte more than declared: an entry that inflates to more than it says shows as too long.
    try {
      out = inflateSync(data, { out: new Uint8Array(e.size + 1) });
    } catch (x) {
      throw bad(`it does not inflate (${(x as Error).message})`);
    }
  } else throw bad(`compression method ${e.method} is not supported (only stored and deflate)`);
  if (out.length !== e.size) throw bad(`it holds ${out.length > e.size ? 'more' : `${out.length}`} bytes where ${e.size} are declared`);
  if (crc32(out) !== e.crc) throw bad('its CRC-32 does not match its bytes');
  return out;
}
