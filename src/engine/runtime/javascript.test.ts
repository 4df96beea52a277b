import { describe, expect, it } from 'vitest';
import { bolt, EXAMPLES, spout } from '../../model';
import { Rng } from '../rng';
import { ComponentError, FailedException, type EmitOptions, type LogLevel, type TaskApi, type TupleView } from '../runtime-api';
import { compileModule, JavaScriptRuntime, userTraceback } from './javascript';
import { RunDatastores } from '../datastore/stores';

/** A TaskApi that records what user code does, on a clock the test sets. */
function fakeApi(seed = 1) {
  const rng = new Rng(seed);
  const calls = { emits: [] as { values: readonly unknown[]; options?: EmitOptions }[], logs: [] as [LogLevel, string][], acks: [] as TupleView[], fails: [] as TupleView[], slept: 0 };
  let now = 1_767_225_600; // seconds
  const stores = new RunDatastores(() => now);
  const api: TaskApi = {
    emit: (values, options) => {
      calls.emits.push({ values, options });
      return [7];
    },
    ack: (t) => void calls.acks.push(t),
    fail: (t) => void calls.fails.push(t),
    log: (level, message) => void calls.logs.push([level, message]),
    reportError: (m) => void calls.logs.push(['ERROR', m]),
    sleep: (s) => void (calls.slept += s),
    time: () => now,
    random: () => rng.random(),
    datastores: () => stores,
  };
  return { api, calls, setTime: (s: number) => (now = s) };
}

const tuple = (values: unknown[], stream = 'default'): TupleView & { isTickTuple(): boolean } => ({
  id: '1',
  component: 'src',
  stream,
  task: 1,
  values,
  isTickTuple: () => stream === '__tick',
});

async function load(code: string, id = 'c', kind: 'spout' | 'bolt' = 'bolt') {
  const spec = kind === 'spout' ? spout(id, { javascript: code, fields: ['x'] }) : bolt(id, { javascript: code, fields: ['x'] });
  return new JavaScriptRuntime().load(spec);
}

describe('JavaScript runtime: compiling', () => {
  it('reports a syntax error with the component and line', async () => {
    const code = 'export default class A extends BasicBolt {\n  process(tup) {\n    let x = ;\n  }\n}\n';
    const err = await load(code, 'split').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ComponentError);
    const ce = err as ComponentError;
    expect(ce.component).toBe('split');
    expect(ce.message).toMatch(/SyntaxError: Unexpected token.*component "split", line 3/);
    expect(ce.traceback).toContain('storm-studio/split.js:3:13');
    expect(ce.traceback).toContain('    let x = ;');
  });

  it('rejects imports, and modules without a default export', () => {
    expect(() => compileModule('a', "import fs from 'fs';\nexport default class A extends Bolt {}")).toThrow(/import is not available.*line 1/);
    expect(() => compileModule('a', 'class A extends Bolt {}')).toThrow(/must `export default` a class/);
  });

  it('accepts anonymous default exports and `export { X as default }`', async () => {
    for (const code of ['export default class extends Spout { nextTuple() { storm.emit([1]); } }', 'class S extends Spout { nextTuple() { storm.emit([1]); } }\nexport { S as default };']) {
      const { api, calls } = fakeApi();
      const inst = (await load(code, 's', 'spout')).create(1, api);
      inst.nextTuple();
      expect(calls.emits).toHaveLength(1);
    }
  });

  it('rejects a default export that is not a component class', async () => {
    const loaded = await load('export default class A {}');
    expect(() => loaded.create(1, fakeApi().api)).toThrow(/must be a class extending Spout, Bolt or BasicBolt/);
  });

  it('compiles every example’s JavaScript code', async () => {
    for (const example of EXAMPLES) {
      for (const c of example.create().components) {
        const inst = (await new JavaScriptRuntime().load(c)).create(1, fakeApi().api);
        expect(inst.kind, `${example.id}/${c.id}`).toBe(c.kind === 'spout' ? 'spout' : c.id === 'rolling-count' ? 'bolt' : 'basicBolt');
        const declared = c.streams.find((s) => s.id === 'default')?.fields ?? [];
        expect(inst.declaredFields, `${example.id}/${c.id}`).toEqual(declared);
      }
    }
  });
});

describe('JavaScript runtime: running', () => {
  it('gives each task its own module scope', async () => {
    const loaded = await load('let seen = 0;\nexport default class A extends BasicBolt { process(t) { seen++; storm.emit([seen]); } }');
    const a = fakeApi();
    const b = fakeApi();
    const ia = loaded.create(1, a.api);
    const ib = loaded.create(2, b.api);
    ia.process(tuple([1]));
    ia.process(tuple([1]));
    ib.process(tuple([1]));
    expect(a.calls.emits.map((e) => e.values)).toEqual([[1], [2]]);
    expect(b.calls.emits.map((e) => e.values)).toEqual([[1]]);
  });

  it('wraps exceptions in ComponentError with the user frames and lines', async () => {
    const code = 'export default class A extends BasicBolt {\n  process(tup) {\n    return tup.values[0].split(" ");\n  }\n}\n';
    const inst = (await load(code, 'split')).create(3, fakeApi().api);
    const err = (() => {
      try {
        inst.process(tuple([null]));
      } catch (e) {
        return e;
      }
    })() as ComponentError;
    expect(err).toBeInstanceOf(ComponentError);
    expect(err.task).toBe(3);
    expect(err.message).toMatch(/^TypeError: Cannot read properties of null/);
    expect(err.traceback).toMatch(/at A\.process \(storm-studio\/split\.js:3:\d+\)/);
    expect(err.traceback).not.toMatch(/engine|node_modules|javascript\.ts/);
  });

  it('lets FailedException through unwrapped', async () => {
    const inst = (await load('export default class A extends BasicBolt { process() { throw new FailedException("nope"); } }')).create(1, fakeApi().api);
    expect(() => inst.process(tuple([1]))).toThrow(FailedException);
  });

  it('shadows Math.random with the task’s seeded generator', async () => {
    const code = 'export default class S extends Spout { nextTuple() { storm.emit([Math.random(), Math.floor(2.7), Math.max(1, 3)]); } }';
    const loaded = await load(code, 's', 'spout');
    const run = (seed: number) => {
      const f = fakeApi(seed);
      const inst = loaded.create(1, f.api);
      inst.nextTuple();
      inst.nextTuple();
      return f.calls.emits.map((e) => e.values);
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
    expect(run(5)[0]!.slice(1)).toEqual([2, 3]);
  });

  it('shadows Date and performance with the engine clock', async () => {
    const code = 'export default class S extends Spout { nextTuple() { storm.emit([Date.now(), new Date().getTime(), new Date(0).getTime(), typeof Date(), performance.now()]); } }';
    const f = fakeApi();
    const inst = (await load(code, 's', 'spout')).create(1, f.api);
    f.setTime(1_767_225_612.5);
    inst.nextTuple();
    expect(f.calls.emits[0]!.values).toEqual([1_767_225_612_500, 1_767_225_612_500, 0, 'string', 12_500]);
  });

  it('captures console into the component log, and forbids timers', async () => {
    const code = 'export default class A extends Bolt { process(t) { console.log("a", 1, {b: 2}); console.warn("w"); console.error(new Error("e").message); storm.log("s"); setTimeout(() => 0, 1); } }';
    const f = fakeApi();
    const inst = (await load(code)).create(1, f.api);
    expect(() => inst.process(tuple([1]))).toThrow(/setTimeout is not available in Storm components/);
    expect(f.calls.logs).toEqual([
      ['INFO', 'a 1 {"b":2}'],
      ['WARNING', 'w'],
      ['ERROR', 'e'],
      ['INFO', 's'],
    ]);
  });

  it('passes emit options, emitDirect, ack, fail, sleep and the component configuration', async () => {
    const code = `export default class A extends Bolt {
      getComponentConfiguration() { return { 'topology.tick.tuple.freq.secs': 3 }; }
      process(t) { storm.emit([1], { stream: 's', anchors: [t] }); storm.emitDirect(4, [2], { stream: 'd' }); storm.ack(t); storm.fail(t); storm.sleep(0.5); }
    }`;
    const f = fakeApi();
    const inst = (await load(code)).create(1, f.api);
    expect(inst.componentConfig).toEqual({ 'topology.tick.tuple.freq.secs': 3 });
    const t = tuple([1]);
    inst.process(t);
    expect(f.calls.emits[0]!.options).toEqual({ stream: 's', anchors: [t] });
    expect(f.calls.emits[1]!.options).toEqual({ stream: 'd', directTask: 4 });
    expect(f.calls.acks).toEqual([t]);
    expect(f.calls.fails).toEqual([t]);
    expect(f.calls.slept).toBe(0.5);
  });

  it('formats thrown non-errors', () => {
    expect(userTraceback('x', 'boom')).toBe('Uncaught boom');
    expect(userTraceback('x', { a: 1 })).toBe('Uncaught {"a":1}');
  });

  it('fails to load a component without JavaScript code', async () => {
    await expect(new JavaScriptRuntime().load(bolt('b', { python: 'x = 1' }))).rejects.toThrow(/has no JavaScript code/);
  });
});
