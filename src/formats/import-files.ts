/**
 * One entry point for every import: given the files a user dropped, picked or named on the
 * command line (a JSON document, a Petrel project as files or a zip, a Flux YAML file with its
 * modules), finds what they are and reads them. Never throws; nothing is run.
 */
import { err, ok, parseDocument, type Result } from '../model';
import { looksLikeFlux, parseFlux } from './flux/import';
import { parsePetrelProject, type ProjectFile } from './petrel/import';
import { decodeFile } from './decode';
import { MAX_PROJECT_BYTES, MAX_TEXT_FILE_BYTES, type FormatError, type FormatWarning, type ImportedDocument, type InputFile } from './types';
import { readProjectExtras } from './project-extras';
import { readYaml } from './yaml-read';
import { isZip, unzipFiles } from './zip';

/** What the browser's import worker (workers/import-worker.ts) offers the page: {@link importFiles}. */
export interface ImportService {
  importFiles(files: readonly InputFile[], options?: ImportOptions): Result<ImportedDocument, FormatError> | Promise<Result<ImportedDocument, FormatError>>;
}

export interface ImportOptions {
  /** The name to give the topology when the files do not carry one (e.g. the folder's name). */
  readonly name?: string;
}

const MB = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const normalize = (path: string) => path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '');

/**
 * Reads files into a document.
 *
 * @example
 * const r = importFiles([{ path: 'create.py', content: createPy }, { path: 'topology.yaml', content: yaml }, …]);
 * if (r.ok) load(r.value.document); else showErrors(r.errors);
 */
export function importFiles(files: readonly InputFile[], options: ImportOptions = {}): Result<ImportedDocument, FormatError> {
  if (files.length === 0) return err([{ message: 'No file was given.' }]);
  let name = options.name;
  const raw: { path: string; bytes: Uint8Array | string }[] = [];
  for (const f of files) {
    const path = normalize(f.path);
    const bytes = typeof f.content === 'string' ? null : f.content;
    // A wheel is a zip too, but one the project keeps (packages/), not one to open.
    if (bytes && ((isZip(bytes) && !/\.whl$/i.test(path)) || /\.zip$/i.test(path))) {
      const entries = unzipFiles(bytes, path);
      if (!entries.ok) return entries;
      if (files.length === 1 && name === undefined) name = baseName(path).replace(/\.zip$/i, '').replace(/-(petrel|flux)$/, '');
      raw.push(...entries.value.map((e) => ({ path: normalize(e.path), bytes: e.bytes })));
    } else raw.push({ path, bytes: f.content });
  }
  let total = 0;
  const texts: ProjectFile[] = [];
  const warnings: FormatWarning[] = [];
  for (const f of raw) {
    const size = typeof f.bytes === 'string' ? f.bytes.length : f.bytes.length;
    if (size > MAX_TEXT_FILE_BYTES) return err([{ file: f.path, code: 'E_INPUT_TOO_LARGE', message: `${f.path} is ${MB(size)}; files are limited to ${MB(MAX_TEXT_FILE_BYTES)}.` }]);
    total += size;
    if (total > MAX_PROJECT_BYTES) return err([{ file: f.path, code: 'E_INPUT_TOO_LARGE', message: `The files add up to more than ${MB(MAX_PROJECT_BYTES)}, the import limit.` }]);
    if (!/\.(py|ya?ml|json|txt|ini|sh|md|m?js)$/i.test(f.path)) continue;
    let text: string;
    if (typeof f.bytes === 'string') text = f.bytes.replace(/^\uFEFF/, '');
    else {
      const decoded = decodeFile(f.bytes, f.path);
      if (!decoded.ok) return decoded;
      text = decoded.value.text;
      if (decoded.value.warning) warnings.push(decoded.value.warning);
    }
    texts.push({ path: f.path, text });
  }
  const stripped = stripCommonFolder(texts);
  if (name === undefined && stripped.folder !== null) name = stripped.folder;
  const detected = detect(stripped.files, name);
  if (!detected.ok) return detected;
  const strip = stripped.folder === null ? 0 : stripped.folder.length + 1;
  const r = detected.value.format === 'json' ? detected.value : withExtras(detected.value, raw.map((f) => ({ path: stripped.folder !== null && f.path.startsWith(`${stripped.folder}/`) ? f.path.slice(strip) : f.path, bytes: f.bytes })));
  if (warnings.length === 0) return ok(r);
  return ok({ ...r, warnings: [...warnings.map((w) => (w.file === undefined ? w : { ...w, file: w.file.slice(strip) })), ...r.warnings] });
}

/** The imported project's wheels and data files added to its document (export → import keeps them). */
function withExtras(imported: ImportedDocument, files: Parameters<typeof readProjectExtras>[1]): ImportedDocument {
  const extras = readProjectExtras(imported.format, files);
  const doc = imported.document;
  return {
    ...imported,
    document: {
      ...doc,
      ...(extras.dataFiles.length > 0 && !doc.dataFiles?.length ? { dataFiles: extras.dataFiles } : {}),
      ...(extras.packages.length > 0 && !doc.packages?.length ? { packages: extras.packages } : {}),
    },
    warnings: [...imported.warnings, ...extras.warnings],
  };
}

/** Removes a folder every file is in (a zipped project folder), returning its name. */
function stripCommonFolder(files: ProjectFile[]): { files: ProjectFile[]; folder: string | null } {
  const first = files[0]?.path.split('/')[0];
  if (first === undefined || !files.every((f) => f.path.includes('/') && f.path.split('/')[0] === first)) return { files, folder: null };
  return { files: files.map((f) => ({ ...f, path: f.path.slice(first.length + 1) })), folder: first };
}

function detect(files: ProjectFile[], name: string | undefined): Result<ImportedDocument, FormatError> {
  const opts = name === undefined ? {} : { name };
  const createPy = files.filter((f) => baseName(f.path) === 'create.py');
  if (createPy.length > 0) return parsePetrelProject(files, opts);

  const yamls = files.filter((f) => /\.ya?ml$/i.test(f.path));
  const yamlErrors: FormatError[] = [];
  let petrelConfig: ProjectFile | undefined;
  for (const y of yamls) {
    const parsed = readYaml(y.text, y.path);
    if (!parsed.ok) {
      yamlErrors.push(...parsed.errors);
      continue;
    }
    if (looksLikeFlux(parsed.value.value)) {
      const modules = new Map(files.filter((f) => /\.(py|m?js)$/.test(f.path)).map((f) => [f.path, f.text]));
      return parseFlux(y.text, y.path, modules, name);
    }
    petrelConfig = y;
  }
  const definitions = files.filter((f) => f.path.endsWith('.py') && /^def\s+create\s*\(/m.test(f.text));
  if (definitions.length === 1) return parsePetrelProject(files, { ...opts, createPath: definitions[0]!.path, ...(petrelConfig ? { configPath: petrelConfig.path } : {}) });

  const jsons = files.filter((f) => /\.json$/i.test(f.path));
  if (jsons.length === 1) {
    const r = parseDocument(jsons[0]!.text, jsons[0]!.path);
    return r.ok ? ok({ format: 'json', document: r.value, warnings: [] }) : r;
  }
  if (jsons.length > 1) return err([{ message: `Several JSON documents were given (${jsons.map((j) => j.path).join(', ')}): import one at a time.` }]);
  if (yamlErrors.length) return err(yamlErrors);
  if (petrelConfig) {
    return err([{ file: petrelConfig.path, line: 1, message: `${petrelConfig.path} holds only a Petrel topology's configuration (no spouts, bolts or streams, so it is not a Flux file): import it together with create.py and the component modules.` }]);
  }
  const py = files.find((f) => f.path.endsWith('.py'));
  if (py) return err([{ file: py.path, message: `${py.path} does not define create(builder): import the project's create.py together with the component modules (and topology.yaml).` }]);
  return err([{ message: `Nothing to import in ${files.map((f) => f.path).join(', ') || 'these files'}: expected a Storm Studio document (.json), a Petrel project (create.py, topology.yaml, modules, or their zip) or a Flux file (.yaml).` }]);
}
