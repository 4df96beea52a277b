/**
 * The importer registry behind "Open…" and drag-and-drop: every way of turning files into a
 * document is an {@link Importer}. The app's own JSON document is built in; the formats part adds
 * Petrel projects, Flux YAML and zips with `registerImporter`.
 */
import { err, parseDocument, type FormatError, type Result, type TopologyDocument } from '../model';

/** What an importer reads: a browser `File` (or anything with its name and readers). */
export interface ImportFile {
  readonly name: string;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface Importer {
  readonly id: string;
  /** Shown in the file picker help and in "cannot open" messages, e.g. `Storm Studio document (.json)`. */
  readonly label: string;
  /** File name endings for the file picker's `accept`, e.g. `['.json']`. */
  readonly extensions: readonly string[];
  /** Whether this importer handles this set of files (decided from the names alone). */
  accepts(fileNames: readonly string[]): boolean;
  /** Parses the files; never throws for bad input, never executes user code. */
  import(files: readonly ImportFile[]): Promise<Result<TopologyDocument, FormatError>>;
}

const lower = (name: string) => name.toLowerCase();

/** The app's own JSON document format (any version this build can migrate). */
export const jsonDocumentImporter: Importer = {
  id: 'storm-studio-json',
  label: 'Storm Studio document (.json)',
  extensions: ['.json'],
  accepts: (names) => names.length > 0 && names.every((n) => lower(n).endsWith('.json')),
  async import(files) {
    if (files.length !== 1) {
      return err([{ message: `Open one .json document at a time (got ${files.length}: ${files.map((f) => f.name).join(', ')}).` }]);
    }
    const file = files[0]!;
    return parseDocument(await file.text(), file.name);
  },
};

const registry: Importer[] = [jsonDocumentImporter];
const listeners = new Set<() => void>();

/**
 * Adds an importer; importers registered later are asked first, so a specific one (a Petrel
 * project's `create.py` + `topology.yaml`) wins over a general one. Returns the unregister.
 */
export function registerImporter(importer: Importer): () => void {
  const i = registry.findIndex((x) => x.id === importer.id);
  if (i >= 0) registry.splice(i, 1);
  registry.unshift(importer);
  listeners.forEach((l) => l());
  return () => {
    const at = registry.indexOf(importer);
    if (at >= 0) registry.splice(at, 1);
    listeners.forEach((l) => l());
  };
}

export const listImporters = (): readonly Importer[] => [...registry];

export function onImportersChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The `accept` attribute for a file picker: every registered extension. */
export const acceptedExtensions = (): string => [...new Set(registry.flatMap((i) => i.extensions))].join(',');

/**
 * Reads files with the first importer that accepts them. Errors (no importer, a parse error,
 * an importer that throws) come back as {@link FormatError}s naming the file.
 */
export async function importFiles(files: readonly ImportFile[]): Promise<Result<TopologyDocument, FormatError>> {
  const names = files.map((f) => f.name);
  if (files.length === 0) return err([{ message: 'No file was given.' }]);
  const importer = registry.find((i) => i.accepts(names));
  if (!importer) {
    const kinds = registry.map((i) => i.label).join('; ');
    return err([{ message: `Storm Studio cannot open ${names.join(', ')}. It opens: ${kinds}.`, file: names.join(', ') }]);
  }
  try {
    return await importer.import(files);
  } catch (e) {
    return err([{ message: `${importer.label} importer failed: ${e instanceof Error ? e.message : String(e)}`, file: names.join(', ') }]);
  }
}
