import random
import time

from petrel import storm
from petrel.emitter import Spout

USERS = ['ada', 'grace', 'linus', 'margaret', 'dennis', 'barbara']
PAGES = ['/', '/docs', '/pricing', '/blog', '/login']


class ClickSpout(Spout):
    def __init__(self):
        super(ClickSpout, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['user', 'page']

    def initialize(self, conf, context):
        self._next_id = 0
        self._pending = {}

    def nextTuple(self):
        time.sleep(0.05)
        user = random.choice(USERS)
        if random.random() < 0.1:
            # A second, untracked stream: Petrel declares it with builder.addOutputStream.
            storm.emit([user, random.choice([404, 500])], stream='errors')
            return
        click = [user, random.choice(PAGES)]
        self._next_id += 1
        self._pending[self._next_id] = click
        storm.emit(click, id=self._next_id)

    def ack(self, id):
        del self._pending[id]

    def fail(self, id):
        storm.emit(self._pending[id], id=id)


def run():
    ClickSpout().run()
