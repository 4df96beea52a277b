import { describe, expect, it } from 'vitest';
import { pythonRepr } from './python-repr';

describe('pythonRepr', () => {
  it('prints values as Python 3 repr prints a list', () => {
    expect(pythonRepr(['moon', 1])).toBe("['moon', 1]");
    expect(pythonRepr([null, true, false, undefined])).toBe('[None, True, False, None]');
    expect(pythonRepr([{ a: 1, 'b c': [2, { d: null }] }, {}, []])).toBe("[{'a': 1, 'b c': [2, {'d': None}]}, {}, []]");
    expect(pythonRepr([])).toBe('[]');
  });

  it('quotes and escapes strings as Python does', () => {
    expect(pythonRepr(["it's"])).toBe(`["it's"]`);
    expect(pythonRepr(['say "hi"'])).toBe(`['say "hi"']`);
    expect(pythonRepr([`both ' and "`])).toBe(`['both \\' and "']`);
    expect(pythonRepr(['a\\b\n\t\r'])).toBe("['a\\\\b\\n\\t\\r']");
    expect(pythonRepr(['\u0000\u0007\u007f\u0085\u00a0'])).toBe("['\\x00\\x07\\x7f\\x85\\xa0']");
    expect(pythonRepr(['ünïcödé 😀 日本'])).toBe("['ünïcödé 😀 日本']");
    expect(pythonRepr(['\u200b\u2028\ud800'])).toBe("['\\u200b\\u2028\\ud800']");
  });

  it('prints numbers as Python ints and floats', () => {
    expect(pythonRepr([0, -3, 2 ** 53 - 1, 12345678901234567890n])).toBe('[0, -3, 9007199254740991, 12345678901234567890]');
    expect(pythonRepr([1.5, -0.25, 0.1 + 0.2, 1e-4, 1e-5, 1.5e-7])).toBe('[1.5, -0.25, 0.30000000000000004, 0.0001, 1e-05, 1.5e-07]');
    expect(pythonRepr([1e16, 2 ** 60, 1.2345678901234566e17, 1e300])).toBe('[1e+16, 1.152921504606847e+18, 1.2345678901234566e+17, 1e+300]');
    expect(pythonRepr([NaN, Infinity, -Infinity, -0])).toBe('[nan, inf, -inf, -0.0]');
  });
});
