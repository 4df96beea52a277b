import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { componentTemplate } from '../templates';
import { BOOK_EXAMPLES, EXAMPLES, GALLERY } from './index';
import { validate } from '../validate';
import { withLanguage } from '../index';

describe('examples', () => {
  it('start with word count, loaded on a fresh start', () => {
    expect(EXAMPLES[0]!.id).toBe('word-count');
  });

  it.each(EXAMPLES.map((e) => [e.id, e] as const))('%s has Python and JavaScript code for every component', (_, example) => {
    for (const c of example.create().components) {
      expect(c.code.python, c.id).toMatch(/from petrel/);
      expect(c.code.python, c.id).toMatch(/def run\(\):/);
      expect(c.code.javascript, c.id).toMatch(/export default class/);
    }
  });

  it('Python code of every example and template byte-compiles', () => {
    const dir = mkdtempSync(join(tmpdir(), 'storm-examples-'));
    const files: string[] = [];
    for (const example of EXAMPLES) {
      for (const c of example.create().components) {
        const file = join(dir, `${example.id}_${c.id}.py`.replace(/-/g, '_'));
        writeFileSync(file, c.code.python!);
        files.push(file);
      }
    }
    for (const kind of ['spout', 'bolt'] as const) {
      const file = join(dir, `template_${kind}.py`);
      writeFileSync(file, componentTemplate(kind, 'python', `my-${kind}`, ['a', "it's"]));
      files.push(file);
    }
    expect(() => execFileSync('python3', ['-m', 'py_compile', ...files], { stdio: 'pipe' })).not.toThrow();
  });

  it('JavaScript code of every example and template parses', () => {
    const sources = EXAMPLES.flatMap((e) => e.create().components.map((c) => c.code.javascript!));
    sources.push(componentTemplate('spout', 'javascript', 'x', ['a']), componentTemplate('bolt', 'javascript', 'y', ['b']));
    for (const src of sources) {
      // The module's default export becomes a returned class, as the runtime compiles it.
      const body = src.replace(/export default class (\w+)/, 'class $1') + '\nreturn null;';
      expect(() => new Function('Spout', 'BasicBolt', 'Bolt', 'storm', body)).not.toThrow();
    }
  });

  it('declares the fields their code declares', () => {
    for (const example of EXAMPLES) {
      for (const c of example.create().components) {
        const m = /return (\[[^\]]*\])/.exec(c.code.python!.split('def declareOutputFields')[1] ?? '');
        const declared = m ? (JSON.parse(m[1]!.replace(/'/g, '"')) as string[]) : [];
        const defaultStream = c.streams.find((s) => s.id === 'default');
        expect(declared, `${example.id}/${c.id}`).toEqual(defaultStream ? [...defaultStream.fields] : []);
      }
    }
  });
});

describe("the book's examples", () => {
  it('are in the gallery after the examples, and Storm would accept them in both languages', () => {
    expect(GALLERY.map((e) => e.id)).toEqual([...EXAMPLES.map((e) => e.id), 'book-rolling-top-words', 'book-redis', 'book-mongodb']);
    for (const e of BOOK_EXAMPLES) {
      for (const language of ['python', 'javascript'] as const) {
        const errors = validate(withLanguage(e.create(), language)).filter((d) => d.severity === 'error');
        expect(errors, `${e.id} (${language})`).toEqual([]);
      }
    }
  });
});

describe("the book's chapter-4 example", () => {
  it("keeps the book's module names, ids and tick periods, and its code compiles in both languages", () => {
    const doc = BOOK_EXAMPLES.find((e) => e.id === 'book-rolling-top-words')!.create();
    expect(doc.components.map((c) => [c.id, c.module, c.parallelism, c.config['topology.tick.tuple.freq.secs'] ?? null])).toEqual([
      ['spout', 'sampletext', 1, null],
      ['splitter', 'splitsentence', 1, null],
      ['counter', 'rollingcount', 4, 60],
      ['intermediateRanker', 'intermediaterankings', 4, 15],
      ['finalRanker', 'totalrankings', 1, 15],
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'storm-book4-'));
    const files = doc.components.map((c) => {
      const file = join(dir, `${c.module}.py`);
      writeFileSync(file, c.code.python!);
      return file;
    });
    expect(() => execFileSync('python3', ['-m', 'py_compile', ...files], { stdio: 'pipe' })).not.toThrow();
    for (const c of doc.components) {
      expect(c.code.python, c.id).not.toMatch(/iteritems|itervalues|iterkeys|xrange/);
      if (c.kind === 'bolt' && c.id !== 'splitter') expect(c.code.python, c.id).toContain('return {"topology.tick.tuple.freq.secs": self.emitFrequencyInSeconds}');
      const body = c.code.javascript!.replace(/export default class (\w+)/, 'class $1') + '\nreturn null;';
      expect(() => new Function('Spout', 'BasicBolt', 'Bolt', 'storm', body), c.id).not.toThrow();
    }
    expect(doc.components.find((c) => c.id === 'finalRanker')!.code.python).toContain("log.info('Emitting: %s', repr(t.values))");
  });
});
