import logging
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
