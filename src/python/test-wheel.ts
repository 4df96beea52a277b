/** Tests' wheels: a real, tiny pure-Python wheel built in memory (no file to vendor). */
import { strToU8, zipSync } from 'fflate';

/** A real (tiny) pure-Python wheel, as `pip wheel` lays one out. */
export function tinyWheel(name = 'wordtools', version = '1.0', files: Record<string, string> = { 'wordtools/__init__.py': 'def shout(w):\n    return w.upper() + "!"\n' }, purelib = true): Uint8Array {
  const info = `${name}-${version}.dist-info`;
  return zipSync({
    ...Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])),
    [`${info}/METADATA`]: strToU8(`Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`),
    [`${info}/WHEEL`]: strToU8(`Wheel-Version: 1.0\nGenerator: storm-studio-test\nRoot-Is-Purelib: ${purelib}\nTag: py3-none-any\n`),
    [`${info}/RECORD`]: strToU8(''),
  });
}
