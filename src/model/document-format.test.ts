import { describe, expect, it } from 'vitest';
import { parseDocument, serializeDocument } from './document-format';
import { EXAMPLES } from './examples';
import { migrate } from './migrations';
import { DOCUMENT_VERSION } from './types';

describe('document format', () => {
  it.each(EXAMPLES.map((e) => [e.id, e] as const))('round-trips the %s example through JSON', (_, example) => {
    const doc = example.create();
    const text = serializeDocument(doc);
    const back = parseDocument(text);
    expect(back).toEqual({ ok: true, value: doc });
    expect(serializeDocument(back.ok ? back.value : doc)).toBe(text);
  });

  it('rejects text that is not JSON, with a line number', () => {
    const r = parseDocument('{\n  "version": 2,\n  "name": oops\n}', 'broken.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]!.message).toMatch(/Not valid JSON/);
    expect(r.errors[0]!.file).toBe('broken.json');
    expect(r.errors[0]!.line).toBe(3);
  });

  it('rejects an empty file', () => {
    const r = parseDocument('');
    expect(r.ok).toBe(false);
  });

  it('rejects JSON that is not a document', () => {
    for (const text of ['[]', '42', 'null', '"x"']) {
      const r = parseDocument(text);
      expect(r.ok, text).toBe(false);
    }
  });

  it('rejects a document of a newer version', () => {
    const doc = { ...EXAMPLES[0]!.create(), version: DOCUMENT_VERSION + 1 };
    const r = parseDocument(JSON.stringify(doc, null, 2));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]!.message).toMatch(/version 3, written by a newer Storm Studio/);
      expect(r.errors[0]!.line).toBe(2);
    }
  });

  it('rejects a document without a version', () => {
    const { version: _v, ...doc } = EXAMPLES[0]!.create();
    const r = parseDocument(JSON.stringify(doc));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/"version"/);
  });

  it('says which value has the wrong shape, and on which line', () => {
    const doc = EXAMPLES[0]!.create();
    const broken = { ...doc, components: doc.components.map((c, i) => (i === 1 ? { ...c, parallelism: 'two' } : c)) };
    const text = JSON.stringify(broken, null, 2);
    const r = parseDocument(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]!.path).toBe('components[1].parallelism');
    const line = text.split('\n').findIndex((l) => l.includes('"two"')) + 1;
    expect(r.errors[0]!.line).toBe(line);
  });

  it('refuses oversized input before parsing it', () => {
    const r = parseDocument(' '.repeat(11 * 1024 * 1024));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/limited to 10 MB/);
  });
});

describe('migrations', () => {
  const v1 = {
    version: 1,
    name: 'old',
    components: [
      { kind: 'spout', id: 's', language: 'javascript', code: 'export default class S extends Spout {}', parallelism: 1, numTasks: null, streams: [{ id: 'default', fields: ['x'], direct: false }], config: {}, position: { x: 0, y: 0 } },
      { kind: 'bolt', id: 'b', language: 'python', code: 'pass', parallelism: 2, numTasks: 4, streams: [], config: {}, position: { x: 1, y: 2 } },
    ],
    subscriptions: [{ id: 'e1', from: 's', stream: 'default', to: 'b', grouping: { kind: 'shuffle' } }],
    config: { workers: 2, ackers: null, messageTimeoutSecs: 30, maxSpoutPending: 10, debug: false, custom: { 'app.key': 'v' } },
  };

  it('migrates a version 1 document: code per language, simulation settings added', () => {
    const r = parseDocument(JSON.stringify(v1));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.version).toBe(2);
    expect(r.value.components[0]!.code).toEqual({ javascript: 'export default class S extends Spout {}' });
    expect(r.value.components[1]!.code).toEqual({ python: 'pass' });
    expect(r.value.components[1]!.costMs).toBeNull();
    expect(r.value.simulation.onError).toBe('crash-worker');
    expect(r.value.config.custom).toEqual({ 'app.key': 'v' });
  });

  it('applies numbered migrations in order', () => {
    const steps = { 1: (d: Record<string, unknown>) => ({ ...d, version: 2, a: 1 }), 2: (d: Record<string, unknown>) => ({ ...d, version: 3, b: (d.a as number) + 1 }) };
    expect(migrate({ version: 1 }, steps, 3)).toEqual({ ok: true, value: { version: 3, a: 1, b: 2 } });
    expect(migrate({ version: 2, a: 5 }, steps, 3)).toEqual({ ok: true, value: { version: 3, a: 5, b: 6 } });
    expect(migrate({ version: 1 }, { 1: steps[1] }, 3).ok).toBe(false);
  });
});
