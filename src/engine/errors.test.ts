import { describe, expect, it } from 'vitest';
import { errorSummary } from './errors';
import { ComponentError } from './runtime-api';

describe('errorSummary', () => {
  it("says what went wrong in one line: a component error's message, not its traceback's first line", () => {
    const python = new ComponentError('count', 3, 'Traceback (most recent call last):\n  File "/topology/count.py", line 14, in process\nValueError: abc', 'ValueError: abc');
    expect(errorSummary(python)).toBe('ValueError: abc');
    expect(errorSummary(new ComponentError('x', null, '', 'TypeError: boom\nmore'))).toBe('TypeError: boom');
    const plain = new TypeError('bad');
    expect(errorSummary(plain)).toBe('TypeError: bad');
    expect(errorSummary('just text\nsecond')).toBe('just text');
  });
});
