/**
 * Hostile-input suite (issue 12, item 2): identifiers are data, never code. Each case is what a
 * hostile author can put in a topology someone else opens; each failed on the code before the fix.
 */
import { RunDatastores } from '../engine/datastore/stores';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ComponentError } from '../engine/runtime-api';
import { JavaScriptRuntime } from '../engine/runtime/javascript';
import { importFiles } from '../formats';
import { bolt, componentId, EXAMPLES, parseDocument, serializeDocument, spout, subscribe, topology, validate, type ComponentSpec, type TopologyDocument } from '../model';
import { analyzeModule } from '../python/module-info';
import { readDeclaredFields } from '../model/code-sync';
import { addComponent, componentIdProblem, renameComponent, setStreamFields } from '../model/operations';

const emitted: unknown[][] = [];
const api = {
  emit: (values: readonly unknown[]) => {
    emitted.push([...values]);
    return [1];
  },
  ack: () => {},
  fail: () => {},
  log: () => {},
  reportError: () => {},
  sleep: () => {},
  time: () => 0,
  random: () => 0.5,
  datastores: () => new RunDatastores(() => 0),
};
const tuple = { id: '1', component: 's', stream: 'default', task: 1, values: ['x'] };

/** A JavaScript bolt whose `process` emits whether `Map` is still the real one. */
const mapProbe = 'export default class P extends BasicBolt {\n  process(tup) { storm.emit([Map === globalThis.Map, typeof storm.emit]); }\n}\n';

describe('hostile ids: the JavaScript runtime never splices an id into code', () => {
  it('an id with a newline and a hoisted function does not replace Map for the component', async () => {
    const id = 'p\nfunction Map() { return 1 }';
    const loaded = await new JavaScriptRuntime().load(bolt(id, { javascript: mapProbe, fields: ['ok'] }));
    emitted.length = 0;
    loaded.create(1, api).process(tuple);
    expect(emitted).toEqual([[true, 'function']]);
  });

  it('an id with a line or paragraph separator cannot end the comment either', async () => {
    for (const id of ['p\u2028function storm() {}', 'p\u2029function storm() {}', 'p\r\nfunction storm() {}']) {
      const loaded = await new JavaScriptRuntime().load(bolt(id, { javascript: mapProbe, fields: ['ok'] }));
      emitted.length = 0;
      loaded.create(1, api).process(tuple);
      expect(emitted).toEqual([[true, 'function']]);
    }
  });

  it('an id with a carriage return still loads a valid component (no misleading SyntaxError)', async () => {
    const loaded = await new JavaScriptRuntime().load(bolt('a\r2', { javascript: mapProbe, fields: ['ok'] }));
    expect(() => loaded.create(1, api)).not.toThrow();
  });

  it('a runtime error names the component and keeps its traceback', async () => {
    const code = 'export default class P extends BasicBolt {\n  process(tup) {\n    throw new Error("boom");\n  }\n}\n';
    const loaded = await new JavaScriptRuntime().load(bolt('odd id\n', { javascript: code, fields: ['ok'] }));
    const e = (() => {
      try {
        loaded.create(1, api).process(tuple);
      } catch (x) {
        return x;
      }
    })() as ComponentError;
    expect(e).toBeInstanceOf(ComponentError);
    expect(e.traceback).toMatch(/Error: boom\n.*storm-studio\/odd%20id%0A\.js:3:/);
  });

  it('an exception in declareOutputFields is reported, not ignored', async () => {
    const code = 'export default class P extends BasicBolt {\n  static declareOutputFields() { throw new Error("no fields today"); }\n  process() {}\n}\n';
    const loaded = await new JavaScriptRuntime().load(bolt('fields', { javascript: code, fields: ['ok'] }));
    expect(() => loaded.create(1, api)).toThrow(ComponentError);
    expect(() => loaded.create(1, api)).toThrow(/no fields today/);
  });
});

describe('hostile ids: one id rule, in the designer, validate() and every importer', () => {
  const base = () => EXAMPLES[0]!.create();

  it('validate() refuses an id the designer refuses ("a b")', () => {
    const doc = base();
    const first = doc.components[0]!;
    const renamed: TopologyDocument = { ...doc, components: doc.components.map((c) => (c === first ? { ...c, id: componentId('a b') } : c)) };
    expect(componentIdProblem(doc, 'a b')).not.toBeNull();
    expect(validate(renamed).map((d) => d.code)).toContain('E_INVALID_ID');
  });

  it('constructor, toString, valueOf and hasOwnProperty are ordinary ids', () => {
    for (const id of ['constructor', 'toString', 'valueOf', 'hasOwnProperty']) {
      expect(componentIdProblem(base(), id)).toBeNull();
      const doc = topology('t', [spout(id, { javascript: 'x', fields: ['v'] }), bolt('b', { javascript: 'x' })], [subscribe(id, 'b')]);
      expect(validate(doc)).toEqual([]);
    }
  });

  it('the designer and validate() agree on every string (property)', () => {
    const seed = 12_001;
    const doc = topology('t', [spout('s', { javascript: 'x', fields: ['v'] })], []);
    const idChars = fc.constantFrom(...'aZ09_-. \n\r\t"\'$`\\/:é\u2028\u0000_'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: idChars, maxLength: 70 })), (id) => {
        const designer = componentIdProblem(doc, id) === null;
        const c = { ...doc.components[0]!, id: componentId(id) } as ComponentSpec;
        const diag = validate({ ...doc, components: [c] }).filter((d) => ['E_EMPTY_ID', 'E_SYSTEM_ID', 'E_INVALID_ID'].includes(d.code));
        expect(diag.length === 0).toBe(designer);
      }),
      { seed, numRuns: 400 },
    );
  });

  it('an imported Flux id "a b" is reported as a problem, and nothing is lost', () => {
    const r = importFiles([{ path: 'flux.yaml', content: 'name: t\nspouts:\n  - id: "a b"\n    className: x\n    parallelism: 1\n' }]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.document.components[0]!.id).toBe('a b');
    expect(r.value.warnings.some((w) => w.code === 'W_INVALID_TOPOLOGY' && /"a b": use ASCII letters/.test(w.message) && w.line === 3)).toBe(true);
  });

  it('a saved document with a now-invalid id still opens; the id is reported', () => {
    const doc = topology('t', [spout('a b', { javascript: 'x', fields: ['v'] }), bolt('c', { javascript: 'x' })], [subscribe('a b', 'c')]);
    const r = parseDocument(serializeDocument(doc), 'old.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual(doc);
    expect(validate(r.value).find((d) => d.code === 'E_INVALID_ID')?.target).toEqual({ kind: 'component', id: 'a b', field: 'id' });
  });

  it('a rename to an id with a newline is refused with a message that shows it escaped', () => {
    const r = renameComponent(base(), base().components[0]!.id, 'x\n\u001b[2J');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toContain('"x\\n\\u001b[2J"');
  });
});

describe('hostile ids: messages never carry control characters to a terminal or a log', () => {
  it('every validate() message is printable for ids with newlines and escape sequences', () => {
    const evil = 'x\n\u001b]0;pwned\u0007\r';
    const doc = topology(evil, [spout(evil, { javascript: '', fields: ['a', 'a'] }), bolt(`${evil}2`, {})], [subscribe(evil, `${evil}2`, { kind: 'fields', fields: [evil] }, evil)]);
    const messages = validate(doc).map((d) => d.message);
    expect(messages.length).toBeGreaterThan(3);
    // eslint-disable-next-line no-control-regex
    for (const m of messages) expect(m).not.toMatch(/[\u0000-\u001f\u007f\u2028\u2029]/);
  });
});

describe('hostile field names are data in the code the designer writes', () => {
  const fields = ['a\nimport os', "it's", 'x\u2028y', 'back\\slash', 'tab\there', 'q"uote', '\u0000nul'];
  it.each(['python', 'javascript'] as const)('%s: declareOutputFields reads back exactly, and nothing else is added', async (language) => {
    const start = addComponent(topology('t', [], []), 'spout', { x: 0, y: 0 }, language);
    const r = setStreamFields(start.doc, start.id, 'default', fields);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const code = r.value.components[0]!.code[language]!;
    expect(readDeclaredFields(code, language)).toEqual(fields);
    expect(code.split('\n').length).toBe(start.doc.components[0]!.code[language]!.split('\n').length);
    if (language === 'python') {
      const a = analyzeModule(code);
      expect(a.ok && a.info.fields).toMatchObject({ kind: 'value', value: fields });
    } else {
      const loaded = await new JavaScriptRuntime().load(r.value.components[0]!);
      expect(loaded.create(1, api).declaredFields).toEqual(fields);
    }
  });
});
