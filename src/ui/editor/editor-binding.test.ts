import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimalEdit } from './editor-binding';

const apply = (text: string, e: { start: number; end: number; text: string } | null) => (e ? text.slice(0, e.start) + e.text + text.slice(e.end) : text);

describe('minimalEdit', () => {
  it('replaces only what changed', () => {
    expect(minimalEdit("return ['word']", "return ['word', 'n']")).toEqual({ start: 14, end: 14, text: ", 'n'" });
    expect(minimalEdit('abc', 'abc')).toBeNull();
    expect(minimalEdit('aaa', 'aa')).toEqual({ start: 2, end: 3, text: '' });
  });

  it('always turns the old text into the new one (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(apply(a, minimalEdit(a, b))).toBe(b);
      }),
    );
  });
});
