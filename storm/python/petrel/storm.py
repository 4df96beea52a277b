"""Petrel's storm module: the API components call (emit, ack, fail, log, Tuple, Spout, Bolt,
BasicBolt). The names, signatures and behaviour follow Petrel (petrel/storm.py); the calls go to
the host that runs the component (petrel.host), Storm Studio's simulator or Storm itself.
Storm Studio's differences from Petrel are listed in its docs/python.md.
"""

import logging

from petrel import host as _host

storm_log = logging.getLogger('storm')

# Petrel switches this on when the 'storm' logger is at DEBUG; Storm Studio profiles a component
# when its log level (the 'studio.log.level' config key) is DEBUG.
TUPLE_PROFILING = False


class StormIPCException(Exception):
    """Petrel raises it when the pipe to Storm breaks (kept for code that catches it)."""


class FailedException(Exception):
    """Fails the current tuple of a BasicBolt instead of crashing the component.

    This is Storm's org.apache.storm.topology.FailedException. Real Petrel has no such class:
    under petrel submit any exception raised in process() crashes the component.
    """


class Tuple(object):
    """A tuple received by a bolt: id, component, stream, task and values, as Storm sends them."""

    __slots__ = ['id', 'component', 'stream', 'task', 'values']

    def __init__(self, id, component, stream, task, values):
        self.id = id
        self.component = component
        self.stream = stream
        self.task = task
        self.values = values

    def __eq__(self, other):
        if not isinstance(other, Tuple):
            return False
        return (self.id == other.id and self.component == other.component and self.stream == other.stream
                and self.task == other.task and self.values == other.values)

    def __ne__(self, other):
        return not self == other

    __hash__ = None

    def __repr__(self):
        fields = ('component', 'id', 'stream', 'task', 'values')
        return '<Tuple%s>' % ''.join(' %s=%r' % (name, getattr(self, name)) for name in fields)

    def is_heartbeat_tuple(self):
        return self.task == -1 and self.stream == '__heartbeat'

    def is_tick_tuple(self):
        return self.task == -1 and self.stream == '__tick'


def emit(tup, *args, **kwargs):
    """Emits a tuple. Bolts: emit(tup, stream=None, anchors=[], directTask=None);
    spouts: emit(tup, stream=None, id=None, directTask=None). Returns the receiving task ids only
    when called with need_task_ids=True (as Petrel), else None."""
    if args or kwargs:
        return _host.current.emit(tup, *args, **kwargs)
    return _host.current.emit1(tup)


def emitMany(tuples, *args, **kwargs):
    """Emits each tuple of tuples with the same options."""
    channel = _host.current
    for tup in tuples:
        channel.emit(tup, *args, **kwargs)


def emitDirect(task, *args, **kwargs):
    """Emits to one task of a bolt subscribed with direct grouping (the stream must be direct)."""
    kwargs['directTask'] = task
    return _host.current.emit(*args, **kwargs)


def ack(tup):
    """Acknowledges a tuple (Bolt only; a BasicBolt acks for you)."""
    _host.current.ack(tup)


def ackId(tupid):
    """Acknowledges a tuple by its id."""
    _host.current.ack_id(tupid)


def fail(tup):
    """Fails a tuple: its spout tuple is replayed through the spout's fail() (Bolt only)."""
    _host.current.fail(tup)


def reportError(msg):
    """Reports an error to Storm (shown in the component's errors) without failing anything."""
    _host.current.report_error(msg)


def log(msg):
    """Writes a line to the Storm worker log (Storm's multilang 'log' command)."""
    _host.current.log(msg)


def sync():
    """Petrel's heartbeat reply (a host that needs one sends it itself)."""


def initialize_profiling():
    global TUPLE_PROFILING
    TUPLE_PROFILING = storm_log.isEnabledFor(logging.DEBUG)


class Task(object):
    """Base of Spout, Bolt and BasicBolt. run() hands the instance to the host: Petrel's enters
    the multilang loop, Storm Studio's calls initialize() and the component's methods itself."""

    task_index = -1
    worker_port = -1

    def initialize(self, conf, context):
        pass

    def run(self):
        _host.installed.run(self)

    def report_exception(self, base_message, exception):
        _host.installed.report_exception(self, base_message, exception)


class Spout(Task):
    def ack(self, id):
        pass

    def fail(self, id):
        pass

    def nextTuple(self):
        pass


class Bolt(Task):
    def __init__(self):
        self.profiler = None

    def process(self, tuple):
        pass


class BasicBolt(Task):
    def __init__(self):
        self.profiler = None

    def process(self, tuple):
        pass
