import { describe, expect, it } from 'vitest';
import { bolt, spout, wordCountExample, type ComponentSpec } from '../../src/model';
import { FailedException, type ComponentInstance, type TaskContext } from '../../src/engine/runtime-api';
import { PythonComponentError } from './errors';
import { fakeTaskApi, tickTuple, tupleOf, type FakeTaskApi } from './fake-task-api';
import { usePythonRuntime } from './use-python-runtime';

// One interpreter for the whole file: starting Pyodide takes ~2 s.
// The tests reset the runtime where they need to.
const python = usePythonRuntime({ resetAfterEach: false });

const context = (taskid: number, componentid: string): TaskContext => ({
  taskid,
  componentid,
  'task->component': { '1': 'sentences', '2': 'split', '3': 'split', [String(taskid)]: componentid },
});

let counter = 0;
/** A bolt (or spout) component with this Python code and a fresh id. */
function py(code: string, kind: 'bolt' | 'spout' = 'bolt', config: Record<string, string> = {}): ComponentSpec {
  counter += 1;
  const make = kind === 'bolt' ? bolt : spout;
  return make(`${kind}-${counter}`, { python: code, config });
}

/** A BasicBolt whose process() body is `body` (indented by the caller with 8 spaces). */
function basicBolt(body: string, extra = ''): string {
  return `from petrel import storm
from petrel.emitter import BasicBolt
${extra}

class TestBolt(BasicBolt):
    def __init__(self):
        super(TestBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['value']

    def process(self, tup):
${body}


def run():
    TestBolt().run()
`;
}

async function start(spec: ComponentSpec, task = 1, conf: Record<string, string | number> = {}): Promise<{ inst: ComponentInstance; api: FakeTaskApi }> {
  const api = fakeTaskApi();
  const loaded = await python.runtime.load(spec);
  const inst = loaded.create(task, api);
  inst.initialize(conf, context(task, spec.id));
  return { inst, api };
}

function caught(fn: () => void): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an exception');
}

async function caughtAsync(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('the word-count example', () => {
  const doc = wordCountExample();
  const spec = (id: string) => doc.components.find((c) => c.id === id)!;

  it('runs the spout: sleeps 0.01 s per nextTuple and emits sentences with message ids', async () => {
    const { inst, api } = await start(spec('sentences'));
    expect(inst.kind).toBe('spout');
    expect(inst.declaredFields).toEqual(['sentence']);
    inst.nextTuple();
    inst.nextTuple();
    expect(api.sleeps).toEqual([0.01, 0.01]);
    expect(api.emits.map((e) => e.options?.id)).toEqual([1, 2]);
    expect(typeof api.emits[0]!.values[0]).toBe('string');
    expect(api.logs[0]!.message).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\]\[sentences\]\[INFO\]sentence spout ready on task 1$/);
  });

  it('splits sentences into words (BasicBolt: no anchors, the engine anchors)', async () => {
    const { inst, api } = await start(spec('split'));
    expect(inst.kind).toBe('basicBolt');
    inst.process(tupleOf(['the cow jumped over the moon']));
    expect(api.emits.map((e) => e.values)).toEqual([['the'], ['cow'], ['jumped'], ['over'], ['the'], ['moon']]);
    expect(api.emits.every((e) => e.options === undefined)).toBe(true);
    expect(api.acked).toEqual([]);
  });

  it('counts words and logs every 100th occurrence', async () => {
    const { inst, api } = await start(spec('count'));
    for (let i = 0; i < 100; i++) inst.process(tupleOf(['storm']));
    inst.process(tupleOf(['apple']));
    expect(api.emits.at(-2)!.values).toEqual(['storm', 100]);
    expect(api.emits.at(-1)!.values).toEqual(['apple', 1]);
    expect(api.logs.map((l) => l.message)).toEqual([expect.stringMatching(/\]\[count\]\[INFO\]storm seen 100 times$/)]);
  });
});

describe('spouts', () => {
  const trackingSpout = `from petrel import storm
from petrel.emitter import Spout

class Numbers(Spout):
    def __init__(self):
        super(Numbers, self).__init__(script=__file__)

    def declareOutputFields(self):
        return ['n']

    def initialize(self, conf, context):
        self.n = 0

    def nextTuple(self):
        self.n += 1
        storm.emit([self.n], id=('msg', self.n) if self.n == 3 else self.n)

    def ack(self, id):
        storm.emit(['acked', id], stream='report')

    def fail(self, id):
        storm.emit(['failed', id], stream='report')

def run():
    Numbers().run()
`;

  it('gets ack(id) and fail(id) callbacks with the message ids it emitted', async () => {
    const { inst, api } = await start(py(trackingSpout, 'spout'));
    inst.nextTuple();
    inst.nextTuple();
    inst.nextTuple();
    const ids = api.emits.map((e) => e.options!.id);
    expect(ids).toEqual([1, 2, ['msg', 3]]); // a Python tuple travels as JSON: a list, as in Storm
    inst.ack(ids[0]);
    inst.fail(ids[1]);
    inst.ack(ids[2]);
    expect(api.emits.slice(3).map((e) => [e.values, e.options?.stream])).toEqual([
      [['acked', 1], 'report'],
      [['failed', 2], 'report'],
      [['acked', ['msg', 3]], 'report'],
    ]);
    expect(inst.declaredFields).toEqual(['n']); // declareOutputFields as a plain method
  });

  it('cannot ack tuples itself', async () => {
    const code = trackingSpout.replace("storm.emit([self.n], id=('msg', self.n) if self.n == 3 else self.n)", 'storm.ack(None)');
    const { inst } = await start(py(code, 'spout'));
    const e = caught(() => inst.nextTuple()) as PythonComponentError;
    expect(e).toBeInstanceOf(PythonComponentError);
    expect(e.traceback).toContain('storm.ack() is for bolts');
  });
});

describe('bolts', () => {
  it('anchors, acks and fails explicitly (Bolt), with the tuples the engine delivered', async () => {
    const code = `from petrel import storm
from petrel.emitter import Bolt

class Anchoring(Bolt):
    def __init__(self):
        super(Anchoring, self).__init__(script=__file__)

    def declareOutputFields(self):
        return ['word']

    def process(self, tup):
        if tup.values[0] == 'bad':
            storm.fail(tup)
            return
        storm.emit([tup.values[0]], anchors=[tup])
        storm.emit([tup.values[0], 'both'], anchors=[tup, self.previous] if hasattr(self, 'previous') else [tup])
        self.previous = tup
        storm.ack(tup)

def run():
    Anchoring().run()
`;
    const { inst, api } = await start(py(code));
    expect(inst.kind).toBe('bolt');
    const a = tupleOf(['a']);
    inst.process(a);
    expect(api.emits[0]!.options!.anchors).toEqual([a]);
    expect(api.emits[0]!.options!.anchors![0]).toBe(a);
    expect(api.acked).toEqual([a]);
    // anchoring to a tuple that was already acked is Storm's ShellBolt error
    const e = caught(() => inst.process(tupleOf(['b']))) as PythonComponentError;
    expect(e.traceback).toContain('RuntimeError: Anchored onto');
    expect(e.traceback).toContain('after ack/fail');
    const bad = tupleOf(['bad']);
    inst.process(bad);
    expect(api.failed).toEqual([bad]);
  });

  it('crashes on a second ack, as Storm does', async () => {
    const { inst } = await start(
      py(`from petrel import storm
from petrel.emitter import Bolt

class Twice(Bolt):
    def __init__(self):
        super(Twice, self).__init__(script=__file__)

    def process(self, tup):
        storm.ack(tup)
        storm.ack(tup)

def run():
    Twice().run()
`),
    );
    const e = caught(() => inst.process(tupleOf(['x'], { id: '42' }))) as PythonComponentError;
    expect(e.traceback).toContain('RuntimeError: Acked a non-existent or already acked/failed id: 42');
    expect(e.line).toBe(10);
  });

  it('explains that a BasicBolt acks by itself', async () => {
    const { inst } = await start(py(basicBolt('        storm.ack(tup)')));
    const e = caught(() => inst.process(tupleOf(['x']))) as PythonComponentError;
    expect(e.traceback).toContain('a BasicBolt acks each tuple itself');
  });

  it('emits to streams, directly to a task, and returns task ids only when asked', async () => {
    const { inst, api } = await start(
      py(
        basicBolt(`        storm.emit(['a'], stream='words')
        storm.emitDirect(7, ['b'], stream='direct')
        ids = storm.emit(['c'], need_task_ids=True)
        storm.emit([ids])
        storm.emitMany([['d'], ['e']], stream='many')`),
      ),
    );
    api.emitTargets = [4, 5];
    inst.process(tupleOf(['x']));
    expect(api.emits.map((e) => [e.values, e.options?.stream, e.options?.directTask])).toEqual([
      [['a'], 'words', undefined],
      [['b'], 'direct', 7],
      [['c'], undefined, undefined],
      [[[4, 5]], undefined, undefined],
      [['d'], 'many', undefined],
      [['e'], 'many', undefined],
    ]);
  });

  it('carries nested values as JSON both ways, and rejects what JSON cannot carry', async () => {
    const { inst, api } = await start(
      py(
        basicBolt(`        record = tup.values[0]
        if record.get('bad'):
            storm.emit([set([1])])
        storm.emit([record['user'], {'n': record['n'] + 1, 'tags': record['tags'] + ['py']}, (1, 2), None, 2.5, True])`),
      ),
    );
    inst.process(tupleOf([{ user: 'ann', n: 1, tags: ['js'] }]));
    expect(api.emits[0]!.values).toEqual(['ann', { n: 2, tags: ['js', 'py'] }, [1, 2], null, 2.5, true]);
    const e = caught(() => inst.process(tupleOf([{ bad: true }]))) as PythonComponentError;
    expect(e.traceback).toContain('TypeError: Object of type set is not JSON serializable');
  });

  it('rejects values that are not a list', async () => {
    const { inst } = await start(py(basicBolt("        storm.emit('word')")));
    const e = caught(() => inst.process(tupleOf(['x']))) as PythonComponentError;
    expect(e.message).toContain("storm.emit() takes the tuple's values as a list");
  });

  it('sees tick tuples with is_tick_tuple() true', async () => {
    const { inst, api } = await start(
      py(basicBolt(`        storm.emit([tup.is_tick_tuple(), tup.component, tup.task, tup.stream, tup.values, tup.is_heartbeat_tuple()])`)),
    );
    inst.process(tickTuple(3));
    inst.process(tupleOf(['w'], { component: 'split', task: 2 }));
    expect(api.emits.map((e) => e.values)).toEqual([
      [true, '__system', -1, '__tick', [3], false],
      [false, 'split', 2, 'default', ['w'], false],
    ]);
  });

  it('gives the tuple fields Petrel gives: id, component, stream, task, values and repr', async () => {
    const { inst, api } = await start(py(basicBolt('        storm.emit([tup.id, repr(tup), tup == tup])')));
    inst.process(tupleOf(['w'], { id: '-8812', component: 'split', task: 2 }));
    expect(api.emits[0]!.values).toEqual(['-8812', "<Tuple component='split' id='-8812' stream='default' task=2 values=['w']>", true]);
  });
});

describe('errors', () => {
  it('turns an exception into a ComponentError with the Python traceback (the engine logs it as Petrel does)', async () => {
    const spec = py(basicBolt("        raise ValueError('abc')"));
    const { inst, api } = await start(spec, 4);
    const e = caught(() => inst.process(tupleOf(['the cow']))) as PythonComponentError;
    expect(e).toBeInstanceOf(PythonComponentError);
    expect(e.component).toBe(spec.id);
    expect(e.task).toBe(4);
    expect(e.pythonType).toBe('ValueError');
    expect(e.line).toBe(14);
    expect(e.message).toBe('ValueError: abc');
    const module = spec.id.replace('-', '_');
    expect(e.traceback).toBe(
      `Traceback (most recent call last):\n  File "/topology/${module}.py", line 14, in process\n    raise ValueError('abc')\nValueError: abc\n`,
    );
    expect(api.logs).toEqual([]);
    // The interpreter is fine afterwards.
    const other = await start(py(basicBolt("        storm.emit(['ok'])")));
    other.inst.process(tupleOf(['x']));
    expect(other.api.emits).toHaveLength(1);
  });

  it("says what Python 3 calls a Python 2 idiom the code fails on (the book's .iteritems(), xrange)", async () => {
    const { inst } = await start(py(basicBolt('        for k, v in {}.iteritems():\n            pass')));
    const e = caught(() => inst.process(tupleOf(['x']))) as PythonComponentError;
    expect(e.pythonType).toBe('AttributeError');
    expect(e.message).toBe("AttributeError: 'dict' object has no attribute 'iteritems' (Python 2's dict.iteritems(): Python 3 calls this items().)");
    expect(e.traceback).toMatch(/has no attribute 'iteritems'\nPython 2's dict\.iteritems\(\): Python 3 calls this items\(\)\.$/);
    const range = await start(py(basicBolt('        storm.emit([len(xrange(3))])')));
    const r = caught(() => range.inst.process(tupleOf(['x']))) as PythonComponentError;
    expect(r.message).toContain("NameError: name 'xrange' is not defined (Python 2's xrange: Python 3 calls it range().)");
  });

  it('turns FailedException in a BasicBolt into the engine FailedException, without logging', async () => {
    const code = basicBolt("        raise FailedException('no thanks')", 'from petrel.storm import FailedException');
    const { inst, api } = await start(py(code));
    const e = caught(() => inst.process(tupleOf(['x'])));
    expect(e).toBeInstanceOf(FailedException);
    expect(e).not.toBeInstanceOf(PythonComponentError);
    expect((e as Error).message).toBe('no thanks');
    expect(api.logs).toEqual([]);
  });

  it('treats FailedException in a Bolt as a crash (only BasicBolt handles it, as in Storm)', async () => {
    const code = basicBolt("        raise FailedException('x')", 'from petrel.storm import FailedException').replace(/BasicBolt/g, 'Bolt');
    const { inst } = await start(py(code));
    expect(caught(() => inst.process(tupleOf(['x'])))).toBeInstanceOf(PythonComponentError);
  });

  it('reports a syntax error at load with the line and column', async () => {
    const spec = py('from petrel import storm\n\ndef run(:\n    pass\n');
    const e = (await caughtAsync(python.runtime.load(spec))) as PythonComponentError;
    expect(e).toBeInstanceOf(PythonComponentError);
    expect(e.line).toBe(3);
    expect(e.column).toBeGreaterThan(0);
    expect(e.pythonType).toBe('SyntaxError');
    expect(e.message).toMatch(new RegExp(`^SyntaxError: .+ \\(component '${spec.id}', bolt_\\d+\\.py line 3\\)$`));
    expect(e.traceback).toContain('def run(:');
  });

  it('names the package and the component when an import is not available offline', async () => {
    const spec = py(basicBolt("        storm.emit(['x'])", 'import os\nimport nltk.tokenize\nfrom tweepy import API'));
    const e = (await caughtAsync(python.runtime.load(spec))) as PythonComponentError;
    expect(e.message).toContain(`component '${spec.id}' imports 'nltk' (line 4), which is not available offline in Storm Studio`);
    expect(e.message).toContain(`component '${spec.id}' imports 'tweepy' (line 5)`);
    expect(e.line).toBe(4);
  });

  it('accepts an import guarded by try/except ImportError, and explains it if it runs', async () => {
    const extra = 'try:\n    import ujson as json\nexcept ImportError:\n    import json';
    const { inst, api } = await start(py(basicBolt("        storm.emit([json.dumps([1])])\n        __import__('tweepy')", extra)));
    const e = caught(() => inst.process(tupleOf(['x']))) as PythonComponentError;
    expect(api.emits[0]!.values).toEqual(['[1]']);
    expect(e.pythonType).toBe('ModuleNotFoundError');
    expect(e.traceback).toContain(`Storm Studio: component '${e.component}' imports 'tweepy', which is not available offline in Storm Studio`);
  });

  it('reports a module without run(), and a run() that starts nothing', async () => {
    const noRun = py('from petrel.emitter import Bolt\n\nclass B(Bolt):\n    pass\n');
    const loaded = await python.runtime.load(noRun);
    const api = fakeTaskApi();
    const e = caught(() => loaded.create(1, api)) as PythonComponentError;
    expect(e.message).toMatch(/^RuntimeError: bolt_\d+\.py has no module-level run\(\) function/);
    const idle = await python.runtime.load(py('def run():\n    pass\n'));
    expect((caught(() => idle.create(1, fakeTaskApi())) as Error).message).toContain('run() did not start a component');
  });

  it('reports an exception in initialize()', async () => {
    const code = basicBolt('        pass').replace('    def process', "    def initialize(self, conf, context):\n        raise KeyError('missing')\n\n    def process");
    const loaded = await python.runtime.load(py(code));
    const api = fakeTaskApi();
    const inst = loaded.create(2, api);
    const e = caught(() => inst.initialize({}, context(2, 'x'))) as PythonComponentError;
    expect(e.pythonType).toBe('KeyError');
    expect(e.message).toBe("KeyError: 'missing'");
    expect(e.traceback).toMatch(/line 14, in initialize\n {4}raise KeyError\('missing'\)\nKeyError: 'missing'\n$/);
  });

  it('does not let module-level code emit', async () => {
    const loaded = await python.runtime.load(py(basicBolt('        pass', "storm.emit(['too early'])")));
    const e = caught(() => loaded.create(1, fakeTaskApi())) as PythonComponentError;
    expect(e.traceback).toContain('storm.emit() was called while the module was being imported');
  });

  it('reports what is not JSON in getComponentConfiguration and declareOutputFields', async () => {
    const bad = basicBolt('        pass').replace('    def process', '    def getComponentConfiguration(self):\n        return {"k": object()}\n\n    def process');
    const loaded = await python.runtime.load(py(bad));
    expect((caught(() => loaded.create(1, fakeTaskApi())) as PythonComponentError).traceback).toContain('not JSON serializable');
  });
});

describe('configuration and context', () => {
  it('passes conf (custom keys included) and the context to initialize()', async () => {
    const code = basicBolt(
      "        storm.emit([self.conf['topology.workers'], self.conf['my.threshold'], self.context['taskid'], self.context['componentid'], self.context['task->component']['2'], self.task_index])",
    ).replace('    def process', '    def initialize(self, conf, context):\n        self.conf = conf\n        self.context = context\n\n    def process');
    const { inst, api } = await start(py(code), 3, { 'topology.workers': 2, 'my.threshold': 0.75 });
    inst.process(tupleOf(['x']));
    expect(api.emits[0]!.values).toEqual([2, 0.75, 3, expect.stringMatching(/^bolt-\d+$/), 'split', -1]);
  });

  it('reads getComponentConfiguration() and declareOutputFields() as a classmethod', async () => {
    const code = basicBolt('        pass').replace(
      '    def process',
      "    def getComponentConfiguration(self):\n        return {'topology.tick.tuple.freq.secs': 5}\n\n    def process",
    );
    const { inst } = await start(py(code));
    expect(inst.componentConfig).toEqual({ 'topology.tick.tuple.freq.secs': 5 });
    expect(inst.declaredFields).toEqual(['value']);
  });

  it('gives each task its own copy of the module, as Storm gives each task its own process', async () => {
    const code = basicBolt('        SEEN.append(tup.values[0])\n        storm.emit([len(SEEN)])', 'SEEN = []');
    const loaded = await python.runtime.load(py(code));
    const a = fakeTaskApi();
    const b = fakeTaskApi();
    const ia = loaded.create(1, a);
    const ib = loaded.create(2, b);
    ia.process(tupleOf(['x']));
    ia.process(tupleOf(['y']));
    ib.process(tupleOf(['z']));
    expect(a.emits.map((e) => e.values[0])).toEqual([1, 2]);
    expect(b.emits.map((e) => e.values[0])).toEqual([1]);
  });

  it("runs Storm's own storm.py style: import storm, module-level run", async () => {
    const code = `import storm

class Split(storm.BasicBolt):
    def process(self, tup):
        storm.emit([w for w in tup.values[0].split()][:1])

Split().run()
`;
    const { inst, api } = await start(py(code));
    expect(inst.kind).toBe('basicBolt');
    expect(inst.declaredFields).toBeNull();
    inst.process(tupleOf(['a b']));
    expect(api.emits[0]!.values).toEqual(['a']);
  });
});

describe('logging, print, storm.log and reportError', () => {
  it("writes Petrel's line format with the engine's clock", async () => {
    const code = basicBolt(
      "        log.info('got %s', tup.values[0])\n        log.debug('hidden at INFO')\n        log.warning('careful')\n        print('printed', 1)\n        storm.log('via storm')\n        storm.reportError('oops')",
      "import logging\nlog = logging.getLogger('my.bolt')",
    );
    const { inst, api } = await start(py(code), 6);
    api.clock = Date.UTC(2026, 10, 23, 9, 30, 5, 250) / 1000;
    inst.process(tupleOf(['x']));
    expect(api.logs.map((l) => [l.level, l.logger, l.message])).toEqual([
      ['INFO', 'my.bolt', '[2026-11-23 09:30:05,250][my.bolt][INFO]got x'],
      ['WARNING', 'my.bolt', '[2026-11-23 09:30:05,250][my.bolt][WARNING]careful'],
      ['ERROR', 'storm.stdout', '[2026-11-23 09:30:05,250][storm.stdout][ERROR]printed 1'],
      ['INFO', 'ShellBolt', expect.stringMatching(/^ShellLog pid:6, name:bolt-\d+ via storm$/)],
    ]);
    expect(api.errors).toEqual(['oops']);
  });

  it('rounds the log time to the engine clock millisecond', async () => {
    const { inst, api } = await start(py(basicBolt("        log.info('x')", "import logging\nlog = logging.getLogger('t')")));
    api.clock = (Date.UTC(2026, 0, 1) + 7465) / 1000; // 1767225607.465 is not exact as a float
    inst.process(tupleOf(['x']));
    expect(api.logs[0]!.message).toBe('[2026-01-01 00:00:07,465][t][INFO]x');
  });

  it("lets DEBUG through and prints Petrel's BasicBolt profile when the log level is DEBUG", async () => {
    const code = basicBolt("        log.debug('d')", "import logging\nlog = logging.getLogger('b')");
    const { inst, api } = await start(py(code, 'bolt', { 'studio.log.level': 'DEBUG' }));
    for (let i = 0; i < 1000; i++) inst.process(tupleOf(['x']));
    const profile = api.logs.filter((l) => l.logger === 'storm').map((l) => l.message);
    expect(api.logs.filter((l) => l.logger === 'b')).toHaveLength(1000);
    expect(profile.length).toBeGreaterThan(0);
    const pattern =
      /^\[[^\]]+\]\[storm\]\[DEBUG\]BasicBolt profile: total_num_tuples=(\d+), num_tuples=(\d+), avg_read_time=\d+\.\d{6} \(\d+\.\d%\), avg_process_time=\d+\.\d{6} \(\d+\.\d%\), avg_ack_time=\d+\.\d{6} \(\d+\.\d%\)$/;
    let total = 0;
    for (const line of profile) {
      const m = pattern.exec(line);
      expect(m, line).not.toBeNull();
      total += Number(m![2]);
      expect(Number(m![1])).toBe(total);
    }
    expect(total).toBe(1000); // every 1000 tuples (or every second): the last line closes the 1000th
  });

  it('switches levels per component: INFO components stay quiet at DEBUG', async () => {
    const code = basicBolt("        log.debug('d')\n        log.info('i')", "import logging\nlog = logging.getLogger('lv')");
    const debug = await start(py(code, 'bolt', { 'studio.log.level': 'debug' }));
    const info = await start(py(code));
    const warning = await start(py(code), 1, { 'studio.log.level': 'WARNING' });
    for (const c of [debug, info, warning, debug]) c.inst.process(tupleOf(['x']));
    const levels = (api: FakeTaskApi) => api.logs.filter((l) => l.logger === 'lv').map((l) => l.level);
    expect(levels(debug.api)).toEqual(['DEBUG', 'INFO', 'DEBUG', 'INFO']);
    expect(levels(info.api)).toEqual(['INFO']);
    expect(levels(warning.api)).toEqual([]);
  });
});

describe('time and randomness', () => {
  it('charges time.sleep to TaskApi.sleep and reads time.time() from the engine clock', async () => {
    const code = basicBolt('        before = time.time()\n        time.sleep(0.25)\n        storm.emit([before, time.time(), int(time.monotonic())])', 'import time');
    const { inst, api } = await start(py(code));
    api.clock = 1000;
    inst.process(tupleOf(['x']));
    expect(api.sleeps).toEqual([0.25]);
    expect(api.emits[0]!.values).toEqual([1000, 1000.25, 1000]);
  });

  it('rejects a negative sleep as Python does', async () => {
    const { inst } = await start(py(basicBolt('        time.sleep(-1)', 'import time')));
    expect((caught(() => inst.process(tupleOf(['x']))) as PythonComponentError).traceback).toContain('ValueError: sleep length must be non-negative');
  });

  it('seeds random per task from TaskApi.random(), so runs replay', async () => {
    const code = basicBolt(
      "        storm.emit([random.random(), random.randint(1, 1000), random.choice('abcdef'), random.Random().random()])",
      'import random',
    );
    const loaded = await python.runtime.load(py(code));
    const run = (seed: number) => {
      const api = fakeTaskApi(0, seed);
      const inst = loaded.create(seed, api);
      inst.process(tupleOf(['x']));
      inst.process(tupleOf(['x']));
      return api.emits.map((e) => e.values);
    };
    const first = run(7);
    expect(run(7)).toEqual(first);
    expect(run(8)).not.toEqual(first);
  });
});

describe('instances', () => {
  it('replaces the instance of a task that is created again (a restarted worker)', async () => {
    const code = basicBolt("        self.n = getattr(self, 'n', 0) + 1\n        storm.emit([self.n])");
    const loaded = await python.runtime.load(py(code));
    const first = loaded.create(1, fakeTaskApi());
    first.process(tupleOf(['x']));
    const api = fakeTaskApi();
    const second = loaded.create(1, api);
    second.process(tupleOf(['x']));
    expect(api.emits[0]!.values).toEqual([1]);
  });
});

describe('checkSyntax', () => {
  it("returns Python's syntax error with its place, without running anything", async () => {
    const diagnostics = await python.runtime.checkSyntax("import os\nos.remove('x')\ndef f(:\n    pass\n", 'split.py');
    expect(diagnostics).toEqual([
      { line: 3, column: expect.any(Number), endLine: 3, endColumn: expect.any(Number), message: expect.stringMatching(/^SyntaxError: /), severity: 'error' },
    ]);
  });

  it('returns SyntaxWarnings, and nothing for good code', async () => {
    const warned = await python.runtime.checkSyntax("import re\nPATTERN = re.compile('\\d+')\n");
    expect(warned).toEqual([expect.objectContaining({ line: 2, severity: 'warning', message: expect.stringContaining('is an invalid escape sequence') })]);
    expect(await python.runtime.checkSyntax(wordCountExample().components[1]!.code.python!)).toEqual([]);
  });
});

describe('single-string emits crossing together (tasks.py, `pending`)', () => {
  /** A fake task API that also records, in one list, the order of emits, logs, sleeps and times. */
  function ordered(api: FakeTaskApi): string[] {
    const order: string[] = [];
    const { emit, log, sleep, time } = api;
    api.emit = (values, options) => (order.push(`emit ${values.join(',')}`), emit(values, options));
    api.log = (level, message, logger) => (order.push(`log ${message.slice(message.lastIndexOf(']') + 1)}`), log(level, message, logger));
    api.sleep = (s) => (order.push(`sleep ${s}`), sleep(s));
    api.time = () => (order.push('time'), time());
    return order;
  }
  const extra = 'import logging\nimport time\n\nlog = logging.getLogger("t")';

  it('keeps the order of emits against logs, sleeps and the clock, and sends a value holding NUL as it is', async () => {
    const { inst, api } = await start(
      py(basicBolt(`        for w in tup.values[0].split(' '):
            storm.emit([w])
        log.info('after %s', tup.values[0])
        storm.emit(['x\\x00y'])
        storm.emit(['y'])
        time.sleep(0.5)
        storm.emit([time.time() > 0 and 'z'])
        storm.emit(['two', 2])
        storm.emit(['last'])`, extra)),
    );
    const order = ordered(api);
    inst.process(tupleOf(['a b c']));
    inst.process(tupleOf(['d']));
    expect(order.filter((o) => o !== 'time')).toEqual([
      'emit a', 'emit b', 'emit c', 'log after a b c', 'emit x\0y', 'emit y', 'sleep 0.5', 'emit z', 'emit two,2', 'emit last',
      'emit d', 'log after d', 'emit x\0y', 'emit y', 'sleep 0.5', 'emit z', 'emit two,2', 'emit last',
    ]);
    expect(api.emits.every((e) => e.options === undefined)).toBe(true);
  });

  it('an emit the engine refuses fails at its own line (the first such emit of a task crosses alone)', async () => {
    const { inst, api } = await start(py(basicBolt("        storm.emit([tup.values[0]])\n        storm.emit(['second'])")));
    let calls = 0;
    api.emit = () => {
      calls++;
      throw new Error('emit: stream "default" declares 2 fields');
    };
    const e = caught(() => inst.process(tupleOf(['first']))) as PythonComponentError;
    expect(e).toBeInstanceOf(PythonComponentError);
    expect(e.line).toBe(14);
    expect(calls).toBe(1);
  });

  it('emits made before a crash or a FailedException reach the engine first, and thousands in one call arrive in order', async () => {
    const crash = await start(py(basicBolt(`        storm.emit(['warm'])
        storm.emit(['a'])
        storm.emit(['b'])
        if tup.values[0] == 'fail':
            raise FailedException('no')
        if tup.values[0] == 'crash':
            raise ValueError('boom')`, 'from petrel.storm import FailedException')));
    crash.inst.process(tupleOf(['ok']));
    expect(caught(() => crash.inst.process(tupleOf(['fail'])))).toBeInstanceOf(FailedException);
    expect(caught(() => crash.inst.process(tupleOf(['crash'])))).toBeInstanceOf(PythonComponentError);
    expect(crash.api.emits.map((e) => e.values[0]).join(' ')).toBe('warm a b warm a b warm a b');

    const many = await start(py(basicBolt('        for i in range(5000):\n            storm.emit([str(i)])')));
    many.inst.process(tupleOf(['x']));
    expect(many.api.emits.map((e) => e.values[0])).toEqual(Array.from({ length: 5000 }, (_, i) => String(i)));
  });

  it('two tasks of one component, called in turn, each emit through their own task API', async () => {
    const spec = py(basicBolt("        for w in tup.values[0].split(' '):\n            storm.emit([w])"));
    const one = await start(spec, 1);
    const two = await start(spec, 2);
    for (const s of ['a b', 'c d', 'e f']) {
      one.inst.process(tupleOf([s]));
      two.inst.process(tupleOf([s.toUpperCase()]));
    }
    expect(one.api.emits.map((e) => e.values[0]).join('')).toBe('abcdef');
    expect(two.api.emits.map((e) => e.values[0]).join('')).toBe('ABCDEF');
  });
});
