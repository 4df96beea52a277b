import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bolt, serializeDocument, spout, subscribe, topology, withLanguage, wordCountExample } from '../src/model';

const dir = mkdtempSync(join(tmpdir(), 'storm-simulate-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

function simulate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/simulate.ts', ...args], { cwd: join(import.meta.dirname, '..'), maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const spoutJs = 'export default class S extends Spout { initialize() { this.n = 0; } nextTuple() { storm.sleep(0.01); this.n++; storm.emit([this.n], { id: this.n }); } }';

describe('npm run simulate', () => {
  it('--json: the contract fields, deterministic for a seed', async () => {
    const input = file('wc.json', serializeDocument(withLanguage(wordCountExample(), 'javascript')));
    const a = await simulate(input, '--seconds', '5', '--seed', '3', '--json');
    expect(a.code).toBe(0);
    const j = JSON.parse(a.stdout);
    expect(j.plan.tasks).toEqual({ __acker: [1], count: [2, 3, 4], sentences: [5], split: [6, 7] });
    expect(j.plan.executors[0]).toEqual({ component: '__acker', tasks: [1, 1], worker: 0 });
    const count = j.components.count;
    for (const key of ['emitted', 'transferred', 'executed', 'acked', 'failed', 'completeLatencyMs', 'executeLatencyMs', 'processLatencyMs', 'capacity', 'tasks']) expect(count).toHaveProperty(key);
    expect(Object.keys(count.tasks)).toEqual(['2', '3', '4']);
    expect(count.tasks['2']).toEqual({ executed: expect.any(Number), emitted: expect.any(Number) });
    // Storm 2.x: the time the acker held each tree (split and count, 0.01 ms a call, and the queues),
    // not the spout's 10 ms sleep in nextTuple that an ack waits out before the spout takes it.
    expect(j.components.sentences.completeLatencyMs).toBeGreaterThan(0);
    expect(j.components.sentences.completeLatencyMs).toBeLessThan(9);
    expect(j.components.split.executed).toBeGreaterThan(400);
    expect(j.logs[0]).toEqual({ time: 0, component: 'sentences', task: 5, level: 'INFO', message: 'sentence spout ready on task 5' });
    const b = await simulate(input, '--seconds', '5', '--seed', '3', '--json');
    expect(JSON.parse(b.stdout).components).toEqual(j.components);
  }, 60_000);

  it('--clock wall runs one worker thread per Storm worker and merges their counts', async () => {
    const base = withLanguage(wordCountExample(), 'javascript');
    const input = file('wc-wall.json', serializeDocument({ ...base, config: { ...base.config, workers: 2 } }));
    const r = await simulate(input, '--clock', 'wall', '--seconds', '2', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.plan.workers).toBe(2);
    expect(j.topology.clock).toBe('wall');
    expect(j.components.sentences.acked).toBeGreaterThan(50);
    // Tasks of both workers counted: count has tasks on worker 0 and worker 1.
    const workersOfCount = new Set(j.plan.executors.filter((e: { component: string }) => e.component === 'count').map((e: { worker: number }) => e.worker));
    expect(workersOfCount).toEqual(new Set([0, 1]));
    expect(Object.values(j.components.count.tasks as Record<string, { executed: number }>).every((t) => t.executed > 0)).toBe(true);
  }, 60_000);

  it('prints Storm UI-style tables', async () => {
    const input = file('wc2.json', serializeDocument(withLanguage(wordCountExample(), 'javascript')));
    const r = await simulate(input, '--seconds', '2');
    expect(r.code).toBe(0);
    for (const title of ['Topology summary', 'Topology stats', 'Spouts (All time)', 'Bolts (All time)', 'Tasks (All time)']) expect(r.stdout).toContain(title);
    expect(r.stdout).toMatch(/Capacity \(last 10m\)/);
  }, 60_000);

  it('bad input exits non-zero and says what and where', async () => {
    const missing = await simulate(join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No such file or folder/);
    const invalid = file('invalid.json', serializeDocument(topology('i', [spout('s', { javascript: spoutJs, fields: ['n'] }), bolt('b', { javascript: spoutJs, fields: [] })], [subscribe('s', 'b', { kind: 'fields', fields: ['nope'] })])));
    const v = await simulate(invalid);
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(/E_UNKNOWN_FIELD: Subscription s → b: field "nope"/);
    const usage = await simulate(invalid, '--clock', 'sundial');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--clock must be virtual or wall/);
    const syntax = file('syntax.json', serializeDocument(topology('x', [spout('s', { javascript: spoutJs, fields: ['n'] }), bolt('b', { javascript: 'export default class B extends BasicBolt {\n  process(t) { let x = ; }\n}', fields: [] })], [subscribe('s', 'b')])));
    const s = await simulate(syntax);
    expect(s.code).toBe(1);
    expect(s.stderr).toMatch(/SyntaxError: Unexpected token \(component "b", line 2\)/);
  }, 60_000);

  it('stops a component that never returns and names it', async () => {
    const stuck = 'export default class B extends BasicBolt { process(tup) { if (tup.values[0] === 20) { while (true) {} } } }';
    const input = file('stuck.json', serializeDocument(topology('stuck', [spout('s', { javascript: spoutJs, fields: ['n'] }), bolt('spin', { javascript: stuck, fields: [] })], [subscribe('s', 'spin')])));
    const r = await simulate(input, '--seconds', '60');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("component 'spin' (task 3) was stopped after 5 s without returning: its worker thread was terminated and the run ended");
  }, 60_000);

  // A Python bolt that loops forever on the tuple 20, in a topology whose errors fail the tuple.
  const pythonSpout = `import time

from petrel import storm
from petrel.emitter import Spout


class S(Spout):
    def __init__(self):
        super(S, self).__init__(script=__file__)

    def initialize(self, conf, context):
        self.n = 0

    def nextTuple(self):
        time.sleep(0.01)
        self.n += 1
        storm.emit([self.n], id=self.n)


def run():
    S().run()
`;
  const pythonSpin = (loop: string) => `from petrel.emitter import BasicBolt


class Spin(BasicBolt):
    def __init__(self):
        super(Spin, self).__init__(script=__file__)

    def process(self, tup):
        if tup.values[0] == 20:
            while True:
${loop}

def run():
    Spin().run()
`;
  const pythonStuck = (name: string, loop: string) => {
    const doc = topology('pystuck', [spout('s', { python: pythonSpout, fields: ['n'] }), bolt('spin', { python: pythonSpin(loop), fields: [] })], [subscribe('s', 'spin')]);
    return file(name, serializeDocument({ ...doc, simulation: { ...doc.simulation, onError: 'fail-tuple' } }));
  };

  it('interrupts a Python call that never returns (KeyboardInterrupt), quarantines the component, and the run goes on', async () => {
    const r = await simulate(pythonStuck('pystuck.json', '                pass'), '--seconds', '3', '--json');
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').filter((l) => l.includes('was stopped'))).toEqual(["component 'spin' (task 3) was stopped after 5 s without returning: Python was interrupted (KeyboardInterrupt) and 'spin' is quarantined for the rest of the run, the run goes on"]);
    const j = JSON.parse(r.stdout);
    expect(j.components.spin.executed).toBeGreaterThan(100); // past the tuple 20: the run went on
    // Quarantined: every tuple after the stopped one fails without calling the code.
    expect(j.components.spin.failed).toBeGreaterThan(50);
    expect(j.components.spin.executed - j.components.spin.failed).toBeLessThan(25);
    const errors = j.logs.filter((l: { level: string }) => l.level === 'ERROR').map((l: { message: string }) => l.message);
    expect(errors.join('\n')).toMatch(/File "\/topology\/spin\.py", line 11, in process[\s\S]*KeyboardInterrupt/);
    expect(errors).toContain("component 'spin' is quarantined for the rest of the run (stopped by the watchdog after 5 s without returning): its code is not called again; a spout emits nothing, a bolt fails every tuple it receives");
  }, 90_000);

  it('a runaway component costs one watchdog period per run, not one per worker restart', async () => {
    // Every tuple loops: before the quarantine each worker restart met the loop again (5 s each).
    const doc = topology('runaway', [spout('s', { python: pythonSpout, fields: ['n'] }), bolt('spin', { python: pythonSpin('                pass').replace('        if tup.values[0] == 20:\n', '        if True:\n'), fields: [] })], [subscribe('s', 'spin')]);
    const r = await simulate(file('runaway.json', serializeDocument(doc)), '--seconds', '60', '--json');
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').filter((l) => l.includes('was stopped'))).toHaveLength(1);
    const j = JSON.parse(r.stdout);
    expect(j.topology.seconds ?? 60).toBe(60);
    expect(j.logs.filter((l: { message: string }) => l.message.includes('is quarantined for the rest of the run')).length).toBeGreaterThan(0);
    // Every tree of the spout is accounted for, the ones lost with the crashed worker included.
    const t = j.components.s.trees;
    expect(t.acked + t.failed + t.pending + t.lostWithWorker).toBe(t.started);
    expect(t.started).toBeGreaterThan(100);
  }, 120_000);

  it('terminates a Python call that swallows the interrupt', async () => {
    // The interrupt is raised once, almost surely inside the inner loop, and caught.
    const swallow = ['                try:', '                    while True:', '                        pass', '                except KeyboardInterrupt:', '                    pass'].join('\n');
    const r = await simulate(pythonStuck('pyswallow.json', swallow), '--seconds', '3');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("component 'spin' (task 3) was stopped after 5 s without returning: Python was interrupted");
    expect(r.stderr).toContain("component 'spin' (task 3) was stopped after 5 s without returning: it did not stop when interrupted (does it catch KeyboardInterrupt?), so its worker thread was terminated and the run ended");
  }, 90_000);
});
