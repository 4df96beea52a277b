import logging
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
