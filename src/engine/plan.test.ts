import { describe, expect, it } from 'vitest';
import { bolt, rollingTopWordsExample, spout, subscribe, topology, wordCountExample } from '../model';
import { buildPlan, integerDivided, partitionFixed, workerOfTask } from './plan';

const js = 'export default class X extends BasicBolt {}';

describe('integerDivided / partitionFixed (Storm Utils)', () => {
  it('matches Storm’s documented examples', () => {
    expect([...integerDivided(5, 3)]).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(partitionFixed(5, [1, 2, 3])).toEqual([[1], [2], [3]]);
    expect(partitionFixed(5, [1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual([[1, 2], [3, 4], [5, 6], [7, 8], [9]]);
    expect(partitionFixed(3, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([[1, 2, 3, 4], [5, 6, 7], [8, 9, 10]]);
    expect(partitionFixed(3, [1, 2, 3, 4, 5])).toEqual([[1, 2], [3, 4], [5]]);
    expect(partitionFixed(1, [7])).toEqual([[7]]);
  });
});

describe('buildPlan', () => {
  it('word count: __acker sorts before lower-case ids', () => {
    const plan = buildPlan(wordCountExample());
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
    expect(plan.taskToComponent['5']).toBe('sentences');
    expect(plan.maxTask).toBe(7);
  });

  it('upper-case ids sort before __acker, lower-case after', () => {
    const doc = topology(
      'caps',
      [
        spout('Source', { javascript: js, fields: ['x'] }),
        bolt('ZED', { javascript: js, fields: ['x'], parallelism: 2 }),
        bolt('alpha', { javascript: js, fields: ['x'] }),
        bolt('_under', { javascript: js, fields: ['x'] }),
      ],
      [subscribe('Source', 'ZED'), subscribe('ZED', 'alpha'), subscribe('alpha', '_under')],
      { workers: 2, ackers: 3 },
    );
    const plan = buildPlan(doc);
    // 'S' (0x53) < 'Z' (0x5A) < '__acker' (0x5F 0x5F) < '_under' (0x5F 0x75) < 'alpha' (0x61)
    expect(plan.tasks).toEqual({ Source: [1], ZED: [2, 3], __acker: [4, 5, 6], _under: [7], alpha: [8] });
    expect(plan.ackers).toBe(3);
    expect(plan.executors.map((e) => `${e.component}[${e.tasks.join('-')}]@${e.worker}`)).toEqual([
      'Source[1-1]@0',
      'ZED[2-2]@1',
      'ZED[3-3]@0',
      '__acker[4-4]@1',
      '__acker[5-5]@0',
      '__acker[6-6]@1',
      '_under[7-7]@0',
      'alpha[8-8]@1',
    ]);
    expect(plan.workerExecutors).toEqual([
      [0, 2, 4, 6],
      [1, 3, 5, 7],
    ]);
  });

  it('splits tasks into contiguous executors, larger first, capped at the task count', () => {
    const doc = topology(
      'split',
      [
        spout('s', { javascript: js, fields: ['x'] }),
        bolt('b', { javascript: js, fields: ['x'], parallelism: 3, numTasks: 5 }),
        bolt('c', { javascript: js, fields: ['x'], parallelism: 4, numTasks: 2 }),
      ],
      [subscribe('s', 'b'), subscribe('b', 'c')],
      { workers: 3 },
    );
    const plan = buildPlan(doc);
    // __acker gets 3 tasks (one per worker): 1-3; b: 4-8; c: 9-10; s: 11
    expect(plan.tasks.b).toEqual([4, 5, 6, 7, 8]);
    const b = plan.executors.filter((e) => e.component === 'b').map((e) => e.tasks);
    expect(b).toEqual([
      [4, 5],
      [6, 7],
      [8, 8],
    ]);
    const c = plan.executors.filter((e) => e.component === 'c').map((e) => e.tasks);
    expect(c).toEqual([
      [9, 9],
      [10, 10],
    ]);
    expect(plan.executors.map((e) => e.worker)).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2]);
    const executorOf = (task: number) => plan.executors.find((e) => e.tasks[0] <= task && task <= e.tasks[1])!.id;
    expect(executorOf(5)).toBe(3);
    expect(executorOf(7)).toBe(4);
    expect(workerOfTask(plan)[11]).toBe(2);
    const worker0 = plan.workerExecutors[0]!.flatMap((id) => plan.executors[id]!.tasks);
    expect([...new Set(worker0)].sort((a, b) => a - b)).toEqual([1, 4, 5, 9]);
  });

  it('has no __acker with zero ackers, and keeps empty workers', () => {
    const doc = topology('z', [spout('s', { javascript: js, fields: ['x'] })], [], { workers: 3, ackers: 0 });
    const plan = buildPlan(doc);
    expect(plan.tasks).toEqual({ s: [1] });
    expect(plan.ackers).toBe(0);
    expect(plan.workerExecutors).toEqual([[0], [], []]);
  });

  it('rolling top words over two workers', () => {
    const plan = buildPlan(rollingTopWordsExample());
    expect(plan.tasks).toEqual({
      __acker: [1, 2],
      'intermediate-rankings': [3, 4, 5, 6],
      'rolling-count': [7, 8, 9, 10],
      split: [11, 12],
      'total-rankings': [13],
      tweets: [14],
    });
    expect(plan.executors.filter((e) => e.worker === 1).map((e) => e.tasks[0])).toEqual([2, 4, 6, 8, 10, 12, 14]);
  });
});
