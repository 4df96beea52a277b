import logging

from petrel import storm
from petrel.emitter import BasicBolt

log = logging.getLogger('splitsentence')


class SplitSentenceBolt(BasicBolt):
    def __init__(self):
        super(SplitSentenceBolt, self).__init__(script=__file__)

    def declareOutputFields(self):
        return ['word']

    def process(self, tup):
        log.info('SplitSentenceBolt.process() called with: %s', tup)
        words = tup.values[0].split()
        for word in words:
            log.info('SplitSentenceBolt.process() emitting: %s', word)
            storm.emit([word])


def test():
    from nose.tools import assert_equal

    bolt = SplitSentenceBolt()

    from petrel import mock
    from randomsentence import RandomSentenceSpout
    mock_spout = mock.MockSpout(RandomSentenceSpout.declareOutputFields(), [
        ["an apple a day keeps the doctor away"]])

    result = mock.run_simple_topology(None, [mock_spout, bolt], result_type=mock.LIST)
    assert_equal([['an'], ['apple'], ['a'], ['day'], ['keeps'], ['the'], ['doctor'], ['away']], result[bolt])


def run():
    SplitSentenceBolt().run()
