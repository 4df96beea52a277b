import type { TopologyDocument } from '../types';
import { bookRollingTopWordsExample } from './book-rolling-top-words';
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

/**
 * The book's topologies, fed by the built-in sample text: chapter 4's rolling top words (the
 * book's counting and ranking modules), chapter 5's (Redis sorted sets, MongoDB upserts and an
 * aggregation report). In the gallery after {@link EXAMPLES}; kept out of it because the chapter-5
 * exports need redis and pymongo installed to run (the export tests loop over EXAMPLES).
 */
export const BOOK_EXAMPLES: readonly Example[] = [
  {
    id: 'book-rolling-top-words',
    title: 'Book ch. 4: rolling top words',
    description: "The book's rollingcount.py, intermediaterankings.py and totalrankings.py behind the sample text: five-minute sliding-window counts, top ten merged by one final ranker, which logs Emitting: ['word', n] every 15 s (from about 75 s on).",
    create: bookRollingTopWordsExample,
  },
  {
    id: 'book-redis',
    title: 'Chapter 5: Redis rankings',
    description: "Word counts into per-minute Redis sorted sets; every 15 s the top words of the last five minutes (zunionstore, zrevrange). Watch them in the Data tab.",
    create: bookRedisExample,
  },
  {
    id: 'book-mongodb',
    title: 'Chapter 5: MongoDB report',
    description: 'Upserts with $inc under a unique index, and every 15 s an aggregation report ($match, $group, $sort). Watch the collection in the Data tab.',
    create: bookMongoExample,
  },
];

/** What the Examples dialog and `example:<id>` offer: the examples, then the book's. */
export const GALLERY: readonly Example[] = [...EXAMPLES, ...BOOK_EXAMPLES];

export { wordCountExample, rollingTopWordsExample, groupingsTourExample, bookRollingTopWordsExample, bookRedisExample, bookMongoExample };
