import logging

from petrel import storm
from petrel.emitter import BasicBolt

TOP_N = 5

log = logging.getLogger('total-rankings')


class TotalRankingsBolt(BasicBolt):
    def __init__(self):
        super(TotalRankingsBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['rankings']

    def initialize(self, conf, context):
        self._counts = {}

    def process(self, tup):
        if tup.is_tick_tuple():
            top = sorted(self._counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_N]
            storm.emit([[list(kv) for kv in top]])
            log.info('top words: %s', ', '.join('%s=%d' % kv for kv in top))
            self._counts = {w: c for w, c in self._counts.items() if c > 0}
        else:
            for word, count in tup.values[0]:
                self._counts[word] = count

    def getComponentConfiguration(self):
        return {'topology.tick.tuple.freq.secs': 2}


def run():
    TotalRankingsBolt().run()
