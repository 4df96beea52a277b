import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { floorMod, floorModBy, JavaRandom, javaHash, listHash, longHashWords, stringHash } from './java-hash';

// Reference values printed by a small Java 17 program (String.hashCode, Arrays.deepHashCode,
// Long.hashCode, java.util.Random); see docs/engine.md.
describe('Java hash parity', () => {
  it.each([
    ['the', 114801, 114832, 1],
    ['', 0, 31, 1],
    ['storm', 109770985, 109771016, 2],
    ['apple', 93029210, 93029241, 0],
    ['cow', 98699, 98730, 0],
    ['jumped', -1148867251, -1148867220, 0],
    ['naïve', 104710475, 104710506, 0],
    ['日本語', 25921943, 25921974, 0],
    ['😀', 1772899, 1772930, 2],
    ['hello world', 1794106052, 1794106083, 0],
    ['a much longer string with spaces and numbers 12345', 1891162447, 1891162478, 2],
  ])('String %j: hashCode, list hash and task index of 3', (s, hash, list, index) => {
    expect(stringHash(s)).toBe(hash);
    expect(listHash([s])).toBe(list);
    expect(floorMod(listHash([s]), 3)).toBe(index);
  });

  it.each([
    [[1], 32],
    [[-7], 24],
    [[2147483647], -2147483618],
    [[3000000000], -1294967265], // Long
    [[-3000000000], -1294967266], // Long
    [[9007199254740991], -2097121], // Long
    [[1.5], 1073217567], // Double
    [[-0], -2147483617], // Double -0.0
    [[0.1], -1507852254],
    [[1e300], -164130369],
    [[NaN], 2146959391],
    [[true], 1262],
    [[false], 1268],
    [[null], 31],
    [[undefined], 31],
    [['a', 1], 3969],
    [['word', 2, true], -782064138],
    [[['x', 3]], 4715],
  ])('Arrays.deepHashCode(%j) = %i', (values, expected) => {
    expect(listHash(values)).toBe(expected);
  });

  it('hashes bigints and 64-bit words as Long', () => {
    expect(javaHash(3000000000n)).toBe(javaHash(3000000000));
    expect(javaHash(-1n)).toBe(0);
    expect(longHashWords(0x12345678, 0x9abcdef0 | 0)).toBe(-2004318072);
    expect(longHashWords(0x80000000 | 0, 0)).toBe(-2147483648);
    expect(longHashWords(0x7fffffff, 1)).toBe(2147483646);
  });

  it('hashes plain objects as java.util.Map', () => {
    // {"a": 1}: "a".hashCode() ^ 1 = 97 ^ 1 = 96
    expect(javaHash({ a: 1 })).toBe(96);
    expect(javaHash({ a: 1, b: 2 })).toBe(96 + (98 ^ 2));
  });

  it('floorMod is never negative', () => {
    expect(floorMod(-7, 3)).toBe(2);
    expect(floorMod(-2147483648, 5)).toBe(2);
    expect(floorMod(6, 3)).toBe(0);
  });

  it('floorModBy (by multiplication) equals floorMod for every int32 and divisor', () => {
    const edges = [0, 1, -1, 2147483647, -2147483648, 2147483646, -2147483647];
    for (const n of [1, 2, 3, 5, 7, 641, 65537, 2147483647, 1073741823]) {
      for (const x of [...edges, n, -n, n - 1, 1 - n, 3 * n, -3 * n]) {
        if ((x | 0) !== x) continue;
        expect(floorModBy(x, n, 1 / n)).toBe(floorMod(x, n));
      }
    }
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (x, n) => floorModBy(x, n, 1 / n) === floorMod(x, n)),
      { numRuns: 20000 },
    );
  });
});

describe('JavaRandom', () => {
  it.each([
    [0, [5, 2, 4, 2, 4], 2, 182054484, 502539523],
    [42, [1, 5, 6, 3, 5], 7, 595021505, -1255373459],
    [-5, [5, 6, 2, 6, 1], 5, 617011057, 995770787],
    [114801, [2, 5, 0, 1, 5], 0, 83685242, 700658148],
  ])('new Random(%i) draws as Java', (seed, sevens, eight, big, int) => {
    const r = new JavaRandom(seed);
    expect([0, 1, 2, 3, 4].map(() => r.nextInt(7))).toEqual(sevens);
    expect(r.nextInt(8)).toBe(eight);
    expect(r.nextInt(1000000007)).toBe(big);
    expect(r.nextInt32()).toBe(int);
  });
});
