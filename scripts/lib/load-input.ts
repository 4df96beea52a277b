/**
 * Reads whatever the command-line tools accept as a topology and returns the document, or the
 * errors that say what is wrong and where. Never throws for bad input. Accepts everything the
 * importer accepts: the app's JSON document, a Petrel project folder or its `create.py`, a Flux
 * YAML file (with its modules next to it or in `resources/`), or a zip of any of these; and
 * `example:<id>` names one of the built-in examples (`example:word-count`).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { EXAMPLES, parseDocument, type FormatError, type Result, type TopologyDocument } from '../../src/model';
import { importFiles, MAX_PROJECT_BYTES, MAX_TEXT_FILE_BYTES, parseFlux, parsePetrelProject, type FormatWarning, type ImportedDocument, type ProjectFile } from '../../src/formats';
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
    return located(importFiles(files.value.map((f) => ({ path: f.path, content: f.text })), { name: basename(resolve(path)) }), path);
  }
  if (info.size > MAX_PROJECT_BYTES) return fail(path, `${path} is ${(info.size / 1048576).toFixed(1)} MB; imports are limited to ${MAX_PROJECT_BYTES / 1048576} MB.`);
  const bytes = new Uint8Array(await readFile(path));
  const name = basename(path);
  if (/\.zip$/i.test(name)) return located(importFiles([{ path: name, content: bytes }]), dirname(path));
  if (info.size > MAX_TEXT_FILE_BYTES) return fail(path, `${path} is ${(info.size / 1048576).toFixed(1)} MB; files are limited to ${MAX_TEXT_FILE_BYTES / 1048576} MB.`);
  const text = new TextDecoder().decode(bytes);
  if (/\.json$/i.test(name)) {
    const doc = parseDocument(text, path);
    return doc.ok ? { ok: true, value: { format: 'json', document: doc.value, warnings: [] } } : doc;
  }
  const dir = dirname(path);
  if (/\.py$/i.test(name) || /\.ya?ml$/i.test(name)) {
    const files = await collect(dir);
    if (!files.ok) return files;
    const folder = basename(resolve(dir));
    if (/\.py$/i.test(name)) return located(parsePetrelProject(files.value, { createPath: name, name: folder }), dir);
    const yaml = readYaml(text, name);
    if (!yaml.ok) return located(yaml, dir);
    if (looksLikeFlux(yaml.value.value)) {
      const modules = new Map(files.value.filter((f) => /\.(py|m?js)$/.test(f.path)).map((f) => [f.path, f.text]));
      return located(parseFlux(text, name, modules, folder), dir);
    }
    if (files.value.some((f) => f.path === 'create.py')) return located(parsePetrelProject(files.value, { configPath: name, name: folder }), dir);
    return fail(path, `${path} is a Petrel topology configuration (no spouts, bolts or streams, so not a Flux file): give the project folder or its create.py.`);
  }
  return fail(path, `${path}: expected a Storm Studio document (.json), a Petrel project folder or its create.py, a Flux file (.yaml) or a zip.`);
}

/** The prefix that names a built-in example instead of a file. */
export const EXAMPLE_PREFIX = 'example:';

/** A built-in example by id (`example:word-count`), as the gallery opens it. */
function loadExample(input: string): Loaded {
  const id = input.slice(EXAMPLE_PREFIX.length);
  const example = EXAMPLES.find((e) => e.id === id);
  if (!example) return fail(input, `No built-in example '${id}': use one of ${EXAMPLES.map((e) => EXAMPLE_PREFIX + e.id).join(', ')}.`);
  return { ok: true, value: { format: 'json', document: example.create(), warnings: [] } };
}

/** The text files of a project folder (a few levels deep, skipping virtualenvs and build output). */
async function collect(root: string): Promise<Result<ProjectFile[], FormatError>> {
  const out: ProjectFile[] = [];
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
      const size = (await stat(full)).size;
      if (size > MAX_TEXT_FILE_BYTES) return { file: full, message: `${full} is ${(size / 1048576).toFixed(1)} MB; files are limited to ${MAX_TEXT_FILE_BYTES / 1048576} MB.` };
      total += size;
      if (total > MAX_PROJECT_BYTES) return { file: root, message: `The text files in ${root} add up to more than ${MAX_PROJECT_BYTES / 1048576} MB, the import limit.` };
      out.push({ path: relative(root, full).split('\\').join('/'), text: await readFile(full, 'utf8') });
    }
    return null;
  };
  const problem = await walk(root, 0);
  return problem ? { ok: false, errors: [problem] } : { ok: true, value: out };
}

/** Error and warning files as paths the user can open (relative to the current folder). */
function located(r: Loaded, base: string): Loaded {
  const fix = <T extends { file?: string }>(x: T): T => (x.file === undefined ? x : { ...x, file: join(base, x.file) });
  if (!r.ok) return { ok: false, errors: r.errors.map(fix) };
  return { ok: true, value: { ...r.value, warnings: r.value.warnings.map(fix) } };
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
