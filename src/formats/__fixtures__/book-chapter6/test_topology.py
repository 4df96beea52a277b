import unittest

from nose.tools import assert_equal
from petrel import mock
from randomsentence import RandomSentenceSpout
from splitsentence import SplitSentenceBolt
from wordcount import WordCountBolt


def test_split_then_count():
    spout = mock.MockSpout(RandomSentenceSpout.declareOutputFields(), [['the cow'], ['the moon']])
    split, count = SplitSentenceBolt(), WordCountBolt()
    result = mock.run_simple_topology(None, [spout, split, count])
    assert_equal(['the', 'cow', 'the', 'moon'], [t.word for t in result[split]])
    assert_equal(('the', 2), tuple(result[count][-2]))


class WordCountTest(unittest.TestCase):
    def test_named_tuples(self):
        bolt = WordCountBolt()
        spout = mock.MockSpout(['word'], [['storm']])
        [out] = mock.run_simple_topology(None, [spout, bolt])[bolt]
        self.assertEqual(type(out).__name__, 'WordCountBoltTuple')
        self.assertEqual((out.word, out.count), ('storm', 1))
