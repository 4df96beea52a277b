/**
 * The bare loop: the same work as the word-count components (a seeded random sentence of the same
 * list, the spout's values array and message id, split on spaces, one values array per emit, a
 * count per word in a Map, the count's values array) with no engine around it: no queues, routing,
 * acking, metrics or clock.
 */
import { Rng } from '../../src/engine';
import { REALISTIC_SENTENCES, sentencesFromSource } from './corpus';

export interface BareResult {
  readonly executed: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
}

/**
 * Runs for about `seconds` over `sentences` (drawn uniformly, as the benchmark spout draws them);
 * `executed` counts one split per sentence and one count per word, as the engine counts bolt
 * executions.
 */
export function runBareLoop(seconds: number, sentences: readonly string[] = REALISTIC_SENTENCES): BareResult {
  // The same expression as the spout's source (see corpus.ts): strings alike on both sides.
  const list = sentencesFromSource(sentences);
  const rng = new Rng(1, 'bare');
  const counts = new Map<string, number>();
  const pending: (readonly unknown[])[] = [];
  let executed = 0;
  let sink = 0;
  let nextId = 0;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 10_000; i++) {
      nextId += 1;
      const tuple = [list[Math.floor(rng.random() * list.length)]!] as const; // the spout's emit
      const options = { id: nextId };
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
  }
  const cpu = process.cpuUsage(cpu0);
  if (sink < 0) console.log(sink);
  return { executed, seconds: (performance.now() - start) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}
