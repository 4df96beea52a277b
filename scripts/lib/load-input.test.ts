import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportFlux, exportPetrel, zipFiles, type ExportBundle } from '../../src/formats';
import { serializeDocument, wordCountExample } from '../../src/model';
import { formatErrors, loadImport, loadInput } from './load-input';

function write(bundle: ExportBundle, dir = mkdtempSync(join(tmpdir(), 'load-input-'))): string {
  for (const f of bundle.files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content);
  }
  return dir;
}
const ok = <T,>(r: { ok: true; value: T } | { ok: false; errors: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};
const petrel = () => ok(exportPetrel(wordCountExample()));
const ids = ['sentences', 'split', 'count'];

describe('loadInput', () => {
  it('reads a Petrel project folder, its create.py, a Storm project\'s flux.yaml (modules in src/main/resources/resources/), a zip and a JSON document', async () => {
    const project = write(petrel());
    mkdirSync(join(project, 'venv', 'lib'), { recursive: true });
    writeFileSync(join(project, 'venv', 'lib', 'noise.py'), 'not even python (');
    for (const input of [project, join(project, 'create.py')]) {
      const r = ok(await loadImport(input));
      expect([r.format, r.document.components.map((c) => c.id), r.warnings]).toEqual(['petrel', ids, []]);
    }
    const flux = write(ok(exportFlux(wordCountExample())));
    expect(ok(await loadInput(join(flux, 'flux.yaml'))).components.map((c) => c.code.python)).toEqual(wordCountExample().components.map((c) => c.code.python));
    const zip = join(mkdtempSync(join(tmpdir(), 'zip-')), 'wc.zip');
    writeFileSync(zip, zipFiles(petrel().files, 'wc'));
    expect(ok(await loadInput(zip)).name).toBe('word-count');
    const json = join(project, 'doc.json');
    writeFileSync(json, serializeDocument(wordCountExample()));
    expect(ok(await loadInput(json))).toEqual(wordCountExample());
  });

  it('passes warnings on and names files as the user gave them', async () => {
    const project = write(petrel());
    writeFileSync(join(project, 'count.py'), readFileSync(join(project, 'count.py'), 'utf8').replace("return ['word', 'count']", 'return FIELDS'));
    const warnings: string[] = [];
    ok(await loadInput(project, (w) => warnings.push(`${w.file}:${w.line}`)));
    expect(warnings).toEqual([`${join(project, 'count.py')}:17`]);
    writeFileSync(join(project, 'create.py'), 'def create(b):\n    b.setSpout("a", X(), 1)\n');
    const r = await loadInput(project);
    expect(!r.ok && formatErrors(r.errors)).toBe(`${join(project, 'create.py')}:2: X is not defined in create.py.`);
  });

  it('opens the built-in examples by name and lists them for an unknown one', async () => {
    expect(ok(await loadInput('example:word-count'))).toEqual(wordCountExample());
    expect(ok(await loadInput('example:groupings-tour')).name).toBe('groupings-tour');
    expect(ok(await loadInput('example:book-redis')).name).toBe('chapter5-redis-top-words');
    const r = await loadInput('example:word-cont');
    expect(!r.ok && formatErrors(r.errors)).toBe("example:word-cont: No built-in example 'word-cont': use one of example:word-count, example:rolling-top-words, example:groupings-tour, example:book-rolling-top-words, example:book-redis, example:book-mongodb.");
  });

  it.each([
    ['a missing path', (d: string) => join(d, 'nope'), /No such file or folder/],
    ['a lone topology.yaml', (d: string) => (writeFileSync(join(d, 'topology.yaml'), 'topology.workers: 1\n'), join(d, 'topology.yaml')), /give the project folder or its create\.py/],
    ['an unknown kind of file', (d: string) => (writeFileSync(join(d, 'x.txt'), 'hi'), join(d, 'x.txt')), /expected a Storm Studio document/],
    ['an empty folder', (d: string) => d, /Nothing to import/],
  ])('refuses %s', async (_, make, message) => {
    const r = await loadInput(make(mkdtempSync(join(tmpdir(), 'bad-'))));
    expect(!r.ok && formatErrors(r.errors)).toMatch(message);
  });
});

describe('npm run export', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/export.ts', ...args], { encoding: 'utf8' });

  it('exports a Petrel project folder as Flux, and fails with file:line on bad input', () => {
    const project = write(petrel());
    const out = mkdtempSync(join(tmpdir(), 'out-'));
    const good = cli([project, '--format', 'flux', '--out', out]);
    expect(good.status, good.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['README.md', 'flux.yaml', 'pom.xml', 'requirements.txt', 'src']);
    writeFileSync(join(project, 'topology.yaml'), 'topology.workers: two\n');
    const bad = cli([project, '--format', 'petrel', '--out', out]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`${join(project, 'topology.yaml')}:1: topology.workers is "two": it must be a number.`);
    expect(cli([project, '--format', 'xml', '--out', out]).status).toBe(2);
    expect(execFileSync('ls', [out], { encoding: 'utf8' })).not.toContain('create.py');
  });
});

describe('loadInput: hostile inputs (issue 12) are bounded by bytes read, not by stat', () => {
  it('refuses /dev/zero at the limit with a message', async () => {
    const r = await loadImport('/dev/zero');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ code: 'E_INPUT_TOO_LARGE', file: '/dev/zero', message: expect.stringMatching(/more than 20 MB/) });
  });

  it('refuses a .json that is a link to /dev/zero, at the document limit', async () => {
    const link = join(mkdtempSync(join(tmpdir(), 'zero-')), 'doc.json');
    execFileSync('ln', ['-s', '/dev/zero', link]);
    const r = await loadImport(link);
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'E_INPUT_TOO_LARGE', message: expect.stringMatching(/more than 10 MB/) });
  });

  it('refuses a FIFO that never ends, at the limit', async () => {
    const fifo = join(mkdtempSync(join(tmpdir(), 'fifo-')), 'flux.yaml');
    execFileSync('mkfifo', [fifo]);
    const { spawn } = await import('node:child_process');
    const writer = spawn('sh', ['-c', `yes 'a: 1' > '${fifo}'`], { stdio: 'ignore' });
    try {
      const r = await loadImport(fifo);
      expect(!r.ok && r.errors[0]).toMatchObject({ code: 'E_INPUT_TOO_LARGE', message: expect.stringMatching(/more than 5 MB/) });
    } finally {
      writer.kill();
    }
  });

  it('reads a Latin-1 create.py with a coding line in a project folder, and names the line of undecodable bytes', async () => {
    const project = write(petrel());
    const create = readFileSync(join(project, 'create.py'), 'utf8');
    writeFileSync(join(project, 'create.py'), Buffer.from(`# -*- coding: latin-1 -*-\n# caf\u00e9\n${create}`, 'latin1'));
    const loaded = ok(await loadImport(project));
    expect(loaded.warnings.map((w) => w.code)).toEqual(['W_ENCODING']);
    writeFileSync(join(project, 'create.py'), Buffer.from(`# one\n# caf\u00e9\n${create}`, 'latin1'));
    for (const input of [project, join(project, 'create.py')]) {
      const r = await loadImport(input);
      expect(!r.ok && r.errors[0]).toMatchObject({ code: 'E_ENCODING', line: 2, file: join(project, 'create.py') });
    }
  });
});

describe('formatErrors: hostile text cannot drive the terminal', () => {
  it('writes control characters from a file name or a quoted piece of a file as escapes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'esc-'));
    const file = join(dir, 'evil\u001b[2J.yaml');
    writeFileSync(file, 'name: t\nspouts:\n  - id: "a\u001b]0;pwned\u0007"\n    className: x\n  - id: "a\u001b]0;pwned\u0007"\n    className: x\n');
    const r = await loadImport(file);
    expect(r.ok).toBe(false);
    const text = formatErrors(r.ok ? [] : r.errors);
    expect(text).toContain('\\u001b');
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});
