/**
 * `petrel/storm.py` as Storm Studio runs it: Petrel's `storm` module API (emit, ack, fail, log,
 * Tuple, Spout/Bolt/BasicBolt), reimplemented over the engine's TaskApi instead of Storm's
 * multilang pipe. The calls go to the task that is currently running (see `_storm_studio.py`).
 */
export const STORM_PY = String.raw`"""Petrel's storm module, as Storm Studio runs it.

Storm Studio calls your component's methods directly instead of talking to Storm over the
multilang pipe, so emit/ack/fail reach the simulator at once. The names, signatures and
behaviour follow Petrel (petrel/storm.py); differences are listed in Storm Studio's docs/python.md.
"""

import logging

import _storm_studio as _host

storm_log = logging.getLogger('storm')

# Petrel switches this on when the 'storm' logger is at DEBUG; Storm Studio profiles a component
# when its log level (the 'studio.log.level' config key) is DEBUG.
TUPLE_PROFILING = False


class StormIPCException(Exception):
    """Kept for compatibility: Storm Studio has no pipe to fail."""


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
        return _host._cur.emit(tup, *args, **kwargs)
    return _host._cur.emit1(tup)


def emitMany(tuples, *args, **kwargs):
    """Emits each tuple of tuples with the same options."""
    task = _host._cur
    for tup in tuples:
        task.emit(tup, *args, **kwargs)


def emitDirect(task, *args, **kwargs):
    """Emits to one task of a bolt subscribed with direct grouping (the stream must be direct)."""
    kwargs['directTask'] = task
    return _host._cur.emit(*args, **kwargs)


def ack(tup):
    """Acknowledges a tuple (Bolt only; a BasicBolt acks for you)."""
    _host._cur.ack(tup)


def ackId(tupid):
    """Acknowledges a tuple by its id."""
    _host._cur.ack_id(tupid)


def fail(tup):
    """Fails a tuple: its spout tuple is replayed through the spout's fail() (Bolt only)."""
    _host._cur.fail(tup)


def reportError(msg):
    """Reports an error to Storm (shown in the component's errors) without failing anything."""
    _host._cur.report_error(msg)


def log(msg):
    """Writes a line to the Storm worker log (Storm's multilang 'log' command)."""
    _host._cur.storm_log(msg)


def sync():
    """Petrel's heartbeat reply: nothing to do in Storm Studio."""


def initialize_profiling():
    global TUPLE_PROFILING
    TUPLE_PROFILING = storm_log.isEnabledFor(logging.DEBUG)


class Task(object):
    """Base of Spout, Bolt and BasicBolt. run() hands the instance to Storm Studio, which then
    calls initialize() and the component's methods itself (Petrel would enter its multilang loop)."""

    task_index = -1
    worker_port = -1

    def initialize(self, conf, context):
        pass

    def run(self):
        _host.capture(self)

    def report_exception(self, base_message, exception):
        _host.report_exception(self, base_message, exception)


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
`;
