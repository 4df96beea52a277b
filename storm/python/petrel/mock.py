"""Petrel's petrel.mock: runs a spout and a chain of bolts in the calling thread, without Storm,
so that a test can check what each component emits.

    from petrel import mock
    spout = mock.MockSpout(['sentence'], [["Madam, I'm Adam."]])
    result = mock.run_simple_topology(None, [spout, SplitSentenceBolt()], result_type=mock.LIST)
    result[bolt]   # [['Madam,'], ["I'm"], ['Adam.']]

The semantics are Petrel's (petrel/mock.py): the spout's nextTuple() is called until a call emits
nothing; then each bolt, in order, processes every tuple the component before it emitted. The
result maps each component to the tuples it emitted, as result_type says. Differences: TUPLE is
accepted (Petrel lists it but refuses it), an item of MockSpout's data that is neither a list, a
tuple nor a dict raises TypeError (Petrel skips it silently), and a spout that has emitted
MAX_SPOUT_TUPLES tuples stops the run with an error instead of running forever.
"""

import collections
import logging

from petrel import host as _host
from petrel import storm

STORM_TUPLE = 0
LIST = 1
TUPLE = 2
NAMEDTUPLE = 3

MAX_SPOUT_TUPLES = 1000000

_log = logging.getLogger('petrel.mock')


class MockSpout(storm.Spout):
    """A spout that emits the items of ``data`` in order, one per nextTuple(), then nothing.

    An item is a list or tuple of values, or a dict with 'values' and emit's options
    (e.g. ``{'values': ['a'], 'stream': 'words', 'id': 7}``)."""

    def __init__(self, output_fields, data):
        super(MockSpout, self).__init__()
        self.output_fields = list(output_fields)
        self.data = data
        self.index = 0

    def declareOutputFields(self):
        return self.output_fields

    def nextTuple(self):
        if self.index >= len(self.data):
            return
        item = self.data[self.index]
        self.index += 1
        if isinstance(item, (list, tuple)):
            storm.emit(list(item))
        elif isinstance(item, dict):
            options = {k: v for k, v in item.items() if k != 'values'}
            storm.emit(item['values'], **options)
        else:
            raise TypeError('MockSpout data item %d is %r: expected a list or tuple of values, or a dict '
                            'with "values"' % (self.index - 1, item))


class _Recorder(_host.Channel):
    """What petrel.storm calls while the mock runs one component: emits are recorded, not sent."""

    def __init__(self, mock, component):
        self.mock = mock
        self.component = component
        self.spout = isinstance(component, storm.Spout)

    def emit(self, tup, stream=None, anchors_or_id=None, directTask=None, need_task_ids=False, **options):
        if self.spout:
            msg_id = options.pop('id', anchors_or_id)
        else:
            options.pop('anchors', None)
            msg_id = None
        if options:
            raise TypeError('emit() got unexpected keyword arguments: %s' % ', '.join(sorted(options)))
        self.mock.emitted(self.component).append(
            storm.Tuple(id=msg_id, component=None, stream=stream, task=directTask, values=list(tup)))
        return [] if need_task_ids else None

    def emit1(self, tup):
        return self.emit(tup)

    def ack(self, tup):
        self.mock.acked.append(tup)

    def ack_id(self, tupid):
        self.mock.acked.append(tupid)

    def fail(self, tup):
        self.mock.failed.append(tup)

    def report_error(self, msg):
        _log.error('%s reported an error: %s', type(self.component).__name__, msg)

    def log(self, msg):
        _log.info('%s', msg)


class Mock(object):
    """The state of one run_simple_topology(): what each component emitted, what bolts acked or
    failed. Entering it makes petrel.storm's calls go to it; leaving it puts back what was there."""

    def __init__(self):
        self.pending = {}
        self.acked = []
        self.failed = []
        self._types = {}
        self._previous = None

    def __enter__(self):
        self._previous = _host.current
        return self

    def __exit__(self, *exc):
        _host.current = self._previous

    def emitted(self, component):
        return self.pending.setdefault(id(component), [])

    def call(self, component, method, *args):
        _host.current = _Recorder(self, component)
        try:
            return method(*args)
        finally:
            _host.current = self._previous

    def output_type(self, component):
        key = id(component)
        if key not in self._types:
            self._types[key] = collections.namedtuple('%sTuple' % type(component).__name__,
                                                      component.declareOutputFields())
        return self._types[key]

    @classmethod
    def run_simple_topology(cls, config, emitters, result_type=NAMEDTUPLE):
        """Runs ``emitters`` (a spout, then 0 or more bolts, each consuming the previous one's
        output) and returns {component: [tuples it emitted]}. A config that is not None is passed
        to every component's initialize(config, {}) first; pass None to skip initialize (e.g. to
        run the same components again)."""
        emitters = list(emitters)
        if not emitters:
            raise ValueError('run_simple_topology() needs a spout and 0 or more bolts')
        makers = {
            STORM_TUPLE: lambda t, c, types: t,
            LIST: lambda t, c, types: list(t.values),
            TUPLE: lambda t, c, types: tuple(t.values),
            NAMEDTUPLE: lambda t, c, types: types(c)(*t.values),
        }
        if result_type not in makers:
            raise ValueError('Invalid result type specified: %r (use mock.STORM_TUPLE, LIST, TUPLE or '
                             'NAMEDTUPLE)' % (result_type,))
        if config is not None:
            for component in emitters:
                component.initialize(config, {})
        with cls() as self:
            spout = emitters[0]
            out = self.emitted(spout)
            while True:
                before = len(out)
                self.call(spout, spout.nextTuple)
                if len(out) == before:
                    break
                if len(out) >= MAX_SPOUT_TUPLES:
                    raise RuntimeError('%s emitted %d tuples and still emits: run_simple_topology() runs a '
                                       'spout until nextTuple() emits nothing' % (type(spout).__name__, len(out)))
            for previous, bolt in zip(emitters, emitters[1:]):
                for tup in self.emitted(previous):
                    self.call(bolt, bolt.process, tup)
        make = makers[result_type]
        return {c: [make(t, c, self.output_type) for t in self.emitted(c)] for c in emitters}


def run_simple_topology(config, emitters, result_type=NAMEDTUPLE):
    """See Mock.run_simple_topology."""
    return Mock.run_simple_topology(config, emitters, result_type=result_type)
