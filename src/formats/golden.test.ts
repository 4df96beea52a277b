/**
 * Golden files: each built-in example exported as a Petrel project and as Flux must match the
 * files under `__golden__/<example>/<format>/` byte for byte (warnings in `warnings.json`).
 * After an intended change, regenerate them with `UPDATE_GOLDEN=1 npx vitest run src/formats/golden.test.ts`
 * and review the diff.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../model';
import { exportFlux } from './flux/export';
import { exportPetrel } from './petrel/export';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '__golden__');
const update = process.env.UPDATE_GOLDEN === '1';

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

describe.each([
  ['petrel', exportPetrel],
  ['flux', exportFlux],
] as const)('%s export matches the golden files', (format, exporter) => {
  it.each(EXAMPLES.map((e) => [e.id, e] as const))('%s', (id, example) => {
    const r = exporter(example.create());
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const dir = join(GOLDEN, id, format);
    const files = new Map(r.value.files.map((f) => [f.path, f.content]));
    files.set('warnings.json', JSON.stringify(r.value.warnings, null, 2) + '\n');
    if (update) {
      rmSync(dir, { recursive: true, force: true });
      for (const [path, content] of files) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
    }
    const golden = listFiles(dir).map((p) => relative(dir, p).split('\\').join('/'));
    expect(golden.sort(), `golden files of ${id}/${format} (run with UPDATE_GOLDEN=1 to create them)`).toEqual([...files.keys()].sort());
    for (const [path, content] of files) expect(content, `${id}/${format}/${path}`).toBe(readFileSync(join(dir, path), 'utf8'));
  });
});
