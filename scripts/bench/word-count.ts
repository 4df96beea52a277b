/**
 * The benchmark topology: Storm's word count with JavaScript components and acking on. The spout
 * draws sentences (the same list as the bare loop) as fast as it may (no sleep); split (shuffle) and count (fields on "word") are
 * BasicBolts, so every word is anchored and acked.
 */
import { bolt, spout, subscribe, topology, type TopologyDocument } from '../../src/model';
import { FIVE_SENTENCES, REALISTIC_SENTENCES, sentencesSource } from './corpus';

/** Storm's five word-count sentences (see corpus.ts for why the default is another corpus). */
export const SENTENCES = FIVE_SENTENCES;

const spoutJs = (sentences: readonly string[]) => `const SENTENCES = ${sentencesSource(sentences)};
export default class RandomSentenceSpout extends Spout {
  initialize() { this.nextId = 0; }
  nextTuple() {
    this.nextId += 1;
    storm.emit([SENTENCES[Math.floor(Math.random() * SENTENCES.length)]], { id: this.nextId });
  }
}`;

const splitJs = `export default class SplitSentenceBolt extends BasicBolt {
  process(tup) {
    for (const word of tup.values[0].split(' ')) storm.emit([word]);
  }
}`;

const countJs = `export default class WordCountBolt extends BasicBolt {
  initialize() { this.counts = new Map(); }
  process(tup) {
    const word = tup.values[0];
    const count = (this.counts.get(word) ?? 0) + 1;
    this.counts.set(word, count);
    storm.emit([word, count]);
  }
}`;

export interface BenchTopologyOptions {
  readonly workers?: number;
  readonly spouts?: number;
  readonly splits?: number;
  readonly counts?: number;
  /**
   * Virtual cost of one `nextTuple` (ms). With the default 0.01 ms per bolt call, 0.05 ms keeps the
   * bolts below saturation (about 20,000 sentences per simulated second), so queues stay short.
   */
  readonly spoutCostMs?: number;
  /** `topology.max.spout.pending` per spout task (default 500, as a tuned Storm topology sets it; null: unlimited). */
  readonly maxSpoutPending?: number | null;
  /** What the spout draws from, uniformly (default: the realistic corpus of corpus.ts). */
  readonly sentences?: readonly string[];
}

export function benchTopology(o: BenchTopologyOptions = {}): TopologyDocument {
  return topology(
    'bench-word-count',
    [
      spout('sentences', { javascript: spoutJs(o.sentences ?? REALISTIC_SENTENCES), fields: ['sentence'], parallelism: o.spouts ?? 1, costMs: o.spoutCostMs ?? 0.05 }),
      bolt('split', { javascript: splitJs, fields: ['word'], parallelism: o.splits ?? 2 }),
      bolt('count', { javascript: countJs, fields: ['word', 'count'], parallelism: o.counts ?? 3 }),
    ],
    [subscribe('sentences', 'split'), subscribe('split', 'count', { kind: 'fields', fields: ['word'] })],
    { workers: o.workers ?? 1, maxSpoutPending: o.maxSpoutPending === undefined ? 500 : o.maxSpoutPending },
  );
}

/** User-component tuples executed: what the bolts executed (split + count). */
export function boltExecuted(snap: { components: Readonly<Record<string, { windows: { all: { executed: number } } }>> }): number {
  return snap.components.split!.windows.all.executed + snap.components.count!.windows.all.executed;
}
