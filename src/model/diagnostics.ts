import { MAX_ID_LENGTH, type ComponentId, type SubscriptionId } from './ids';

/**
 * What Storm Studio can run, in a browser tab and in the CLI (docs/security.md, "Limits"). Storm
 * itself allows more; these keep an untrusted document from exhausting memory or never finishing.
 * Measured in Node 20 on 2 cores: the engine places and starts about 5,000 tasks per second and
 * holds about 6 KB per JavaScript task, so 10,000 tasks start in ~2 s in ~80 MB of heap, while
 * 100,000 tasks take ~14 s and ~600 MB.
 */
export const LIMITS = {
  /** Executors of one component (its parallelism hint). */
  maxParallelism: 10_000,
  /** Tasks of one component. */
  maxTasks: 10_000,
  /** Tasks of the whole topology, acker tasks included. */
  maxTotalTasks: 10_000,
  /** `topology.workers`: a wall-clock run starts one Web Worker (or Node thread) per Storm worker, ~110 MB each with Python. */
  maxWorkers: 16,
  /** `topology.acker.executors`. */
  maxAckers: 1_000,
  /** Shortest tick period, in seconds (`topology.tick.tuple.freq.secs`). */
  minTickSecs: 0.01,
  /** Shortest and longest `topology.message.timeout.secs`. */
  minMessageTimeoutSecs: 0.1,
  maxMessageTimeoutSecs: 86_400,
  /** Component and stream ids, in characters. */
  maxIdLength: MAX_ID_LENGTH,
} as const;

/** What a diagnostic is about: the designer highlights it and the inspector lists it there. */
export type DiagnosticTarget =
  | { readonly kind: 'component'; readonly id: ComponentId; readonly field?: string; readonly line?: number; readonly column?: number }
  | { readonly kind: 'subscription'; readonly id: SubscriptionId; readonly field?: string }
  | { readonly kind: 'topology'; readonly field?: string };

/**
 * The error catalogue. Codes are stable: tests, the inspector and the CLI refer to them.
 * `error`s make a topology unrunnable (Storm would reject it); `warning`s run but deserve a look.
 */
export const DIAGNOSTICS = {
  E_EMPTY_ID: { severity: 'error', summary: 'A component id is empty.' },
  E_SYSTEM_ID: { severity: 'error', summary: 'Ids starting with "__" are reserved for Storm system components.' },
  E_INVALID_ID: { severity: 'error', summary: `A component id must be 1 to ${MAX_ID_LENGTH} characters of ASCII letters, digits, "_", "-" and ".", not starting with "-" or ".".` },
  E_INVALID_STREAM_ID: { severity: 'error', summary: `A stream id must be 1 to ${MAX_ID_LENGTH} characters of ASCII letters, digits, "_", "-" and ".", not starting with "-" or ".".` },
  E_DUPLICATE_ID: { severity: 'error', summary: 'Two components have the same id.' },
  E_PARALLELISM: { severity: 'error', summary: 'Parallelism (executors) must be a whole number ≥ 1.' },
  E_NUM_TASKS: { severity: 'error', summary: 'The number of tasks must be a whole number ≥ 1.' },
  W_TASKS_BELOW_PARALLELISM: { severity: 'warning', summary: 'Fewer tasks than executors: Storm caps executors at the task count.' },
  E_NO_STREAMS: { severity: 'error', summary: 'A spout must declare at least one output stream.' },
  E_EMPTY_STREAM_ID: { severity: 'error', summary: 'A stream id is empty.' },
  E_SYSTEM_STREAM: { severity: 'error', summary: 'Stream ids starting with "__" are reserved for Storm system streams.' },
  E_DUPLICATE_STREAM: { severity: 'error', summary: 'A component declares the same stream twice.' },
  E_DUPLICATE_FIELD: { severity: 'error', summary: 'A stream declares the same field twice.' },
  E_EMPTY_FIELD: { severity: 'error', summary: 'A field name is empty.' },
  E_TICK_FREQ: { severity: 'error', summary: 'The tick tuple frequency must be a number of seconds > 0.' },
  E_COST: { severity: 'error', summary: 'The simulated cost per call must be a number of milliseconds ≥ 0.' },
  E_BOLT_NO_INPUT: { severity: 'error', summary: 'A bolt subscribes to nothing, so it never receives a tuple.' },
  E_SPOUT_INPUT: { severity: 'error', summary: 'A spout may not declare inputs.' },
  E_UNKNOWN_SOURCE: { severity: 'error', summary: 'A subscription reads from a component that does not exist.' },
  E_UNKNOWN_TARGET: { severity: 'error', summary: 'A subscription feeds a component that does not exist.' },
  E_UNKNOWN_STREAM: { severity: 'error', summary: 'A subscription reads a stream its source does not declare.' },
  E_UNKNOWN_FIELD: { severity: 'error', summary: 'A grouping names a field the source stream does not declare.' },
  E_NO_GROUPING_FIELDS: { severity: 'error', summary: 'A fields or partialKey grouping needs at least one field.' },
  E_DIRECT_ON_NON_DIRECT: { severity: 'error', summary: 'Direct grouping needs a stream declared direct.' },
  W_DIRECT_FROM_SHELL: { severity: 'warning', summary: 'Direct grouping from a Python or JavaScript component: the simulator runs it, Storm 2.8 cannot (multilang).' },
  E_NON_DIRECT_ON_DIRECT: { severity: 'error', summary: 'A direct stream can only be consumed with direct grouping.' },
  E_DUPLICATE_SUBSCRIPTION: { severity: 'error', summary: 'A bolt subscribes to the same stream twice.' },
  E_TOPOLOGY_NAME: { severity: 'error', summary: 'Storm topology names must be non-empty and may not contain / . : or \\.' },
  E_WORKERS: { severity: 'error', summary: 'topology.workers must be a whole number ≥ 1.' },
  E_ACKERS: { severity: 'error', summary: 'topology.acker.executors must be a whole number ≥ 0.' },
  E_MESSAGE_TIMEOUT: { severity: 'error', summary: 'topology.message.timeout.secs must be a number > 0.' },
  E_MAX_SPOUT_PENDING: { severity: 'error', summary: 'topology.max.spout.pending must be a whole number ≥ 1.' },
  E_NO_SPOUT: { severity: 'error', summary: 'A topology needs at least one spout.' },
  E_LIMIT_PARALLELISM: { severity: 'error', summary: `Storm Studio runs at most ${LIMITS.maxParallelism.toLocaleString('en')} executors per component.` },
  E_LIMIT_TASKS: { severity: 'error', summary: `Storm Studio runs at most ${LIMITS.maxTasks.toLocaleString('en')} tasks per component.` },
  E_LIMIT_TOTAL_TASKS: { severity: 'error', summary: `Storm Studio runs at most ${LIMITS.maxTotalTasks.toLocaleString('en')} tasks per topology, acker tasks included.` },
  E_LIMIT_WORKERS: { severity: 'error', summary: `Storm Studio runs at most ${LIMITS.maxWorkers} workers (topology.workers).` },
  E_LIMIT_ACKERS: { severity: 'error', summary: `Storm Studio runs at most ${LIMITS.maxAckers.toLocaleString('en')} acker executors (topology.acker.executors).` },
  E_LIMIT_TICK_FREQ: { severity: 'error', summary: `Storm Studio's shortest tick period is ${LIMITS.minTickSecs} s (topology.tick.tuple.freq.secs).` },
  E_LIMIT_MESSAGE_TIMEOUT: { severity: 'error', summary: `Storm Studio's topology.message.timeout.secs is between ${LIMITS.minMessageTimeoutSecs} s and ${LIMITS.maxMessageTimeoutSecs.toLocaleString('en')} s (one day).` },
  E_DATA_FILE: { severity: 'error', summary: 'A File replay spout names no data file, or one the document does not hold.' },
  E_SOURCE_RATE: { severity: 'error', summary: 'A data source\'s rate (source.rate) must be a number of tuples per second > 0.' },
  E_NO_CODE: { severity: 'warning', summary: 'A component has no code in its language.' },
  E_PYTHON_SYNTAX: { severity: 'error', summary: "A Python component's module does not compile (a syntax error, or an error Python's compiler raises such as 'break' outside loop)." },
  E_PYTHON_IMPORT: { severity: 'error', summary: 'A Python component imports a module Storm Studio cannot provide offline.' },
  W_PYTHON_IMPORT: { severity: 'warning', summary: 'A Python component imports a module that may not work here (guarded by try:, or unusable in a browser).' },
} as const satisfies Record<string, { severity: 'error' | 'warning'; summary: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTICS;

/**
 * Codes `validate()` does not report: the Python components' own problems, found by the Python
 * reader (`src/python/component-problems.ts`) and added to the document's diagnostics by the store.
 */
export const PYTHON_DIAGNOSTIC_CODES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>(['E_PYTHON_SYNTAX', 'E_PYTHON_IMPORT', 'W_PYTHON_IMPORT']);

/**
 * Limits on what an import or a saved document may be, checked before anything is expanded
 * (docs/security.md). Sizes in bytes (of UTF-8 text, or of a zip).
 */
export const INPUT_LIMITS = {
  /** One text file (a module, create.py, topology.yaml, a Flux file). */
  maxTextFileBytes: 5 * 1024 * 1024,
  /** A Storm Studio JSON document (and an autosave). */
  maxDocumentBytes: 10 * 1024 * 1024,
  /** All files of one import together, after unzipping; also a zip itself. */
  maxProjectBytes: 20 * 1024 * 1024,
  /** Entries in a project zip. */
  maxZipEntries: 2000,
  /** What a YAML file may expand to once its aliases are followed (about its own size limit). */
  maxYamlExpandedBytes: 5 * 1024 * 1024,
  /** Nesting of JSON documents, YAML values and Python expressions. */
  maxNesting: 100,
  /** How long an import may take in the browser's import worker before it is stopped, in ms. */
  importTimeoutMs: 30_000,
} as const;

/** Codes of input refusals (a `FormatError`'s `code`), one per limit or check. */
export const INPUT_ERRORS = {
  E_INPUT_TOO_LARGE: `A file, an import or a saved document is over its size limit (text files ${INPUT_LIMITS.maxTextFileBytes / 1048576} MB, documents ${INPUT_LIMITS.maxDocumentBytes / 1048576} MB, an import ${INPUT_LIMITS.maxProjectBytes / 1048576} MB), counted in bytes read.`,
  E_INPUT_TOO_DEEP: `Values are nested more than ${INPUT_LIMITS.maxNesting} deep.`,
  E_YAML_EXPANSION: `A YAML file's aliases expand it past ${INPUT_LIMITS.maxYamlExpandedBytes / 1048576} MB.`,
  E_ZIP_ENTRIES: `A zip holds more than ${INPUT_LIMITS.maxZipEntries} entries.`,
  E_ZIP_CORRUPT: 'A zip entry does not match its CRC-32 or its declared size, or the archive is damaged.',
  E_ENCODING: "A file's bytes cannot be decoded in its encoding (UTF-8, or a Python file's PEP 263 coding line).",
  E_IMPORT_TIMEOUT: `An import ran longer than ${INPUT_LIMITS.importTimeoutMs / 1000} s and was stopped.`,
} as const;

export type InputErrorCode = keyof typeof INPUT_ERRORS;

/** A problem found while reading a file: what is wrong and where (file, line, JSON path). */
export interface FormatError {
  readonly message: string;
  /** Set when an input limit or check refused the file (docs/security.md). */
  readonly code?: InputErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** JSON path of the offending value, e.g. `components[2].parallelism`. */
  readonly path?: string;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: 'error' | 'warning';
  /** A sentence naming the component or edge, e.g. `Bolt "count" subscribes to nothing…`. */
  readonly message: string;
  readonly target: DiagnosticTarget;
}

export function diagnostic(code: DiagnosticCode, target: DiagnosticTarget, message: string): Diagnostic {
  return { code, severity: DIAGNOSTICS[code].severity, message, target };
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean => diagnostics.some((d) => d.severity === 'error');
