// The data sources in Python through the engine in virtual time: File replay opening its file by
// name in the working directory, and the book's chapter 4 (rolling top words) behind the sample
// text, as `npm run simulate -- example:book-rolling-top-words` runs it, with the JavaScript twins
// giving the same rankings.
import { describe, expect, it } from 'vitest';
import { Engine, type LogLine } from '../../src/engine';
import { addDataSource, attachReplayFile, bolt, bookRollingTopWordsExample, checkDataFile, setComponentConfigKey, subscribe, topology, withLanguage, type ReplayFormat, type TopologyDocument } from '../../src/model';
import { SAMPLE_SENTENCES } from '../../src/model/examples/sample-text';
import { usePythonRuntime } from './use-python-runtime';

// Each run resets the runtime itself.
const python = usePythonRuntime({ resetAfterEach: false });

async function run(document: TopologyDocument, seconds: number): Promise<readonly LogLine[]> {
  const engine = await Engine.create({ document, seed: 7, virtualEpochMs: Date.UTC(2026, 0, 1), runtimes: python.registry.resolver() });
  engine.runUntil(seconds * 1000);
  const logs = engine.logs.since(0) as readonly LogLine[];
  engine.dispose();
  python.runtime.reset();
  return logs;
}

const COLLECT = `import logging
from petrel.emitter import BasicBolt

log = logging.getLogger('collect')


class Collect(BasicBolt):
    def __init__(self):
        super(Collect, self).__init__(script=__file__)

    def process(self, tup):
        log.info('got %r', tup.values)


def run():
    Collect().run()
`;

/** A Python File replay spout replaying `text` at 2 tuples/s, and a bolt logging what it gets. */
function replay(name: string, text: string, format: ReplayFormat, loop = false): TopologyDocument {
  const added = addDataSource(topology('t', [], []), 'file-replay', { x: 0, y: 0 }, 'python');
  const file = checkDataFile(name, new TextEncoder().encode(text), format);
  if (!file.ok) throw new Error(file.errors[0]!.message);
  const r = attachReplayFile(added.doc, added.id, file.value, format);
  if (!r.ok) throw new Error(r.errors[0]);
  const doc = setComponentConfigKey(setComponentConfigKey(r.value, added.id, 'source.rate', 2), added.id, 'source.loop', loop);
  return { ...doc, components: [...doc.components, bolt('collect', { python: COLLECT, fields: [] })], subscriptions: [subscribe(added.id, 'collect')] };
}

const got = (logs: readonly LogLine[]) => logs.filter((l) => l.component === 'collect').map((l) => l.message.replace(/^.*\]got /, ''));

describe('File replay in Python', () => {
  it('opens its file by name and emits CSV rows by the header, JSON lines by key, looping when asked', async () => {
    const csv = await run(replay('words.csv', 'word,count\nstorm,1\n"spout, bolt",2\n', 'csv'), 5);
    expect(got(csv)).toEqual(["['storm', '1']", "['spout, bolt', '2']"]);
    expect(csv.filter((l) => l.component === 'file-replay').map((l) => l.message)).toEqual([expect.stringMatching(/words\.csv replayed: 2 tuples$/)]);
    const jsonl = await run(replay('e.jsonl', '{"user": "ann", "n": 1}\n{"n": 2}\n', 'jsonl', true), 2.4);
    expect(got(jsonl).slice(0, 4)).toEqual(["['ann', 1]", '[None, 2]', "['ann', 1]", '[None, 2]']);
  }, 60_000);

  it('a ragged CSV row or an invalid JSON line crashes the spout with the file and the line', async () => {
    const doc = replay('words.csv', 'word,count\nstorm,1\n', 'csv');
    const ragged = await run({ ...doc, dataFiles: [{ name: 'words.csv', text: 'word,count\nstorm,1\nspout\n' }] }, 1);
    expect(ragged.map((l) => l.message).join('\n')).toContain('ValueError: words.csv, line 3: 1 fields, but the header has 2');
    const json = replay('e.jsonl', '{"n": 1}\n', 'jsonl');
    const invalid = await run({ ...json, dataFiles: [{ name: 'e.jsonl', text: '{"n": 1}\n\n{"n": 2\n' }] }, 1);
    expect(invalid.map((l) => l.message).join('\n')).toMatch(/ValueError: e\.jsonl, line 3: not valid JSON \(/);
  }, 60_000);
});

async function emitted(document: TopologyDocument, seconds: number): Promise<{ time: number; word: string; count: number }[]> {
  const logs = await run(document, seconds);
  const errors = logs.filter((l) => l.level === 'ERROR');
  expect(errors).toEqual([]);
  return logs
    .filter((l) => l.component === 'finalRanker')
    .map((l) => {
      const m = /Emitting: \['([a-z]+)', (\d+)\]$/.exec(l.message);
      expect(m, l.message).not.toBeNull();
      return { time: l.time, word: m![1]!, count: Number(m![2]) };
    });
}

/** How often `word` occurs in the sample text's first `n` sentences (looping), as the split bolt finds words. */
function occurrences(word: string, n: number): number {
  let count = 0;
  for (let i = 0; i < n; i++) count += (SAMPLE_SENTENCES[i % SAMPLE_SENTENCES.length]!.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => w === word).length;
  return count;
}

describe("the book's chapter 4 behind the sample text", () => {
  it("logs the top ten as Emitting: ['word', n] every 15 s once the counters have emitted, with the words counted over the first minute", async () => {
    const lines = await emitted(bookRollingTopWordsExample(), 136);
    const times = [...new Set(lines.map((l) => l.time))];
    // The counters emit every 60 s; the rankers pass the counts on at their next 15-s ticks.
    expect(times).toEqual([90_000, 105_000, 120_000, 135_000]);
    for (const t of times) {
      const top = lines.filter((l) => l.time === t);
      expect(top).toHaveLength(10);
      expect(top.map((l) => l.count)).toEqual([...top.map((l) => l.count)].sort((a, b) => b - a));
    }
    const first = lines.filter((l) => l.time === 90_000);
    expect(first[0]!.word).toBe('down');
    // At 4 sentences a second, the window the counters emitted at 60 s holds the sentences sent
    // before then: between the first 236 and the first 240.
    for (const { word, count } of first) {
      expect(count, word).toBeGreaterThanOrEqual(occurrences(word, 236));
      expect(count, word).toBeLessThanOrEqual(occurrences(word, 240));
    }
  }, 240_000);

  it('the JavaScript twins rank the same words with the same counts', async () => {
    const python = await emitted(bookRollingTopWordsExample(), 91);
    const javascript = await emitted(withLanguage(bookRollingTopWordsExample(), 'javascript'), 91);
    expect(javascript.map(({ word, count }) => [word, count]).sort()).toEqual(python.map(({ word, count }) => [word, count]).sort());
  }, 240_000);
});
