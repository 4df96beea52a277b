import { TICK_FREQ_KEY } from '../types';
import { bolt, spout, subscribe, topology } from './build';

const tweetsPy = `import random
import time

from petrel import storm
from petrel.emitter import Spout

# A skewed vocabulary, so that some words trend: earlier words are picked more often.
WORDS = ('storm stream tuple spout bolt acker nimbus worker executor task topology grouping '
         'shuffle fields replay timeout tick window ranking latency').split()
WEIGHTS = [1.0 / (i + 1) for i in range(len(WORDS))]


class TweetSpout(Spout):
    def __init__(self):
        super(TweetSpout, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['tweet']

    def initialize(self, conf, context):
        self._next_id = 0
        self._pending = {}

    def nextTuple(self):
        time.sleep(0.02)
        words = random.choices(WORDS, weights=WEIGHTS, k=random.randint(3, 8))
        tweet = ' '.join('#' + w if random.random() < 0.2 else w for w in words)
        self._next_id += 1
        self._pending[self._next_id] = tweet
        storm.emit([tweet], id=self._next_id)

    def ack(self, id):
        del self._pending[id]

    def fail(self, id):
        storm.emit([self._pending[id]], id=id)


def run():
    TweetSpout().run()
`;

const tweetsJs = `const WORDS = ('storm stream tuple spout bolt acker nimbus worker executor task topology grouping ' +
  'shuffle fields replay timeout tick window ranking latency').split(' ');
const WEIGHTS = WORDS.map((_, i) => 1 / (i + 1));
const TOTAL = WEIGHTS.reduce((a, b) => a + b, 0);

function pick() {
  let r = Math.random() * TOTAL;
  for (let i = 0; i < WORDS.length; i++) {
    r -= WEIGHTS[i];
    if (r < 0) return WORDS[i];
  }
  return WORDS[WORDS.length - 1];
}

export default class TweetSpout extends Spout {
  static declareOutputFields() {
    return ['tweet'];
  }

  initialize(conf, context) {
    this.nextId = 0;
    this.pending = new Map();
  }

  nextTuple() {
    storm.sleep(0.02);
    const n = 3 + Math.floor(Math.random() * 6);
    const words = [];
    for (let i = 0; i < n; i++) {
      const w = pick();
      words.push(Math.random() < 0.2 ? '#' + w : w);
    }
    const tweet = words.join(' ');
    this.nextId += 1;
    this.pending.set(this.nextId, tweet);
    storm.emit([tweet], { id: this.nextId });
  }

  ack(id) {
    this.pending.delete(id);
  }

  fail(id) {
    storm.emit([this.pending.get(id)], { id });
  }
}
`;

const splitPy = `from petrel import storm
from petrel.emitter import BasicBolt


class SplitTweetBolt(BasicBolt):
    def __init__(self):
        super(SplitTweetBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['word']

    def process(self, tup):
        for word in tup.values[0].split():
            storm.emit([word.lstrip('#').lower()])


def run():
    SplitTweetBolt().run()
`;

const splitJs = `export default class SplitTweetBolt extends BasicBolt {
  static declareOutputFields() {
    return ['word'];
  }

  process(tup) {
    for (const word of tup.values[0].split(' ')) {
      if (word) storm.emit([word.replace(/^#+/, '').toLowerCase()]);
    }
  }
}
`;

const rollingCountPy = `from collections import defaultdict

from petrel import storm
from petrel.emitter import Bolt

WINDOW_SECS = 9
EMIT_EVERY_SECS = 3
SLOTS = WINDOW_SECS // EMIT_EVERY_SECS


class RollingCountBolt(Bolt):
    """Counts each word over a sliding window of WINDOW_SECS, advanced by tick tuples."""

    def __init__(self):
        super(RollingCountBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['word', 'count', 'window']

    def initialize(self, conf, context):
        self._slots = defaultdict(lambda: [0] * SLOTS)
        self._head = 0

    def process(self, tup):
        if tup.is_tick_tuple():
            for word, slots in list(self._slots.items()):
                storm.emit([word, sum(slots), WINDOW_SECS])
            self._head = (self._head + 1) % SLOTS
            for word in list(self._slots):
                self._slots[word][self._head] = 0
                if sum(self._slots[word]) == 0:
                    del self._slots[word]
        else:
            self._slots[tup.values[0]][self._head] += 1
            storm.ack(tup)

    def getComponentConfiguration(self):
        return {'topology.tick.tuple.freq.secs': EMIT_EVERY_SECS}


def run():
    RollingCountBolt().run()
`;

const rollingCountJs = `const WINDOW_SECS = 9;
const EMIT_EVERY_SECS = 3;
const SLOTS = WINDOW_SECS / EMIT_EVERY_SECS;

// Counts each word over a sliding window of WINDOW_SECS, advanced by tick tuples.
export default class RollingCountBolt extends Bolt {
  static declareOutputFields() {
    return ['word', 'count', 'window'];
  }

  initialize(conf, context) {
    this.slots = new Map();
    this.head = 0;
  }

  process(tup) {
    if (tup.isTickTuple()) {
      for (const [word, slots] of this.slots) {
        storm.emit([word, slots.reduce((a, b) => a + b, 0), WINDOW_SECS]);
      }
      this.head = (this.head + 1) % SLOTS;
      for (const [word, slots] of this.slots) {
        slots[this.head] = 0;
        if (slots.every((n) => n === 0)) this.slots.delete(word);
      }
    } else {
      const word = tup.values[0];
      if (!this.slots.has(word)) this.slots.set(word, new Array(SLOTS).fill(0));
      this.slots.get(word)[this.head] += 1;
      storm.ack(tup);
    }
  }

  getComponentConfiguration() {
    return { 'topology.tick.tuple.freq.secs': EMIT_EVERY_SECS };
  }
}
`;

const rankingsPy = (cls: string, input: 'counts' | 'rankings', logTop: boolean) => `${logTop ? 'import logging\n\n' : ''}from petrel import storm
from petrel.emitter import BasicBolt

TOP_N = 5
${logTop ? "\nlog = logging.getLogger('total-rankings')\n" : ''}

class ${cls}(BasicBolt):
    def __init__(self):
        super(${cls}, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['rankings']

    def initialize(self, conf, context):
        self._counts = {}

    def process(self, tup):
        if tup.is_tick_tuple():
            top = sorted(self._counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_N]
            storm.emit([[list(kv) for kv in top]])
${logTop ? "            log.info('top words: %s', ', '.join('%s=%d' % kv for kv in top))\n" : ''}            self._counts = {w: c for w, c in self._counts.items() if c > 0}
        else:
${
  input === 'counts'
    ? '            word, count, _window = tup.values\n            self._counts[word] = count\n'
    : '            for word, count in tup.values[0]:\n                self._counts[word] = count\n'
}
    def getComponentConfiguration(self):
        return {'topology.tick.tuple.freq.secs': 2}


def run():
    ${cls}().run()
`;

const rankingsJs = (cls: string, input: 'counts' | 'rankings', logTop: boolean) => `const TOP_N = 5;

export default class ${cls} extends BasicBolt {
  static declareOutputFields() {
    return ['rankings'];
  }

  initialize(conf, context) {
    this.counts = new Map();
  }

  process(tup) {
    if (tup.isTickTuple()) {
      const top = [...this.counts.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, TOP_N);
      storm.emit([top]);
${logTop ? "      console.info('top words: ' + top.map(([w, c]) => w + '=' + c).join(', '));\n" : ''}      for (const [word, count] of this.counts) if (count === 0) this.counts.delete(word);
    } else {
${
  input === 'counts'
    ? '      const [word, count] = tup.values;\n      this.counts.set(word, count);\n'
    : '      for (const [word, count] of tup.values[0]) this.counts.set(word, count);\n'
}    }
  }

  getComponentConfiguration() {
    return { 'topology.tick.tuple.freq.secs': 2 };
  }
}
`;

/**
 * storm-starter's RollingTopWords: words counted over a sliding window by four counters (fields
 * grouping pins each word to one), ranked in parallel, then merged by one global ranker. Tick
 * tuples drive the windows and the rankings.
 */
export function rollingTopWordsExample() {
  return topology(
    'rolling-top-words',
    [
      spout('tweets', { python: tweetsPy, javascript: tweetsJs, fields: ['tweet'], x: 0, y: 160 }),
      bolt('split', { python: splitPy, javascript: splitJs, fields: ['word'], parallelism: 2, x: 260, y: 160 }),
      bolt('rolling-count', {
        python: rollingCountPy,
        javascript: rollingCountJs,
        fields: ['word', 'count', 'window'],
        parallelism: 4,
        config: { [TICK_FREQ_KEY]: 3 },
        x: 520,
        y: 160,
      }),
      bolt('intermediate-rankings', {
        python: rankingsPy('IntermediateRankingsBolt', 'counts', false),
        javascript: rankingsJs('IntermediateRankingsBolt', 'counts', false),
        fields: ['rankings'],
        parallelism: 4,
        config: { [TICK_FREQ_KEY]: 2 },
        x: 800,
        y: 160,
      }),
      bolt('total-rankings', {
        python: rankingsPy('TotalRankingsBolt', 'rankings', true),
        javascript: rankingsJs('TotalRankingsBolt', 'rankings', true),
        fields: ['rankings'],
        config: { [TICK_FREQ_KEY]: 2 },
        x: 1080,
        y: 160,
      }),
    ],
    [
      subscribe('tweets', 'split'),
      subscribe('split', 'rolling-count', { kind: 'fields', fields: ['word'] }),
      subscribe('rolling-count', 'intermediate-rankings', { kind: 'fields', fields: ['word'] }),
      subscribe('intermediate-rankings', 'total-rankings', { kind: 'global' }),
    ],
    { workers: 2 },
  );
}
