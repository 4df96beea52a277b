import logging

from petrel import storm
from petrel.emitter import BasicBolt

log = logging.getLogger('totals')


class TotalsBolt(BasicBolt):
    """Global grouping: only the task with the lowest id receives tuples."""

    def __init__(self):
        super(TotalsBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['page', 'total']

    def initialize(self, conf, context):
        self._totals = {}

    def process(self, tup):
        page = tup.values[1]
        self._totals[page] = self._totals.get(page, 0) + 1
        storm.emit([page, self._totals[page]])


def run():
    TotalsBolt().run()
