/**
 * Golden files: each built-in example exported as a Petrel project and as a Storm (Flux) project,
 * in each of its languages, must match the files under `__golden__/<example>/<format>/` byte for
 * byte (warnings in `warnings.json`). The runtimes a Storm project ships are copies of `storm/`
 * files, checked against those instead of being kept a second time here.
 * After an intended change, regenerate them with `UPDATE_GOLDEN=1 npx vitest run src/formats/golden.test.ts`
 * and review the diff.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, withLanguage } from '../model';
import { exportFlux, NODE_RUNTIME_FILE, pythonRuntimeFiles } from './flux/export';
import { RESOURCES_DIR } from './flux/maven';
import { NODE_RUNTIME } from './flux/node-runtime.generated';
import { exportPetrel } from './petrel/export';

/** Files of a Storm project that are the runtimes, not the topology: what each must hold. */
const RUNTIMES: Readonly<Record<string, string>> = {
  [`${RESOURCES_DIR}/${NODE_RUNTIME_FILE}`]: NODE_RUNTIME,
  ...Object.fromEntries(pythonRuntimeFiles().map((f) => [f.path, f.content])),
};

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '__golden__');
const update = process.env.UPDATE_GOLDEN === '1';

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

const cases = EXAMPLES.flatMap((e) => [
  { id: e.id, format: 'petrel', create: e.create },
  { id: e.id, format: 'flux', create: e.create },
  { id: e.id, format: 'flux-javascript', create: () => withLanguage(e.create(), 'javascript') },
]);

describe('exports match the golden files', () => {
  it.each(cases.map((c) => [`${c.id}/${c.format}`, c] as const))('%s', (_, { id, format, create }) => {
    const r = (format === 'petrel' ? exportPetrel : exportFlux)(create());
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const dir = join(GOLDEN, id, format);
    const files = new Map(r.value.files.map((f) => [f.path, f.content]));
    for (const [path, content] of Object.entries(RUNTIMES)) {
      if (!files.has(path)) continue;
      expect(files.get(path), path).toBe(content);
      files.delete(path);
    }
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
