import { describe, expect, it } from 'vitest';
import { parseFieldList, parseNumber } from './fields';
import { parseJsonValue } from './topology-settings';

describe('inspector parsing', () => {
  it('parses numbers with the rule in the message', () => {
    expect(parseNumber('3', { min: 1, integer: true }, 'Parallelism')).toEqual({ value: 3 });
    expect(parseNumber('0', { min: 1, integer: true }, 'Parallelism')).toEqual({ error: 'Parallelism must be a whole number ≥ 1.' });
    expect(parseNumber('1.5', { min: 1, integer: true }, 'Parallelism')).toEqual({ error: 'Parallelism must be a whole number ≥ 1; "1.5" is not.' });
    expect(parseNumber('abc', { min: 0, exclusive: true }, 'The tick frequency')).toEqual({ error: 'The tick frequency must be a number > 0; "abc" is not.' });
    expect(parseNumber('0', { min: 0, exclusive: true }, 'The tick frequency')).toEqual({ error: 'The tick frequency must be a number > 0.' });
    expect(parseNumber(' ', { min: 1, nullable: true }, 'Tasks')).toEqual({ value: null });
    expect(parseNumber('', { min: 1 }, 'Workers')).toEqual({ error: 'Workers is required.' });
    expect(parseNumber('Infinity', { min: 0 }, 'Cost')).toEqual({ error: 'Cost must be a number ≥ 0; "Infinity" is not.' });
  });

  it('splits field lists', () => {
    expect(parseFieldList(' word ,  count ')).toEqual(['word', 'count']);
    expect(parseFieldList('')).toEqual([]);
    expect(parseFieldList('a,,b')).toEqual(['a', '', 'b']);
  });

  it('reads JSON values and suggests quotes for bare text', () => {
    expect(parseJsonValue('42')).toEqual({ value: 42 });
    expect(parseJsonValue('{"a": [1, true]}')).toEqual({ value: { a: [1, true] } });
    const bare = parseJsonValue('hello');
    expect('error' in bare && bare.error).toMatch(/^Not a JSON value \(.*\)\. Text needs quotes: "hello"\.$/);
  });
});
