/**
 * Pure-Python wheels a document keeps (`TopologyDocument.packages`): checking a dropped file before
 * it is added (name, size, a readable zip with the wheel's metadata), the modules it provides, and
 * its bytes. The workers install them with micropip (workers/python/packages.ts); the exporters
 * ship them. Pure; the file is untrusted.
 */
import { unzipSync } from 'fflate';

/** A pure-Python wheel kept with a document. */
export interface PythonPackage {
  /** The wheel's file name, e.g. `geotext-0.4.0-py2.py3-none-any.whl` (its name says what it is). */
  readonly file: string;
  /** The wheel's bytes, base64. */
  readonly data: string;
  /** The top-level modules it provides (what components import), read from the wheel. */
  readonly modules: readonly string[];
}

/** A pure-Python wheel's file name: `<name>-<version>[-<build>]-<python tags>-none-any.whl`, Python 3. */
export const PURE_WHEEL_FILE = /^[A-Za-z0-9_.]+-[A-Za-z0-9_.!+]+(?:-[0-9][A-Za-z0-9_]*)?-(?:py3|py2\.py3|py3\.py2|py3[0-9]*(?:\.py3[0-9]*)*)-none-any\.whl$/;
/** The largest wheel a document keeps, in bytes. */
export const MAX_WHEEL_BYTES = 4 * 1024 * 1024;
/** The most a document's wheels may hold together, in bytes (the document itself is bounded). */
export const MAX_PACKAGES_BYTES = 6 * 1024 * 1024;

/** A wheel's file name read by PEP 427: `{distribution}-{version}(-{build})?-{python}-{abi}-{platform}.whl`. */
const WHEEL_NAME = /^([A-Za-z0-9_.]+)-([A-Za-z0-9_.!+]+)(?:-([0-9][A-Za-z0-9_]*))?-([A-Za-z0-9_.]+)-([A-Za-z0-9_.]+)-([A-Za-z0-9_.]+)\.whl$/;

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

/** The file's base name (a browser gives a name; a CLI may give a path). */
const baseName = (path: string) => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);

/**
 * Checks a wheel file and makes it a package of the document, or says why it cannot be one.
 * `others` are the document's packages (a second wheel of the same distribution replaces the first).
 *
 * @example
 * readWheel('geotext-0.4.0-py2.py3-none-any.whl', bytes) // { ok: true, value: { file, data, modules: ['geotext'] } }
 * readWheel('numpy-2.1.0-cp314-cp314-pyodide_2026_0_wasm32.whl', bytes) // { ok: false, message: '… is built for …' }
 */
export function readWheel(path: string, bytes: Uint8Array, others: readonly PythonPackage[] = []): { ok: true; value: PythonPackage } | { ok: false; message: string } {
  const file = baseName(path);
  const fail = (why: string) => ({ ok: false as const, message: `${file} cannot be added: ${why}` });
  const name = WHEEL_NAME.exec(file);
  if (!name) return fail('it is not a wheel (a wheel is named <name>-<version>-py3-none-any.whl; build one with `pip wheel <package>`).');
  const [, dist, , , python, abi, platform] = name;
  if (abi !== 'none' || platform !== 'any') {
    return fail(`it is built for one platform (${python}-${abi}-${platform}), and Storm Studio's Python (Pyodide, in the browser) installs only pure-Python wheels (…-py3-none-any.whl). Look for the package's pure-Python wheel on PyPI.`);
  }
  if (!PURE_WHEEL_FILE.test(file)) return fail(`it is for ${python}, not Python 3 (a pure-Python 3 wheel is tagged py3 or py2.py3).`);
  if (bytes.length > MAX_WHEEL_BYTES) return fail(`it is ${mb(bytes.length)}; a document keeps wheels of at most ${mb(MAX_WHEEL_BYTES)}.`);
  const kept = others.filter((p) => distribution(p.file) !== normalize(dist!));
  const total = kept.reduce((n, p) => n + decodedLength(p.data), bytes.length);
  if (total > MAX_PACKAGES_BYTES) return fail(`the document's wheels would hold ${mb(total)}; a document keeps at most ${mb(MAX_PACKAGES_BYTES)} of them.`);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
    return fail(`it is not a readable zip archive (${(e as Error).message}); download it again.`);
  }
  const names = Object.keys(entries);
  const info = names.find((n) => /^[^/]+\.dist-info\/WHEEL$/.test(n));
  if (!info || !names.some((n) => /^[^/]+\.dist-info\/METADATA$/.test(n))) return fail('the archive has no .dist-info/WHEEL and METADATA, which every wheel has.');
  const wheelText = new TextDecoder().decode(entries[info]);
  if (!/^Root-Is-Purelib:\s*true\s*$/im.test(wheelText)) return fail('its WHEEL file says it is not pure Python (Root-Is-Purelib is not true).');
  const modules = wheelModules(names, entries);
  if (modules.length === 0) return fail('it holds no Python module to import.');
  return { ok: true, value: { file, data: toBase64(bytes), modules } };
}

/** The document's packages with `pkg` added (replacing a wheel of the same distribution). */
export function withPackage(packages: readonly PythonPackage[], pkg: PythonPackage): PythonPackage[] {
  return [...packages.filter((p) => distribution(p.file) !== distribution(pkg.file)), pkg];
}

/** The distribution a wheel file is of, normalized (`Geo_Text` and `geo.text` are one). */
export function distribution(file: string): string {
  return normalize(file.split('-')[0]!);
}

const normalize = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '_');

/** The top-level import names a wheel provides: `top_level.txt` when it has one, else its top-level packages and modules. */
function wheelModules(names: readonly string[], entries: Record<string, Uint8Array>): string[] {
  const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;
  const topLevel = names.find((n) => /^[^/]+\.dist-info\/top_level\.txt$/.test(n));
  const found = new Set<string>();
  if (topLevel) {
    for (const line of new TextDecoder().decode(entries[topLevel]).split(/\r?\n/)) {
      const top = line.trim().split('/')[0]!;
      if (identifier.test(top)) found.add(top);
    }
  }
  if (found.size === 0) {
    for (const n of names) {
      const [first, ...rest] = n.split('/');
      if (first!.endsWith('.dist-info') || first!.endsWith('.data')) continue;
      if (rest.length === 0 && first!.endsWith('.py')) found.add(first!.slice(0, -3));
      else if (rest.length > 0 && identifier.test(first!) && n.endsWith('.py')) found.add(first!);
    }
  }
  return [...found].filter((m) => identifier.test(m)).sort();
}

/** The bytes of a package's wheel. */
export function wheelBytes(pkg: Pick<PythonPackage, 'data'>): Uint8Array {
  const text = atob(pkg.data);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** How many bytes base64 `data` holds. */
export function decodedLength(data: string): number {
  return Math.floor((data.length * 3) / 4) - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}
