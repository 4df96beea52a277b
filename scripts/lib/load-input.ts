/**
 * Reads whatever the command-line tools accept as a topology and returns the document, or the
 * errors that say what is wrong and where. Never throws for bad input. Accepts everything the
 * importer accepts: the app's JSON document, a Petrel project folder or its `create.py`, a Flux
 * YAML file (with its modules next to it or in `resources/`), or a zip of any of these; and
 * `example:<id>` names one of the built-in examples (`example:word-count`).
 */
import { open, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { GALLERY, INPUT_LIMITS, parseDocument, type FormatError, type Result, type TopologyDocument } from '../../src/model';
import { importFiles, MAX_PROJECT_BYTES, MAX_TEXT_FILE_BYTES, parseFlux, parsePetrelProject, type FormatWarning, type ImportedDocument, type ProjectFile } from '../../src/formats';
import { decodeFile } from '../../src/formats/decode';
import { looksLikeFlux } from '../../src/formats/flux/import';
import { readYaml } from '../../src/formats/yaml-read';

const TEXT = /\.(py|m?js|ya?ml|json|txt|ini|sh|md)$/i;
const SKIP_DIRS = new Set(['node_modules', '__pycache__', 'venv', 'env', 'build', 'dist', 'target', 'logs']);
// A Storm project export keeps its modules in src/main/resources/resources/, four levels down.
const MAX_DEPTH = 4;

type Loaded = Result<ImportedDocument, FormatError>;
const fail = (file: string, message: string): Loaded => ({ ok: false, errors: [{ file, message }] });

/**
 * Loads a topology for a command-line tool. `onWarning` receives what the importer had to guess
 * (missing modules, unreadable fields, what a format cannot express).
 */
export async function loadInput(path: string, onWarning?: (warning: FormatWarning) => void): Promise<Result<TopologyDocument, FormatError>> {
  const r = await loadImport(path);
  if (!r.ok) return r;
  r.value.warnings.forEach((w) => onWarning?.(w));
  return { ok: true, value: r.value.document };
}

/** Like {@link loadInput}, with the format read and the warnings. Error and warning files are given relative to the current folder. */
export async function loadImport(path: string): Promise<Loaded> {
  if (path.startsWith(EXAMPLE_PREFIX)) return loadExample(path);
  let info;
  try {
    info = await stat(path);
  } catch {
    return fail(path, `No such file or folder: ${path}`);
  }
  if (info.isDirectory()) {
    const files = await collect(path);
    if (!files.ok) return files;
    if (files.value.length === 0) return fail(path, `Nothing to import in ${path}: expected a Petrel project (create.py, topology.yaml and the component modules), a Flux .yaml file or a .json document.`);
    return located(withWarnings(importFiles(files.value.map((f) => ({ path: f.path, content: f.text })), { name: basename(resolve(path)) }), files.warnings), path);
  }
  const name = basename(path);
  // Bounded by bytes read, never by stat: /dev/zero, a FIFO or a growing file reports any size.
  const limit = /\.zip$/i.test(name) ? MAX_PROJECT_BYTES : /\.json$/i.test(name) ? INPUT_LIMITS.maxDocumentBytes : /\.(py|ya?ml)$/i.test(name) ? MAX_TEXT_FILE_BYTES : MAX_PROJECT_BYTES;
  const read = await readBounded(path, limit);
  if (!read.ok) return read;
  const bytes = read.value;
  if (/\.zip$/i.test(name)) return located(importFiles([{ path: name, content: bytes }]), dirname(path));
  if (!/\.(json|py|ya?ml)$/i.test(name)) return fail(path, `${path}: expected a Storm Studio document (.json), a Petrel project folder or its create.py, a Flux file (.yaml) or a zip.`);
  const decoded = decodeFile(bytes, path);
  if (!decoded.ok) return decoded;
  const text = decoded.value.text;
  if (/\.json$/i.test(name)) {
    const doc = parseDocument(text, path);
    return doc.ok ? { ok: true, value: { format: 'json', document: doc.value, warnings: [] } } : doc;
  }
  const dir = dirname(path);
  if (/\.py$/i.test(name) || /\.ya?ml$/i.test(name)) {
    const files = await collect(dir);
    if (!files.ok) return files;
    const folder = basename(resolve(dir));
    if (/\.py$/i.test(name)) return located(withWarnings(parsePetrelProject(files.value, { createPath: name, name: folder }), files.warnings), dir);
    const yaml = readYaml(text, name);
    if (!yaml.ok) return located(yaml, dir);
    if (looksLikeFlux(yaml.value.value)) {
      const modules = new Map(files.value.filter((f) => /\.(py|m?js)$/.test(f.path)).map((f) => [f.path, f.text]));
      return located(withWarnings(parseFlux(text, name, modules, folder), files.warnings), dir);
    }
    if (files.value.some((f) => f.path === 'create.py')) return located(withWarnings(parsePetrelProject(files.value, { configPath: name, name: folder }), files.warnings), dir);
    return fail(path, `${path} is a Petrel topology configuration (no spouts, bolts or streams, so not a Flux file): give the project folder or its create.py.`);
  }
  return fail(path, `${path}: expected a Storm Studio document (.json), a Petrel project folder or its create.py, a Flux file (.yaml) or a zip.`);
}

/** The prefix that names a built-in example instead of a file. */
export const EXAMPLE_PREFIX = 'example:';

/** A built-in example by id (`example:word-count`), as the gallery opens it. */
function loadExample(input: string): Loaded {
  const id = input.slice(EXAMPLE_PREFIX.length);
  const example = GALLERY.find((e) => e.id === id);
  if (!example) return fail(input, `No built-in example '${id}': use one of ${GALLERY.map((e) => EXAMPLE_PREFIX + e.id).join(', ')}.`);
  return { ok: true, value: { format: 'json', document: example.create(), warnings: [] } };
}

/** The text files of a project folder (a few levels deep, skipping virtualenvs and build output), decoded as the importer decodes them. */
async function collect(root: string): Promise<Result<ProjectFile[], FormatError> & { warnings: FormatWarning[] }> {
  const out: ProjectFile[] = [];
  const warnings: FormatWarning[] = [];
  let total = 0;
  const walk = async (dir: string, depth: number): Promise<FormatError | null> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH && !entry.name.startsWith('.') && !SKIP_DIRS.has(entry.name)) {
          const e = await walk(full, depth + 1);
          if (e) return e;
        }
        continue;
      }
      if (!entry.isFile() || !TEXT.test(entry.name)) continue;
      const read = await readBounded(full, MAX_TEXT_FILE_BYTES);
      if (!read.ok) return read.errors[0]!;
      total += read.value.length;
      if (total > MAX_PROJECT_BYTES) return { file: root, code: 'E_INPUT_TOO_LARGE', message: `The text files in ${root} add up to more than ${MAX_PROJECT_BYTES / 1048576} MB, the import limit.` };
      const path = relative(root, full).split('\\').join('/');
      const decoded = decodeFile(read.value, path);
      if (!decoded.ok) return { ...decoded.errors[0]!, file: full };
      if (decoded.value.warning) warnings.push(decoded.value.warning);
      out.push({ path, text: decoded.value.text });
    }
    return null;
  };
  const problem = await walk(root, 0);
  return problem ? { ok: false, errors: [problem], warnings } : { ok: true, value: out, warnings };
}

/**
 * Reads at most `limit` bytes of a file; a file with more (or a device or FIFO that never ends) is
 * refused once `limit + 1` bytes have been read.
 */
async function readBounded(path: string, limit: number): Promise<Result<Uint8Array, FormatError>> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    return { ok: false, errors: [{ file: path, message: `${path} cannot be read: ${(e as Error).message}` }] };
  }
  try {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const chunk = new Uint8Array(Math.min(1 << 20, limit + 1 - size));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      size += bytesRead;
      if (size > limit) {
        return { ok: false, errors: [{ file: path, code: 'E_INPUT_TOO_LARGE', message: `${path}: read more than ${limit / 1048576} MB without reaching its end; ${/\.zip$/i.test(path) || limit === MAX_PROJECT_BYTES ? 'imports' : /\.json$/i.test(path) ? 'documents' : 'files'} are limited to ${limit / 1048576} MB.` }] };
      }
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    return { ok: true, value: bytes };
  } catch (e) {
    return { ok: false, errors: [{ file: path, message: `${path} cannot be read: ${(e as Error).message}` }] };
  } finally {
    await handle.close();
  }
}

/** Adds the decoding warnings (coding lines rewritten) to an import's own. */
function withWarnings(r: Loaded, warnings: readonly FormatWarning[]): Loaded {
  return r.ok && warnings.length ? { ok: true, value: { ...r.value, warnings: [...warnings, ...r.value.warnings] } } : r;
}

/** Error and warning files as paths the user can open (relative to the current folder). */
function located(r: Loaded, base: string): Loaded {
  const fix = <T extends { file?: string }>(x: T): T => (x.file === undefined ? x : { ...x, file: join(base, x.file) });
  if (!r.ok) return { ok: false, errors: r.errors.map(fix) };
  return { ok: true, value: { ...r.value, warnings: r.value.warnings.map(fix) } };
}

/**
 * Formats errors one per line as `file:line:column: message`. Control characters (from a file name
 * or a quoted piece of a hostile file) are written as `\uXXXX`, so no error can drive the terminal.
 */
export function formatErrors(errors: readonly FormatError[]): string {
  return errors
    .map((e) => {
      const where = [e.file, e.line, e.line !== undefined ? e.column : undefined].filter((x) => x !== undefined).join(':');
      return terminalSafe(where ? `${where}: ${e.message}` : e.message);
    })
    .join('\n');
}

/** Text with its control characters (C0 but tab, DEL, C1, line separators) written as `\uXXXX`. */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
