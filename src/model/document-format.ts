import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { z } from 'zod';
import { DATA_FILE_LIMITS, dataFileNameProblem } from './data-files';
import { INPUT_LIMITS, type FormatError } from './diagnostics';
import { migrate } from './migrations';
import { err, ok, type Result } from './result';
import { DOCUMENT_VERSION, MAX_WHEEL_BYTES, PURE_WHEEL_FILE, TEST_MODULE_FILE, type TopologyDocument } from './types';

export type { FormatError } from './diagnostics';

/** Documents larger than this are refused before parsing (a topology is a few hundred KB at most). */
export const MAX_DOCUMENT_BYTES = INPUT_LIMITS.maxDocumentBytes;

/**
 * Configuration maps are checked in place rather than rebuilt: zod's records assign keys, which
 * would turn a `__proto__` key into the object's prototype (and lose it). `JSON.parse` makes every
 * key, `__proto__` included, an own data property; the check keeps that object as it is.
 */
function isConfigValue(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isConfigValue);
  return typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype && Object.values(v as object).every(isConfigValue);
}
const configMap = z.custom<Record<string, unknown>>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && isConfigValue(v),
  'expected a map of configuration keys to JSON values (strings, numbers, booleans, null, lists, maps)',
);
const position = z.object({ x: z.number(), y: z.number() });
const stream = z.object({ id: z.string(), fields: z.array(z.string()), direct: z.boolean() });
const language = z.enum(['python', 'javascript']);
const fieldsList = z.array(z.string());
const grouping = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('shuffle') }),
  z.object({ kind: z.literal('fields'), fields: fieldsList }),
  z.object({ kind: z.literal('global') }),
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('localOrShuffle') }),
  z.object({ kind: z.literal('direct') }),
  z.object({ kind: z.literal('partialKey'), fields: fieldsList }),
]);
const nullableNumber = z.number().nullable();

export const componentSchema = z.object({
  kind: z.enum(['spout', 'bolt']),
  id: z.string(),
  language,
  code: z.object({ python: z.string().optional(), javascript: z.string().optional() }),
  parallelism: z.number(),
  numTasks: nullableNumber,
  streams: z.array(stream),
  config: configMap,
  costMs: nullableNumber,
  position,
  module: z.string().optional(),
});

export const subscriptionSchema = z.object({
  id: z.string(),
  from: z.string(),
  stream: z.string(),
  to: z.string(),
  grouping,
});

export const topologyConfigSchema = z.object({
  workers: z.number(),
  ackers: nullableNumber,
  messageTimeoutSecs: z.number(),
  maxSpoutPending: nullableNumber,
  debug: z.boolean(),
  custom: configMap,
});

export const documentSchema = z.object({
  version: z.literal(DOCUMENT_VERSION),
  name: z.string(),
  components: z.array(componentSchema),
  subscriptions: z.array(subscriptionSchema),
  config: topologyConfigSchema,
  simulation: z.object({
    onError: z.enum(['crash-worker', 'fail-tuple']),
    workerRestartSecs: z.number(),
    defaultCostMs: z.number(),
    measureCost: z.boolean(),
  }),
  tests: z.array(z.object({ file: z.string().regex(TEST_MODULE_FILE, 'a test module is named test_<name>.py'), code: z.string() })).optional(),
  dataFiles: z
    .array(
      z.object({
        name: z.string().refine((n) => dataFileNameProblem(n) === null, { message: 'not a data file name (letters, digits, "_", "-", "." and a text extension such as .txt, .csv, .jsonl)' }),
        // Characters, not bytes: a bound on what a document may carry, the exact byte limit is checked when a file is added.
        text: z.string().max(DATA_FILE_LIMITS.maxFileBytes, `a data file holds at most ${DATA_FILE_LIMITS.maxFileBytes / 1048576} MB`),
      }),
    )
    .optional(),
  packages: z
    .array(
      z.object({
        file: z.string().regex(PURE_WHEEL_FILE, 'a package is a pure-Python wheel named <name>-<version>-py3-none-any.whl'),
        data: z
          .string()
          .max(Math.ceil(MAX_WHEEL_BYTES / 3) * 4, `a wheel is at most ${MAX_WHEEL_BYTES / 1048576} MB`)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'the wheel\'s bytes are base64'),
        modules: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a module name')),
      }),
    )
    .optional(),
});

/** Writes a document as the app's JSON format (pretty-printed, stable key order). */
export function serializeDocument(doc: TopologyDocument): string {
  return JSON.stringify(doc, null, 2) + '\n';
}

/**
 * Reads the app's JSON format: parse → migrate (older versions) → check the shape. Never throws;
 * every error says where it is. Semantic problems (unknown streams…) are left to `validate`.
 *
 * @example
 * const r = parseDocument(text, 'word-count.json');
 * if (!r.ok) showErrors(r.errors); else load(r.value);
 */
export function parseDocument(text: string, file?: string): Result<TopologyDocument, FormatError> {
  const at = (e: Omit<FormatError, 'file'>): FormatError => (file === undefined ? e : { ...e, file });
  if (text.length > MAX_DOCUMENT_BYTES) {
    return err([at({ code: 'E_INPUT_TOO_LARGE', message: `The file is ${(text.length / 1048576).toFixed(1)} MB; Storm Studio documents are limited to ${MAX_DOCUMENT_BYTES / 1048576} MB.` })]);
  }
  const tooDeep = nestingBeyond(text, INPUT_LIMITS.maxNesting);
  if (tooDeep !== null) {
    const where = lineColumn(text, tooDeep);
    return err([at({ code: 'E_INPUT_TOO_DEEP', message: `Values are nested more than ${INPUT_LIMITS.maxNesting} deep (line ${where.line}): the document is refused before it is read.`, ...where })]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const { detail, ...where } = jsonErrorPosition(text);
    const line = where.line === undefined ? '' : ` (line ${where.line}${where.column === undefined ? '' : `, column ${where.column}`})`;
    return err([at({ message: `Not valid JSON${line}: ${detail ?? (e as Error).message}`, ...where })]);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return err([at({ message: 'Not a Storm Studio document: expected a JSON object with "version", "name", "components"…', line: 1 })]);
  }
  const migrated = migrate(raw as Record<string, unknown>);
  if (!migrated.ok) return err(migrated.errors.map((message) => at({ message, path: 'version', ...locate(text, ['version']) })));
  const parsed = documentSchema.safeParse(migrated.value);
  if (!parsed.success) {
    const wasMigrated = (raw as { version?: unknown }).version !== DOCUMENT_VERSION;
    return err(
      parsed.error.issues.slice(0, 20).map((issue) => {
        const path = formatPath(issue.path);
        return at({ message: `${path || 'document'}: ${issue.message}`, path, ...(wasMigrated ? {} : locate(text, issue.path)) });
      }),
    );
  }
  return ok(parsed.data as unknown as TopologyDocument);
}

/**
 * The offset of the first `[` or `{` that opens a level deeper than `max`, or null. A scan of the
 * raw text (strings skipped), so a deeply nested file is refused before any recursive parser sees it.
 */
export function nestingBeyond(text: string, max: number): number | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return null;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

/** Line (1-based) and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Finds the line of a JSON path (or of its nearest existing parent) in the source text. */
function locate(text: string, path: readonly PropertyKey[]): { line?: number; column?: number } {
  const root = parseTree(text);
  if (!root) return {};
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, path.slice(0, n) as (string | number)[]);
    if (node) return lineColumn(text, node.offset);
  }
  return {};
}

/** JSON.parse's messages carry no position in V8; a tolerant parser finds the first error. */
function jsonErrorPosition(text: string): { line?: number; column?: number; detail?: string } {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return { line: 1 };
  return { ...lineColumn(text, first.offset), detail: printParseErrorCode(first.error) };
}
