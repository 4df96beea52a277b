from collections import defaultdict

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
