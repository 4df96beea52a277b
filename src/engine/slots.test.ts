import { describe, expect, it } from 'vitest';
import { slots } from './slots';

describe('slots', () => {
  it('are arrays with no prototype: indexing and length only, filled and dense', () => {
    const a = slots<number | undefined>(4, 7);
    expect(Array.isArray(a)).toBe(true);
    expect(Object.getPrototypeOf(a)).toBeNull();
    expect(a.length).toBe(4);
    expect([0, 1, 2, 3].map((i) => a[i])).toEqual([7, 7, 7, 7]);
    expect(Object.keys(a)).toEqual(['0', '1', '2', '3']);
    a[4] = 9;
    expect(a.length).toBe(5);
    expect('push' in a).toBe(false);
    const b = slots<string>();
    expect(b.length).toBe(0);
  });
});
