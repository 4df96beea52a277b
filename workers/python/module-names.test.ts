import { describe, expect, it } from 'vitest';
import { pythonModuleName } from './module-names';

describe('pythonModuleName', () => {
  it('keeps valid ids and makes the others valid identifiers', () => {
    expect(pythonModuleName('count')).toBe('count');
    expect(pythonModuleName('word-count')).toBe('word_count');
    expect(pythonModuleName('2nd.stage')).toBe('c_2nd_stage');
    expect(pythonModuleName('')).toBe('component');
    expect(pythonModuleName('héllo')).toBe('h_llo');
  });

  it('never shadows a module a component could import, nor a keyword', () => {
    expect(pythonModuleName('random')).toBe('random_component');
    expect(pythonModuleName('petrel')).toBe('petrel_component');
    expect(pythonModuleName('storm')).toBe('storm_component');
    expect(pythonModuleName('class')).toBe('class_component');
    expect(pythonModuleName('js')).toBe('js_component');
  });

  it('numbers clashes', () => {
    expect(pythonModuleName('a-b', new Set(['a_b']))).toBe('a_b_2');
    expect(pythonModuleName('a.b', new Set(['a_b', 'a_b_2']))).toBe('a_b_3');
  });
});
