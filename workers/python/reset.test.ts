/**
 * A warm interpreter reused by the next run (the simulation keeps Web Workers holding Pyodide
 * between runs): `python.runtime.reset()` must leave nothing of the previous run behind.
 */
import { describe, expect, it } from 'vitest';
import { bolt, type ComponentSpec } from '../../src/model';
import { fakeTaskApi, tupleOf } from './fake-task-api';
import { createPythonRuntime } from './runtime';
import { usePythonRuntime } from './use-python-runtime';

// The tests reset the runtime where they need to.
const python = usePythonRuntime({ resetAfterEach: false });

/**
 * A bolt that, when its module loads, counts in every place a process keeps state across
 * components: a module it creates, builtins, a standard module's attribute, an environment
 * variable, a file, sys.path, a logger's handlers, logging's level, a module imported lazily.
 * Its process() emits what it sees.
 */
const LEAKY = `import builtins, json, logging, os, sys, types
from petrel import storm
from petrel.emitter import BasicBolt

state = sys.modules.get('leaky_state')
if state is None:
    state = types.ModuleType('leaky_state')
    state.counter = 0
    sys.modules['leaky_state'] = state
state.counter += 1
builtins.leaky_global = getattr(builtins, 'leaky_global', 0) + 1
json.leaky_attr = getattr(json, 'leaky_attr', 0) + 1
os.environ['LEAKY'] = str(int(os.environ.get('LEAKY', '0')) + 1)
with open('/tmp/leaky.txt', 'a') as f:
    f.write('x')
sys.path.append('/leaky')
logging.getLogger('leaky').addHandler(logging.NullHandler())
import fractions
fractions.leaky = True
saved_time = __import__('time').time
json.dumps = lambda *a, **k: 'patched'


class Leaky(BasicBolt):
    def __init__(self):
        super(Leaky, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['what', 'value']

    def process(self, tup):
        import fractions as fr
        storm.emit(['module counter', state.counter])
        storm.emit(['builtins', builtins.leaky_global])
        storm.emit(['json attr', json.leaky_attr])
        storm.emit(['environ', os.environ['LEAKY']])
        storm.emit(['file', len(open('/tmp/leaky.txt').read())])
        storm.emit(['sys.path', sys.path.count('/leaky')])
        storm.emit(['handlers', len(logging.getLogger('leaky').handlers)])
        storm.emit(['fractions', getattr(fr, 'leaky', False)])


def run():
    Leaky().run()
`;

const leaky = (): ComponentSpec => bolt('leaky', { python: LEAKY });

async function seen(): Promise<Record<string, unknown>> {
  const api = fakeTaskApi();
  const inst = (await python.runtime.load(leaky())).create(1, api);
  inst.initialize({}, { taskid: 1, componentid: 'leaky', 'task->component': { '1': 'leaky' } });
  inst.process(tupleOf(['go']));
  return Object.fromEntries(api.emits.map((e) => e.values as [string, unknown]));
}

const FIRST = {
  'module counter': 1,
  builtins: 1,
  'json attr': 1,
  environ: '1',
  file: 1,
  'sys.path': 1,
  handlers: 1,
  fractions: true,
};

describe('python.runtime.reset() between runs', () => {
  it('without a reset, a second load in the same interpreter sees the first one’s state (what reset must undo)', async () => {
    expect(await seen()).toEqual(FIRST);
    const again = await seen();
    expect(again['module counter']).toBe(2);
    expect(again.builtins).toBe(2);
    expect(again['json attr']).toBe(2);
    expect(again.environ).toBe('2');
    expect(again.file).toBe(2);
    expect(again['sys.path']).toBe(2);
    expect(again.handlers).toBe(2);
    python.runtime.reset();
  });

  it('after a reset, the next run starts as in a fresh process: the module-level counter and the globals are gone', async () => {
    expect(await seen()).toEqual(FIRST);
    python.runtime.reset();
    expect(await seen()).toEqual(FIRST);
    python.runtime.reset();
  });

  it('undoes a patched standard function: the runtime and the next component use the real one', async () => {
    await seen();
    python.runtime.reset();
    const api = fakeTaskApi();
    const spec = bolt('plain', {
      python: `import json
from petrel import storm
from petrel.emitter import BasicBolt


class Plain(BasicBolt):
    def __init__(self):
        super(Plain, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['out']

    def process(self, tup):
        storm.emit([json.dumps({'a': 1})])


def run():
    Plain().run()
`,
    });
    const inst = (await python.runtime.load(spec)).create(2, api);
    inst.initialize({}, { taskid: 2, componentid: 'plain', 'task->component': { '2': 'plain' } });
    inst.process(tupleOf(['go']));
    expect(api.emits.map((e) => e.values)).toEqual([['{"a": 1}']]);
    python.runtime.reset();
  });

  it('a component whose module failed half-way leaves nothing either', async () => {
    const broken = bolt('broken', { python: 'import builtins\nbuiltins.half_way = 1\nraise RuntimeError("boom")\n' });
    const loaded = await python.runtime.load(broken);
    expect(() => loaded.create(3, fakeTaskApi())).toThrow(/boom/);
    python.runtime.reset();
    const probe = bolt('probe', {
      python: `import builtins
from petrel import storm
from petrel.emitter import BasicBolt


class Probe(BasicBolt):
    def __init__(self):
        super(Probe, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['out']

    def process(self, tup):
        storm.emit([hasattr(builtins, 'half_way')])


def run():
    Probe().run()
`,
    });
    const api = fakeTaskApi();
    const inst = (await python.runtime.load(probe)).create(4, api);
    inst.initialize({}, { taskid: 4, componentid: 'probe', 'task->component': { '4': 'probe' } });
    inst.process(tupleOf(['go']));
    expect(api.emits.map((e) => e.values)).toEqual([[false]]);
    python.runtime.reset();
  });
});

describe('a SIGINT left in the interrupt buffer', () => {
  it('does not break reset() or dispose() (the watchdog may write it after the last call returned)', async () => {
    const buffer = new Int32Array(new SharedArrayBuffer(4));
    const own = createPythonRuntime({ interruptBuffer: buffer });
    try {
      const inst = (await own.load(leaky())).create(1, fakeTaskApi());
      inst.initialize({}, { taskid: 1, componentid: 'leaky', 'task->component': { '1': 'leaky' } });
      Atomics.store(buffer, 0, 2);
      expect(() => own.reset()).not.toThrow();
      (await own.load(leaky())).create(2, fakeTaskApi());
      Atomics.store(buffer, 0, 2);
    } finally {
      expect(() => own.dispose()).not.toThrow();
    }
  }, 120_000);
});
