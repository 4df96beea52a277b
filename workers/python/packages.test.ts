// A document's wheels installed with micropip (vendored, offline) into the worker's Pyodide
// before its components load, gone after a reset, installed again for the next run.
import { describe, expect, it } from 'vitest';
import { bolt, spout, subscribe, topology, type TopologyDocument } from '../../src/model';
import { readWheel } from '../../src/python/wheels';
import { tinyWheel } from '../../src/python/test-wheel';
import { fakeTaskApi, tupleOf } from './fake-task-api';
import { usePythonRuntime } from './use-python-runtime';

// The tests reset the runtime where they need to.
const python = usePythonRuntime({ resetAfterEach: false });

const USER = `from petrel import storm
from petrel.emitter import BasicBolt
from wordtools import shout
import wordtools.extra


class Shout(BasicBolt):
    def __init__(self):
        super(Shout, self).__init__(script=__file__)

    def process(self, tup):
        storm.emit([shout(tup.values[0]), wordtools.extra.N])


def run():
    Shout().run()
`;

const wheel = () => {
  const r = readWheel('wordtools-1.0-py3-none-any.whl', tinyWheel('wordtools', '1.0', { 'wordtools/__init__.py': 'def shout(w):\n    return w.upper() + "!"\n', 'wordtools/extra.py': 'N = 7\n' }));
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const doc = (withPackage: boolean): TopologyDocument => ({
  ...topology('p', [spout('s', { python: 'x = 1\n' }), bolt('shout', { python: USER, fields: ['w', 'n'] })], [subscribe('s', 'shout')]),
  ...(withPackage ? { packages: [wheel()] } : {}),
});

async function shout(d: TopologyDocument): Promise<unknown[][]> {
  await python.runtime.prepare(d);
  const api = fakeTaskApi();
  const inst = (await python.runtime.load(d.components[1]!)).create(2, api);
  inst.initialize({}, { taskid: 2, componentid: 'shout', 'task->component': { '2': 'shout' } });
  inst.process(tupleOf(['moon']));
  return api.emits.map((e) => [...e.values]);
}

describe("a document's Python packages", () => {
  it('are installed with micropip before the components load, reinstalled after a reset, and gone for a document without them', async () => {
    expect(await shout(doc(true))).toEqual([['MOON!', 7]]);
    python.runtime.reset();
    const missing = await shout(doc(false)).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(missing?.message).toContain("imports 'wordtools'");
    python.runtime.reset();
    expect(await shout(doc(true))).toEqual([['MOON!', 7]]);
    python.runtime.reset();
  }, 120_000);

  it('leave neither micropip nor Pyodide reachable to component code', async () => {
    const probe = `from petrel import storm
from petrel.emitter import BasicBolt
import sys


class Probe(BasicBolt):
    def __init__(self):
        super(Probe, self).__init__(script=__file__)

    def process(self, tup):
        out = []
        for name in ('micropip', 'pyodide_js', 'pyodide'):
            try:
                __import__(name)
                out.append(name + ' imported')
            except ImportError as e:
                out.append(str(e).split(' is ')[0])
        storm.emit([sorted(m for m in sys.modules if m.split('.')[0] in ('micropip', 'pyodide_js')), out])


def run():
    Probe().run()
`;
    const d = { ...doc(true), components: [doc(true).components[0]!, bolt('shout', { python: probe, fields: ['m', 'o'] })] };
    const [[modules, out]] = (await shout(d)) as [[string[], string[]]];
    expect(modules).toEqual([]);
    expect(out).toEqual(["import of 'micropip'", "import of 'pyodide_js'", "import of 'pyodide'"]);
    python.runtime.reset();
  }, 120_000);

  it('say which wheel micropip refused', async () => {
    const broken = { ...wheel(), data: btoa('PK\x03\x04 not a zip at all') };
    const e = await python.runtime.prepare({ ...doc(false), packages: [broken] }).then(
      () => null,
      (x: unknown) => x as Error,
    );
    expect(e?.message).toMatch(/^The document's Python packages \(wordtools-1\.0-py3-none-any\.whl\) could not be installed: /);
    python.runtime.reset();
  }, 120_000);
});
