import random
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
