/**
 * The benchmark's sentences. The engine's spout and the bare loop draw from the same list.
 *
 * The realistic corpus has a few thousand distinct sentences, generated once from a seeded
 * vocabulary with English-like word lengths and Zipf-like word frequencies. Drawing from five fixed
 * sentences instead lets V8 answer `split` from its string-split cache (same input string, same
 * result, internalized words with their hashes already computed), which makes the bare loop about
 * 2.5× faster than any real input would; the five-sentence list is kept as a second line.
 *
 * Both sides also get their list from the same JavaScript expression ({@link sentencesSource}), so
 * that their strings are alike: V8 internalizes the words when it splits an internalized string
 * (a string literal, as a spout's list of literals would be) and caches the result, which would
 * make the engine's split slower (a string-table lookup per word) or, with five sentences, faster
 * than the bare loop's.
 */
import { Rng } from '../../src/engine';

/** Storm's word-count sentences (the five-sentence variant). */
export const FIVE_SENTENCES: readonly string[] = ['the cow jumped over the moon', 'an apple a day keeps the doctor away', 'four score and seven years ago', 'snow white and the seven dwarfs', 'i am at two with nature'];

/** The most frequent words of English, for the top ranks; the rest of the vocabulary is generated. */
const COMMON = 'the of and to a in is you that it he was for on are as with his they i at be this have from or one had by word but not what all were we when your can said there use an each which she do how their if will up other about out many then them these so some her would make like him into time has look two more write go see number no way could people my than first water been call who oil its now find long down day did get come made may part'.split(' ');
const CONSONANTS = 'bcdfghjklmnprstvwz';
const VOWELS = 'aeiou';

/**
 * `count` distinct sentences of 3–10 words (about 6 on average, as Storm's sentences) from a
 * vocabulary of `vocabulary` distinct words (English's most common words first, then generated
 * words of 1–9 letters), the i-th most frequent word drawn
 * with probability ∝ 1/(i+1). Deterministic: the same arguments give the same list.
 *
 * @example
 * realisticCorpus().length // 4096
 */
export function realisticCorpus(count = 4096, vocabulary = 2000, seed = 7): string[] {
  const rng = new Rng(seed, 'corpus');
  const words: string[] = [];
  const seen = new Set<string>();
  while (words.length < vocabulary) {
    // Short words are the frequent ones, as in English: the length grows with the rank.
    const rank = words.length;
    let w = COMMON[rank] ?? '';
    if (w === '') {
      const syllables = 1 + Math.min(3, Math.floor(Math.log2(2 + rank) / 4) + rng.nextInt(2));
      for (let s = 0; s < syllables; s++) {
        if (s > 0 || rng.nextInt(3) > 0) w += CONSONANTS[rng.nextInt(CONSONANTS.length)];
        w += VOWELS[rng.nextInt(VOWELS.length)];
      }
      if (rng.nextInt(2) === 0) w += CONSONANTS[rng.nextInt(CONSONANTS.length)];
    }
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  // Zipf weights as a cumulative table.
  const cumulative = new Float64Array(vocabulary);
  let total = 0;
  for (let i = 0; i < vocabulary; i++) cumulative[i] = total += 1 / (i + 1);
  const pick = () => {
    const x = rng.random() * total;
    let lo = 0;
    let hi = vocabulary - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return words[lo]!;
  };
  const sentences: string[] = [];
  const distinct = new Set<string>();
  while (sentences.length < count) {
    const n = 3 + rng.nextInt(4) + rng.nextInt(5); // 3..10, mean 6.5
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(pick());
    const s = parts.join(' ');
    if (!distinct.has(s)) {
      distinct.add(s);
      sentences.push(s);
    }
  }
  return sentences;
}

/**
 * A JavaScript expression evaluating to `sentences`: one string literal split on newlines (a
 * spout's source embeds it; the bare loop evaluates the same text).
 *
 * @example
 * sentencesSource(['a b', 'c']) // the source text  "a b\nc".split('\n')
 */
export function sentencesSource(sentences: readonly string[]): string {
  if (sentences.some((s) => s.includes('\n'))) throw new Error('sentences must not contain newlines');
  return `${JSON.stringify(sentences.join('\n'))}.split('\\n')`;
}

/** Evaluates {@link sentencesSource} as a component's module would. */
export function sentencesFromSource(sentences: readonly string[]): string[] {
  return new Function(`return ${sentencesSource(sentences)};`)() as string[];
}

/** The realistic corpus, generated once per process. */
export const REALISTIC_SENTENCES: readonly string[] = realisticCorpus();

/** Words per sentence, on average, of a corpus drawn uniformly. */
export function meanWords(sentences: readonly string[]): number {
  let n = 0;
  for (const s of sentences) n += s.split(' ').length;
  return n / sentences.length;
}
