/**
 * `npm run test-components`: the book's chapter-6 tests (src/formats/__fixtures__/book-chapter6, a
 * Petrel project) run headless; a failing test makes the exit status 1 and points at its line; the
 * exported projects carry the tests and pytest runs them (when the repository's .venv has pytest).
 */
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportFlux } from '../src/formats/flux/export';
import { importFiles } from '../src/formats/import-files';
import { exportPetrel } from '../src/formats/petrel/export';
import { parseDocument, serializeDocument, type TopologyDocument } from '../src/model';
import { tinyWheel } from '../src/python/test-wheel';
import { readWheel } from '../src/python/wheels';
import { loadInput } from './lib/load-input';

const ROOT = join(import.meta.dirname, '..');
const BOOK = join(ROOT, 'src/formats/__fixtures__/book-chapter6');
const dir = mkdtempSync(join(tmpdir(), 'storm-test-components-'));

function testComponents(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/test-components.ts', ...args], { cwd: ROOT, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function book(): Promise<TopologyDocument> {
  const r = await loadInput(BOOK);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('npm run test-components', () => {
  it("runs the book's chapter-6 tests: test() in splitsentence.py and wordcount.py, and a test module", { timeout: 180_000 }, async () => {
    const r = await testComponents(BOOK, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.summary).toEqual({ pass: 4, fail: 0, error: 0, skip: 0 });
    expect(j.results.map((x: { module: string; test: string; status: string }) => `${x.module}.${x.test} ${x.status}`)).toEqual([
      'splitsentence.test pass',
      'wordcount.test pass',
      'test_topology.test_split_then_count pass',
      'test_topology.WordCountTest.test_named_tuples pass',
    ]);
  });

  it('a failing test exits 1 and names its file and line; a module that cannot import is an error', { timeout: 180_000 }, async () => {
    const doc = await book();
    const broken: TopologyDocument = {
      ...doc,
      components: doc.components.map((c) => (c.id === 'wordcount' ? { ...c, code: { python: c.code.python!.replace("assert_equal(2, bolt._count['word'])", "assert_equal(3, bolt._count['word'])") } } : c)),
      tests: [...(doc.tests ?? []), { file: 'test_broken.py', code: 'import nonexistent_module\n' }],
    };
    const input = join(dir, 'broken.json');
    writeFileSync(input, serializeDocument(broken));
    const r = await testComponents(input);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL  wordcount.test: AssertionError: 3 != 2 (wordcount.py:41)');
    expect(r.stdout).toContain("ERROR test_broken.<import>: ModuleNotFoundError: No module named 'nonexistent_module' (test_broken.py:1)");
    expect(r.stdout).toContain('/tests/wordcount.py", line 41, in test');
    expect(r.stdout).not.toContain('importlib');
    expect(r.stdout).toContain('5 tests: 3 passed, 1 failed, 1 errors');
  });

  it("the document's wheels are importable in its tests, data files next to their modules included", { timeout: 180_000 }, async () => {
    const wheel = readWheel('wordtools-1.0-py3-none-any.whl', tinyWheel('wordtools', '1.0', {
      'wordtools/__init__.py': 'import os\nwith open(os.path.join(os.path.dirname(__file__), "stop.txt")) as f:\n    STOP = set(f.read().split())\ndef shout(w):\n    return w.upper() + "!"\n',
      'wordtools/stop.txt': 'a the\n',
    }));
    if (!wheel.ok) throw new Error(wheel.message);
    const doc: TopologyDocument = { ...(await book()), packages: [wheel.value], tests: [{ file: 'test_wheel.py', code: 'import wordtools\n\ndef test_shout():\n    assert wordtools.shout("storm") == "STORM!"\n    assert "the" in wordtools.STOP\n' }] };
    const input = join(dir, 'with-wheel.json');
    writeFileSync(input, serializeDocument(doc));
    const r = await testComponents(input, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results.find((x: { module: string }) => x.module === 'test_wheel')).toMatchObject({ test: 'test_shout', status: 'pass' });
  });

  it('bad input exits 2', async () => {
    const r = await testComponents(join(dir, 'missing.json'));
    expect(r.code).toBe(2);
  });
});

describe('exported projects carry the tests', () => {
  const python = join(ROOT, '.venv/bin/python');
  const pytest = (cwd: string, files: string[]) => spawnSync(python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', ...files], { cwd, encoding: 'utf8' });

  it('a document keeps its test modules through save and load, and export and import', async () => {
    const doc = await book();
    expect(doc.tests?.map((t) => t.file)).toEqual(['test_topology.py']);
    const again = parseDocument(serializeDocument(doc));
    expect(again.ok && again.value.tests).toEqual(doc.tests);
    for (const exported of [exportPetrel(doc), exportFlux(doc)]) {
      if (!exported.ok) throw new Error(JSON.stringify(exported.errors));
      const back = importFiles(exported.value.files.map((f) => ({ path: f.path, content: f.content })));
      expect(back.ok && back.value.document.tests, exported.value.format).toEqual(doc.tests);
    }
    const bad = parseDocument(serializeDocument({ ...doc, tests: [{ file: 'helpers.py', code: '' }] }));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors[0]!.message).toContain('a test module is named test_<name>.py');
  });

  it.skipIf(!existsSync(python))('the Petrel project and the Storm project run them with pytest', { timeout: 60_000 }, async () => {
    const doc = await book();
    for (const [name, exported, sub] of [['petrel', exportPetrel(doc), ''], ['flux', exportFlux(doc), 'src/main/resources/resources/']] as const) {
      if (!exported.ok) throw new Error(JSON.stringify(exported.errors));
      const out = join(dir, name);
      for (const f of exported.value.files) {
        mkdirSync(dirname(join(out, f.path)), { recursive: true });
        writeFileSync(join(out, f.path), f.content);
      }
      const readme = readFileSync(join(out, 'README.md'), 'utf8');
      const command = readme.split('\n').find((l) => l.includes('python3 -m pytest'))!;
      expect(command).toContain('python3 -m pytest -v splitsentence.py wordcount.py test_topology.py');
      expect(command.startsWith(sub ? `cd ${sub.slice(0, -1)} && ` : 'python3')).toBe(true);
      const r = pytest(join(out, sub), ['splitsentence.py', 'wordcount.py', 'test_topology.py']);
      expect(r.stdout).toContain('4 passed');
      expect(r.status).toBe(0);
      // The same project with the failing count: pytest fails.
      const copy = join(dir, `${name}-failing`);
      cpSync(out, copy, { recursive: true });
      const wc = join(copy, sub, 'wordcount.py');
      writeFileSync(wc, readFileSync(wc, 'utf8').replace("assert_equal(2, bolt._count['word'])", "assert_equal(3, bolt._count['word'])"));
      expect(pytest(join(copy, sub), ['wordcount.py']).status).toBe(1);
    }
  });
});
