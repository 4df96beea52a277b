// A document's Python modules import each other by their file names, whatever order the
// components load in, each task with its own copies (Storm runs one process per task).
import { describe, expect, it } from 'vitest';
import { Engine, type LogLine } from '../../src/engine';
import { loadComponents } from '../../src/engine/components';
import { bolt, spout, subscribe, topology, type ComponentSpec, type TopologyDocument } from '../../src/model';
import type { TaskContext } from '../../src/engine/runtime-api';
import { PythonComponentError } from './errors';
import { fakeTaskApi, tupleOf } from './fake-task-api';
import { usePythonRuntime } from './use-python-runtime';

const python = usePythonRuntime();

/** The book's spout module: a class another module imports, and a helper with module state. */
const RANDOMSENTENCE = `import random
from petrel import storm
from petrel.emitter import Spout

SENTENCES = ['the cow jumped over the moon', 'an apple a day keeps the doctor away']
made = []


def sentence(n):
    made.append(n)
    return SENTENCES[n % len(SENTENCES)]


class RandomSentenceSpout(Spout):
    def __init__(self):
        super(RandomSentenceSpout, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['sentence']

    def initialize(self, conf, context):
        self.n = 0

    def nextTuple(self):
        self.n += 1
        storm.emit([sentence(self.n)])


def run():
    RandomSentenceSpout().run()
`;

/** A bolt whose module imports the spout's module by its file name (and a plain helper module). */
const SPLITSENTENCE = `from petrel import storm
from petrel.emitter import BasicBolt
from randomsentence import RandomSentenceSpout, sentence
import randomsentence


class SplitSentenceBolt(BasicBolt):
    def __init__(self):
        super(SplitSentenceBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['word', 'spout_fields', 'made']

    def process(self, tup):
        import randomsentence as again
        assert again is randomsentence
        for word in sentence(0).split(' ')[:1]:
            storm.emit([word, RandomSentenceSpout.declareOutputFields(), len(randomsentence.made)])


def run():
    SplitSentenceBolt().run()
`;

const splitSpec = (): ComponentSpec => ({ ...bolt('split', { python: SPLITSENTENCE, fields: ['word', 'spout_fields', 'made'] }), module: 'splitsentence' });
const spoutSpec = (): ComponentSpec => ({ ...spout('sentences', { python: RANDOMSENTENCE, fields: ['sentence'] }), module: 'randomsentence' });
const doc = (): TopologyDocument => topology('book', [spoutSpec(), splitSpec()], [subscribe('sentences', 'split')]);

const context = (taskid: number, componentid: string): TaskContext => ({ taskid, componentid, 'task->component': { [String(taskid)]: componentid } });

describe("a component imports another component's module by its file name", () => {
  for (const order of ['importer first', 'imported first'] as const) {
    it(`works when the ${order === 'importer first' ? 'importing' : 'imported'} component loads first`, async () => {
      const d = doc();
      await python.runtime.prepare(d);
      const [first, second] = order === 'importer first' ? [d.components[1]!, d.components[0]!] : [d.components[0]!, d.components[1]!];
      const loadedFirst = await python.runtime.load(first);
      const loadedSecond = await python.runtime.load(second);
      const split = order === 'importer first' ? loadedFirst : loadedSecond;
      const api = fakeTaskApi();
      const inst = split.create(2, api);
      inst.initialize({}, context(2, 'split'));
      inst.process(tupleOf(['x']));
      expect(api.emits.map((e) => e.values)).toEqual([['the', ['sentence'], 1]]);
    });
  }

  it('gives each task its own copy of an imported module, as a process per task does', async () => {
    await python.runtime.prepare(doc());
    const split = await python.runtime.load(splitSpec());
    const spoutLoaded = await python.runtime.load(spoutSpec());
    const a = fakeTaskApi();
    const b = fakeTaskApi();
    const s = fakeTaskApi();
    const taskA = split.create(2, a);
    const taskB = split.create(3, b);
    const spoutTask = spoutLoaded.create(1, s);
    taskA.initialize({}, context(2, 'split'));
    taskB.initialize({}, context(3, 'split'));
    spoutTask.initialize({}, context(1, 'sentences'));
    taskA.process(tupleOf(['x']));
    spoutTask.nextTuple();
    spoutTask.nextTuple();
    taskA.process(tupleOf(['x']));
    taskB.process(tupleOf(['x']));
    // Task 2 made 1 then 2 sentences, task 3 its first: the spout's two calls counted in its own module.
    expect(a.emits.map((e) => e.values[2])).toEqual([1, 2]);
    expect(b.emits.map((e) => e.values[2])).toEqual([1]);
    expect(s.emits.map((e) => e.values)).toEqual([['an apple a day keeps the doctor away'], ['the cow jumped over the moon']]);
  });

  it('imports a test module too, and reports a module the document does not have clearly', async () => {
    const importer = bolt('uses', { python: SPLITSENTENCE.replace('from randomsentence import', 'from helpers_for_tests import VALUE\nfrom randomsentence import'), fields: ['word'] });
    const d: TopologyDocument = { ...topology('t', [spoutSpec(), importer], [subscribe('sentences', 'uses')]), tests: [{ file: 'test_helpers.py', code: 'VALUE = 1\n' }] };
    await python.runtime.prepare(d);
    const e = await python.runtime.load(importer).then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(PythonComponentError);
    expect((e as Error).message).toContain("imports 'helpers_for_tests'");
    const fine = bolt('uses2', { python: SPLITSENTENCE.replace('import randomsentence\n', 'import randomsentence\nfrom test_helpers import VALUE\n'), fields: ['word'] });
    await python.runtime.load(fine);
  });

  it('keeps the sandbox around an imported module: it may not reach Pyodide', async () => {
    const sneaky = { ...spout('sneaky', { python: RANDOMSENTENCE.replace('import random\n', 'import random\ntry:\n    import js\n    reached = True\nexcept ImportError as e:\n    reached = str(e)\n'), fields: ['sentence'] }), module: 'randomsentence' };
    const probe = bolt('probe', { python: SPLITSENTENCE.replace('import randomsentence\n', 'import randomsentence\nREACHED = randomsentence.reached\n').replace("storm.emit([word, RandomSentenceSpout.declareOutputFields(), len(randomsentence.made)])", 'storm.emit([REACHED])'), fields: ['r'] });
    await python.runtime.prepare(topology('s', [sneaky, probe], [subscribe('sneaky', 'probe')]));
    const api = fakeTaskApi();
    const inst = (await python.runtime.load(probe)).create(2, api);
    inst.initialize({}, context(2, 'probe'));
    inst.process(tupleOf(['x']));
    expect(String(api.emits[0]!.values[0])).toContain("import of 'js' is not allowed");
  });

  it('forgets the modules between runs', async () => {
    await python.runtime.prepare(doc());
    await python.runtime.load(splitSpec());
    python.runtime.reset();
    const e = await python.runtime.load(splitSpec()).then(
      () => null,
      (x: unknown) => x,
    );
    expect((e as Error).message).toContain("imports 'randomsentence'");
  });
});

describe('through the engine', () => {
  it('loads a worker that hosts only the importing component (the imported one runs in another worker)', async () => {
    const d = { ...doc(), config: { ...doc().config, workers: 2 } };
    const components = await loadComponents({ document: d, seed: 3, runtimes: python.registry.resolver(), workers: [1] });
    expect(components.filter((c) => c.loaded !== null).map((c) => c.id)).toEqual(['split']);
  });

  it('runs the two components, the bolt calling into its copy of the spout module', async () => {
    const engine = await Engine.create({ document: doc(), seed: 3, runtimes: python.registry.resolver(), virtualEpochMs: Date.UTC(2026, 10, 23) });
    engine.runUntil(300);
    const snapshot = engine.snapshot({ maxLogs: 1000 });
    expect((snapshot.logs as readonly LogLine[]).filter((l) => l.level === 'ERROR')).toEqual([]);
    expect(snapshot.components['split']!.lastError).toBeNull();
    expect(snapshot.components['split']!.windows.all.emitted).toBeGreaterThan(0);
  });
});
