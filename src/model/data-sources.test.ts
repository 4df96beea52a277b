import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDataFile, SOURCE_FILE_KEY, SOURCE_FORMAT_KEY } from './data-files';
import { addDataSource, attachReplayFile, dataSourceKind, FILE_REPLAY_JS, FILE_REPLAY_PY, SAMPLE_TEXT_JS, SAMPLE_TEXT_PY } from './data-sources';
import { topology } from './examples/build';
import { validate } from './validate';

const empty = () => topology('t', [], []);
const checked = (name: string, text: string, format: 'lines' | 'csv' | 'jsonl') => {
  const r = checkDataFile(name, new TextEncoder().encode(text), format);
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return r.value;
};

describe('data sources', () => {
  it('are spouts with both languages’ code, configured by source.* keys', () => {
    const a = addDataSource(empty(), 'sample-text', { x: 10.4, y: 20 }, 'javascript');
    const b = addDataSource(a.doc, 'file-replay', { x: 0, y: 0 }, 'python');
    const c = addDataSource(b.doc, 'sample-text', { x: 0, y: 0 }, 'python');
    expect([a.id, b.id, c.id]).toEqual(['sample-text', 'file-replay', 'sample-text-2']);
    const [sample, replay] = c.doc.components;
    expect(sample).toMatchObject({ kind: 'spout', language: 'javascript', position: { x: 10, y: 20 }, config: { 'source.rate': 4 }, streams: [{ id: 'default', fields: ['sentence'] }] });
    expect(sample!.code).toEqual({ python: SAMPLE_TEXT_PY, javascript: SAMPLE_TEXT_JS });
    expect(replay!.config).toEqual({ 'source.file': '', 'source.format': 'lines', 'source.rate': 10, 'source.loop': false });
    expect(c.doc.components.map(dataSourceKind)).toEqual(['sample-text', 'file-replay', 'sample-text']);
  });

  it('name their text and licence, and say they stand in for Twitter', () => {
    expect(SAMPLE_TEXT_PY).toMatch(/stand-in for Twitter's sample stream/);
    expect(SAMPLE_TEXT_PY).toMatch(/Alice's Adventures in Wonderland \(1865\), chapter I — public domain/);
    expect(SAMPLE_TEXT_JS).toMatch(/public domain/);
  });

  it('a File replay spout without a file, or with one the document lacks, is an error before the run', () => {
    const { doc, id } = addDataSource(empty(), 'file-replay', { x: 0, y: 0 }, 'python');
    expect(validate(doc).filter((d) => d.code === 'E_DATA_FILE').map((d) => d.message)).toEqual(['Spout "file-replay" replays no file yet: give it one in its inspector (Data source).']);
    const attached = attachReplayFile(doc, id, checked('words.csv', 'word,n\nstorm,1\n', 'csv'), 'csv');
    if (!attached.ok) throw new Error(attached.errors[0]);
    expect(validate(attached.value).filter((d) => d.severity === 'error')).toEqual([]);
    const lost = { ...attached.value, dataFiles: [] };
    expect(validate(lost).find((d) => d.code === 'E_DATA_FILE')?.message).toBe('Spout "file-replay" replays "words.csv", which this document does not hold: give the file again in its inspector (Data source).');
    const badRate = { ...attached.value, components: attached.value.components.map((c) => ({ ...c, config: { ...c.config, 'source.rate': 0 } })) };
    expect(validate(badRate).find((d) => d.code === 'E_SOURCE_RATE')?.message).toBe('Spout "file-replay" has source.rate 0: it must be a number of tuples per second > 0.');
  });

  it('attaching a file stores it, names it in the config, and makes its fields the stream’s and the code’s', () => {
    const { doc, id } = addDataSource(empty(), 'file-replay', { x: 0, y: 0 }, 'python');
    const r = attachReplayFile(doc, id, checked('events.jsonl', '{"user": "ann", "text": "hi"}\n', 'jsonl'), 'jsonl');
    if (!r.ok) throw new Error(r.errors[0]);
    const c = r.value.components[0]!;
    expect(r.value.dataFiles).toEqual([{ name: 'events.jsonl', text: '{"user": "ann", "text": "hi"}\n' }]);
    expect([c.config[SOURCE_FILE_KEY], c.config[SOURCE_FORMAT_KEY]]).toEqual(['events.jsonl', 'jsonl']);
    expect(c.streams[0]!.fields).toEqual(['user', 'text']);
    expect(c.code.python).toContain("return ['user', 'text']");
    expect(c.code.javascript).toContain("return ['user', 'text']");
    // Another file replaces the first, which no component replays any more.
    const again = attachReplayFile(r.value, id, checked('t.txt', 'a\n', 'lines'), 'lines');
    expect(again.ok && again.value.dataFiles?.map((f) => f.name)).toEqual(['t.txt']);
  });

  it('Python code byte-compiles and JavaScript code parses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'storm-sources-'));
    const files = [
      ['sample_text.py', SAMPLE_TEXT_PY],
      ['file_replay.py', FILE_REPLAY_PY],
    ].map(([name, code]) => {
      const file = join(dir, name!);
      writeFileSync(file, code!);
      return file;
    });
    expect(() => execFileSync('python3', ['-m', 'py_compile', ...files], { stdio: 'pipe' })).not.toThrow();
    for (const src of [SAMPLE_TEXT_JS, FILE_REPLAY_JS]) {
      const body = src.replace(/export default class (\w+)/, 'class $1') + '\nreturn null;';
      expect(() => new Function('Spout', 'storm', body)).not.toThrow();
    }
  });
});
