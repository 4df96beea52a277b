/**
 * What an exported project carries besides its topology and modules, read back on import so that
 * export → import keeps the whole document: the document's wheels (`packages/*.whl`, both
 * exports) and its data files (Flux: next to the modules in `src/main/resources/resources/`;
 * Petrel: at the project's root, named in `manifest.txt`). Each file is checked as when a user
 * adds it (src/python/wheels.ts, src/model/data-files.ts); one that fails is left out with a
 * warning naming it and why, and the rest of the import goes on. Pure; the files are untrusted.
 */
import { checkDataFile, dataFileNameProblem, formatForName, type DataFile, type PythonPackage } from '../model';
import { readWheel, withPackage } from '../python/wheels';
import { PACKAGES_DIR } from './requirements';
import type { FormatWarning, ImportFormat } from './types';

/** A file of the import as bytes or text, its path relative to the project folder. */
export interface RawProjectFile {
  readonly path: string;
  readonly bytes: Uint8Array | string;
}

export interface ProjectExtras {
  readonly dataFiles: readonly DataFile[];
  readonly packages: readonly PythonPackage[];
  readonly warnings: readonly FormatWarning[];
}

const WHEEL_PATH = new RegExp(`(?:^|/)${PACKAGES_DIR}/([^/]+\\.whl)$`, 'i');
/** A file directly in a `resources/` folder (the Flux project's `src/main/resources/resources/`). */
const FLUX_RESOURCE = /(?:^|\/)resources\/([^/]+)$/;

const bytesOf = (b: Uint8Array | string) => (typeof b === 'string' ? new TextEncoder().encode(b) : b);

/** The data file names `manifest.txt` lists (a Petrel project ships what it names; comments and globs aside). */
function manifestNames(files: readonly RawProjectFile[]): Set<string> {
  const manifest = files.find((f) => f.path === 'manifest.txt');
  if (!manifest) return new Set();
  const text = typeof manifest.bytes === 'string' ? manifest.bytes : new TextDecoder().decode(manifest.bytes);
  return new Set(
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#') && dataFileNameProblem(l) === null),
  );
}

/**
 * Reads the wheels and data files of an imported Petrel or Flux project.
 *
 * @example
 * readProjectExtras('flux', [{ path: 'packages/geotext-0.4.0-py3-none-any.whl', bytes }, { path: 'src/main/resources/resources/lines.txt', bytes: 'a\nb\n' }])
 * // { packages: [{ file: 'geotext-0.4.0-py3-none-any.whl', … }], dataFiles: [{ name: 'lines.txt', text: 'a\nb\n' }], warnings: [] }
 */
export function readProjectExtras(format: ImportFormat, files: readonly RawProjectFile[]): ProjectExtras {
  const warnings: FormatWarning[] = [];
  let packages: PythonPackage[] = [];
  for (const f of files) {
    if (!WHEEL_PATH.test(f.path)) continue;
    const r = readWheel(f.path, bytesOf(f.bytes), packages);
    if (r.ok) packages = withPackage(packages, r.value);
    else warnings.push({ code: 'W_IGNORED', file: f.path, message: `${r.message} The project was imported without it.` });
  }
  const dataFiles: DataFile[] = [];
  const listed = format === 'petrel' ? manifestNames(files) : null;
  for (const f of files) {
    const name = format === 'flux' ? FLUX_RESOURCE.exec(f.path)?.[1] : listed?.has(f.path) ? f.path : undefined;
    if (name === undefined || dataFileNameProblem(name) !== null || dataFiles.some((d) => d.name === name)) continue;
    const r = checkDataFile(name, bytesOf(f.bytes), formatForName(name));
    if (r.ok) dataFiles.push(r.value.file);
    else warnings.push({ code: 'W_IGNORED', file: f.path, ...(r.errors[0]?.line ? { line: r.errors[0].line } : {}), message: `${r.errors.map((e) => e.message).join(' ')} The project was imported without this data file.` });
  }
  return { dataFiles, packages, warnings };
}
