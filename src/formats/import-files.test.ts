import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { serializeDocument, wordCountExample } from '../model';
import { exportFlux } from './flux/export';
import { importFiles } from './import-files';
import { exportPetrel } from './petrel/export';
import { MAX_ZIP_ENTRIES } from './types';
import { isZip, unzipFiles, zipFiles } from './zip';

const petrel = () => {
  const r = exportPetrel(wordCountExample());
  if (!r.ok) throw new Error('export failed');
  return r.value;
};

describe('importFiles', () => {
  it('reads a project zip made by the exporter, folder and all', () => {
    const bundle = petrel();
    const bytes = zipFiles(bundle.files, bundle.folder);
    expect(isZip(bytes)).toBe(true);
    const r = importFiles([{ path: 'downloads/word-count-petrel.zip', content: bytes }]);
    expect(r.ok && r.value.format).toBe('petrel');
    expect(r.ok && r.value.document.components.map((c) => c.id)).toEqual(['sentences', 'split', 'count']);
  });

  it('takes the folder name when create.py carries no name', () => {
    const files = petrel().files.map((f) => ({ path: `my-topology/${f.path}`, content: f.path === 'create.py' ? f.content.replace(/^# Storm Studio topology: .*\n/m, '') : f.content }));
    const r = importFiles(files);
    expect(r.ok && r.value.document.name).toBe('my-topology');
  });

  it('reads a Flux file with its modules, a JSON document, and create.py alone', () => {
    const flux = exportFlux(wordCountExample());
    if (!flux.ok) throw new Error('export failed');
    const f = importFiles(flux.value.files.map((x) => ({ path: x.path, content: strToU8(x.content) })));
    expect(f.ok && [f.value.format, f.value.document.components[2]!.code.python]).toEqual(['flux', wordCountExample().components[2]!.code.python]);
    const j = importFiles([{ path: 'wc.json', content: serializeDocument(wordCountExample()) }]);
    expect(j.ok && j.value.document).toEqual(wordCountExample());
    const alone = importFiles([{ path: 'create.py', content: petrel().files[0]!.content }]);
    expect(alone.ok && alone.value.warnings.filter((w) => w.code === 'W_MISSING_MODULE').length).toBe(4);
  });

  it('reads a definition file with another name (petrel submit --definition)', () => {
    const files = petrel().files.map((f) => (f.path === 'create.py' ? { path: 'topo_def.py', content: f.content } : { path: f.path, content: f.content }));
    const r = importFiles(files);
    expect(r.ok && r.value.document.components.length).toBe(3);
  });

  it.each([
    ['nothing', [], /No file was given/],
    ['topology.yaml alone', [{ path: 'topology.yaml', content: 'topology.workers: 2\n' }], /only a Petrel topology's configuration/],
    ['a module alone', [{ path: 'count.py', content: 'x = 1\n' }], /does not define create\(builder\)/],
    ['two JSON documents', [{ path: 'a.json', content: '{}' }, { path: 'b.json', content: '{}' }], /Several JSON documents/],
    ['a broken JSON document', [{ path: 'a.json', content: '{"version": 2,\n' }], /Not valid JSON \(line 2/],
    ['a file that is not UTF-8', [{ path: 'create.py', content: new Uint8Array([0x64, 0x65, 0x66, 0xff, 0xfe]) }], /not UTF-8/],
    ['an image', [{ path: 'photo.png', content: new Uint8Array([1, 2, 3]) }], /Nothing to import/],
    ['a broken zip', [{ path: 'p.zip', content: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0]) }], /not a readable zip/],
    ['an oversized file', [{ path: 'create.py', content: 'x'.repeat(6 * 1024 * 1024) }], /limited to 5\.0 MB/],
  ])('refuses %s with a clear message', (_, files, message) => {
    const r = importFiles(files as never);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.message).join('\n')).toMatch(message);
  });
});

describe('unzipFiles', () => {
  it('refuses an entry that declares a huge size before inflating it', () => {
    const bytes = zipSync({ 'a.txt': strToU8('small') });
    // Patch the central directory's uncompressed size of the entry to 4 GB - 1.
    const view = new DataView(bytes.buffer);
    for (let i = bytes.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 0xffffffff, true);
        break;
      }
    }
    const r = unzipFiles(bytes, 'bomb.zip');
    expect(!r.ok && r.errors[0]!.message).toMatch(/unpacks to 4096\.0 MB/);
  });

  it('refuses a zip of highly compressible data past the project limit', () => {
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const bytes = zipSync(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`z${i}.txt`, zeros])));
    expect(bytes.length).toBeLessThan(200 * 1024);
    const r = unzipFiles(bytes, 'bomb.zip');
    expect(!r.ok && r.errors[0]!.message).toMatch(/more than 20\.0 MB/);
  });

  it('refuses too many entries', () => {
    const bytes = zipSync(Object.fromEntries(Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => [`f${i}.txt`, new Uint8Array(0)])));
    const r = unzipFiles(bytes, 'many.zip');
    expect(!r.ok && r.errors[0]!.message).toMatch(/more than 2000 entries/);
  });

  it('gives the same bytes for the same export', () => {
    const b = petrel();
    expect(zipFiles(b.files, b.folder)).toEqual(zipFiles(b.files, b.folder));
  });
});
