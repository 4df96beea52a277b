"""The entry points the JavaScript runtime calls for tasks: create one from a loaded module, then
initialize, nextTuple, ack, fail and process. They take and return plain values: None, or a
string that is a JSON result, or '!' and a JSON error (see crash.py)."""

import json
import sys
import types
from functools import partial

from petrel import host as seam
from petrel.emitter import EmitterBase as _EmitterBase
from petrel.host import Host
from petrel.storm import BasicBolt as _BasicBolt
from petrel.storm import FailedException
from petrel.storm import Spout as _Spout
from petrel.storm import Tuple as _Tuple

from . import loader
from . import tasks as _task_views
from .crash import crash as _crash
from .crash import failed as _failed
from .crash import report_exception
from .tasks import IDLE, BasicBoltTask, BoltTask, SpoutTask, Task
from .tasks import enter as _enter
from .tasks import flush as _flush
from .tasks import pending as _pending
from .tasks import tasks as _tasks
from .values import dumps as _dumps
from .values import loads as _loads


class StudioHost(Host):
    """petrel.host.installed in Storm Studio: component.run() hands the instance over, and the
    engine calls its methods through the entry points below (Petrel enters its multilang loop)."""

    captured = None

    def run(self, component):
        if self.captured is None:
            self.captured = component

    def report_exception(self, component, base_message, exception):
        report_exception(component, base_message, exception)


HOST = StudioHost()

_names = []


def name(text):
    """Interns a component or stream id; process() then receives its number (fewer strings to cross)."""
    _names.append(text)
    return len(_names) - 1


def _task(h):
    """The task with handle h, made the running one: what every call into a task does first."""
    t = _tasks[h]
    if t is not seam.current:
        _enter(t)
    return t


def process(h, id, component, stream, task, *values):
    t = _task(h)
    tup = _Tuple(id, _names[component], _names[stream], task, list(values))
    if t.kind == 'bolt':
        t.received(tup)
    try:
        t.call(tup)
        if _pending:
            _flush()
    except FailedException as e:
        return _failed(t, _flushed(e))
    except BaseException as e:
        return _crash(t, _flushed(e))
    return None


def _flushed(e):
    """e, after the emits made before it was raised have crossed (as Storm had sent them)."""
    if _pending:
        try:
            _flush()
        except BaseException:
            # The engine refused them: the component's own exception is the one to report.
            del _pending[:]
    return e


def process_json(h, id, component, stream, task, values):
    return process(h, id, component, stream, task, *_loads(values))


def _call(method, h, *args):
    """Calls the spout's method (the task's 'call', 'on_ack' or 'on_fail': nextTuple, ack, fail)."""
    t = _task(h)
    try:
        getattr(t, method)(*args)
        if _pending:
            _flush()
    except BaseException as e:
        return _crash(t, _flushed(e))
    return None


next_tuple = partial(_call, 'call')
ack = partial(_call, 'on_ack')
fail = partial(_call, 'on_fail')


def ack_json(h, id):
    return ack(h, _loads(id))


def fail_json(h, id):
    return fail(h, _loads(id))


def set_level(h, level):
    t = _tasks[h]
    t.level = level
    if t is seam.current:
        _enter(t)


def initialize(h, conf, context, level):
    t = _tasks[h]
    t.level = level
    _enter(t)
    try:
        conf = _loads(conf)
        context = _loads(context)
        inst = t.instance
        inst.task_index = context.get('taskIndex', -1)
        inst.worker_port = context.get('workerPort', -1)
        inst.initialize(conf, context)
        if _pending:
            _flush()
    except BaseException as e:
        return _crash(t, _flushed(e))
    return None


def create(loaded, h, task_id, component, seed, level):
    """Imports a fresh copy of the module for one task (as Storm starts one process per task, the
    other modules of the document it imports are fresh copies too: modules.py),
    runs its run() to get the component instance, and returns [kind, fields, config] as JSON."""
    module_name, filename, compiled = loader.loaded[loaded]
    t = Task(h, component, task_id, module_name, seed, level)
    _tasks[h] = t
    module = types.ModuleType(module_name)
    module.__file__ = filename
    t.module = module
    # The task sees its own module, and imports its own copy of any other module of the document.
    t.modules[module_name] = module
    _enter(t)
    if not _task_views.swapping:
        sys.modules[module_name] = module
    HOST.captured = None
    try:
        exec(compiled, module.__dict__)
        inst = HOST.captured
        if inst is None:
            run = module.__dict__.get('run')
            if not callable(run):
                raise RuntimeError(
                    '%s has no module-level run() function: Petrel starts a component by calling it, '
                    'e.g.\n\ndef run():\n    MyBolt().run()' % filename.rsplit('/', 1)[-1])
            run()
            inst = HOST.captured
        if inst is None:
            raise RuntimeError('run() did not start a component: it must create the Spout, Bolt or '
                               'BasicBolt and call its run() method, e.g. MyBolt().run()')
    except BaseException as e:
        return _crash(t, e)
    finally:
        HOST.captured = None
    t.instance = inst
    if isinstance(inst, _Spout):
        t.__class__ = SpoutTask
        t.call = inst.nextTuple
        t.on_ack = inst.ack
        t.on_fail = inst.fail
    elif isinstance(inst, _BasicBolt):
        t.__class__ = BasicBoltTask
        t.call = inst.process
    else:
        t.__class__ = BoltTask
        t.call = inst.process
    try:
        fields = _declared_fields(inst)
        config = _component_config(inst)
        return _dumps([t.kind, fields, config])
    except BaseException as e:
        return _crash(t, e)


def drop_task(h):
    t = _tasks.pop(h, None)
    if t is seam.current:
        seam.current = IDLE


def _declared_fields(inst):
    declare = getattr(inst, 'declareOutputFields', None)
    if declare is None or getattr(declare, '__func__', None) is _EmitterBase.declareOutputFields:
        return None
    fields = declare()
    if fields is None:
        return None
    fields = list(fields)
    for f in fields:
        if type(f) is not str:
            raise TypeError('declareOutputFields() must return a list of field names (strings), got %r'
                            % (fields,))
    return fields


def _component_config(inst):
    get = getattr(inst, 'getComponentConfiguration', None)
    if get is None:
        return None
    conf = get()
    if conf is None:
        return None
    if not isinstance(conf, dict):
        raise TypeError('getComponentConfiguration() must return a dict or None, got %s' % type(conf).__name__)
    json.loads(_dumps(conf))  # raises here, with the component's traceback, if it is not JSON
    return conf
