/**
 * Reads whatever the command-line tools accept as a topology and returns the document, or the
 * errors that say what is wrong and where. Never throws for bad input.
 */
import { readFile, stat } from 'node:fs/promises';
import { parseDocument, type FormatError, type Result, type TopologyDocument } from '../../src/model';

export async function loadInput(path: string): Promise<Result<TopologyDocument, FormatError>> {
  let info;
  try {
    info = await stat(path);
  } catch {
    return { ok: false, errors: [{ file: path, message: `No such file or folder: ${path}` }] };
  }
  if (info.isDirectory()) {
    return { ok: false, errors: [{ file: path, message: `${path} is a folder; expected a Storm Studio document (.json).` }] };
  }
  const text = await readFile(path, 'utf8');
  return parseDocument(text, path);
}

/** Formats errors one per line as `file:line:column: message`. */
export function formatErrors(errors: readonly FormatError[]): string {
  return errors
    .map((e) => {
      const where = [e.file, e.line, e.line !== undefined ? e.column : undefined].filter((x) => x !== undefined).join(':');
      return where ? `${where}: ${e.message}` : e.message;
    })
    .join('\n');
}
