import logging

from petrel import storm
from petrel.emitter import BasicBolt

log = logging.getLogger('sessions')


class SessionsBolt(BasicBolt):
    """Direct grouping: receives only what the router sent to this task."""

    def __init__(self):
        super(SessionsBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return []

    def initialize(self, conf, context):
        self._task = context['taskid']
        self._users = set()

    def process(self, tup):
        user = tup.values[0]
        if user not in self._users:
            self._users.add(user)
            log.info('task %s now holds sessions of %s', self._task, sorted(self._users))


def run():
    SessionsBolt().run()
