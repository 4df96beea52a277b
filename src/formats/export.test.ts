import { describe, expect, it } from 'vitest';
import { bolt, spout, stream, subscribe, topology, wordCountExample, withLanguage, type TopologyDocument } from '../model';
import { inexpressibleDocument, petrelModule } from './__fixtures__/documents';
import { exportFlux } from './flux/export';
import { layoutByDepth } from './layout';
import { exportPetrel } from './petrel/export';

const ok = <T,>(r: { ok: true; value: T } | { ok: false; errors: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};
const file = (files: readonly { path: string; content: string }[], path: string) => files.find((f) => f.path === path)!.content;

describe('exporters', () => {
  it('list, as warnings and comments, everything Petrel cannot express', () => {
    const b = ok(exportPetrel(inexpressibleDocument()));
    expect(b.warnings.map((w) => w.code)).toEqual(['W_JAVASCRIPT_ONLY', 'W_JAVASCRIPT', 'W_NUM_TASKS', 'W_COST', 'W_PARTIAL_KEY', 'W_PETREL_PARALLELISM', 'W_PETREL_PARALLELISM', 'W_SIMULATION']);
    const create = file(b.files, 'create.py');
    expect(create).toMatch(/# Storm Studio: Petrel has no setNumTasks/);
    expect(create).toMatch(/_component_config\(src\.SrcSpout\(\), \{'topology\.tasks': 3\}\)/);
    expect(create).toMatch(/# Storm Studio: Petrel has no partialKey grouping[^\n]*\n {4}builder\.setBolt\('pk', pk\.PkBolt\(\), 1\)\.fieldsGrouping\('src', \['k'\]\)/);
    // `js` is Pyodide's module: the component's module is js_bolt, in the simulator and in the export.
    expect(file(b.files, 'js_bolt.py')).toMatch(/raise NotImplementedError\('component "js" was written in JavaScript/);
    expect(file(b.files, 'js_bolt.js')).toMatch(/class JsBolt/);
    expect(file(b.files, 'topology.yaml')).toMatch(/# {3}onError: "fail-tuple"/);
    expect(file(b.files, 'topology.yaml')).not.toMatch(/petrel\.parallelism/);
    expect(file(b.files, 'README.md')).toMatch(/## What Petrel cannot express/);
  });

  it('make the deployed tick frequency the document\'s, whatever the class returns', () => {
    const code = petrelModule('bolt', 'TickBolt', ['x'], "\n    def getComponentConfiguration(self):\n        return {'topology.tick.tuple.freq.secs': 3}\n");
    const doc = (config: Record<string, number>) =>
      topology('t', [spout('s', { python: petrelModule('spout', 'S', ['x']), fields: ['x'] }), bolt('b', { python: code, fields: ['x'], config })], [subscribe('s', 'b')]);
    const same = ok(exportPetrel(doc({ 'topology.tick.tuple.freq.secs': 3 })));
    expect(file(same.files, 'create.py')).not.toMatch(/_component_config/);
    const other = ok(exportPetrel(doc({ 'topology.tick.tuple.freq.secs': 7 })));
    expect(file(other.files, 'create.py')).toMatch(/_component_config\(b\.TickBolt\(\), \{'topology\.tick\.tuple\.freq\.secs': 7\}\)/);
    expect(other.warnings.map((w) => w.code)).toEqual(['W_COMPONENT_CONFIG']);
    const none = ok(exportPetrel(doc({})));
    expect(file(none.files, 'create.py')).toMatch(/_component_config\(b\.TickBolt\(\), \{\}\)/);
  });

  it('export a JavaScript example with the Python code it also has, saying so', () => {
    const b = ok(exportPetrel(withLanguage(wordCountExample(), 'javascript')));
    expect(b.warnings.map((w) => w.code)).toEqual(['W_JAVASCRIPT', 'W_JAVASCRIPT', 'W_JAVASCRIPT']);
    expect(file(b.files, 'count.py')).toBe(wordCountExample().components[2]!.code.python);
  });

  it('Flux: warns about streams it cannot declare and config it cannot pass', () => {
    const doc = topology(
      'f',
      [
        spout('s', { python: petrelModule('spout', 'S', []), streams: [stream('default', []), stream('d', ['a'], true)] }),
        bolt('b', { python: petrelModule('bolt', 'B', []), streams: [], config: { gone: null } }),
      ],
      [subscribe('s', 'b')],
    );
    const b = ok(exportFlux(doc));
    expect(b.warnings.map((w) => w.code)).toEqual(['W_DIRECT_FLAG', 'W_EMPTY_STREAM', 'W_NULL_CONFIG']);
    const yaml = file(b.files, 'flux.yaml');
    expect(yaml).toMatch(/- \["python3", "-m", "petrel\.run", "s", "s\.log"\]\n {4}parallelism: 1/);
    expect(yaml).not.toMatch(/name: "addComponentConfig"/);
  });

  it.each<[string, TopologyDocument, RegExp]>([
    ['no code', topology('t', [spout('s', { python: '', fields: ['x'] })], []), /has no Python code/],
    ['a syntax error', topology('t', [spout('s', { python: 'class S(Spout):\n  def f(:\n', fields: ['x'] })], []), /s\.py.*never closed/],
    ['no Petrel class', topology('t', [spout('s', { python: 'def run():\n    pass\n', fields: ['x'] })], []), /defines no class deriving from Petrel/],
    ['no run()', topology('t', [spout('s', { python: 'from petrel.emitter import Spout\nclass S(Spout):\n    pass\n', fields: ['x'] })], []), /no module-level run\(\)/],
    ['a lone surrogate', topology('t', [spout('s\ud800', { python: petrelModule('spout', 'S', ['x']), fields: ['x'] })], []), /unpaired UTF-16 surrogate/],
  ])('refuse a component with %s, naming it', (_, doc, message) => {
    for (const r of [exportPetrel(doc), exportFlux(doc)]) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.map((e) => `${e.file ?? ''} ${e.message}`).join('\n')).toMatch(message);
    }
  });
});

describe('layoutByDepth', () => {
  it('puts spouts left and each component one column right of its nearest input, cycles included', () => {
    const components = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, kind: id === 'a' ? ('spout' as const) : ('bolt' as const) }));
    const pos = layoutByDepth(components, [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'b' },
      { from: 'a', to: 'd' },
      { from: 'e', to: 'e' },
    ]);
    expect(Object.fromEntries([...pos].map(([id, p]) => [id, [p.x / 320, p.y / 140]]))).toEqual({ a: [0, 0], e: [0, 1], b: [1, 0], d: [1, 1], c: [2, 0] });
  });
});
