import { describe, expect, it } from 'vitest';
import { addDataSource, attachReplayFile, checkDataFile, topology, type TopologyDocument } from '../model';
import { exportFlux } from './flux/export';
import { RESOURCES_DIR } from './flux/maven';
import { exportPetrel } from './petrel/export';

function replayDoc(): TopologyDocument {
  const added = addDataSource(topology('replay', [], []), 'file-replay', { x: 0, y: 0 }, 'python');
  const file = checkDataFile('words.csv', new TextEncoder().encode('word,n\nstorm,1\n'), 'csv');
  if (!file.ok) throw new Error('file');
  const r = attachReplayFile(added.doc, added.id, file.value, 'csv');
  if (!r.ok) throw new Error('attach');
  return r.value;
}

describe('data files in exports', () => {
  it('go next to the modules in a Storm project, where the components run', () => {
    const r = exportFlux(replayDoc());
    if (!r.ok) throw new Error('export');
    const paths = r.value.files.map((f) => f.path);
    expect(paths).toContain(`${RESOURCES_DIR}/words.csv`);
    expect(paths).toContain(`${RESOURCES_DIR}/file_replay.py`);
    expect(r.value.files.find((f) => f.path === `${RESOURCES_DIR}/words.csv`)!.content).toBe('word,n\nstorm,1\n');
    expect(r.value.files.find((f) => f.path === 'README.md')!.content).toContain(`| \`${RESOURCES_DIR}/words.csv\` | a data file the components open by name`);
    const flux = r.value.files.find((f) => f.path === 'flux.yaml')!.content;
    expect(flux).toContain('args: ["source.file", "words.csv"]');
  });

  it('go next to the modules in a Petrel project, listed in manifest.txt', () => {
    const r = exportPetrel(replayDoc());
    if (!r.ok) throw new Error('export');
    expect(r.value.files.find((f) => f.path === 'words.csv')?.content).toBe('word,n\nstorm,1\n');
    expect(r.value.files.find((f) => f.path === 'manifest.txt')!.content.split('\n')).toContain('words.csv');
  });
});
