import logging

from petrel import storm
from petrel.emitter import BasicBolt

log = logging.getLogger('alerts')


class AlertsBolt(BasicBolt):
    """Subscribes to the spout's second stream, 'errors'."""

    def __init__(self):
        super(AlertsBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return []

    def process(self, tup):
        user, code = tup.values
        log.warning('user %s got HTTP %d', user, code)


def run():
    AlertsBolt().run()
