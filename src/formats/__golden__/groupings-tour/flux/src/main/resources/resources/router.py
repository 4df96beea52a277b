from petrel import storm
from petrel.emitter import BasicBolt


class RouterBolt(BasicBolt):
    """Picks the sessions task for each user itself and emits to it on a direct stream."""

    def __init__(self):
        super(RouterBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        # Petrel declares only the default stream here; the direct stream 'assign' is added
        # in create.py with builder.addOutputStream('router', 'assign', ['user', 'page'], direct=True).
        return []

    def initialize(self, conf, context):
        tasks = context['task->component']
        self._sessions = sorted(int(t) for t, c in tasks.items() if c == 'sessions')

    def process(self, tup):
        user, page = tup.values
        task = self._sessions[sum(ord(ch) for ch in user) % len(self._sessions)]
        storm.emitDirect(task, [user, page], stream='assign')


def run():
    RouterBolt().run()
