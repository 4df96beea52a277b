import { zipSync, strToU8 } from 'fflate';
import { tinyWheel } from './test-wheel';
import { describe, expect, it } from 'vitest';
import { MAX_WHEEL_BYTES, parseDocument, serializeDocument, wordCountExample } from '../model';
import { checkPythonImports } from './check-imports';
import { readWheel, wheelBytes, withPackage } from './wheels';

describe('readWheel', () => {
  it('keeps a pure-Python wheel with the modules it provides, and its bytes as they were', () => {
    const bytes = tinyWheel('wordtools', '1.0', { 'wordtools/__init__.py': 'x = 1\n', 'wordtools/more.py': '', 'helpers.py': '' });
    const r = readWheel('downloads/wordtools-1.0-py3-none-any.whl', bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.file).toBe('wordtools-1.0-py3-none-any.whl');
    expect(r.value.modules).toEqual(['helpers', 'wordtools']);
    expect(wheelBytes(r.value)).toEqual(bytes);
  });

  it('reads top_level.txt when the wheel has one, and takes py2.py3 wheels', () => {
    const bytes = tinyWheel('geo_text', '0.4.0', { 'geotext/__init__.py': '', 'geo_text-0.4.0.dist-info/top_level.txt': 'geotext\n' });
    const r = readWheel('geo_text-0.4.0-py2.py3-none-any.whl', bytes);
    expect(r.ok && r.value.modules).toEqual(['geotext']);
  });

  it('refuses what is not a pure-Python 3 wheel, saying why', () => {
    const msg = (file: string, bytes: Uint8Array = tinyWheel()) => {
      const r = readWheel(file, bytes);
      return r.ok ? 'accepted' : r.message;
    };
    expect(msg('notes.txt')).toBe('notes.txt cannot be added: it is not a wheel (a wheel is named <name>-<version>-py3-none-any.whl; build one with `pip wheel <package>`).');
    expect(msg('numpy-2.1.0-cp314-cp314-pyodide_2026_0_wasm32.whl')).toContain('it is built for one platform (cp314-cp314-pyodide_2026_0_wasm32)');
    expect(msg('lxml-5.0-cp311-cp311-manylinux_2_17_x86_64.whl')).toContain('installs only pure-Python wheels');
    expect(msg('old-1.0-py2-none-any.whl')).toBe('old-1.0-py2-none-any.whl cannot be added: it is for py2, not Python 3 (a pure-Python 3 wheel is tagged py3 or py2.py3).');
    expect(msg('wordtools-1.0-py3-none-any.whl', strToU8('PK\x03\x04 this is not really a zip'))).toMatch(/^wordtools-1.0-py3-none-any.whl cannot be added: it is not a readable zip archive \(.+\); download it again.$/);
    expect(msg('wordtools-1.0-py3-none-any.whl', zipSync({ 'wordtools/__init__.py': strToU8('') }))).toContain('has no .dist-info/WHEEL and METADATA');
    expect(msg('wordtools-1.0-py3-none-any.whl', tinyWheel('wordtools', '1.0', undefined, false))).toContain('not pure Python');
    expect(msg('wordtools-1.0-py3-none-any.whl', new Uint8Array(MAX_WHEEL_BYTES + 1))).toBe('wordtools-1.0-py3-none-any.whl cannot be added: it is 4.0 MB; a document keeps wheels of at most 4.0 MB.');
  });

  it('bounds what a document keeps in all, a newer wheel of a package replacing the older', () => {
    const big = (name: string) => {
      const r = readWheel(`${name}-1.0-py3-none-any.whl`, tinyWheel(name, '1.0', { [`${name}.py`]: 'x'.repeat(10), 'pad.bin': '' }));
      if (!r.ok) throw new Error(r.message);
      return { ...r.value, data: 'A'.repeat(Math.floor((3.5 * 1048576 * 4) / 3)) };
    };
    const r = readWheel('third-1.0-py3-none-any.whl', new Uint8Array(3 * 1048576).fill(1), [big('first')]);
    expect(!r.ok && r.message).toContain("the document's wheels would hold 6.5 MB");
    const again = readWheel('first-2.0-py3-none-any.whl', tinyWheel('first', '2.0', { 'first.py': '' }), [big('first')]);
    expect(again.ok).toBe(true);
    if (again.ok) expect(withPackage([big('first')], again.value).map((p) => p.file)).toEqual(['first-2.0-py3-none-any.whl']);
  });

  it('is kept by the document format, and makes its modules available to the import check', () => {
    const r = readWheel('wordtools-1.0-py3-none-any.whl', tinyWheel());
    if (!r.ok) throw new Error(r.message);
    const base = wordCountExample();
    const doc = { ...base, packages: [r.value], components: base.components.map((c, i) => (i === 1 ? { ...c, code: { python: `import wordtools\n${c.code.python}` } } : c)) };
    const read = parseDocument(serializeDocument(doc));
    expect(read.ok && read.value.packages).toEqual([r.value]);
    expect(checkPythonImports(doc)).toEqual([]);
    expect(checkPythonImports({ ...doc, packages: [] }).map((p) => p.module)).toEqual(['wordtools']);
    const bad = parseDocument(serializeDocument({ ...doc, packages: [{ ...r.value, file: 'numpy-2.1.0-cp314-cp314-linux_x86_64.whl' }] }));
    expect(!bad.ok && bad.errors[0]!.message).toContain('a package is a pure-Python wheel');
  });
});
