/**
 * Hostile-input suite (issue 12): a fast-check fuzz of the importers (JSON documents, YAML, create.py
 * projects, zips). Whatever the bytes, an import never throws, never expands past the stated limits
 * (its result is bounded by them), never returns a file in part, and a refused import leaves the
 * open document untouched. Fixed seeds: a failure prints its seed and counterexample, and re-runs
 * the same way.
 */
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFlux, exportPetrel, importFiles, type ExportBundle, type InputFile } from '../formats';
import { EXAMPLES, INPUT_LIMITS, ok, parseDocument, serializeDocument, validate } from '../model';
import { openFiles } from '../store/actions';
import { documentStore, resetDocument } from '../store/document-store';
import { readInputs, registerImporter, runImport } from '../store/importers';

const RUNS = 150;
const bundle = (r: ReturnType<typeof exportPetrel>): ExportBundle => {
  if (!r.ok) throw new Error('export failed');
  return r.value;
};
const example = () => EXAMPLES[2]!.create();
const petrel = bundle(exportPetrel(example()));
const flux = bundle(exportFlux(example()));
const jsonText = serializeDocument(example());
const createPy = petrel.files.find((f) => f.path === 'create.py')!.content;
const fluxYaml = flux.files.find((f) => f.path === 'flux.yaml')!.content;

/** What a successful import may hold at most: every file at its limit, plus the document's own text. */
const MAX_RESULT_CHARS = INPUT_LIMITS.maxProjectBytes + INPUT_LIMITS.maxYamlExpandedBytes + 1024 * 1024;

/** Text edits: insert, delete or replace a stretch, with characters that matter to the formats. */
const piece = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('[', ']', '{', '}', '"', '\\', ':', ',', '\n', '  ', '- ', '&a ', '*a', '<<: *a', '!!python/object:os.system', '__proto__', 'constructor', '\u0000', '\uFEFF', '\u2028', '#', "'", '(', ')', 'lambda: 0', '\r\n', '1e999', '-1', '9'.repeat(30)),
  fc.integer({ min: 1, max: 3000 }).map((n) => '['.repeat(n)),
);
const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), cut: fc.nat({ max: 40 }), text: fc.array(piece, { maxLength: 4 }).map((p) => p.join('')) });
const mutate = (text: string, edits: readonly { at: number; cut: number; text: string }[]) =>
  edits.reduce((t, e) => {
    const i = Math.floor(e.at * t.length);
    return t.slice(0, i) + e.text + t.slice(i + e.cut);
  }, text);

function bounded(r: ReturnType<typeof importFiles>): void {
  if (!r.ok) {
    expect(r.errors.length).toBeGreaterThan(0);
    for (const e of r.errors) expect(typeof e.message).toBe('string');
    return;
  }
  expect(serializeDocument(r.value.document).length).toBeLessThan(MAX_RESULT_CHARS);
  expect(() => validate(r.value.document)).not.toThrow();
}

describe('importer fuzz (fast-check, fixed seeds)', () => {
  it('JSON documents: never throws; what is read writes back and reads again the same', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 4 }), (edits) => {
        const text = mutate(jsonText, edits);
        const r = parseDocument(text, 'fuzz.json');
        if (!r.ok) return;
        expect(() => validate(r.value)).not.toThrow();
        const again = parseDocument(serializeDocument(r.value), 'again.json');
        expect(again.ok && serializeDocument(again.value)).toBe(serializeDocument(r.value));
      }),
      { seed: 12_101, numRuns: RUNS },
    );
  });

  it('YAML (Flux): never throws, never expands past the limit', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 4 }), (edits) => bounded(importFiles([{ path: 'flux.yaml', content: mutate(fluxYaml, edits) }]))),
      { seed: 12_102, numRuns: 60 },
    );
  });

  it('YAML alias graphs (bombs of every shape): refused or bounded', () => {
    const graph = fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(graph, fc.nat({ max: 500 }), (levels, width) => {
        const lines = [`a0: &a0 [${Array.from({ length: Math.max(1, width) }, () => '"lol"').join(', ')}]`];
        levels.forEach((refs, i) => lines.push(`a${i + 1}: &a${i + 1} [${refs.map((r) => `*a${r % (i + 1)}`).join(', ')}]`));
        const r = importFiles([{ path: 'flux.yaml', content: `name: t\nconfig:\n  ${lines.join('\n  ')}\nspouts: []\n` }]);
        bounded(r);
        if (!r.ok) expect(r.errors[0]!.code).toMatch(/E_YAML_EXPANSION|E_INPUT_TOO_DEEP/);
      }),
      { seed: 12_103, numRuns: 60 },
    );
  });

  it('create.py projects: never throws, never runs anything', () => {
    const rest = petrel.files.filter((f) => f.path !== 'create.py').map((f) => ({ path: f.path, content: f.content }));
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 4 }), (edits) => bounded(importFiles([{ path: 'create.py', content: mutate(createPy, edits) }, ...rest]))),
      { seed: 12_104, numRuns: RUNS },
    );
  });

  it('zips: never throws; an entry is never read in part', () => {
    const zip = zipSync(Object.fromEntries(petrel.files.map((f, i) => [`p/${f.path}`, [strToU8(f.content), { level: i % 2 ? 0 : 6 }]])));
    const contents = new Set(petrel.files.map((f) => f.content));
    const flips = fc.array(fc.record({ at: fc.nat({ max: zip.length - 1 }), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(flips, fc.option(fc.nat({ max: zip.length }), { nil: undefined }), (changes, cut) => {
        const bytes = zip.slice(0, cut ?? zip.length);
        for (const c of changes) if (c.at < bytes.length) bytes[c.at] = c.value;
        const r = importFiles([{ path: 'p.zip', content: bytes }]);
        bounded(r);
        if (r.ok) for (const c of r.value.document.components) if (c.code.python) expect(contents.has(c.code.python)).toBe(true);
      }),
      { seed: 12_105, numRuns: RUNS },
    );
  });
});

describe('importer fuzz through the store: a refused import leaves the document untouched', () => {
  let unregister = () => {};
  beforeAll(() => {
    unregister = registerImporter({
      id: 'fuzz.formats',
      label: 'formats',
      extensions: ['.py', '.yaml', '.zip'],
      accepts: (names) => names.some((n) => /\.(py|ya?ml|zip)$/.test(n)),
      async import(files) {
        const inputs = await readInputs(files);
        if (!inputs.ok) return inputs;
        const r = await runImport(inputs.value);
        return r.ok ? ok(r.value.document) : r;
      },
    });
  });
  afterAll(() => unregister());

  it('for JSON, YAML and create.py inputs', async () => {
    const sources: [string, string][] = [['doc.json', jsonText], ['flux.yaml', fluxYaml], ['create.py', createPy]];
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 2 }), fc.array(edit, { minLength: 1, maxLength: 4 }), async (which, edits) => {
        resetDocument(documentStore, EXAMPLES[0]!.create());
        const before = documentStore.getState().doc;
        const [name, text] = sources[which]!;
        const files: InputFile[] = [{ path: name, content: mutate(text, edits) }];
        const r = await openFiles(files.map((f) => new File([f.content as string], f.path)));
        if (!r.ok) expect(documentStore.getState().doc).toBe(before);
        else expect(documentStore.getState().doc).toBe(r.value);
      }),
      { seed: 12_106, numRuns: 60 },
    );
  });
});
