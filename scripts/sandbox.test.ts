/**
 * Hostile-input suite (issue 12, item 1; with src/hostile/*.test.ts): component code runs sandboxed in the simulation hosts.
 * Each topology runs as `npm run simulate` runs it: hosts in Node worker threads driven by the
 * app's simulation client (scripts/lib/thread-link.ts). Every escape below reached the host on the
 * code before the sandbox (a file written by a child process, `process`, `import js`); now each is
 * a component error naming the component and the task, and the run goes on (the crashed worker
 * restarts, as Storm's does).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HostSnapshot } from '../src/engine';
import { bolt, spout, subscribe, topology, type ComponentSpec } from '../src/model';
import { launchSimulation, SimulationStartError } from '../src/sim-client/simulation';
import { threadLink } from './lib/thread-link';

const dir = mkdtempSync(join(tmpdir(), 'storm-sandbox-'));
const marker = (name: string) => join(dir, name);

const jsSpout = 'export default class S extends Spout { nextTuple() { storm.sleep(0.5); storm.emit(["x"]); } }';
const pySpout = 'import storm\nclass S(storm.Spout):\n    def nextTuple(self):\n        storm.emit(["x"])\n\ndef run():\n    S().run()\n';

/** A JavaScript bolt whose `process` runs `body`. */
const jsBolt = (id: string, body: string) => bolt(id, { language: 'javascript', javascript: `export default class B extends BasicBolt {\n  process(tup) {\n    ${body}\n  }\n}` });
/** A Python bolt whose `process` runs `body` (indented lines). */
const pyBolt = (id: string, body: string) => bolt(id, { language: 'python', python: `import storm\n\nclass B(storm.BasicBolt):\n    def process(self, tup):\n${body.split('\n').map((l) => `        ${l}`).join('\n')}\n\ndef run():\n    B().run()\n` });

interface Run {
  readonly lines: HostSnapshot['logs'];
}

/** Runs the bolts behind one spout for `seconds` of virtual time; the log lines. */
async function run(s: ComponentSpec, bolts: readonly ComponentSpec[], seconds = 6): Promise<Run> {
  const doc = topology('sandbox', [s, ...bolts], bolts.map((b) => subscribe(s.id, b.id)));
  const logs: HostSnapshot['logs'][] = [];
  const sim = await launchSimulation(doc, { clock: 'virtual', seed: 1, speed: Infinity, until: seconds * 1000 }, { onSnapshot: (snap) => void logs.push(snap.logs) }, { link: threadLink });
  try {
    await sim.finished();
    const last = await sim.snapshot();
    logs.push(last.logs);
    return { lines: logs.flat() };
  } finally {
    await sim.stop();
  }
}

/** The error lines the log has for `component`, each naming it and its task. */
function errorsOf(r: Run, component: string): string[] {
  return r.lines.filter((l) => l.component === component && l.level === 'ERROR' && l.task !== null).map((l) => `[${l.component}:${l.task}] ${l.message}`);
}

describe('JavaScript components are confined to their Compartment (Node worker threads)', () => {
  const touch = (name: string) => `.execSync(${JSON.stringify(`touch ${marker(name)}`)})`;
  it('process, require, Function("return this") and constructor chains reach nothing of the host', async () => {
    const cases: [string, string][] = [
      ['proc', `globalThis.process.getBuiltinModule('child_process')${touch('proc')};`],
      ['req', `require('child_process')${touch('req')};`],
      ['fn', `Function('return this')().process.getBuiltinModule('child_process')${touch('fn')};`],
      ['ctor', `const g = (function () {}).constructor('return this')(); g.process.getBuiltinModule('child_process')${touch('ctor')};`],
      ['chain', `const g = storm.emit.constructor.constructor('return this')(); g.process.getBuiltinModule('child_process')${touch('chain')};`],
      ['asyncCtor', `(async function () {}).constructor('return process')().then((p) => p.getBuiltinModule('child_process')${touch('asyncCtor')});`],
      ['proto', `Object.getPrototypeOf(tup).constructor.constructor('return this')().process.getBuiltinModule('child_process')${touch('proto')};`],
    ];
    const r = await run(spout('s', { language: 'javascript', javascript: jsSpout, fields: ['w'] }), cases.map(([id, body]) => jsBolt(id, body)));
    for (const [id] of cases) {
      expect(existsSync(marker(id)), `${id} escaped the sandbox`).toBe(false);
      const errors = errorsOf(r, id);
      expect(errors.length, `${id}: no component error`).toBeGreaterThan(0);
      expect(errors[0]).toMatch(new RegExp(`^\\[${id}:\\d+\\] .*(TypeError|ReferenceError)`, 's'));
    }
    expect(errorsOf(r, 'req').join('\n')).toMatch(/require is not (a function|defined)/);
    expect(errorsOf(r, 'proc').join('\n')).toMatch(/reading 'getBuiltinModule'/);
    expect(errorsOf(r, 'ctor').join('\n')).toMatch(/not a valid constructor/);
    expect(errorsOf(r, 'chain').join('\n')).toMatch(/not a valid constructor/);
    // The run went on: the spout's tuples kept being emitted and the crashed workers restarted.
    expect(r.lines.some((l) => l.time > 3000)).toBe(true);
  }, 120_000);

  it('import() is refused when the component loads, naming it and the line', async () => {
    const doc = [spout('s', { language: 'javascript', javascript: jsSpout, fields: ['w'] }), jsBolt('dyn', `import('node:child_process').then((cp) => cp${touch('dyn')});`)];
    const start = run(doc[0]!, [doc[1]!]);
    await expect(start).rejects.toThrow(SimulationStartError);
    await expect(start).rejects.toThrow(/"dyn".*line 3|import/s);
    expect(existsSync(marker('dyn'))).toBe(false);
  }, 60_000);
});

describe('Python components cannot reach the JavaScript bridge or the OS (Pyodide in Node worker threads)', () => {
  it('os.system, subprocess, import js, pyodide.ffi and host files are refused, each a component error', async () => {
    const cases: [string, string, RegExp][] = [
      ['system', `import os\nos.system(${JSON.stringify(`touch ${marker('system')}`)})`, /PermissionError: os\.system is not allowed/],
      ['subproc', `import subprocess\nsubprocess.run(['touch', ${JSON.stringify(marker('subproc'))}])`, /ModuleNotFoundError: import of 'subprocess' is not allowed/],
      ['jsmod', `js = __import__('js')\njs.process.getBuiltinModule('child_process').execSync(${JSON.stringify(`touch ${marker('jsmod')}`)})`, /ModuleNotFoundError: import of 'js' is not allowed/],
      ['ffi', `from pyodide.ffi import run_js\nrun_js("process.getBuiltinModule('child_process').execSync('touch ${marker('ffi')}')")`, /ModuleNotFoundError: import of 'pyodide(\.ffi)?' is not allowed/],
      ['importlib', `import importlib\nimportlib.import_module('pyodide_js')`, /ModuleNotFoundError: import of 'pyodide_js' is not allowed/],
      ['passwd', `open('/etc/passwd').read()`, /FileNotFoundError/],
    ];
    const r = await run(spout('s', { python: pySpout, fields: ['w'] }), cases.map(([id, body]) => pyBolt(id, body)), 3);
    for (const [id, , expected] of cases) {
      expect(existsSync(marker(id)), `${id} escaped the sandbox`).toBe(false);
      const errors = errorsOf(r, id);
      expect(errors.length, `${id}: no component error`).toBeGreaterThan(0);
      expect(errors.join('\n')).toMatch(new RegExp(`\\[${id}:\\d+\\]`));
      expect(errors.join('\n'), id).toMatch(expected);
    }
  }, 180_000);

  it('a top-level `import js` is refused when the component loads', async () => {
    const start = run(spout('s', { python: pySpout, fields: ['w'] }), [bolt('top', { python: 'import js\nimport storm\n\nclass B(storm.BasicBolt):\n    def process(self, tup):\n        pass\n\ndef run():\n    B().run()\n' })], 1);
    await expect(start).rejects.toThrow(/top.*js/s);
  }, 120_000);
});

describe('faults are named (issue 12, item 4)', () => {
  it('a component that exhausts the heap ends the run with a failure naming it and its task, not an abort of Node', async () => {
    const hog = jsBolt('hog', 'const all = []; for (;;) all.push(new Array(1 << 20).fill(tup.values.length));');
    const doc = topology('oom', [spout('s', { language: 'javascript', javascript: jsSpout, fields: ['w'] }), hog], [subscribe('s', 'hog')]);
    const failures: { message: string; component: string | null; task: number | null }[] = [];
    const sim = await launchSimulation(doc, { clock: 'virtual', seed: 1, speed: Infinity, until: 5_000 }, { onSnapshot: () => {}, onFailure: (f) => void failures.push(f) }, { link: (i) => threadLink(i, 96), hostNoun: 'worker thread' });
    try {
      await expect(sim.finished()).rejects.toThrow(/component 'hog' \(task \d+\) was running when its worker thread ran out of memory/);
      expect(failures[0]).toMatchObject({ component: 'hog', task: expect.any(Number) });
    } finally {
      await sim.stop();
    }
  }, 60_000);
});
