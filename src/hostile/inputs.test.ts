/**
 * Hostile-input suite (issue 12, items 3 and 5): every input is bounded before it is expanded, and
 * keys and encodings follow the rules of the formats they come from. Each case failed (or crashed,
 * or ran out of memory) on the code before the fix.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { startEngine } from '../engine/test-kit';
import { exportPetrel, importFiles, type InputFile } from '../formats';
import { EXAMPLES, INPUT_LIMITS, parseDocument, serializeDocument, validate, withLanguage, type TopologyDocument } from '../model';
import { AUTOSAVE_KEY, restoreDocument, startAutosave, UNREADABLE_KEY, type DocumentStorage } from '../store/autosave';
import { createDocumentStore } from '../store/document-store';

const wordCount = () => EXAMPLES[0]!.create();
const petrelFiles = (): { path: string; content: string }[] => {
  const r = exportPetrel(wordCount());
  if (!r.ok) throw new Error('export failed');
  return r.value.files.map((f) => ({ path: `wc/${f.path}`, content: f.content }));
};
const errorsOf = (r: ReturnType<typeof importFiles>) => (r.ok ? [] : r.errors);

describe('YAML is bounded by its expanded size, not by its alias count', () => {
  const item = 'x'.repeat(90);
  const anchored = Array.from({ length: 700 }, () => `    - ${item}`).join('\n');

  it('refuses 99 aliases of a 65 KB list (6 MB once expanded) with the line of the alias', () => {
    const yaml = `name: bomb\nconfig:\n  big: &a\n${anchored}\n${Array.from({ length: 99 }, (_, i) => `  k${i}: *a`).join('\n')}\nspouts: []\n`;
    const [e, ...rest] = errorsOf(importFiles([{ path: 'flux.yaml', content: yaml }]));
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ code: 'E_YAML_EXPANSION', file: 'flux.yaml' });
    expect(e!.line).toBeGreaterThan(703);
    expect(e!.message).toMatch(/5 MB/);
  });

  it('refuses nested aliases ("billion laughs") with fewer than 100 aliases', () => {
    const lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
    const r = importFiles([{ path: 'wc/topology.yaml', content: lines.join('\n') + '\n' }, ...petrelFiles().filter((f) => !f.path.endsWith('topology.yaml'))]);
    expect(errorsOf(r)[0]).toMatchObject({ code: 'E_YAML_EXPANSION', file: 'topology.yaml' });
  });

  it('still reads a Flux file that shares configuration through a few aliases', () => {
    const yaml = 'name: t\nconfig:\n  common: &c {a: 1, b: [1, 2]}\n  other: *c\nspouts:\n  - id: s\n    className: x\n    parallelism: 1\n';
    const r = importFiles([{ path: 'flux.yaml', content: yaml }]);
    expect(r.ok && r.value.document.config.custom.other).toEqual({ a: 1, b: [1, 2] });
  });
});

describe('JSON documents are bounded by depth', () => {
  const nested = (depth: number) => serializeDocument(wordCount()).replace('"custom": {}', `"custom": {"deep": ${'['.repeat(depth)}${']'.repeat(depth)}}`);

  it.each([150, 1_400, 100_000])('refuses nesting %i deep with a line, without a stack overflow', (depth) => {
    const r = parseDocument(nested(depth), 'deep.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ code: 'E_INPUT_TOO_DEEP', file: 'deep.json', line: expect.any(Number) });
  });

  it('reads nesting within the limit', () => {
    expect(parseDocument(nested(INPUT_LIMITS.maxNesting - 10), 'ok.json').ok).toBe(true);
  });
});

describe('a saved document that cannot be restored is set aside, and the app still boots', () => {
  class Storage implements DocumentStorage {
    readonly data = new Map<string, unknown>();
    constructor(saved: unknown) {
      this.data.set(AUTOSAVE_KEY, saved);
    }
    async get(key: string) {
      return this.data.get(key);
    }
    async set(key: string, value: unknown) {
      this.data.set(key, value);
    }
  }
  const deep = '{"version": 2, "x": ' + '['.repeat(200_000) + ']'.repeat(200_000) + '}';
  const huge = serializeDocument(wordCount()).replace('"custom": {}', `"custom": {"pad": "${'x'.repeat(INPUT_LIMITS.maxDocumentBytes)}"}`);
  const cases: [string, unknown][] = [
    ['nested 200,000 deep', deep],
    ['over the size limit', huge],
    ['not JSON', '{"version": 2, '],
    ['not a document', { version: 2 }],
  ];
  it.each(cases)('%s', async (_, saved) => {
    const storage = new Storage(saved);
    const r = await restoreDocument(storage);
    expect(r.source).toBe('example');
    expect(r.problem).toMatch(/could not be read/);
    expect(storage.data.get(UNREADABLE_KEY)).toBe(saved);
  });

  it('never writes an autosave it could not restore (over the document limit)', async () => {
    const storage = new Storage(serializeDocument(wordCount()));
    const store = createDocumentStore(wordCount());
    const statuses: string[] = [];
    const autosave = startAutosave(store, storage, { delayMs: 0, onStatus: (s, m) => statuses.push(`${s}${m ? `: ${m}` : ''}`) });
    store.getState().edit((d) => ({ ...d, config: { ...d.config, custom: { pad: 'x'.repeat(INPUT_LIMITS.maxDocumentBytes) } } }));
    await autosave.flush();
    autosave.stop();
    expect(statuses.at(-1)).toMatch(/^error: .*over the 10 MB/);
    expect((await restoreDocument(storage)).source).toBe('autosave');
  });

  it('boots when reading the storage itself throws a stack overflow', async () => {
    const r = await restoreDocument({ get: () => Promise.reject(new RangeError('Maximum call stack size exceeded')), set: async () => {} });
    expect(r.source).toBe('example');
  });
});

describe('zip entries are checked against their CRC-32 and declared size', () => {
  const entries = (): Zippable => Object.fromEntries(petrelFiles().map((f) => [f.path, [strToU8(f.content), { level: 0 }]]));

  it('refuses an entry whose bytes do not match its CRC', () => {
    const zip = zipSync(entries());
    const at = Buffer.from(zip).indexOf('Storm Studio');
    zip[at] = 'X'.charCodeAt(0);
    const [e] = errorsOf(importFiles([{ path: 'p.zip', content: zip }]));
    expect(e).toMatchObject({ code: 'E_ZIP_CORRUPT', file: 'p.zip' });
    expect(e!.message).toMatch(/wc\/\S+: .*CRC/);
  });

  it('refuses an entry that inflates to less than its declared size (no silent truncation)', () => {
    const files = petrelFiles();
    const create = files.find((f) => f.path === 'wc/create.py')!;
    const zip = zipSync({ 'wc/create.py': strToU8(create.content) });
    // Shrink the declared size in the central directory and the local header.
    const view = new DataView(zip.buffer);
    const central = Buffer.from(zip).lastIndexOf(Buffer.from([0x50, 0x4b, 1, 2]));
    view.setUint32(central + 24, 200, true);
    view.setUint32(22, 200, true);
    const [e] = errorsOf(importFiles([{ path: 'p.zip', content: zip }]));
    expect(e).toMatchObject({ code: 'E_ZIP_CORRUPT' });
    expect(e!.message).toMatch(/create\.py/);
  });
});

describe('__proto__ and constructor are ordinary keys', () => {
  it('in a JSON document: topology and component configuration', () => {
    const text = serializeDocument(wordCount())
      .replace('"custom": {}', '"custom": {"__proto__": {"polluted": 1}, "constructor": 2}')
      .replace('"config": {},', '"config": {"__proto__": 3},');
    const r = parseDocument(text, 'p.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.value.config.custom)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(r.value.config.custom, '__proto__')?.value).toEqual({ polluted: 1 });
    expect(Object.keys(r.value.components.find((c) => Object.keys(c.config).length)!.config)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const again = parseDocument(serializeDocument(r.value), 'again.json');
    expect(again.ok && serializeDocument(again.value)).toBe(serializeDocument(r.value));
    expect(serializeDocument(r.value)).toContain('"__proto__": {');
  });

  it("in a Petrel project's topology.yaml", () => {
    const files = petrelFiles().map((f) => (f.path.endsWith('topology.yaml') ? { ...f, content: `${f.content}__proto__: {polluted: 1}\nconstructor: 2\n` } : f));
    const r = importFiles(files);
    expect(r.ok).toBe(true);
    if (r.ok) expect(Object.keys(r.value.document.config.custom)).toEqual(expect.arrayContaining(['__proto__', 'constructor']));
  });
});

describe("Python files follow Python's encoding rules (PEP 263, BOM)", () => {
  const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
  const withCreate = (content: InputFile['content']): InputFile[] => [{ path: 'wc/create.py', content }, ...petrelFiles().filter((f) => !f.path.endsWith('create.py'))];
  const create = () => petrelFiles().find((f) => f.path.endsWith('create.py'))!.content;

  it('a Latin-1 create.py with a coding line keeps é', () => {
    const r = importFiles(withCreate(latin1(`# -*- coding: latin-1 -*-\n# Café\n${create()}`)));
    expect(errorsOf(r)).toEqual([]);
  });

  it('a Latin-1 component module with a coding line keeps é in the code', () => {
    const files = petrelFiles().map((f) => (f.path === 'wc/split.py' ? { path: f.path, content: latin1(`# vim: set fileencoding=iso-8859-1 :\n# d\u00e9j\u00e0 vu\n${f.content}`) as InputFile['content'] } : f));
    const r = importFiles(files);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.document.components.find((c) => c.id === 'split')!.code.python).toContain('# d\u00e9j\u00e0 vu\n');
  });

  it('undecodable bytes are an error with the line, not U+FFFD', () => {
    const [e] = errorsOf(importFiles(withCreate(latin1(`# one\n# two\n# caf\u00e9\n${create()}`))));
    expect(e).toMatchObject({ code: 'E_ENCODING', file: 'wc/create.py', line: 3 });
  });

  it('a UTF-8 BOM with a different coding line is an error, as in Python', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(`# coding: latin-1\n${create()}`)]);
    const [e] = errorsOf(importFiles(withCreate(bytes)));
    expect(e).toMatchObject({ code: 'E_ENCODING', file: 'wc/create.py', line: 1 });
  });

  it('an unknown encoding is an error on its line', () => {
    const [e] = errorsOf(importFiles(withCreate(strToU8(`#!/usr/bin/env python\n# coding: klingon\n${create()}`))));
    expect(e).toMatchObject({ code: 'E_ENCODING', line: 2 });
    expect(e!.message).toMatch(/klingon/);
  });

  it('a YAML file with a bad byte names its line', () => {
    const bytes = new Uint8Array([...strToU8('name: t\nconfig:\n  a: "'), 0xff, ...strToU8('"\n')]);
    const [e] = errorsOf(importFiles([{ path: 'flux.yaml', content: bytes }]));
    expect(e).toMatchObject({ code: 'E_ENCODING', file: 'flux.yaml', line: 3 });
  });
});

describe('parallelism, tasks, workers and tick period are bounded before anything is allocated', () => {
  const count = (patch: Partial<TopologyDocument['components'][number]>): TopologyDocument => {
    const doc = withLanguage(wordCount(), 'javascript');
    return { ...doc, components: doc.components.map((c) => (c.id === 'count' ? ({ ...c, ...patch } as typeof c) : c)) };
  };
  const cases: [string, TopologyDocument, string][] = [
    ['parallelism 10^6', count({ parallelism: 1e6 }), 'E_LIMIT_PARALLELISM'],
    ['numTasks 10^9', count({ numTasks: 1e9 }), 'E_LIMIT_TASKS'],
    ['a tick period of 10^-9 s', count({ config: { 'topology.tick.tuple.freq.secs': 1e-9 } }), 'E_LIMIT_TICK_FREQ'],
    ['10^5 workers', { ...wordCount(), config: { ...wordCount().config, workers: 1e5 } }, 'E_LIMIT_WORKERS'],
  ];
  it.each(cases)('the engine refuses %s', async (_, doc, code) => {
    expect(validate(doc).map((d) => d.code)).toContain(code);
    await expect(startEngine(doc)).rejects.toThrow(code);
  });
});
