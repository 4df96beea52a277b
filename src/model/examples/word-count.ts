import { bolt, spout, subscribe, topology } from './build';

const sentenceSpoutPy = `import logging
import random
import time

from petrel import storm
from petrel.emitter import Spout

log = logging.getLogger('sentences')

SENTENCES = [
    "the cow jumped over the moon",
    "an apple a day keeps the doctor away",
    "four score and seven years ago",
    "snow white and the seven dwarfs",
    "i am at two with nature",
]


class RandomSentenceSpout(Spout):
    def __init__(self):
        super(RandomSentenceSpout, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['sentence']

    def initialize(self, conf, context):
        self._next_id = 0
        self._pending = {}
        log.info('sentence spout ready on task %s', context['taskid'])

    def nextTuple(self):
        time.sleep(0.01)
        sentence = random.choice(SENTENCES)
        self._next_id += 1
        self._pending[self._next_id] = sentence
        storm.emit([sentence], id=self._next_id)

    def ack(self, id):
        del self._pending[id]

    def fail(self, id):
        log.warning('sentence %s failed, replaying it', id)
        storm.emit([self._pending[id]], id=id)


def run():
    RandomSentenceSpout().run()
`;

const sentenceSpoutJs = `const SENTENCES = [
  'the cow jumped over the moon',
  'an apple a day keeps the doctor away',
  'four score and seven years ago',
  'snow white and the seven dwarfs',
  'i am at two with nature',
];

export default class RandomSentenceSpout extends Spout {
  static declareOutputFields() {
    return ['sentence'];
  }

  initialize(conf, context) {
    this.nextId = 0;
    this.pending = new Map();
    console.info('sentence spout ready on task ' + context.taskid);
  }

  nextTuple() {
    storm.sleep(0.01);
    const sentence = SENTENCES[Math.floor(Math.random() * SENTENCES.length)];
    this.nextId += 1;
    this.pending.set(this.nextId, sentence);
    storm.emit([sentence], { id: this.nextId });
  }

  ack(id) {
    this.pending.delete(id);
  }

  fail(id) {
    console.warn('sentence ' + id + ' failed, replaying it');
    storm.emit([this.pending.get(id)], { id });
  }
}
`;

const splitPy = `from petrel import storm
from petrel.emitter import BasicBolt


class SplitSentenceBolt(BasicBolt):
    def __init__(self):
        super(SplitSentenceBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['word']

    def process(self, tup):
        for word in tup.values[0].split(' '):
            storm.emit([word])


def run():
    SplitSentenceBolt().run()
`;

const splitJs = `export default class SplitSentenceBolt extends BasicBolt {
  static declareOutputFields() {
    return ['word'];
  }

  process(tup) {
    for (const word of tup.values[0].split(' ')) {
      storm.emit([word]);
    }
  }
}
`;

const countPy = `import logging
from collections import defaultdict

from petrel import storm
from petrel.emitter import BasicBolt

log = logging.getLogger('count')


class WordCountBolt(BasicBolt):
    def __init__(self):
        super(WordCountBolt, self).__init__(script=__file__)
        self._counts = defaultdict(int)

    @classmethod
    def declareOutputFields(cls):
        return ['word', 'count']

    def process(self, tup):
        word = tup.values[0]
        self._counts[word] += 1
        if self._counts[word] % 100 == 0:
            log.info('%s seen %d times', word, self._counts[word])
        storm.emit([word, self._counts[word]])


def run():
    WordCountBolt().run()
`;

const countJs = `export default class WordCountBolt extends BasicBolt {
  static declareOutputFields() {
    return ['word', 'count'];
  }

  initialize(conf, context) {
    this.counts = new Map();
  }

  process(tup) {
    const word = tup.values[0];
    const count = (this.counts.get(word) ?? 0) + 1;
    this.counts.set(word, count);
    if (count % 100 === 0) console.info(word + ' seen ' + count + ' times');
    storm.emit([word, count]);
  }
}
`;

/**
 * Storm's "hello world": sentences are split into words, and a fields grouping on `word` sends
 * every occurrence of a word to the same count task.
 */
export function wordCountExample() {
  return topology(
    'word-count',
    [
      spout('sentences', { python: sentenceSpoutPy, javascript: sentenceSpoutJs, fields: ['sentence'], x: 0, y: 120 }),
      bolt('split', { python: splitPy, javascript: splitJs, fields: ['word'], parallelism: 2, x: 320, y: 120 }),
      bolt('count', { python: countPy, javascript: countJs, fields: ['word', 'count'], parallelism: 3, x: 640, y: 120 }),
    ],
    [subscribe('sentences', 'split'), subscribe('split', 'count', { kind: 'fields', fields: ['word'] })],
  );
}
