import { describe, expect, it } from 'vitest';
import { componentId, findComponent } from '../../model';
import { renameComponent } from '../../model/operations';
import { exportPetrel } from './export';
import { petrelModule } from '../__fixtures__/documents';
import { parsePetrelProject, type ProjectFile } from './import';

/** A project in Petrel's own style (as its word-count sample is written): double quotes, instance-method fields. */
const sample = (): ProjectFile[] => [
  {
    path: 'create.py',
    text: `import randomsentence
import splitsentence
from wordcount import WordCountBolt as Counter

COUNTERS = 3

def create(builder):
    """Petrel calls this with its TopologyBuilder."""
    builder.setSpout("spout", randomsentence.RandomSentenceSpout(), 1)
    builder.setBolt("split", splitsentence.SplitSentenceBolt(), 2).shuffleGrouping("spout")
    counts = builder.setBolt("count", Counter(), COUNTERS)
    counts.fieldsGrouping("split", ["word"])
`,
  },
  { path: 'topology.yaml', text: 'nimbus.host: "localhost"\nsupervisor.worker.timeout.secs: 60\ntopology.workers: 2\npetrel.parallelism.split: 4\n' },
  { path: 'randomsentence.py', text: petrelModule('spout', 'RandomSentenceSpout', ['sentence']) },
  {
    path: 'splitsentence.py',
    text: `import logging
from petrel import storm
from petrel.emitter import BasicBolt

class SplitSentenceBolt(BasicBolt):
    def __init__(self):
        super(SplitSentenceBolt, self).__init__(script=__file__)

    def declareOutputFields(self):
        return ['word']

    def process(self, tup):
        for word in tup.values[0].split(" "):
            storm.emit([word])

def run():
    SplitSentenceBolt().run()
`,
  },
  {
    path: 'wordcount.py',
    text: petrelModule('bolt', 'WordCountBolt', ['word', 'count'], "\n    def getComponentConfiguration(self):\n        return {'topology.tick.tuple.freq.secs': TICK, 'topology.tasks': 6}\n").replace('from petrel import storm', 'from petrel import storm\n\nTICK = 2 * 5'),
  },
];

function read(files: ProjectFile[]) {
  return parsePetrelProject(files);
}

function errorsOf(files: ProjectFile[]) {
  const r = read(files);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.errors;
}

const withCreate = (text: string, others: ProjectFile[] = sample().slice(1)) => [{ path: 'create.py', text }, ...others];
const withYaml = (text: string) => [sample()[0]!, { path: 'topology.yaml', text }, ...sample().slice(2)];

describe('parsePetrelProject', () => {
  it('reads a project written in Petrel\'s own style', () => {
    const r = read(sample());
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const doc = r.value.document;
    expect(r.value.warnings).toEqual([]);
    expect(doc.components.map((c) => [c.id, c.kind, c.parallelism, c.numTasks])).toEqual([
      ['spout', 'spout', 1, null],
      ['split', 'bolt', 4, null], // petrel.parallelism.split overrides create.py's 2
      ['count', 'bolt', 3, 6], // topology.tasks from getComponentConfiguration is the task count
    ]);
    expect(findComponent(doc, 'count')!.config).toEqual({ 'topology.tick.tuple.freq.secs': 10 });
    expect(findComponent(doc, 'split')!.streams).toEqual([{ id: 'default', fields: ['word'], direct: false }]);
    expect(findComponent(doc, 'count')!.code.python).toBe(sample()[4]!.text);
    expect(doc.subscriptions.map((s) => [s.from, s.stream, s.to, s.grouping])).toEqual([
      ['spout', 'default', 'split', { kind: 'shuffle' }],
      ['split', 'default', 'count', { kind: 'fields', fields: ['word'] }],
    ]);
    expect(doc.config.workers).toBe(2);
    expect(doc.config.custom).toEqual({ 'nimbus.host': 'localhost', 'supervisor.worker.timeout.secs': 60 });
    expect(doc.name).toBe('imported-topology');
    // Laid out left to right by depth.
    expect(doc.components.map((c) => c.position.x)).toEqual([0, 320, 640]);
  });

  it('reads every grouping, positional and keyword stream ids, streams and the config helper', () => {
    const r = read(
      withCreate(`import randomsentence, splitsentence, wordcount

def _component_config(component, conf):
    component.getComponentConfiguration = lambda: conf
    return component

def create(b):
    b.setSpout('spout', randomsentence.RandomSentenceSpout())
    b.addOutputStream('spout', 'side', ['a', 'b'])
    b.addOutputStream('spout', 'pick', ['a'], direct=True)
    b.setBolt('split', _component_config(splitsentence.SplitSentenceBolt(), {'topology.tasks': 5, 'x': [1, None]}), 2) \\
        .globalGrouping('spout').allGrouping('spout', 'side')
    (b.setBolt('count', wordcount.WordCountBolt(), 1)
        .noneGrouping('spout', streamId='side')
        .localOrShuffleGrouping('split')
        .directGrouping('spout', 'pick')
        .fieldsGrouping('split', [], 'x'))
`),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const doc = r.value.document;
    expect(doc.subscriptions.map((s) => `${s.from}:${s.stream}->${s.to} ${s.grouping.kind}`)).toEqual([
      'spout:default->split global',
      'spout:side->split all',
      'spout:side->count none',
      'split:default->count localOrShuffle',
      'spout:pick->count direct',
      'split:x->count global',
    ]);
    expect(findComponent(doc, 'spout')!.parallelism).toBe(1);
    expect(findComponent(doc, 'spout')!.streams).toEqual([
      { id: 'default', fields: ['sentence'], direct: false },
      { id: 'side', fields: ['a', 'b'], direct: false },
      { id: 'pick', fields: ['a'], direct: true },
    ]);
    expect(findComponent(doc, 'split')!.numTasks).toBe(5);
    // The helper's configuration replaces what the class returns.
    expect(findComponent(doc, 'split')!.config).toEqual({ x: [1, null] });
    expect(findComponent(doc, 'count')!.config).toEqual({ 'topology.tick.tuple.freq.secs': 10 });
    // The stream "x" is not declared: the validator's finding points at create.py's line.
    expect(r.value.warnings).toContainEqual(expect.objectContaining({ code: 'W_INVALID_TOPOLOGY', file: 'create.py', line: 17 }));
  });

  it('reads the name from Storm Studio\'s marker line, else the given name', () => {
    const files = withCreate(`# Storm Studio topology: "caf\\u00e9 \\"x\\""\n${sample()[0]!.text}`);
    const r = read(files);
    expect(r.ok && r.value.document.name).toBe('café "x"');
    const named = parsePetrelProject(sample(), { name: 'from-folder' });
    expect(named.ok && named.value.document.name).toBe('from-folder');
  });

  it('warns, with file and line, about what it had to guess', () => {
    const files = sample()
      .filter((f) => f.path !== 'randomsentence.py')
      .map((f) => (f.path === 'splitsentence.py' ? { ...f, text: f.text.replace("return ['word']", 'return FIELDS') } : f));
    files.push({ path: 'create.py', text: `${files.shift()!.text}\nif __name__ == '__main__':\n    print('hi')\n` });
    const r = read(files);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.warnings.map((w) => [w.code, w.file, w.line])).toEqual([
      ['W_IGNORED', 'create.py', 14],
      ['W_MISSING_MODULE', 'randomsentence.py', undefined],
      ['W_INFERRED_STREAM', 'create.py', 9],
      ['W_UNREADABLE', 'splitsentence.py', 10],
      ['W_INFERRED_STREAM', 'create.py', 10],
    ]);
    expect(findComponent(r.value.document, 'spout')!.code.python).toBe('');
    expect(findComponent(r.value.document, 'spout')!.streams).toEqual([{ id: 'default', fields: [], direct: false }]);
    expect(findComponent(r.value.document, 'split')!.streams).toEqual([{ id: 'default', fields: ['word'], direct: false }]);
  });

  it.each([
    ['a syntax error', 'def create(builder):\n    builder.setSpout("a", x.X(), 1\n', 2, /was never closed/],
    ['no create()', 'import x\n', 1, /No function create\(builder\)/],
    ['create() with two parameters', 'def create(a, b):\n    pass\n', 1, /exactly one parameter/],
    ['a loop', 'import x\ndef create(b):\n    for i in range(3):\n        b.setSpout(str(i), x.X(), 1)\n', 3, /for statement/],
    ['an unknown builder method', 'import x\ndef create(b):\n    b.setStateSpout("a", x.X())\n', 3, /setStateSpout\(\) is not part/],
    ['setNumTasks', 'import x\ndef create(b):\n    b.setSpout("s", x.X())\n    b.setBolt("a", x.Y(), 1).shuffleGrouping("s").setNumTasks(4)\n', 4, /topology\.tasks/],
    ['a source that is not declared', 'import x\ndef create(b):\n    b.setBolt("a", x.Y(), 1).shuffleGrouping("ghost")\n', 3, /"ghost", which create.py does not declare/],
    ['a duplicate id', 'import x\ndef create(b):\n    b.setSpout("s", x.X())\n    b.setSpout("s", x.X())\n', 4, /declared twice/],
    ['addOutputStream first', 'import x\ndef create(b):\n    b.addOutputStream("s", "t", ["f"])\n    b.setSpout("s", x.X())\n', 3, /before its setSpout/],
    ['constructor arguments', 'import x\ndef create(b):\n    b.setSpout("s", x.X(3))\n', 3, /given arguments/],
    ['an f-string id', 'import x\nn = 1\ndef create(b):\n    b.setSpout(f"s{n}", x.X())\n', 4, /f-string/],
    ['a star import', 'from x import *\ndef create(b):\n    pass\n', 1, /import \*/],
    ['a parallelism of 0', 'import x\ndef create(b):\n    b.setSpout("s", x.X(), 0)\n', 3, /whole number ≥ 1/],
    ['an unknown keyword', 'import x\ndef create(b):\n    b.setSpout("s", x.X(), parallelism=2)\n', 3, /no parameter parallelism/],
    ['an undefined name', 'def create(b):\n    b.setSpout("s", Missing())\n', 2, /Missing is not defined/],
    ['a non-literal constant', 'import os, x\nN = int(os.environ["N"])\ndef create(b):\n    b.setSpout("s", x.X(), N)\n', 4, /N is not a value create.py can be read with \(line 2/],
    ['a nested import', 'def create(b):\n    import x\n', 2, /Imports inside create/],
    ['fields that are not strings', 'import x\ndef create(b):\n    b.setSpout("s", x.X())\n    b.setBolt("a", x.Y()).fieldsGrouping("s", [1])\n', 4, /list of strings/],
  ])('refuses %s, naming create.py and the line', (_, text, line, message) => {
    const errors = errorsOf(withCreate(text, []));
    expect(errors[0]).toEqual(expect.objectContaining({ file: 'create.py', line }));
    expect(errors[0]!.message).toMatch(message);
  });

  it.each([
    ['an unknown petrel.parallelism id', 'petrel.parallelism.ghost: 2\n', 1, /no component "ghost".*There are no components named: ghost/],
    ['a bad petrel.parallelism value', 'topology.workers: 1\npetrel.parallelism.split: lots\n', 2, /whole number ≥ 1/],
    ['a mistyped well-known key', 'topology.debug: 1\ntopology.workers: "two"\n', 1, /must be true or false/],
    ['a YAML syntax error', 'a: [1, 2\nb: 3\n', 2, /Flow sequence/],
    ['a python tag', 'x: !!python/object/apply:os.system ["id"]\n', 1, /tags are not allowed/],
    ['a custom tag', 'x: !secret abc\n', 1, /tags are not allowed/],
    ['a list at the top', '- a\n- b\n', 1, /must be a mapping/],
    ['a date', 'when: 2024-01-01\n', 1, /date/],
    ['duplicate keys', 'a: 1\na: 2\n', 2, /unique/],
  ])('refuses topology.yaml with %s, naming the line', (_, text, line, message) => {
    const errors = errorsOf(withYaml(text));
    expect(errors[0]).toEqual(expect.objectContaining({ file: 'topology.yaml', line }));
    expect(errors[0]!.message).toMatch(message);
  });

  it('refuses a YAML alias bomb without expanding it', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n');
    const errors = errorsOf(withYaml(bomb));
    expect(errors[0]!.message).toMatch(/alias bomb/);
  });

  it('refuses an oversized topology.yaml', () => {
    const errors = errorsOf(withYaml(`x: "${'a'.repeat(6 * 1024 * 1024)}"\n`));
    expect(errors[0]!.message).toMatch(/limited to/);
  });

  it('needs create.py', () => {
    expect(errorsOf(sample().slice(1))[0]!.message).toMatch(/No create\.py/);
  });
});

/** The book's chapter 4, as written: module names of its own, the tick period from class attributes. */
const book = (): ProjectFile[] => [
  {
    path: 'create.py',
    text: `import twitterstream
import rollingcount


def create(builder):
    builder.setSpout("spout", twitterstream.TwitterStreamSpout(), 1)
    builder.setBolt("count", rollingcount.RollingCountBolt(), 4).fieldsGrouping("spout", ["word"])
`,
  },
  { path: 'topology.yaml', text: 'topology.workers: 1\n' },
  { path: 'twitterstream.py', text: petrelModule('spout', 'TwitterStreamSpout', ['word']) },
  {
    path: 'rollingcount.py',
    text: `from petrel import storm
from petrel.emitter import BasicBolt

WINDOW_CHUNKS = 5


class RollingCountBolt(BasicBolt):
    emitFrequencyInSeconds = 15
    windowLengthInSeconds = WINDOW_CHUNKS * emitFrequencyInSeconds

    def __init__(self):
        super(RollingCountBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['obj', 'count']

    def getComponentConfiguration(self):
        return {"topology.tick.tuple.freq.secs": self.emitFrequencyInSeconds, "window.secs": RollingCountBolt.windowLengthInSeconds}

    def process(self, tup):
        pass


def run():
    RollingCountBolt().run()
`,
  },
];

describe("parsePetrelProject on the book's projects", () => {
  it('imports component configuration written with class attributes and constants', () => {
    const r = read(book());
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(findComponent(r.value.document, 'count')!.config).toEqual({ 'topology.tick.tuple.freq.secs': 15, 'window.secs': 75 });
    expect(r.value.warnings.filter((w) => w.component === 'count')).toEqual([]);
  });

  it('reads attributes set in __init__ and inherited from a base class of the module', () => {
    const files = book().map((f) =>
      f.path === 'rollingcount.py'
        ? {
            ...f,
            text: f.text
              .replace('class RollingCountBolt(BasicBolt):\n    emitFrequencyInSeconds = 15\n', 'class Base(BasicBolt):\n    emitFrequencyInSeconds = 15\n\n\nclass RollingCountBolt(Base):\n')
              .replace('    windowLengthInSeconds = WINDOW_CHUNKS * emitFrequencyInSeconds\n', '')
              .replace('super(RollingCountBolt, self).__init__(script=__file__)', 'super(RollingCountBolt, self).__init__(script=__file__)\n        self.window = 60')
              .replace('RollingCountBolt.windowLengthInSeconds', 'self.window'),
          }
        : f,
    );
    const r = read(files);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(findComponent(r.value.document, 'count')!.config).toEqual({ 'topology.tick.tuple.freq.secs': 15, 'window.secs': 60 });
  });

  it('keeps the modules\' file names through import → edit → export', () => {
    const r = read(book());
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const doc = r.value.document;
    expect(doc.components.map((c) => [c.id, c.module])).toEqual([
      ['spout', 'twitterstream'],
      ['count', 'rollingcount'],
    ]);
    // An edit (a rename of the component, a new bolt) keeps the kept names; a new component is named from its id.
    const rename = renameComponent(doc, 'count', 'rolling-counter');
    if (!rename.ok) throw new Error(rename.errors.join());
    const renamed = rename.value;
    const added = { ...renamed, components: [...renamed.components, { ...renamed.components[1]!, id: componentId('total-rankings'), module: undefined }] };
    const exported = exportPetrel(added);
    if (!exported.ok) throw new Error(JSON.stringify(exported.errors));
    const paths = exported.value.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['twitterstream.py', 'rollingcount.py', 'total_rankings.py']));
    const create = exported.value.files.find((f) => f.path === 'create.py')!.content;
    expect(create).toContain('import rollingcount');
    // And back: the export imports with the same names.
    const again = read(exported.value.files.map((f) => ({ path: f.path, text: f.content })));
    if (!again.ok) throw new Error(JSON.stringify(again.errors));
    expect(again.value.document.components.map((c) => c.module)).toEqual(['twitterstream', 'rollingcount', 'total_rankings']);
  });

  it("checks every module's syntax at import, with the file and line (a break outside a loop)", () => {
    const files = book().map((f) => (f.path === 'rollingcount.py' ? { ...f, text: f.text.replace('    def process(self, tup):\n        pass\n', '    def process(self, tup):\n        pass\n        break\n') } : f));
    const r = read(files);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const line = files.find((f) => f.path === 'rollingcount.py')!.text.split('\n').findIndex((l) => l.trim() === 'break') + 1;
    expect(r.value.warnings).toEqual([
      { code: 'W_PYTHON_SYNTAX', component: 'count', file: 'rollingcount.py', line, message: `SyntaxError in rollingcount.py, line ${line}: 'break' outside loop. The code is imported as it is; fix it in the editor.` },
    ]);
    // The code is kept as written.
    expect(findComponent(r.value.document, 'count')!.code.python).toContain('        break\n');
  });

  it('reports a module that does not parse, with the file and line', () => {
    const files = book().map((f) => (f.path === 'twitterstream.py' ? { ...f, text: 'import json\n\ndef run(:\n    pass\n' } : f));
    const r = read(files);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.warnings.filter((w) => w.code === 'W_PYTHON_SYNTAX')).toEqual([expect.objectContaining({ component: 'spout', file: 'twitterstream.py', line: 3 })]);
  });
});
