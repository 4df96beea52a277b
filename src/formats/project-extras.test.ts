// Export → import keeps a document's wheels and data files: both exports, as a zip and as loose
// files; a wheel or data file that fails its check is left out with a warning naming it.
import { describe, expect, it } from 'vitest';
import { addDataSource, attachReplayFile, checkDataFile, topology, type TopologyDocument } from '../model';
import { tinyWheel } from '../python/test-wheel';
import { readWheel } from '../python/wheels';
import { exportFlux } from './flux/export';
import { RESOURCES_DIR } from './flux/maven';
import { importFiles } from './import-files';
import { exportPetrel } from './petrel/export';
import type { ExportBundle } from './types';
import { zipFiles } from './zip';

function replayWithWheel(): TopologyDocument {
  const added = addDataSource(topology('replay', [], []), 'file-replay', { x: 0, y: 0 }, 'python');
  const file = checkDataFile('words.csv', new TextEncoder().encode('word,n\nstorm,1\nflux,2\n'), 'csv');
  if (!file.ok) throw new Error('file');
  const r = attachReplayFile(added.doc, added.id, file.value, 'csv');
  if (!r.ok) throw new Error('attach');
  const wheel = readWheel('wordtools-1.0-py3-none-any.whl', tinyWheel());
  if (!wheel.ok) throw new Error(wheel.message);
  return { ...r.value, packages: [wheel.value] };
}

const asInput = (bundle: ExportBundle) => bundle.files.map((f) => ({ path: f.path, content: f.bytes ?? f.content }));

describe.each([
  ['flux', exportFlux],
  ['petrel', exportPetrel],
] as const)('a %s project read back', (format, exporter) => {
  const doc = replayWithWheel();
  const exported = exporter(doc);
  if (!exported.ok) throw new Error('export');

  it('as a zip: the same wheel, byte for byte, and the same data file', () => {
    const zip = zipFiles(exported.value.files, exported.value.folder);
    const r = importFiles([{ path: `${exported.value.folder}.zip`, content: zip }]);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.format).toBe(format);
    expect(r.value.document.dataFiles).toEqual(doc.dataFiles);
    expect(r.value.document.packages).toEqual(doc.packages);
    expect(r.value.warnings.filter((w) => w.code === 'W_IGNORED')).toEqual([]);
  });

  it('as loose files: the same', () => {
    const r = importFiles(asInput(exported.value));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.document.dataFiles).toEqual(doc.dataFiles);
    expect(r.value.document.packages?.map((p) => p.file)).toEqual(['wordtools-1.0-py3-none-any.whl']);
  });

  it('a broken data file and a broken wheel are left out, each named, and the topology still comes in', () => {
    const dataPath = format === 'flux' ? `${RESOURCES_DIR}/words.csv` : 'words.csv';
    const files = asInput(exported.value).map((f) =>
      f.path === dataPath ? { ...f, content: 'word,n\nstorm,1,extra\n' } : f.path.endsWith('.whl') ? { ...f, content: new Uint8Array([1, 2, 3]) } : f,
    );
    const r = importFiles(files);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.document.components.map((c) => c.id)).toEqual(doc.components.map((c) => c.id));
    expect(r.value.document.dataFiles).toBeUndefined();
    expect(r.value.document.packages).toBeUndefined();
    const ignored = r.value.warnings.filter((w) => w.code === 'W_IGNORED');
    expect(ignored.map((w) => w.file)).toEqual(['packages/wordtools-1.0-py3-none-any.whl', dataPath]);
    expect(ignored[0]!.message).toMatch(/not a readable zip archive.*imported without it/);
    expect(ignored[1]).toMatchObject({ line: 2 });
    expect(ignored[1]!.message).toMatch(/words\.csv.*line 2.*imported without this data file/);
  });
});

describe('what is not a data file stays out', () => {
  it('a Petrel project: only what manifest.txt names; requirements.txt and the like are not data', () => {
    const exported = exportPetrel(replayWithWheel());
    if (!exported.ok) throw new Error('export');
    const files = [...asInput(exported.value), { path: 'notes.txt', content: 'not listed' }];
    const r = importFiles(files);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.document.dataFiles?.map((d) => d.name)).toEqual(['words.csv']);
  });
});
