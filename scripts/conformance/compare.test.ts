import { describe, expect, it } from 'vitest';
import { compareRuns, judgeNumber, reach, routeDifferences, routes, shareDistance, shares, tickRates, worst, type ComponentReport, type RunReport, type ScenarioSpec } from './compare';
import { SCENARIOS, CI_SUBSET } from './scenarios';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SCENARIO_DIR } from './scenarios';

const component = (over: Partial<ComponentReport> = {}): ComponentReport => ({
  kind: 'bolt',
  emitted: 0,
  transferred: 0,
  executed: 10,
  acked: 10,
  failed: 0,
  completeLatencyMs: null,
  executeLatencyMs: 0.01,
  processLatencyMs: 0.02,
  capacity: 0,
  throttledMs: null,
  lastError: null,
  tasks: {},
  ...over,
});

const got = (component: string, task: number, value: string) => ({ component, task, message: `got ${value}` });

function report(over: Partial<RunReport> = {}): RunReport {
  return {
    plan: { workers: 1, tasks: { __acker: [1], sink: [2, 3], src: [4] }, executors: [{ component: '__acker', tasks: [1, 1], worker: 0 }, { component: 'sink', tasks: [2, 2], worker: 0 }, { component: 'sink', tasks: [3, 3], worker: 0 }, { component: 'src', tasks: [4, 4], worker: 0 }] },
    components: { src: component({ kind: 'spout', emitted: 10, transferred: 10, executed: 0, completeLatencyMs: 1, executeLatencyMs: null, processLatencyMs: null, capacity: null }), sink: component() },
    logs: [],
    topology: { seconds: 4 },
    ...over,
  };
}

const spec = (over: Partial<ScenarioSpec> = {}): ScenarioSpec => ({ id: 't', what: 'a test', seconds: 4, counts: 'exact', ...over });
const verdictOf = (rows: ReturnType<typeof compareRuns>, figure: string) => rows.find((r) => r.figure === figure)?.verdict;

describe('judgeNumber', () => {
  it('equal is a match; within abs + rel × the larger is within tolerance; beyond is DIFFERENT', () => {
    expect(judgeNumber(10, 10, 0, 0)).toBe('match');
    expect(judgeNumber(100, 80, 0, 0.25)).toBe('within tolerance');
    expect(judgeNumber(100, 74, 0, 0.25)).toBe('DIFFERENT');
    // Latencies: max(10 ms, 50 %): 0.01 ms against 3 ms is within the absolute 10 ms.
    expect(judgeNumber(0.01, 3, 10, 0.5)).toBe('within tolerance');
    expect(judgeNumber(80, 170, 5, 0.5)).toBe('DIFFERENT');
    expect(judgeNumber(80, 150, 5, 0.5)).toBe('within tolerance');
  });
});

describe('routes', () => {
  const r = report({ logs: [got('sink', 2, 'a'), got('sink', 3, 'b'), got('sink', 2, 'a'), got('other', 9, 'a'), { component: 'sink', task: 2, message: 'tick' }] });

  it('reads value → task → times from a bolt\'s got lines only', () => {
    expect(routes(r, 'sink')).toEqual(new Map([['a', new Map([[2, 2]])], ['b', new Map([[3, 1]])]]));
  });

  it('route differences name the value and both sides\' tasks', () => {
    const other = report({ logs: [got('sink', 2, 'a'), got('sink', 2, 'a'), got('sink', 2, 'b')] });
    expect(routeDifferences(routes(r, 'sink'), routes(r, 'sink'))).toEqual([]);
    expect(routeDifferences(routes(r, 'sink'), routes(other, 'sink'))).toEqual(['b: 3 vs 2']);
    expect(routeDifferences(routes(r, 'sink'), new Map())).toEqual(['a: 2×2 vs -', 'b: 3 vs -']);
  });

  it('shares add up to 1 and their distance is the largest per-task difference, a task never reached counting 0', () => {
    const a = shares(new Map([['x', new Map([[1, 3], [2, 1]])]]));
    expect(a).toEqual(new Map([[1, 0.75], [2, 0.25]]));
    expect(shareDistance(a, new Map([[1, 0.5], [2, 0.5]]))).toBeCloseTo(0.25);
    expect(shareDistance(a, new Map([[1, 0.75], [3, 0.25]]))).toBeCloseTo(0.25);
  });

  it('reach lists the tasks each sender reached when values name their sender, else nothing', () => {
    const m = routes(report({ logs: [got('sink', 1, 's5:0'), got('sink', 2, 's5:1'), got('sink', 3, 's6:0'), got('sink', 3, 's6:1')] }), 'sink');
    expect(reach(m)).toBe('s5→1,2 s6→3');
    expect(reach(routes(r, 'sink'))).toBe('');
  });
});

describe('compareRuns', () => {
  it('identical runs: every figure matches', () => {
    const rows = compareRuns(spec({ routing: { sink: 'exact' } }), report({ logs: [got('sink', 2, 'a')] }), report({ logs: [got('sink', 2, 'a')] }), { uptimeSecs: {} });
    expect(rows.length).toBeGreaterThan(8);
    expect(worst(rows)).toBe('match');
  });

  it('the plan is compared exactly: another task range or worker is DIFFERENT', () => {
    const storm = report();
    const moved = { ...storm, plan: { ...storm.plan, executors: storm.plan.executors.map((e) => (e.component === 'src' ? { ...e, worker: 1 } : e)) } };
    const rows = compareRuns(spec(), report(), moved, { uptimeSecs: {} });
    expect(verdictOf(rows, 'plan: executors (tasks, worker)')).toBe('DIFFERENT');
    expect(verdictOf(rows, 'plan: tasks')).toBe('match');
  });

  it('finite spouts: counts must be equal; spouts that run until the end: within 25 %', () => {
    const storm = report({ components: { ...report().components, sink: component({ executed: 9, acked: 9 }) } });
    expect(verdictOf(compareRuns(spec(), report(), storm, { uptimeSecs: {} }), 'sink.executed')).toBe('DIFFERENT');
    expect(verdictOf(compareRuns(spec({ counts: 'rate' }), report(), storm, { uptimeSecs: {} }), 'sink.executed')).toBe('within tolerance');
  });

  it('exact routing: one value on another task is DIFFERENT, and the note says which', () => {
    const rows = compareRuns(spec({ routing: { sink: 'exact' } }), report({ logs: [got('sink', 2, 'a'), got('sink', 3, 'b')] }), report({ logs: [got('sink', 2, 'a'), got('sink', 2, 'b')] }), { uptimeSecs: {} });
    const row = rows.find((r) => r.figure === 'routing: sink')!;
    expect(row.verdict).toBe('DIFFERENT');
    expect(row.note).toContain('b: 3 vs 2');
  });

  it('drawn routing: shares within 10 points pass, beyond fail; the tasks each sender reached must be the same', () => {
    const spread = (n2: number, n3: number, sender = 's9') => [...Array.from({ length: n2 }, (_, i) => got('sink', 2, `${sender}:a${i}`)), ...Array.from({ length: n3 }, (_, i) => got('sink', 3, `${sender}:b${i}`))];
    const s = spec({ routing: { sink: 'distribution' } });
    const near = compareRuns(s, report({ logs: spread(50, 50) }), report({ logs: spread(55, 45) }), { uptimeSecs: {} });
    expect(verdictOf(near, 'routing: sink (shares)')).toBe('within tolerance');
    expect(verdictOf(near, 'routing: sink (tasks each sender reached)')).toBe('match');
    const far = compareRuns(s, report({ logs: spread(50, 50) }), report({ logs: spread(100, 0) }), { uptimeSecs: {} });
    expect(verdictOf(far, 'routing: sink (shares)')).toBe('DIFFERENT');
    expect(verdictOf(far, 'routing: sink (tasks each sender reached)')).toBe('DIFFERENT');
  });

  it('latencies: within max(10 ms, 50 %); a listed departure that differs is a departure, with its reason', () => {
    const storm = report({ components: { ...report().components, sink: component({ executeLatencyMs: 0.05, processLatencyMs: 90 }) } });
    const sim = report({ components: { ...report().components, sink: component({ executeLatencyMs: 20, processLatencyMs: 60 }) } });
    const rows = compareRuns(spec({ timings: ['sink.executeLatencyMs', 'sink.processLatencyMs'], departures: { 'sink.executeLatencyMs': 'shell bolts' } }), sim, storm, { uptimeSecs: {} });
    expect(rows.find((r) => r.figure === 'sink.executeLatencyMs')).toMatchObject({ verdict: 'departure', note: 'shell bolts' });
    expect(verdictOf(rows, 'sink.processLatencyMs')).toBe('within tolerance');
  });

  it('capacity: Storm\'s is taken over the run\'s seconds, not the executor\'s uptime', () => {
    const sim = report({ components: { ...report().components, sink: component({ capacity: 0.5 }) } });
    // Storm: busy 2 s over an uptime of 16 s → 0.125; over the run's 4 s → 0.5.
    const storm = report({ components: { ...report().components, sink: component({ capacity: 0.125 }) } });
    const s = spec({ timings: ['sink.capacity'] });
    expect(verdictOf(compareRuns(s, sim, storm, { uptimeSecs: { sink: 16 } }), 'sink.capacity')).toBe('match');
    expect(verdictOf(compareRuns(s, sim, storm, { uptimeSecs: { sink: 4 } }), 'sink.capacity')).toBe('DIFFERENT');
  });

  it('backpressure: whether the spout was held back, not for how long', () => {
    const held = (ms: number) => report({ components: { ...report().components, src: component({ kind: 'spout', throttledMs: ms }) } });
    const s = spec({ timings: ['src.throttledMs'] });
    expect(verdictOf(compareRuns(s, held(12), held(800), { uptimeSecs: {} }), 'src.throttledMs')).toBe('match');
    expect(verdictOf(compareRuns(s, held(12), held(0), { uptimeSecs: {} }), 'src.throttledMs')).toBe('DIFFERENT');
  });

  it('ticks: per-task rates over each side\'s span; a task without ticks counts 0 per second', () => {
    const ticks = (task: number, n: number) => Array.from({ length: n }, () => ({ component: 'sink', task, message: 'tick' }));
    const sim = report({ logs: [...ticks(2, 4), ...ticks(3, 4)] });
    expect(tickRates(sim, 'sink', 4)).toEqual(new Map([[2, 1], [3, 1]]));
    const s = spec({ ticks: ['sink'] });
    expect(verdictOf(compareRuns(s, sim, report({ logs: [...ticks(2, 11), ...ticks(3, 12)] }), { uptimeSecs: { sink: 12 } }), 'ticks: sink (per task)')).toBe('within tolerance');
    expect(verdictOf(compareRuns(s, sim, report({ logs: ticks(2, 12) }), { uptimeSecs: { sink: 12 } }), 'ticks: sink (per task)')).toBe('DIFFERENT');
  });

  it('last errors are compared when either side has one', () => {
    const failing = (msg: string | null) => report({ components: { ...report().components, sink: component({ lastError: msg }) } });
    expect(verdictOf(compareRuns(spec(), failing('RangeError: x'), failing('RangeError: x'), { uptimeSecs: {} }), 'sink.lastError')).toBe('match');
    expect(verdictOf(compareRuns(spec(), failing('RangeError: x'), failing(null), { uptimeSecs: {} }), 'sink.lastError')).toBe('DIFFERENT');
    expect(verdictOf(compareRuns(spec(), failing(null), failing(null), { uptimeSecs: {} }), 'sink.lastError')).toBeUndefined();
  });

  it('a component on one side only is DIFFERENT', () => {
    const { sink: _, ...rest } = report().components;
    expect(worst(compareRuns(spec(), report(), report({ components: rest }), { uptimeSecs: {} }))).toBe('DIFFERENT');
  });
});

describe('the scenarios', () => {
  it('are at least 12, each a checked-in document, with unique ids; the CI subset is among them', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
    for (const s of SCENARIOS) expect(existsSync(join(SCENARIO_DIR, `${s.id}.json`)), s.id).toBe(true);
    for (const id of CI_SUBSET) expect(SCENARIOS.map((s) => s.id)).toContain(id);
  });
});
