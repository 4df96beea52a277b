import { describe, expect, it } from 'vitest';
import { withLanguage, wordCountExample, type TopologyDocument } from '../../model';
import { exportFlux } from '../flux/export';
import { exportPetrel } from './export';
import { logconfigLevel } from './project-files';

const withLevel = (doc: TopologyDocument, id: string | null, level: unknown): TopologyDocument =>
  id === null
    ? { ...doc, config: { ...doc.config, custom: { ...doc.config.custom, 'studio.log.level': level as string } } }
    : { ...doc, components: doc.components.map((c) => (c.id === id ? { ...c, config: { ...c.config, 'studio.log.level': level as string } } : c)) };
const ini = (doc: TopologyDocument) => {
  const r = exportPetrel(doc);
  if (!r.ok) throw new Error('export failed');
  return r.value.files.find((f) => f.path === 'logconfig.ini')!.content;
};

describe('logconfig.ini keeps the level the components ran with', () => {
  it('is INFO by default, unchanged', () => {
    expect(logconfigLevel(wordCountExample())).toEqual({ level: 'INFO', note: null });
    expect(ini(wordCountExample())).toMatch(/\[logger_root\]\nlevel=INFO\n/);
  });

  it('the Storm project writes the same level into src/main/resources/resources/logconfig.ini', () => {
    const r = exportFlux(withLevel(wordCountExample(), 'count', 'DEBUG'));
    if (!r.ok) throw new Error('export failed');
    const text = r.value.files.find((f) => f.path === 'src/main/resources/resources/logconfig.ini')!.content;
    expect(text).toMatch(/\[logger_root\]\nlevel=DEBUG\n/);
    expect(text).toContain('studio.log.level: count DEBUG');
  });

  it("takes the most verbose Python component's level, its own or the topology's, and says which", () => {
    const debugCount = withLevel(wordCountExample(), 'count', 'debug');
    expect(logconfigLevel(debugCount)).toMatchObject({ level: 'DEBUG' });
    const text = ini(debugCount);
    expect(text).toContain('# Level DEBUG: the most verbose level the components ran with in Storm Studio (studio.log.level: count DEBUG)');
    for (const logger of ['root', 'storm', 'petrel_storm']) expect(text).toMatch(new RegExp(`\\[logger_${logger}\\]\\n(qualname=[\\w.]+\\n)?level=DEBUG\\n`));
    expect(logconfigLevel(withLevel(wordCountExample(), null, 'WARNING')).level).toBe('WARNING');
    expect(logconfigLevel(withLevel(withLevel(wordCountExample(), null, 'WARNING'), 'split', 20)).level).toBe('INFO');
    // JavaScript components do not use logconfig.ini.
    expect(logconfigLevel(withLevel(withLanguage(wordCountExample(), 'javascript'), 'count', 'DEBUG')).level).toBe('INFO');
  });
});
