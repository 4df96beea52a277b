/**
 * The mapping from what Storm measured to simulate's report, on a recorded run of the JavaScript
 * word count on Storm 2.8.3 (`__fixtures__/word-count-javascript.run.json`, the runner's output of
 * a 5 s run with --seed 7).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { textReport, type RunInfo } from '../lib/report';
import { errorMessage, planOf, stormJson, stormSnapshot, type StormRun } from './figures';

const run = JSON.parse(readFileSync(join(import.meta.dirname, '__fixtures__', 'word-count-javascript.run.json'), 'utf8')) as StormRun;
const info: RunInfo = { name: run.name, clock: 'wall', seed: 7, seconds: 5, languages: { sentences: 'javascript', split: 'javascript', count: 'javascript' }, notes: [] };

describe('Storm figures as simulate reports them', () => {
  it('the plan is Nimbus\'s assignment: Storm\'s task ids, executors by first task, workers by slot', () => {
    const plan = planOf(run);
    expect(plan.tasks).toEqual({ __acker: [1], count: [2, 3, 4], sentences: [5], split: [6, 7] });
    expect(plan.executors.map((e) => [e.component, e.tasks, e.worker])).toEqual([
      ['__acker', [1, 1], 0],
      ['count', [2, 2], 0],
      ['count', [3, 3], 0],
      ['count', [4, 4], 0],
      ['sentences', [5, 5], 0],
      ['split', [6, 6], 0],
      ['split', [7, 7], 0],
    ]);
    expect([plan.workers, plan.ackers, plan.maxTask]).toEqual([1, 1, 7]);
  });

  it('numbers workers by the lowest task of each slot, whatever the ports', () => {
    const two: StormRun = {
      ...run,
      workers: 2,
      executors: run.executors.map((e) => ({ ...e, port: e.taskStart % 2 === 0 ? 6701 : 1024 })),
    };
    const plan = planOf(two);
    expect(plan.executors.map((e) => e.worker)).toEqual([0, 1, 0, 1, 0, 1, 0]);
    expect(plan.workerExecutors).toEqual([[0, 2, 4, 6], [1, 3, 5]]);
  });

  it('components: executor statistics without system streams agree with Storm UI\'s own aggregates', () => {
    const snap = stormSnapshot(run);
    for (const [id, agg] of Object.entries(run.components)) {
      const w = snap.components[id]!.windows.all;
      expect({ emitted: w.emitted, transferred: w.transferred, acked: w.acked, failed: w.failed }, id).toEqual({ emitted: agg.emitted, transferred: agg.transferred, acked: agg.acked, failed: agg.failed });
      if (agg.kind === 'bolt') expect(w.executed, id).toBe(agg.executed);
    }
    const page = run.components as unknown as Record<string, { executeLatencyMs?: number; processLatencyMs?: number; completeLatencyMs?: number; capacity?: number }>;
    expect(snap.components.count!.windows.all.executeLatencyMs).toBeCloseTo(page.count!.executeLatencyMs!, 9);
    expect(snap.components.count!.windows.all.processLatencyMs).toBeCloseTo(page.count!.processLatencyMs!, 9);
    expect(snap.components.sentences!.windows.all.completeLatencyMs).toBeCloseTo(page.sentences!.completeLatencyMs!, 9);
    expect(snap.components.split!.windows['600'].capacity).toBeCloseTo(page.split!.capacity!, 9);
  });

  it('tasks: Storm\'s per-task counters add up to the components\' figures', () => {
    const j = stormJson(run, info);
    for (const id of ['sentences', 'split', 'count']) {
      const c = j.components[id]!;
      const tasks = Object.values(c.tasks);
      expect(tasks.reduce((a, t) => a + t.emitted, 0), id).toBe(c.emitted);
      expect(tasks.reduce((a, t) => a + t.executed, 0), id).toBe(c.executed);
    }
    expect(j.components.count!.tasks).toEqual({ '2': { executed: 899, emitted: 899 }, '3': { executed: 961, emitted: 961 }, '4': { executed: 344, emitted: 344 } });
    // The acker counts its own (system) streams.
    expect(j.system.__acker!.tasks['1']).toEqual({ executed: 2892, emitted: 344 });
  });

  it('--json: simulate\'s keys; what Storm does not measure is null', () => {
    const j = stormJson(run, info);
    expect(Object.keys(j).sort()).toEqual(['components', 'languages', 'logs', 'notes', 'plan', 'system', 'topology']);
    const s = j.components.sentences!;
    expect(s).toMatchObject({ kind: 'spout', emitted: 344, transferred: 344, acked: 344, failed: 0, timeouts: null, lost: null, throttledMs: 0, lastError: null, capacity: null });
    expect(s.latency).toEqual({ execute: { p50Ms: null, p99Ms: null }, process: { p50Ms: null, p99Ms: null }, complete: { p50Ms: null, p99Ms: null } });
    expect(j.components.count!.throttledMs).toBeNull();
    expect(j.topology).toMatchObject({ name: 'word-count', clock: 'wall', seed: 7, seconds: 5, timeMs: 5001, events: null, restarts: null, emitted: 4752, transferred: 2548, acked: 344, failed: 0 });
    expect(j.logs[0]).toEqual({ time: 787, component: 'sentences', task: 5, level: 'INFO', message: 'sentence spout ready on task 5' });
  });

  it('prints simulate\'s tables', () => {
    const text = textReport(stormSnapshot(run), info);
    expect(text).toMatch(/^word-count +wall +7 +5\.0 s +1 +7 +7 /m);
    expect(text).toMatch(/^sentences +1 +1 +344 +344 +6\.974 +- +344 +0 /m);
    expect(text).toMatch(/^count +2 +\[2-2\] +0 +899 +899 +899 +0 +0$/m);
  });

  it('errors: the component\'s message, without the wrapper Storm puts around it', () => {
    expect(errorMessage('java.lang.Exception: Shell Process Exception: RangeError: too far\n    at B.boom (storm-studio/count.js:5:22)\n\tat org.apache.storm.task.ShellBolt.handleError(ShellBolt.java:1)')).toBe('RangeError: too far');
    expect(errorMessage('java.lang.RuntimeException: pid:12, name:count exitCode:1, errorString: \n\tat x')).toBe('java.lang.RuntimeException: pid:12, name:count exitCode:1, errorString:');
    const t = run.times.running / 1000;
    const withError: StormRun = { ...run, errors: { count: [{ timeSecs: t + 2, error: 'java.lang.Exception: Shell Process Exception: Error: late\n\tat x' }, { timeSecs: t + 1, error: 'java.lang.Exception: Shell Process Exception: Error: early' }] } };
    expect(stormJson(withError, info).components.count!.lastError).toBe('Error: late');
    // What Storm adds after a crash (the broken pipe) does not hide the component's own error.
    const crashed: StormRun = { ...run, errors: { count: [{ timeSecs: t + 1, error: 'java.lang.Exception: Shell Process Exception: RangeError: x\n    at …' }, { timeSecs: t + 1, error: 'java.lang.RuntimeException: org.apache.storm.multilang.NoOutputException: Pipe to subprocess seems to be broken! No output read.' }] } };
    expect(stormJson(crashed, info).components.count!.lastError).toBe('RangeError: x');
    const storms: StormRun = { ...run, errors: { count: [{ timeSecs: t + 1, error: 'java.lang.RuntimeException: pid:1, name:count exitCode:1\n\tat x' }] } };
    expect(stormJson(storms, info).components.count!.lastError).toBe('java.lang.RuntimeException: pid:1, name:count exitCode:1');
  });
});
