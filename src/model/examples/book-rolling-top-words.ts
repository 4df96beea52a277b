/**
 * Chapter 4 of the Petrel book (rolling top words from Twitter's sample stream), with the built-in
 * sample text in place of Twitter (offline) and a split bolt in place of nltk. The counting and
 * ranking modules are the book's `rollingcount.py`, `intermediaterankings.py` and
 * `totalrankings.py` as they read after the Python 3 quick fixes (`.items()` for `.iteritems()`,
 * `//` for the integer `/`), written to storm-starter's RollingCountBolt, IntermediateRankingsBolt
 * and TotalRankingsBolt semantics, with the book's idioms: the periods are class attributes
 * (`emitFrequencyInSeconds`) returned by `getComponentConfiguration()` as
 * `{"topology.tick.tuple.freq.secs": self.emitFrequencyInSeconds}`, and the modules keep their
 * file names. The book's component ids (`spout`, `splitter`, `counter`, `intermediateRanker`,
 * `finalRanker`) and parallelism (4 counters, 4 intermediate rankers, one final ranker) are kept.
 * Every 15 s the final ranker logs `Emitting: ['word', n]`, highest count first, as the book shows.
 */
import { TICK_FREQ_KEY, type ComponentSpec } from '../types';
import { componentId } from '../ids';
import { dataSourceComponent } from '../data-sources';
import { bolt, subscribe, topology } from './build';
import { splitJs, splitPy } from './book-stores';

const rollingCountPy = `from collections import defaultdict

from petrel import storm
from petrel.emitter import BasicBolt


class SlotBasedCounter(object):
    """Counts per word in numSlots slots, one slot per emit period."""

    def __init__(self, numSlots):
        self.numSlots = numSlots
        self.objToCounts = defaultdict(lambda: [0] * numSlots)

    def incrementCount(self, obj, slot):
        self.objToCounts[obj][slot] += 1

    def getCounts(self):
        return dict((obj, sum(slots)) for obj, slots in self.objToCounts.items())

    def wipeSlot(self, slot):
        for obj in self.objToCounts.keys():
            self.objToCounts[obj][slot] = 0

    def wipeZeros(self):
        for obj in [obj for obj, slots in self.objToCounts.items() if sum(slots) == 0]:
            del self.objToCounts[obj]


class SlidingWindowCounter(object):
    """A window of windowLengthInSlots slots: counts go to the head slot; advancing the window
    wipes the oldest (tail) slot, which becomes the new head."""

    def __init__(self, windowLengthInSlots):
        self.windowLengthInSlots = windowLengthInSlots
        self.objCounter = SlotBasedCounter(self.windowLengthInSlots)
        self.headSlot = 0
        self.tailSlot = self.slotAfter(self.headSlot)

    def incrementCount(self, obj):
        self.objCounter.incrementCount(obj, self.headSlot)

    def getCountsThenAdvanceWindow(self):
        counts = self.objCounter.getCounts()
        self.objCounter.wipeZeros()
        self.objCounter.wipeSlot(self.tailSlot)
        self.headSlot = self.tailSlot
        self.tailSlot = self.slotAfter(self.tailSlot)
        return counts

    def slotAfter(self, slot):
        return (slot + 1) % self.windowLengthInSlots


class RollingCountBolt(BasicBolt):
    """Counts words over the last windowLengthInSeconds (five minutes); every
    emitFrequencyInSeconds (a tick tuple) emits each word's count and advances the window."""
    numWindowChunks = 5
    emitFrequencyInSeconds = 60
    windowLengthInSeconds = numWindowChunks * emitFrequencyInSeconds

    def __init__(self):
        super(RollingCountBolt, self).__init__(script=__file__)
        self.counter = SlidingWindowCounter(self.windowLengthInSeconds // self.emitFrequencyInSeconds)

    @classmethod
    def declareOutputFields(cls):
        return ['word', 'count']

    def process(self, tup):
        if tup.is_tick_tuple():
            self.emitCurrentWindowCounts()
        else:
            self.counter.incrementCount(tup.values[0])

    def emitCurrentWindowCounts(self):
        counts = self.counter.getCountsThenAdvanceWindow()
        for word, count in counts.items():
            storm.emit([word, count])

    def getComponentConfiguration(self):
        return {"topology.tick.tuple.freq.secs": self.emitFrequencyInSeconds}


def run():
    RollingCountBolt().run()
`;

const rollingCountJs = `// rollingcount.py in JavaScript: counts words over the last five minutes in five slots, one per
// emit period; every emitFrequencyInSeconds (a tick tuple) emits each word's count and advances.
class SlidingWindowCounter {
  constructor(windowLengthInSlots) {
    this.windowLengthInSlots = windowLengthInSlots;
    this.objToCounts = new Map();
    this.headSlot = 0;
    this.tailSlot = this.slotAfter(this.headSlot);
  }

  incrementCount(obj) {
    if (!this.objToCounts.has(obj)) this.objToCounts.set(obj, new Array(this.windowLengthInSlots).fill(0));
    this.objToCounts.get(obj)[this.headSlot] += 1;
  }

  getCountsThenAdvanceWindow() {
    const counts = new Map();
    for (const [obj, slots] of this.objToCounts) counts.set(obj, slots.reduce((a, b) => a + b, 0));
    for (const [obj, total] of counts) if (total === 0) this.objToCounts.delete(obj);
    for (const slots of this.objToCounts.values()) slots[this.tailSlot] = 0;
    this.headSlot = this.tailSlot;
    this.tailSlot = this.slotAfter(this.tailSlot);
    return counts;
  }

  slotAfter(slot) {
    return (slot + 1) % this.windowLengthInSlots;
  }
}

export default class RollingCountBolt extends BasicBolt {
  static numWindowChunks = 5;
  static emitFrequencyInSeconds = 60;
  static windowLengthInSeconds = RollingCountBolt.numWindowChunks * RollingCountBolt.emitFrequencyInSeconds;

  static declareOutputFields() {
    return ['word', 'count'];
  }

  initialize(conf, context) {
    this.counter = new SlidingWindowCounter(RollingCountBolt.windowLengthInSeconds / RollingCountBolt.emitFrequencyInSeconds);
  }

  process(tup) {
    if (tup.isTickTuple()) {
      for (const [word, count] of this.counter.getCountsThenAdvanceWindow()) storm.emit([word, count]);
    } else {
      this.counter.incrementCount(tup.values[0]);
    }
  }

  getComponentConfiguration() {
    return { 'topology.tick.tuple.freq.secs': RollingCountBolt.emitFrequencyInSeconds };
  }
}
`;

const intermediateRankingsPy = `from petrel import storm
from petrel.emitter import BasicBolt


def tup_sort_key(tup):
    return tup.values[1]


class IntermediateRankingsBolt(BasicBolt):
    """Keeps the maxSize words with the highest counts among those this task receives (the
    latest count of each); every emitFrequencyInSeconds (a tick tuple) emits them."""
    emitFrequencyInSeconds = 15
    maxSize = 10

    def __init__(self):
        super(IntermediateRankingsBolt, self).__init__(script=__file__)
        self.rankedItems = {}

    @classmethod
    def declareOutputFields(cls):
        return ['word', 'count']

    def process(self, tup):
        if tup.is_tick_tuple():
            for t in self.rankedItems.values():
                storm.emit(t.values)
        else:
            self.rankedItems[tup.values[0]] = tup
            if len(self.rankedItems) > self.maxSize:
                lowest = min(self.rankedItems.values(), key=tup_sort_key)
                del self.rankedItems[lowest.values[0]]

    def getComponentConfiguration(self):
        return {"topology.tick.tuple.freq.secs": self.emitFrequencyInSeconds}


def run():
    IntermediateRankingsBolt().run()
`;

/** The rankers in JavaScript: the latest count per word, the top maxSize kept; `total` logs what it emits. */
const rankingsJs = (cls: string, total: boolean) => `// ${total ? 'totalrankings.py' : 'intermediaterankings.py'} in JavaScript: keeps the maxSize words with the highest
// counts (the latest count of each); every emitFrequencyInSeconds (a tick tuple) emits them${total ? ',\n// highest first, logging each as the book shows' : ''}.
export default class ${cls} extends BasicBolt {
  static emitFrequencyInSeconds = 15;
  static maxSize = 10;

  static declareOutputFields() {
    return ['word', 'count'];
  }

  initialize(conf, context) {
    this.rankedItems = new Map();
  }

  process(tup) {
    if (tup.isTickTuple()) {
      const items = [...this.rankedItems.values()];
${total ? "      items.sort((a, b) => b[1] - a[1]);\n      for (const [word, count] of items) {\n        console.info(\"Emitting: ['\" + word + \"', \" + count + ']');\n        storm.emit([word, count]);\n      }\n" : '      for (const values of items) storm.emit(values);\n'}      return;
    }
    const [word, count] = tup.values;
    this.rankedItems.set(word, [word, count]);
    if (this.rankedItems.size > ${cls}.maxSize) {
      const lowest = [...this.rankedItems.values()].reduce((a, b) => (b[1] < a[1] ? b : a));
      this.rankedItems.delete(lowest[0]);
    }
${total ? '    for (const [w, values] of this.rankedItems) if (values[1] === 0) this.rankedItems.delete(w);\n' : ''}  }

  getComponentConfiguration() {
    return { 'topology.tick.tuple.freq.secs': ${cls}.emitFrequencyInSeconds };
  }
}
`;

const totalRankingsPy = `import logging

from petrel import storm
from petrel.emitter import BasicBolt

log = logging.getLogger('totalrankings')


def tup_sort_key(tup):
    return tup.values[1]


class TotalRankingsBolt(BasicBolt):
    """The one final ranker: merges the intermediate rankings into the overall maxSize top words;
    every emitFrequencyInSeconds (a tick tuple) logs and emits them, highest count first."""
    emitFrequencyInSeconds = 15
    maxSize = 10

    def __init__(self):
        super(TotalRankingsBolt, self).__init__(script=__file__)
        self.rankedItems = {}

    @classmethod
    def declareOutputFields(cls):
        return ['word', 'count']

    def process(self, tup):
        if tup.is_tick_tuple():
            for t in sorted(self.rankedItems.values(), key=tup_sort_key, reverse=True):
                log.info('Emitting: %s', repr(t.values))
                storm.emit(t.values)
        else:
            self.rankedItems[tup.values[0]] = tup
            if len(self.rankedItems) > self.maxSize:
                lowest = min(self.rankedItems.values(), key=tup_sort_key)
                del self.rankedItems[lowest.values[0]]
            for word in [w for w, t in self.rankedItems.items() if t.values[1] == 0]:
                del self.rankedItems[word]

    def getComponentConfiguration(self):
        return {"topology.tick.tuple.freq.secs": self.emitFrequencyInSeconds}


def run():
    TotalRankingsBolt().run()
`;

const withModule = (c: ComponentSpec, module: string): ComponentSpec => ({ ...c, module });

/** Chapter 4: rolling top words behind the sample text; the final ranker logs the top ten every 15 s. */
export function bookRollingTopWordsExample() {
  return topology(
    'chapter4-rolling-top-words',
    [
      withModule(dataSourceComponent('sample-text', componentId('spout'), { x: 0, y: 160 }, 'python'), 'sampletext'),
      withModule(bolt('splitter', { python: splitPy, javascript: splitJs, fields: ['word'], x: 260, y: 160 }), 'splitsentence'),
      withModule(bolt('counter', { python: rollingCountPy, javascript: rollingCountJs, fields: ['word', 'count'], parallelism: 4, config: { [TICK_FREQ_KEY]: 60 }, x: 520, y: 160 }), 'rollingcount'),
      withModule(
        bolt('intermediateRanker', { python: intermediateRankingsPy, javascript: rankingsJs('IntermediateRankingsBolt', false), fields: ['word', 'count'], parallelism: 4, config: { [TICK_FREQ_KEY]: 15 }, x: 780, y: 160 }),
        'intermediaterankings',
      ),
      withModule(bolt('finalRanker', { python: totalRankingsPy, javascript: rankingsJs('TotalRankingsBolt', true), fields: ['word', 'count'], config: { [TICK_FREQ_KEY]: 15 }, x: 1040, y: 160 }), 'totalrankings'),
    ],
    [
      subscribe('spout', 'splitter'),
      subscribe('splitter', 'counter', { kind: 'fields', fields: ['word'] }),
      subscribe('counter', 'intermediateRanker', { kind: 'fields', fields: ['word'] }),
      subscribe('intermediateRanker', 'finalRanker', { kind: 'global' }),
    ],
  );
}
