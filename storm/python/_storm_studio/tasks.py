"""Tasks: one per component instance the engine created. petrel.host.current is the task whose
method runs now (IDLE between calls); the storm functions act through it and call back into
JavaScript with plain values only, so that no proxy is created per tuple."""

import logging
import random
import sys

import _storm_studio_js as _js
from petrel import host as seam
from petrel.host import Channel
from petrel.storm import Tuple as _Tuple
from petrel.storm import storm_log as _storm_log
from pyodide.ffi import JsException

from .values import dumps as _dumps
from .values import loads as _loads
from .values import plain as _plain
from .values import plain_id as _plain_id
from .values import values_of as _values

_emit_b = _js.emit_b

# Single-string emits on the default stream (the split of a sentence into words: storm.emit([word])
# in a loop) wait here and cross to JavaScript together, joined by NUL, when the call into the task
# ends or before anything else crosses: one crossing instead of one per emit (about 1.2 us each in
# Pyodide). A task batches only after the engine accepted one such emit directly (Task.batched):
# the engine checks a stream's shape, which does not change during a run, so a batched emit cannot
# fail later than the line that made it. The engine delivers emitted tuples when the call ends,
# so the tuples, the log's order and every figure are the same as with one crossing per emit.
pending = []
# Past this many waiting emits they cross at once (a task that emits in a loop for long).
MAX_PENDING_EMITS = 1024


def flush():
    """Sends the waiting emits of the running task to the engine (call only when `pending` is not empty)."""
    joined = '\x00'.join(pending)
    pending.clear()
    try:
        _emit_b(seam.current.h, joined)
    except JsException as e:
        raise engine_error(e) from None


def flushing(f):
    """f, a function of the JavaScript side, called after the waiting emits have crossed."""
    def call(*args):
        if pending:
            flush()
        return f(*args)
    call.__name__ = getattr(f, '__name__', 'call')
    return call


_emit_v = _js.emit_v
_emit_a = flushing(_js.emit_a)
_emit_i = flushing(_js.emit_i)
_emit_x = flushing(_js.emit_x)
_js_ack = flushing(_js.ack)
_js_fail = flushing(_js.fail)
_js_log = flushing(_js.log)
_js_report_error = flushing(_js.report_error)

# A Bolt keeps the tuples it has not acked or failed yet (as Storm's ShellBolt does); past this
# many the oldest are forgotten so that a bolt that never acks cannot exhaust the page's memory.
# workers/python/host.ts forgets the same ones.
MAX_PENDING_INPUTS = 100000

# Task handle (a number JavaScript chose) -> task.
tasks = {}
_root = logging.getLogger()


class Idle(Channel):
    """petrel.host.current when no component method runs: the storm functions raise, logging and
    print go to the real streams, time and random are the real ones."""

    h = -1
    component = None
    task_id = None
    instance = None
    rng = random.Random(0)
    level = logging.INFO
    partial = {}


IDLE = Idle()


def enter(t):
    """Makes t the running task: the storm functions, logging, time and random act for it."""
    if pending:
        flush()
    seam.current = t
    if _root.level != t.level:
        _root.setLevel(t.level)
    if swapping and t.modules is not shown:
        show(t.modules)


# True once a module of the document imports another (modules.py): each switch of task then puts
# the task's own copies of the document's modules in sys.modules (about 0.8 us in Pyodide), as if
# it ran in a process of its own. Otherwise no task can see another's copy, and a switch costs nothing more.
swapping = False
# The document modules of the task in sys.modules now (its `modules` dict: imports add to it).
shown = {}


def show(modules):
    """Makes `modules` (a task's) the document modules sys.modules holds."""
    global shown
    loaded = sys.modules
    for name in shown:
        if name not in modules:
            loaded.pop(name, None)
    loaded.update(modules)
    shown = modules


def engine_error(e):
    """The engine's error (a JavaScript exception) as user code sees it."""
    message = getattr(e, 'message', None) or str(e)
    return RuntimeError(message)


class Task(Channel):
    """A task whose module is being imported: the storm functions raise until create() knows the
    component's kind and makes it a SpoutTask, BoltTask or BasicBoltTask."""

    __slots__ = ('h', 'component', 'task_id', 'module_name', 'module', 'modules', 'instance', 'rng', 'level',
                 'inputs', 'partial', 'warned', 'call', 'on_ack', 'on_fail', 'batched')
    kind = None

    def __init__(self, h, component, task_id, module_name, seed, level):
        self.h = h
        self.component = component
        self.task_id = task_id
        self.module_name = module_name
        self.module = None
        # The document modules this task imported, its own first (modules.py): its sys.modules view.
        self.modules = {}
        self.instance = None
        self.rng = random.Random(seed)
        self.level = level
        self.inputs = {}
        self.partial = {}
        self.warned = False
        self.call = None
        self.on_ack = None
        self.on_fail = None
        self.batched = False

    def _refuse(self, what):
        raise RuntimeError('storm.%s() was called while the module was being imported; call it from '
                           'initialize(), nextTuple() or process()' % what)

    def _emit1(self, tup):
        """emit(tup) with no options: the common case, kept short."""
        t = type(tup)
        if t is list or t is tuple:
            try:
                if len(tup) == 1:
                    v = tup[0]
                    if type(v) is str:
                        if self.batched and '\x00' not in v:
                            pending.append(v)
                            if len(pending) >= MAX_PENDING_EMITS:
                                flush()
                            return None
                        if pending:
                            flush()
                        _emit_v(self.h, None, v)
                        # The engine took a one-string tuple on the default stream: the next wait in `pending`.
                        self.batched = True
                        return None
                if pending:
                    flush()
                if _plain(tup):
                    _emit_v(self.h, None, *tup)
                    return None
            except JsException as e:
                raise engine_error(e) from None
        return self.emit(tup)

    def report_error(self, msg):
        _js_report_error(self.h, str(msg))

    def log(self, msg):
        logger = 'ShellSpout' if self.kind == 'spout' else 'ShellBolt'
        _js_log(self.h, 'INFO', 'ShellLog pid:%s, name:%s %s' % (self.task_id, self.component, msg), logger)

    def _emit_x(self, tup, stream, anchor_ids, id, direct, need_task_ids):
        values = _dumps(list(_values(tup)))
        if stream is not None and type(stream) is not str:
            raise TypeError('stream must be a string (a stream id), got %s' % type(stream).__name__)
        if direct is not None and type(direct) is not int:
            raise TypeError('directTask must be a task id (an int), got %s' % type(direct).__name__)
        anchors = _dumps(anchor_ids) if anchor_ids else None
        ident = None if id is None else _dumps(id)
        try:
            result = _emit_x(self.h, stream, direct, anchors, ident, values, bool(need_task_ids))
        except JsException as e:
            raise engine_error(e) from None
        return _loads(result) if need_task_ids else None


class SpoutTask(Task):
    __slots__ = ()
    kind = 'spout'
    emit1 = Task._emit1

    def emit(self, tup, stream=None, id=None, directTask=None, need_task_ids=False):
        t = type(tup)
        if (directTask is None and not need_task_ids and (t is list or t is tuple)
                and (stream is None or type(stream) is str) and _plain(tup)):
            try:
                if pending:
                    flush()
                if id is None:
                    _emit_v(self.h, stream, *tup)
                    return None
                if _plain_id(id):
                    _emit_i(self.h, stream, id, *tup)
                    return None
            except JsException as e:
                raise engine_error(e) from None
        return self._emit_x(tup, stream, None, id, directTask, need_task_ids)

    # storm.ack, ackId and fail are Channel's: refused, with this reason.
    def _refuse(self, what):
        raise RuntimeError('storm.%s() is for bolts: a spout learns the fate of its tuples through its '
                           'ack(id) and fail(id) methods' % what)


class BoltTask(Task):
    __slots__ = ()
    kind = 'bolt'
    emit1 = Task._emit1

    def emit(self, tup, stream=None, anchors=[], directTask=None, need_task_ids=False):
        t = type(tup)
        if (directTask is None and not need_task_ids and (t is list or t is tuple)
                and (stream is None or type(stream) is str) and _plain(tup)):
            ids = self._anchor_ids(anchors)
            try:
                if pending:
                    flush()
                if not ids:
                    _emit_v(self.h, stream, *tup)
                    return None
                if len(ids) == 1:
                    _emit_a(self.h, stream, ids[0], *tup)
                    return None
            except JsException as e:
                raise engine_error(e) from None
        return self._emit_x(tup, stream, self._anchor_ids(anchors), None, directTask, need_task_ids)

    def _anchor_ids(self, anchors):
        if not anchors:
            return ()
        if isinstance(anchors, _Tuple):
            raise TypeError('anchors must be a list of tuples, e.g. anchors=[tup]')
        inputs = self.inputs
        ids = []
        for a in anchors:
            if not isinstance(a, _Tuple):
                raise TypeError('anchors must be a list of tuples received by process(), got %s'
                                % type(a).__name__)
            if a.id not in inputs:
                raise RuntimeError('Anchored onto %s after ack/fail' % a.id)
            ids.append(a.id)
        return ids

    def ack(self, tup):
        self.ack_id(self._tuple_id(tup, 'ack'))

    def ack_id(self, tupid):
        if self.inputs.pop(tupid, _MISSING) is _MISSING:
            raise RuntimeError('Acked a non-existent or already acked/failed id: %s' % tupid)
        _js_ack(self.h, tupid)

    def fail(self, tup):
        tupid = self._tuple_id(tup, 'fail')
        if self.inputs.pop(tupid, _MISSING) is _MISSING:
            raise RuntimeError('Failed a non-existent or already acked/failed id: %s' % tupid)
        _js_fail(self.h, tupid)

    @staticmethod
    def _tuple_id(tup, what):
        if not isinstance(tup, _Tuple):
            raise TypeError('storm.%s() takes the tuple received by process(), got %s' % (what, type(tup).__name__))
        return tup.id

    def received(self, tup):
        inputs = self.inputs
        inputs[tup.id] = None
        if len(inputs) > MAX_PENDING_INPUTS:
            del inputs[next(iter(inputs))]
            if not self.warned:
                self.warned = True
                _storm_log.warning('%s (task %s) holds more than %d tuples it has not acked or failed; '
                                   'Storm Studio forgets the oldest (acking them later is an error)',
                                   self.component, self.task_id, MAX_PENDING_INPUTS)


class BasicBoltTask(BoltTask):
    __slots__ = ()
    kind = 'basicBolt'
    emit1 = Task._emit1

    def emit(self, tup, stream=None, anchors=[], directTask=None, need_task_ids=False):
        # Anchors are ignored as in Petrel: the engine anchors every emit to the tuple being processed.
        return BoltTask.emit(self, tup, stream, None, directTask, need_task_ids)

    # A BasicBolt refuses storm.ack, ackId and fail (Channel's), with this reason.
    ack = Channel.ack
    ack_id = Channel.ack_id
    fail = Channel.fail

    def _refuse(self, what):
        raise RuntimeError(
            'storm.%s() in a BasicBolt: a BasicBolt acks each tuple itself after process() returns, so '
            'Storm would then fail with "Acked a non-existent or already acked/failed id". Raise '
            'FailedException to fail the tuple, or extend Bolt to ack and fail yourself.' % what)


_MISSING = object()
