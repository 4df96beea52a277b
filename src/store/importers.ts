/**
 * The importer registry behind "Open…" and drag-and-drop: every way of turning files into a
 * document is an {@link Importer}. The app's own JSON document is built in; the formats part adds
 * Petrel projects, Flux YAML and zips with `registerImporter`. Files are read off the main thread
 * ({@link runImport}: a Web Worker in the app), within the limits of docs/security.md.
 */
import { releaseProxy, transfer, wrap, type Remote } from 'comlink';
import type { ImportedDocument, ImportService, InputFile } from '../formats';
import { err, INPUT_LIMITS, ok, type FormatError, type Result, type TopologyDocument } from '../model';

/** What an importer reads: a browser `File` (or anything with its name and readers). */
export interface ImportFile {
  readonly name: string;
  /** The size in bytes, when known before reading (a browser `File`'s): larger imports are refused unread. */
  readonly size?: number;
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
    const inputs = await readInputs(files, INPUT_LIMITS.maxDocumentBytes);
    if (!inputs.ok) return inputs;
    const r = await runImport(inputs.value);
    return r.ok ? ok(r.value.document) : r;
  },
};

const MB = (n: number) => `${Math.round(n / 1048576)} MB`;

/**
 * The files' bytes, refusing (unread) a file whose size is over `limit` or files that add up to
 * more than an import may hold.
 */
export async function readInputs(files: readonly ImportFile[], limit: number = INPUT_LIMITS.maxProjectBytes): Promise<Result<InputFile[], FormatError>> {
  let total = 0;
  for (const f of files) {
    const size = f.size ?? 0;
    total += size;
    if (size > limit) return err([{ file: f.name, code: 'E_INPUT_TOO_LARGE', message: `${f.name} is ${(size / 1048576).toFixed(1)} MB; this import is limited to ${MB(limit)}.` }]);
    if (total > INPUT_LIMITS.maxProjectBytes) return err([{ file: f.name, code: 'E_INPUT_TOO_LARGE', message: `The files add up to more than ${MB(INPUT_LIMITS.maxProjectBytes)}, the import limit.` }]);
  }
  const out: InputFile[] = [];
  for (const f of files) out.push({ path: f.name, content: new Uint8Array(await f.arrayBuffer()) });
  return ok(out);
}

/** Where imports run: a Web Worker in the app; in-process where there is none (unit tests, Node). */
export interface ImportRunner {
  run(files: readonly InputFile[]): Promise<Result<ImportedDocument, FormatError>>;
}

/** Runs imports in `workers/import-worker.ts`, started on first use; one that runs too long is stopped. */
export function workerImportRunner(timeoutMs: number = INPUT_LIMITS.importTimeoutMs): ImportRunner {
  let worker: Worker | null = null;
  let api: Remote<ImportService> | null = null;
  const stop = () => {
    api?.[releaseProxy]();
    worker?.terminate();
    worker = null;
    api = null;
  };
  return {
    async run(files) {
      if (!worker || !api) {
        worker = new Worker(new URL('../../workers/import-worker.ts', import.meta.url), { type: 'module', name: 'storm-import' });
        api = wrap<ImportService>(worker);
      }
      const current = worker;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stopped = new Promise<Result<ImportedDocument, FormatError>>((resolve) => {
        timer = setTimeout(() => {
          if (worker === current) stop();
          resolve(err([{ code: 'E_IMPORT_TIMEOUT', file: files.map((f) => f.path).join(', '), message: `Reading ${files.map((f) => f.path).join(', ')} took longer than ${timeoutMs / 1000} s, so it was stopped (docs/security.md, "Limits").` }]));
        }, timeoutMs);
        current.addEventListener('error', (ev) => {
          ev.preventDefault();
          if (worker === current) stop();
          resolve(err([{ message: `The import stopped: ${ev.message || 'the import worker failed'}.` }]));
        }, { once: true });
      });
      const buffers = files.flatMap((f) => (typeof f.content === 'string' ? [] : [f.content.buffer as ArrayBuffer]));
      try {
        return await Promise.race([api.importFiles(transfer(files, buffers)), stopped]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

const inProcessImportRunner: ImportRunner = {
  async run(files) {
    const { importFiles: read } = await import('../formats');
    return read(files);
  },
};

let runner: ImportRunner | null = null;

/** Replaces where imports run (tests); `null` goes back to the default. */
export function setImportRunner(next: ImportRunner | null): void {
  runner = next;
}

/**
 * Reads files into a document off the main thread (the formats' `importFiles`, in the import
 * worker). Never throws for bad input.
 */
export function runImport(files: readonly InputFile[]): Promise<Result<ImportedDocument, FormatError>> {
  runner ??= typeof Worker === 'function' ? workerImportRunner() : inProcessImportRunner;
  return runner.run(files);
}

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
