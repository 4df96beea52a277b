import logging

from petrel import storm
from petrel.emitter import BasicBolt

log = logging.getLogger('audit')


class AuditBolt(BasicBolt):
    """All grouping: every audit task receives every click."""

    def __init__(self):
        super(AuditBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return []

    def initialize(self, conf, context):
        self._task = context['taskid']
        self._seen = 0

    def process(self, tup):
        self._seen += 1
        if self._seen % 50 == 0:
            log.info('audit task %s has seen %d clicks', self._task, self._seen)


def run():
    AuditBolt().run()
