import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeValues } from './lineage';
import { hex64 } from './tuple';

describe('hex64', () => {
  it('writes 16 lower-case hex digits, high word first, as unsigned words', () => {
    expect(hex64(0, 0)).toBe('0000000000000000');
    expect(hex64(-1, 255)).toBe('ffffffff000000ff');
    expect(hex64(0x12345678, -0x80000000)).toBe('1234567880000000');
  });

  it('matches toString(16) with padding for any pair of int32 words', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (hi, lo) => {
        expect(hex64(hi, lo)).toBe((hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0'));
      }),
    );
  });
});

describe('describeValues', () => {
  it('is JSON, bigints as 123n, cut with an ellipsis', () => {
    expect(describeValues(['the', 3, null], 120)).toBe('["the",3,null]');
    expect(describeValues([12n, { a: [1n] }], 120)).toBe('["12n",{"a":["1n"]}]');
    expect(describeValues(['abcdefgh'], 6)).toBe('["abc…');
  });

  it('is exactly JSON.stringify cut to max, for any values', () => {
    const value = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 8 }), fc.integer({ min: 2, max: 60 }), (values, max) => {
        const json = JSON.stringify(values);
        expect(describeValues(values, max)).toBe(json.length > max ? json.slice(0, max - 1) + '…' : json);
      }),
      { numRuns: 2000 },
    );
  });

  it('falls back to String() for what JSON cannot hold', () => {
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(describeValues(cyclic, 120)).toBe(String(cyclic));
  });
});
