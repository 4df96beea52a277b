/**
 * Shared shapes of the exporters and importers: files in and out, warnings next to the files, and
 * the document an import produces.
 */
import { INPUT_LIMITS, type FormatError, type TopologyDocument } from '../model';

export type { FormatError };

/** One exported file: a path relative to the project folder (forward slashes) and its text. */
export interface ExportFile {
  readonly path: string;
  /** The text; for a binary file (`bytes`), a line saying what it is, for previews. */
  readonly content: string;
  /** A binary file's bytes (a wheel of the document's packages): written instead of `content`. */
  readonly bytes?: Uint8Array;
}

/** Codes of export and import warnings; stable, so tests and the UI can refer to them. */
export type FormatWarningCode =
  | 'W_NUM_TASKS'
  | 'W_PARTIAL_KEY'
  | 'W_JAVASCRIPT'
  | 'W_JAVASCRIPT_ONLY'
  | 'W_COST'
  | 'W_SIMULATION'
  | 'W_COMPONENT_CONFIG'
  | 'W_FIELDS_MISMATCH'
  | 'W_DIRECT_FLAG'
  | 'W_EMPTY_STREAM'
  | 'W_NULL_CONFIG'
  | 'W_PETREL_PARALLELISM'
  | 'W_FLUX_SUBSTITUTION'
  | 'W_INVALID_TOPOLOGY'
  | 'W_MISSING_MODULE'
  | 'W_UNREADABLE'
  | 'W_JAVA_COMPONENT'
  | 'W_INFERRED_STREAM'
  | 'W_IGNORED'
  | 'W_ENCODING'
  | 'W_PYTHON_SYNTAX';

/** Something the format cannot express or the reader could not fully understand; never silent. */
export interface FormatWarning {
  readonly code: FormatWarningCode;
  readonly message: string;
  /** The component the warning is about, when there is one. */
  readonly component?: string;
  /** The file (and line) the warning is about, when there is one. */
  readonly file?: string;
  readonly line?: number;
}

/** What an exporter produces: the project's files and what it could not express. */
export interface ExportBundle {
  readonly format: ExportFormat;
  /** Suggested folder (and zip) name, safe as a file name. */
  readonly folder: string;
  readonly files: readonly ExportFile[];
  readonly warnings: readonly FormatWarning[];
}

export type ExportFormat = 'petrel' | 'flux' | 'json';

/** A file given to an importer: a path (as the user named it) and its bytes or text. */
export interface InputFile {
  readonly path: string;
  readonly content: string | Uint8Array;
}

export type ImportFormat = 'json' | 'petrel' | 'flux';

/** What an importer produces: a document ready to load, and what the reader had to guess. */
export interface ImportedDocument {
  readonly format: ImportFormat;
  readonly document: TopologyDocument;
  readonly warnings: readonly FormatWarning[];
}

// The limits live in the model's INPUT_LIMITS (the catalogue docs/security.md lists); these names are kept for the readers.
/** Any single text file larger than this is refused before parsing. */
export const MAX_TEXT_FILE_BYTES = INPUT_LIMITS.maxTextFileBytes;
/** All files of one import together may not exceed this (after unzipping). */
export const MAX_PROJECT_BYTES = INPUT_LIMITS.maxProjectBytes;
/** A project zip may hold at most this many entries. */
export const MAX_ZIP_ENTRIES = INPUT_LIMITS.maxZipEntries;
/** What one YAML file may expand to once its aliases are followed; more is refused as an alias bomb. */
export const MAX_YAML_EXPANDED_BYTES = INPUT_LIMITS.maxYamlExpandedBytes;
/** Nesting depth allowed in JSON documents, Python expressions and YAML values. */
export const MAX_NESTING = INPUT_LIMITS.maxNesting;
