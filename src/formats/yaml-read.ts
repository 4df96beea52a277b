/**
 * Safe YAML reading for `topology.yaml` and Flux files: YAML 1.1 (what PyYAML, Petrel and Flux's
 * SnakeYAML read), a size limit, a limit on the size the file expands to once its aliases are
 * followed (measured on the syntax tree before anything is expanded: a few aliases of a large
 * anchor, or "billion laughs" nesting, are refused in time linear in the file), no custom tags
 * (PyYAML's `yaml.load`, which Petrel calls, would construct Python objects from them), plain JSON
 * values only, and every error with its line.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { err, ok, type ConfigValue, type Result } from '../model';
import { MAX_NESTING, MAX_TEXT_FILE_BYTES, MAX_YAML_EXPANDED_BYTES, type FormatError } from './types';

/** A parsed YAML file: its value, and the line of any path in it. */
export interface YamlFile {
  readonly value: ConfigValue;
  /** 1-based line of the value (or, with `key`, of the key) at `path`; the nearest parent when absent. */
  lineOf(path: readonly (string | number)[], key?: boolean): number;
}

const KiB = (n: number) => `${(n / 1024).toFixed(0)} KB`;

/**
 * Parses YAML text into plain values. Never throws; errors name `file` and a line.
 *
 * @example
 * const r = readYaml('topology.workers: 2\n', 'topology.yaml');
 * if (r.ok) r.value.value // { 'topology.workers': 2 }
 */
export function readYaml(text: string, file: string): Result<YamlFile, FormatError> {
  if (text.length > MAX_TEXT_FILE_BYTES) {
    return err([{ file, code: 'E_INPUT_TOO_LARGE', message: `${file} is ${KiB(text.length)}; files are limited to ${KiB(MAX_TEXT_FILE_BYTES)}.` }]);
  }
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { version: '1.1', lineCounter, uniqueKeys: true, prettyErrors: true });
  } catch (e) {
    return err([{ file, message: `Not readable as YAML: ${(e as Error).message}` }]);
  }
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    return err(
      problems.slice(0, 20).map((e) => {
        const line = e.linePos?.[0].line;
        const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
        const hint = e.code === 'TAG_RESOLVE_FAILED' ? ' (tags are not allowed: write plain values)' : '';
        return line === undefined ? { file, message: message + hint } : { file, line, message: message + hint };
      }),
    );
  }
  const expansion = checkExpansion(doc.contents as Node | null, (offset) => lineCounter.linePos(offset).line);
  if (expansion) return err([{ file, ...expansion }]);
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: -1 });
  } catch (e) {
    return err([{ file, message: `Not readable as YAML: ${(e as Error).message}` }]);
  }
  const lineOf = (path: readonly (string | number)[], key = false): number => {
    let node: unknown = doc.contents;
    let keyNode: unknown = null;
    for (const step of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(step));
        if (!pair) break;
        keyNode = pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof step === 'number' && node.items[step] !== undefined) {
        keyNode = null;
        node = node.items[step];
      } else break;
    }
    const target = (key && keyNode ? keyNode : node) as Node | null;
    const offset = target?.range?.[0];
    return offset === undefined ? 1 : lineCounter.linePos(offset).line;
  };
  const value = plain(raw, [], file, lineOf);
  if (!value.ok) return value;
  return ok({ value: value.value, lineOf });
}

class Refused extends Error {
  constructor(readonly refusal: Omit<FormatError, 'file'>) {
    super(refusal.message);
  }
}

/**
 * Measures what the tree expands to, in bytes of source text (scalars as written, one byte per
 * separator), following aliases; each anchored node is measured once, so this is linear in the
 * file. Returns the refusal (with the line of the alias or value that crossed the limit) or null.
 */
function checkExpansion(root: Node | null, lineAt: (offset: number) => number): Omit<FormatError, 'file'> | null {
  const sizes = new Map<unknown, number>();
  const line = (n: unknown) => {
    const offset = (n as { range?: [number, number, number] } | null)?.range?.[0];
    return offset === undefined ? 1 : lineAt(offset);
  };
  const size = (n: unknown, depth: number): number => {
    if (n === null || n === undefined) return 1;
    const known = sizes.get(n);
    if (known !== undefined) {
      if (known < 0) throw new Refused({ line: line(n), message: 'An alias refers to the value that contains it (a recursive alias): the file is refused.' });
      return known;
    }
    if (depth > MAX_NESTING) throw new Refused({ code: 'E_INPUT_TOO_DEEP', line: line(n), message: `Values nested more than ${MAX_NESTING} deep are refused.` });
    sizes.set(n, -1);
    let total = 2;
    const add = (child: unknown, at: unknown) => {
      total += size(child, depth + 1) + 1;
      if (total > MAX_YAML_EXPANDED_BYTES) {
        throw new Refused({ code: 'E_YAML_EXPANSION', line: line(at), message: `Following its aliases, this file expands past ${MAX_YAML_EXPANDED_BYTES / 1048576} MB, the limit, at this line (an alias bomb?): it is refused before anything is expanded.` });
      }
    };
    if (isAlias(n)) {
      const target = targets.get(n);
      if (target === undefined) total = 1;
      else add(target, n);
    } else if (isMap(n)) {
      for (const p of n.items) {
        add(p.key, p.key ?? p.value);
        add(p.value, p.value ?? p.key);
      }
    } else if (isSeq(n)) {
      for (const item of n.items) add(item, item);
    } else if (isScalar(n)) {
      const r = n.range;
      total = r ? Math.max(1, r[1] - r[0]) : String(n.value).length;
    }
    sizes.set(n, total);
    return total;
  };
  const targets = new Map<unknown, unknown>();
  try {
    resolveAliases(root, new Map(), targets, 0);
    size(root, 0);
    return null;
  } catch (e) {
    if (e instanceof Refused) return e.refusal;
    throw e;
  }
}

/**
 * Finds each alias's node in one pass in document order: an alias refers to the latest anchor of
 * its name before it, as in YAML (an anchor is known from the start of its node, so an alias inside
 * it is found recursive rather than missed).
 */
function resolveAliases(n: unknown, anchors: Map<string, unknown>, targets: Map<unknown, unknown>, depth: number): void {
  if (n === null || typeof n !== 'object' || depth > MAX_NESTING + 1) return;
  if (isAlias(n)) {
    targets.set(n, anchors.get(n.source));
    return;
  }
  const anchor = (n as { anchor?: string }).anchor;
  if (anchor) anchors.set(anchor, n);
  if (isMap(n)) {
    for (const p of n.items) {
      resolveAliases(p.key, anchors, targets, depth + 1);
      resolveAliases(p.value, anchors, targets, depth + 1);
    }
  } else if (isSeq(n)) for (const i of n.items) resolveAliases(i, anchors, targets, depth + 1);
}

/** Checks that a value is JSON-like (no dates, binary, sets, NaN…) and returns it. */
function plain(v: unknown, path: (string | number)[], file: string, lineOf: (p: readonly (string | number)[]) => number): Result<ConfigValue, FormatError> {
  const at = (message: string): Result<never, FormatError> => err([{ file, line: lineOf(path), message }]);
  if (path.length > MAX_NESTING) return at(`Values nested more than ${MAX_NESTING} deep are refused.`);
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return ok(v);
  if (typeof v === 'number') return Number.isFinite(v) ? ok(v) : at(`${v} is not a number a topology can hold (write a finite number).`);
  if (v instanceof Date) return at('This value reads as a date (YAML 1.1 timestamp); quote it to keep it as text.');
  if (v instanceof Uint8Array) return at('Binary values (!!binary) are not supported.');
  if (v instanceof Set || v instanceof Map) return at('Sets and ordered maps (!!set, !!omap) are not supported: use a list or a mapping.');
  if (Array.isArray(v)) {
    const out: ConfigValue[] = [];
    for (let i = 0; i < v.length; i++) {
      const r = plain(v[i], [...path, i], file, lineOf);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return ok(out);
  }
  if (typeof v === 'object') {
    const out: Record<string, ConfigValue> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const r = plain(x, [...path, k], file, lineOf);
      if (!r.ok) return r;
      Object.defineProperty(out, k, { value: r.value, enumerable: true, writable: true, configurable: true });
    }
    return ok(out);
  }
  return at(`Unsupported value ${String(v)}.`);
}

/** A mapping's entries, or `null` when the value is not a mapping. */
export function asMapping(value: ConfigValue): Record<string, ConfigValue> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, ConfigValue>) : null;
}
