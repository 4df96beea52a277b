/**
 * Readable forms of Storm's 64-bit tuple ids and acker XOR values, which the engine gives as 16
 * hex digits (`cfc298af20c20c5c`): a short form for lists (`0xcfc2…0c5c`), a grouped form for
 * detail (`cfc2 98af 20c2 0c5c`), and XOR arithmetic on them without losing bits (BigInt).
 */

const HEX64 = /^[0-9a-f]{16}$/;

/** Whether `id` is a 64-bit id as the engine writes it (16 lower-case hex digits). */
export function isHex64(id: string): boolean {
  return HEX64.test(id);
}

/**
 * `0xcfc2…0c5c`: the first and last four digits. Anything that is not a 64-bit id (an untracked
 * tuple's `u12`) is returned unchanged.
 *
 * @example
 * shortHex('cfc298af20c20c5c') // '0xcfc2…0c5c'
 */
export function shortHex(id: string): string {
  if (!isHex64(id)) return id;
  return `0x${id.slice(0, 4)}…${id.slice(12)}`;
}

/**
 * `0xcfc2 98af 20c2 0c5c`: all 16 digits in groups of four (what a tooltip shows).
 *
 * @example
 * groupedHex('cfc298af20c20c5c') // '0xcfc2 98af 20c2 0c5c'
 */
export function groupedHex(id: string): string {
  if (!isHex64(id)) return id;
  return `0x${id.slice(0, 4)} ${id.slice(4, 8)} ${id.slice(8, 12)} ${id.slice(12)}`;
}

/** The value as the signed long Storm logs (`-3476…`), shown next to the hex form on hover. */
export function signedDecimal(id: string): string {
  if (!isHex64(id)) return id;
  return BigInt.asIntN(64, BigInt(`0x${id}`)).toString();
}

export const ZERO64 = '0000000000000000';

export function isZero64(id: string): boolean {
  return id === ZERO64;
}

/**
 * XOR of 64-bit hex ids, as 16 hex digits.
 *
 * @example
 * xorHex('cfc298af20c20c5c', 'c45c2bf07bd031ae') // '0b9eb35f5b123df2'
 */
export function xorHex(...ids: readonly string[]): string {
  let v = 0n;
  for (const id of ids) v ^= BigInt(`0x${id}`);
  return v.toString(16).padStart(16, '0');
}
