import type { TopologyDocument } from '../types';
import { bookMongoExample, bookRedisExample } from './book-stores';
import { groupingsTourExample } from './groupings-tour';
import { rollingTopWordsExample } from './rolling-top-words';
import { wordCountExample } from './word-count';

export interface Example {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly create: () => TopologyDocument;
}

/** The gallery, in order: the first one is loaded on a fresh start. */
export const EXAMPLES: readonly Example[] = [
  {
    id: 'word-count',
    title: 'Word count',
    description: 'Sentences split into words; fields(word) sends each word to one counter.',
    create: wordCountExample,
  },
  {
    id: 'rolling-top-words',
    title: 'Rolling top words',
    description: 'Sliding-window counts and parallel rankings merged by a global ranker, driven by tick tuples.',
    create: rollingTopWordsExample,
  },
  {
    id: 'groupings-tour',
    title: 'Groupings tour',
    description: 'All, global, shuffle and direct groupings, and a second output stream.',
    create: groupingsTourExample,
  },
];

export { wordCountExample, rollingTopWordsExample, groupingsTourExample, bookRedisExample, bookMongoExample };
