/**
 * Project zips with fflate: writing an export, and reading an import with limits against zip
 * bombs (entry count, declared sizes, total size; fflate inflates into a buffer of the declared
 * size, so an entry that lies about its size cannot grow past it).
 */
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
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
  for (const f of files) tree[`${folder}/${f.path}`] = [strToU8(f.content), { mtime, level: 6 }];
  return zipSync(tree, { mtime });
}

/** True when the bytes start like a zip archive (local file header or empty archive). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

class ZipLimit extends Error {}

const MB = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

/**
 * The files of a zip (folders and macOS metadata skipped). Refuses, before inflating anything
 * large, archives with too many entries, an entry over {@link MAX_TEXT_FILE_BYTES} or a total over
 * {@link MAX_PROJECT_BYTES}.
 */
export function unzipFiles(bytes: Uint8Array, file: string): Result<{ path: string; bytes: Uint8Array }[], FormatError> {
  if (bytes.length > MAX_PROJECT_BYTES) return err([{ file, message: `${file} is ${MB(bytes.length)}; imports are limited to ${MB(MAX_PROJECT_BYTES)}.` }]);
  let entries = 0;
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (entry) => {
        entries++;
        if (entries > MAX_ZIP_ENTRIES) throw new ZipLimit(`${file} holds more than ${MAX_ZIP_ENTRIES} entries; a project has a few dozen files at most.`);
        if (entry.name.endsWith('/') || entry.name.startsWith('__MACOSX/') || /(^|\/)\.DS_Store$/.test(entry.name)) return false;
        if (entry.originalSize > MAX_TEXT_FILE_BYTES) throw new ZipLimit(`${file}: ${entry.name} unpacks to ${MB(entry.originalSize)}; files are limited to ${MB(MAX_TEXT_FILE_BYTES)}.`);
        total += entry.originalSize;
        if (total > MAX_PROJECT_BYTES) throw new ZipLimit(`${file} unpacks to more than ${MB(MAX_PROJECT_BYTES)}, the import limit (a zip bomb?).`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof ZipLimit) return err([{ file, message: e.message }]);
    return err([{ file, message: `${file} is not a readable zip archive (${(e as Error).message}).` }]);
  }
  return ok(Object.entries(files).map(([path, data]) => ({ path, bytes: data })));
}
