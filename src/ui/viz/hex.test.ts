import { describe, expect, it } from 'vitest';
import { groupedHex, isHex64, isZero64, shortHex, signedDecimal, xorHex, ZERO64 } from './hex';

describe('64-bit ids', () => {
  it('shortens to the first and last four digits', () => {
    expect(shortHex('cfc298af20c20c5c')).toBe('0xcfc2…0c5c');
    expect(shortHex(ZERO64)).toBe('0x0000…0000');
  });

  it('groups all digits by four', () => {
    expect(groupedHex('cfc298af20c20c5c')).toBe('0xcfc2 98af 20c2 0c5c');
  });

  it('leaves what is not a 64-bit id alone', () => {
    expect(isHex64('u12')).toBe(false);
    expect(shortHex('u12')).toBe('u12');
    expect(groupedHex('CFC298AF20C20C5C')).toBe('CFC298AF20C20C5C');
    expect(signedDecimal('abc')).toBe('abc');
  });

  it('prints the signed long Storm would log', () => {
    expect(signedDecimal('0000000000000001')).toBe('1');
    expect(signedDecimal('ffffffffffffffff')).toBe('-1');
    expect(signedDecimal('8000000000000000')).toBe('-9223372036854775808');
  });

  it('XORs without losing the high bits', () => {
    // The acker's value after init (cfc2…) and the ack of split's input (c45c…), from a real run.
    expect(xorHex('cfc298af20c20c5c', 'c45c2bf07bd031ae')).toBe('0b9eb35f5b123df2');
    expect(xorHex('ffffffffffffffff', 'ffffffffffffffff')).toBe(ZERO64);
    expect(xorHex()).toBe(ZERO64);
    expect(isZero64(xorHex('8000000000000001', '8000000000000001'))).toBe(true);
  });
});
