// The palette's data sources in JavaScript, through the engine in virtual time: the rate, the
// replayed file read with storm.readFile, looping, and the errors a bad file gives at run time.
import { describe, expect, it } from 'vitest';
import { addDataSource, attachReplayFile, bolt, checkDataFile, setComponentConfigKey, spout, subscribe, topology, type ReplayFormat, type TopologyDocument } from '../model';
import { logMessages, startEngine } from './test-kit';

const COLLECT = `export default class Collect extends BasicBolt {
  process(tup) { console.info('got ' + JSON.stringify(tup.values) + ' at ' + storm.time()); }
}`;

/** A source and a bolt logging what it receives. */
function withCollector(doc: TopologyDocument, source: string): TopologyDocument {
  return { ...doc, components: [...doc.components, bolt('collect', { javascript: COLLECT, fields: [] })], subscriptions: [subscribe(source, 'collect')] };
}

function replay(name: string, text: string, format: ReplayFormat, loop = false): TopologyDocument {
  const added = addDataSource(topology('t', [], []), 'file-replay', { x: 0, y: 0 }, 'javascript');
  const file = checkDataFile(name, new TextEncoder().encode(text), format);
  if (!file.ok) throw new Error(file.errors[0]!.message);
  const r = attachReplayFile(added.doc, added.id, file.value, format);
  if (!r.ok) throw new Error(r.errors[0]);
  return withCollector(setComponentConfigKey(setComponentConfigKey(r.value, added.id, 'source.rate', 2), added.id, 'source.loop', loop), added.id);
}

const received = (messages: string[]) => messages.filter((m) => m.startsWith('got ')).map((m) => m.slice(4));

describe('data sources in JavaScript', () => {
  it('Sample text emits the bundled sentences at source.rate tuples per second', async () => {
    const added = addDataSource(topology('t', [], []), 'sample-text', { x: 0, y: 0 }, 'javascript');
    const engine = await startEngine(withCollector(setComponentConfigKey(added.doc, added.id, 'source.rate', 5), added.id));
    engine.runUntil(2_000);
    const got = received(logMessages(engine, 'collect'));
    expect(got.length).toBeGreaterThanOrEqual(9);
    expect(got.length).toBeLessThanOrEqual(11);
    expect(got[0]).toMatch(/^\["Alice was beginning to get very tired/);
  });

  it('File replay emits CSV rows by the header’s fields, once', async () => {
    const engine = await startEngine(replay('words.csv', 'word,count\nstorm,1\n"spout, bolt",2\n', 'csv'));
    engine.runUntil(5_000);
    expect(received(logMessages(engine, 'collect')).map((m) => m.replace(/ at .*/, ''))).toEqual(['["storm","1"]', '["spout, bolt","2"]']);
    expect(logMessages(engine, 'file-replay')).toContain('words.csv replayed: 2 tuples');
  });

  it('File replay emits JSON lines by key, and loops when source.loop is true', async () => {
    const engine = await startEngine(replay('e.jsonl', '{"user": "ann", "n": 1}\n{"n": 2}\n', 'jsonl', true));
    engine.runUntil(3_200);
    expect(received(logMessages(engine, 'collect')).map((m) => m.replace(/ at .*/, '')).slice(0, 6)).toEqual(['["ann",1]', '[null,2]', '["ann",1]', '[null,2]', '["ann",1]', '[null,2]']);
  });

  it('a ragged CSV row in the file fails the spout with the file and line', async () => {
    const doc = replay('words.csv', 'word,count\nstorm,1\n', 'csv');
    const broken = { ...doc, dataFiles: [{ name: 'words.csv', text: 'word,count\nstorm,1\nspout\n' }] };
    const engine = await startEngine(broken);
    engine.runUntil(1_000);
    expect(logMessages(engine).join('\n')).toContain('words.csv, line 3: 1 fields, but the header has 2');
  });

  it('storm.readFile of a file the document lacks says which files it holds', async () => {
    const reader = `export default class R extends Spout {
      nextTuple() { storm.emit([storm.readFile('missing.txt')]); }
    }`;
    const doc = withCollector({ ...topology('t', [spout('reader', { javascript: reader, fields: ['text'] })], []), dataFiles: [{ name: 'other.txt', text: '' }] }, 'reader');
    const engine = await startEngine(doc);
    engine.runUntil(1_000);
    expect(logMessages(engine).join('\n')).toContain('storm.readFile: no data file named "missing.txt" (the document holds "other.txt"');
  });
});
