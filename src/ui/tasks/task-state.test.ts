import { describe, expect, it } from 'vitest';
import type { TaskStates } from '../../engine';
import { componentsWithState, defaultStateComponent, tasksOf } from './task-state';

const field = (name: string, size: number | null) => ({ name, repr: '…', type: size === null ? 'int' : 'dict', size });
const states: TaskStates = {
  time: 5000,
  tasks: [
    { task: 4, component: 'count', language: 'python', state: { fields: [field('_counts', 7)], more: 0 } },
    { task: 2, component: 'count', language: 'python', state: { fields: [field('_counts', 9)], more: 0 } },
    { task: 6, component: 'split', language: 'python', state: { fields: [field('n', null)], more: 0 } },
    { task: 7, component: 'sentences', language: 'python', state: null, note: 'its worker is down' },
  ],
};

describe('what each task keeps', () => {
  it('groups the tasks by component, in task order', () => {
    expect(componentsWithState(states)).toEqual(['count', 'sentences', 'split']);
    expect(tasksOf(states, 'count').map((t) => t.task)).toEqual([2, 4]);
    expect(componentsWithState(null)).toEqual([]);
    expect(tasksOf(null, 'count')).toEqual([]);
  });

  it('shows the selected component, else the one holding the most items', () => {
    expect(defaultStateComponent(states, 'split')).toBe('split');
    expect(defaultStateComponent(states, null)).toBe('count');
    expect(defaultStateComponent(states, 'not-a-component')).toBe('count');
    expect(defaultStateComponent(null, null)).toBeNull();
  });
});
