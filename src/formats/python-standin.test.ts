/**
 * Runs every exported create.py under python3 with a stand-in for Petrel's TopologyBuilder
 * (written here, recording the calls exactly as Petrel's builder makes them: setSpout, setBolt,
 * chained groupings, addOutputStream, then getComponentConfiguration() and declareOutputFields()
 * on each component), applies topology.yaml as `petrel submit` does, and checks the recorded
 * topology equals the document. Also byte-compiles every exported .py, loads logconfig.ini with
 * Python's logging, checks setup.sh with bash -n, and reads the Flux YAML with PyYAML.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STREAM, EXAMPLES, stormConfig, type ConfigValue, type TopologyDocument } from '../model';
import { hostileDocument, inexpressibleDocument } from './__fixtures__/documents';
import { exportFlux } from './flux/export';
import { RESOURCES_DIR } from './flux/maven';
import { exportPetrel } from './petrel/export';
import { readYaml } from './yaml-read';
import type { ExportBundle } from './types';

const PETREL_STANDIN: Record<string, string> = {
  'petrel/__init__.py': '',
  'petrel/storm.py': `def emit(*args, **kwargs): pass
def emitDirect(*args, **kwargs): pass
def ack(tup): pass
def fail(tup): pass
def log(msg): pass
def reportError(msg): pass

class Task(object):
    def run(self):
        raise RuntimeError('stand-in: components are not run in this test')

class Spout(Task): pass
class BasicBolt(Task): pass
class Bolt(Task): pass
`,
  'petrel/emitter.py': `import os
from petrel import storm

class EmitterBase(object):
    def __init__(self, script):
        # As Petrel: the module must sit in the current directory (the project folder).
        path, basename = os.path.split(os.path.relpath(script))
        assert len(path) == 0, 'module outside the project folder: %r' % script
        self.script = '%s.py' % os.path.splitext(basename)[0]
        self._json = {}
        super(EmitterBase, self).__init__()

    def getComponentConfiguration(self):
        return self._json if len(self._json) else None

class Spout(EmitterBase, storm.Spout): pass
class BasicBolt(EmitterBase, storm.BasicBolt): pass
class Bolt(EmitterBase, storm.Bolt): pass
`,
  'standin_driver.py': `import json, logging.config, os, sys, yaml
sys.path.insert(0, os.getcwd())

class Declarer(object):
    def __init__(self, owner, bolt_id):
        self._owner, self._id = owner, bolt_id
    def _add(self, component_id, kind, fields, stream_id):
        self._owner.components[self._id]['inputs'].append([component_id, stream_id, kind, fields])
        return self
    def shuffleGrouping(self, componentId, streamId='default'): return self._add(componentId, 'shuffle', None, streamId)
    def fieldsGrouping(self, componentId, fields, streamId='default'): return self._add(componentId, 'fields', list(fields), streamId)
    def globalGrouping(self, componentId, streamId='default'): return self._add(componentId, 'global', None, streamId)
    def allGrouping(self, componentId, streamId='default'): return self._add(componentId, 'all', None, streamId)
    def noneGrouping(self, componentId, streamId='default'): return self._add(componentId, 'none', None, streamId)
    def localOrShuffleGrouping(self, componentId, streamId='default'): return self._add(componentId, 'localOrShuffle', None, streamId)
    def directGrouping(self, componentId, streamId='default'): return self._add(componentId, 'direct', None, streamId)

class Builder(object):
    def __init__(self):
        self.components, self.order = {}, []
    def _set(self, kind, id, component, parallelism_hint):
        if id in self.components: raise KeyError('already declared: ' + id)
        # As Petrel's _initCommon: the configuration is read when create() declares the component.
        conf = component.getComponentConfiguration()
        self.components[id] = {'kind': kind, 'parallelism': parallelism_hint, 'script': component.script,
                               'conf': conf, 'streams': {}, 'direct': {}, 'inputs': [], 'instance': component}
        self.order.append(id)
    def setSpout(self, id, spout, parallelism_hint=None):
        self._set('spout', id, spout, parallelism_hint)
    def setBolt(self, id, bolt, parallelism_hint=None):
        self._set('bolt', id, bolt, parallelism_hint)
        return Declarer(self, id)
    def addOutputStream(self, id, streamId, output_fields, direct=False):
        self.components[id]['streams'][streamId] = list(output_fields)
        self.components[id]['direct'][streamId] = direct

import create
builder = Builder()
create.create(builder)
config = yaml.safe_load(open('topology.yaml')) or {}
# As petrel submit: petrel.parallelism.<id> overrides, keyed by the text after the last dot.
overrides = dict((k.split('.')[-1], v) for k, v in config.items() if k.startswith('petrel.parallelism'))
for id in builder.order:
    c = builder.components[id]
    if id in overrides: c['parallelism'] = int(overrides.pop(id))
    # As Petrel's _getComponentCommon: the default stream comes from declareOutputFields().
    c['streams']['default'] = list(c.pop('instance').declareOutputFields())
if overrides: raise ValueError('There are no components named: %s' % ','.join(overrides))
os.environ['PETREL_LOG_PATH'] = os.path.join(os.getcwd(), 'standin.log')
logging.config.fileConfig('logconfig.ini')
logging.getLogger('standin').info('logging configured')
print(json.dumps({'order': builder.order, 'components': builder.components, 'config': config}))
`,
};

function writeProject(bundle: ExportBundle, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), `storm-${bundle.format}-`));
  for (const [path, content] of [...bundle.files.map((f) => [f.path, f.content] as const), ...Object.entries(extra)]) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, stdio: 'pipe', encoding: 'utf8' });

interface Recorded {
  order: string[];
  components: Record<string, { kind: string; parallelism: number; script: string; conf: Record<string, ConfigValue> | null; streams: Record<string, string[]>; direct: Record<string, boolean>; inputs: [string, string, string, string[] | null][] }>;
  config: Record<string, ConfigValue>;
}

function expectRecordedEqualsDocument(rec: Recorded, doc: TopologyDocument, bundle: ExportBundle): void {
  expect(new Set(rec.order)).toEqual(new Set(doc.components.map((c) => c.id)));
  const modules = new Map(bundle.files.filter((f) => f.path.endsWith('.py') && f.path !== 'create.py').map((f) => [f.content, f.path]));
  for (const c of doc.components) {
    const r = rec.components[c.id]!;
    expect(r.kind, c.id).toBe(c.kind);
    expect(r.parallelism, c.id).toBe(c.parallelism);
    expect(modules.get(c.code.python!) ?? r.script, c.id).toBe(r.script);
    const conf: Record<string, ConfigValue> = { ...c.config };
    if (c.numTasks !== null) conf['topology.tasks'] = c.numTasks;
    expect(r.conf ?? {}, c.id).toEqual(conf);
    const expectedStreams: Record<string, string[]> = { default: [...(c.streams.find((s) => s.id === DEFAULT_STREAM)?.fields ?? [])] };
    for (const s of c.streams) if (s.id !== DEFAULT_STREAM) expectedStreams[s.id] = [...s.fields];
    expect(r.streams, c.id).toEqual(expectedStreams);
    for (const s of c.streams) if (s.id !== DEFAULT_STREAM) expect(r.direct[s.id], `${c.id}/${s.id}`).toBe(s.direct);
    const inputs = doc.subscriptions
      .filter((s) => s.to === c.id)
      .map((s) => {
        const g = s.grouping;
        const kind = g.kind === 'partialKey' ? 'fields' : g.kind; // Petrel has no partialKey (a warning says so).
        return [s.from, s.stream, kind, g.kind === 'fields' || g.kind === 'partialKey' ? [...g.fields] : null];
      });
    expect(r.inputs, c.id).toEqual(inputs);
  }
  const expectedConfig = stormConfig(doc.config);
  for (const k of Object.keys(expectedConfig)) if (k.startsWith('petrel.parallelism.')) delete expectedConfig[k];
  expect(rec.config).toEqual(expectedConfig);
}

const documents: [string, () => TopologyDocument][] = [...EXAMPLES.map((e) => [e.id, e.create] as [string, () => TopologyDocument]), ['hostile', hostileDocument], ['inexpressible', inexpressibleDocument]];

describe('exported Petrel projects under python3 with a stand-in Petrel builder', () => {
  it.each(documents)('%s: create.py builds the document, topology.yaml holds its config, every .py compiles', (_, create) => {
    const doc = create();
    const r = exportPetrel(doc);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const dir = writeProject(r.value, PETREL_STANDIN);
    const rec = JSON.parse(run('python3', ['standin_driver.py'], dir)) as Recorded;
    expectRecordedEqualsDocument(rec, doc, r.value);
    const py = readdirSync(dir).filter((f) => f.endsWith('.py'));
    expect(py).toContain('create.py');
    expect(() => run('python3', ['-m', 'py_compile', ...py], dir)).not.toThrow();
    expect(() => run('bash', ['-n', 'setup.sh'], dir)).not.toThrow();
  });

  it('setup.sh installs third-party imports, one shell word each, and runs', () => {
    const doc = EXAMPLES[0]!.create();
    const withImports = { ...doc, components: doc.components.map((c, i) => (i === 1 ? { ...c, code: { python: `import requests\nimport yaml\n${c.code.python}` } } : c)) };
    const r = exportPetrel(withImports);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const setup = r.value.files.find((f) => f.path === 'setup.sh')!.content;
    expect(setup).toMatch(/^pip install requests$/m);
    expect(setup).toMatch(/^pip install PyYAML$/m);
    const dir = writeProject(r.value, { 'bin/pip': '#!/bin/sh\necho "pip $*" >> pip.log\n' });
    run('chmod', ['+x', 'bin/pip'], dir);
    execFileSync('bash', ['setup.sh', '1'], { cwd: dir, env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}` } });
    expect(run('cat', ['pip.log'], dir)).toBe('pip install requests\npip install PyYAML\n');
  });
});

describe('exported Flux projects under python3', () => {
  it.each(documents)('%s: PyYAML reads flux.yaml as Storm Studio does, and each command starts an importable module (Python with run(), or JavaScript)', (_, create) => {
    const r = exportFlux(create());
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const dir = writeProject(r.value, Object.fromEntries(Object.entries(PETREL_STANDIN).filter(([p]) => p.startsWith('petrel/')).map(([p, c]) => [`${RESOURCES_DIR}/${p}`, c])));
    const resources = join(dir, RESOURCES_DIR);
    const flux = r.value.files.find((f) => f.path === 'flux.yaml')!.content;
    const ours = readYaml(flux, 'flux.yaml');
    if (!ours.ok) throw new Error(JSON.stringify(ours.errors));
    const theirs: unknown = JSON.parse(run('python3', ['-c', 'import json,sys,yaml; print(json.dumps(yaml.safe_load(open("flux.yaml"))))'], dir));
    expect(theirs).toEqual(ours.value.value);
    const modules = (ours.value.value as { spouts: { constructorArgs: string[][] }[]; bolts: { constructorArgs: string[][] }[] });
    for (const c of [...modules.spouts, ...modules.bolts]) {
      const command = c.constructorArgs[0]!;
      if (command[0] === 'node') {
        // A JavaScript component: the Node runtime and the module are there and parse.
        expect(command.slice(0, 2)).toEqual(['node', 'storm-studio.mjs']);
        for (const file of command.slice(1)) run('node', ['--check', file], resources);
        continue;
      }
      expect(command.slice(0, 3)).toEqual(['python3', '-m', 'petrel.run']);
      run('python3', ['-c', `import ${command[3]}; assert callable(${command[3]}.run)`], resources);
    }
    const py = readdirSync(resources).filter((f) => f.endsWith('.py'));
    expect(() => run('python3', ['-m', 'py_compile', ...py], resources)).not.toThrow();
  });
});
