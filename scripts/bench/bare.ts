/**
 * The bare loop: the same work as the word-count components (a seeded random sentence of the same
 * list, the spout's values array and message id, split on spaces, one values array per emit, a
 * count per word in a Map, the count's values array) with no engine around it: no queues, routing,
 * acking, metrics or clock.
 *
 * It runs in batches of {@link BATCH} sentences, one call each, measured the way the engine is
 * (`measurePair` in rounds.ts): one long loop in a single call (as it first was) is compiled on
 * the stack (OSR) while it runs, on a busy machine hundreds of milliseconds late, and thrown away
 * again where the code after the loop first runs, so its rate moved by a third from run to run.
 */
import { Rng } from '../../src/engine';
import { REALISTIC_SENTENCES, sentencesFromSource } from './corpus';
import type { Workload } from './rounds';

/** Sentences per call of {@link BareLoop.run}: about a millisecond of work. */
export const BATCH = 1000;

export class BareLoop implements Workload {
  private readonly list: string[];
  private readonly rng = new Rng(1, 'bare');
  private readonly counts = new Map<string, number>();
  private readonly pending: (readonly unknown[])[] = [];
  private nextId = 0;
  /** Keeps the values arrays observable, so the compiler cannot drop them. */
  sink = 0;
  /** Executions so far: one split per sentence and one count per word, as the engine counts bolt executions. */
  private count = 0;

  /** Draws from `sentences` uniformly, as the benchmark spout draws them. */
  constructor(sentences: readonly string[] = REALISTIC_SENTENCES) {
    // The same expression as the spout's source (see corpus.ts): strings alike on both sides.
    this.list = sentencesFromSource(sentences);
  }

  /** Splits and counts {@link BATCH} sentences. */
  step(): void {
    this.run(BATCH);
  }

  executed(): number {
    return this.count;
  }

  /** Splits and counts `n` sentences. */
  run(n: number): void {
    const list = this.list;
    const rng = this.rng;
    const counts = this.counts;
    const pending = this.pending;
    let executed = 0;
    let sink = 0;
    for (let i = 0; i < n; i++) {
      this.nextId += 1;
      const tuple = [list[Math.floor(rng.random() * list.length)]!] as const; // the spout's emit
      const options = { id: this.nextId };
      sink += options.id & 1;
      executed++; // split
      for (const word of (tuple[0] as string).split(' ')) pending.push([word]);
      for (let p = pending.pop(); p !== undefined; p = pending.pop()) {
        executed++; // count
        const word = p[0] as string;
        const c = (counts.get(word) ?? 0) + 1;
        counts.set(word, c);
        const out = [word, c];
        sink += out.length;
      }
    }
    this.count += executed;
    this.sink += sink;
  }
}
