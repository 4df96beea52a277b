/**
 * `_storm_studio.py`: the Python half of the runtime. The JavaScript runtime (`../host.ts`) calls
 * its entry points (`load`, `create`, `initialize`, `next_tuple`, `process`, `ack`, `fail`) with
 * plain values only, and it calls back into JavaScript through `_storm_studio_js` with plain values
 * only, so no PyProxy or JsProxy is created per tuple. Entry points return None, or a string:
 * a JSON result, or `!` + a JSON error (`{kind, message, traceback, ...}`).
 *
 * It also routes what user code expects from a process of its own through the running task:
 * `time.sleep`/`time.time` (engine clock), `random` (seeded per task), `logging` and `print`
 * (the task's log, in Petrel's line format).
 */
export const HOST_PY = String.raw`"""Storm Studio's host side of the petrel shim. User code never imports this module."""

import ast
import importlib.util
import io
import json
import json.encoder
import logging
import random
import sys
import time
import traceback
import types

import _storm_studio_js as _js
from pyodide.ffi import JsException

_emit_v = _js.emit_v
_emit_a = _js.emit_a
_emit_i = _js.emit_i
_emit_x = _js.emit_x
_js_ack = _js.ack
_js_fail = _js.fail
_js_log = _js.log
_js_report_error = _js.report_error
_js_sleep = _js.sleep
_js_time = _js.time

HOSTNAME = 'storm-studio'
SAFE_INT = 2 ** 53 - 1
# A Bolt keeps the tuples it has not acked or failed yet (as Storm's ShellBolt does); past this
# many the oldest are forgotten so that a bolt that never acks cannot exhaust the page's memory.
MAX_PENDING_INPUTS = 100000
_THIS_FILE = __file__


# ---------------------------------------------------------------------------------------------
# JSON, the way Storm's multilang protocol carries values

def _not_serializable(o):
    raise TypeError('Object of type %s is not JSON serializable (Storm sends tuple values and '
                    'message ids as JSON)' % type(o).__name__)


try:
    _encoder = json.encoder.c_make_encoder(None, _not_serializable, json.encoder.encode_basestring,
                                           None, ':', ',', False, False, False)

    def _dumps(o):
        return ''.join(_encoder(o, 0))
except (AttributeError, TypeError):  # no C accelerator: same output, slower
    def _dumps(o):
        return json.dumps(o, ensure_ascii=False, allow_nan=False, separators=(',', ':'),
                          default=_not_serializable)

_loads = json.loads


def _plain(values):
    """True when every value crosses to JavaScript unchanged (what JSON would give)."""
    for v in values:
        t = type(v)
        if t is str or v is None or t is bool:
            continue
        if t is int:
            if -SAFE_INT <= v <= SAFE_INT:
                continue
            return False
        if t is float and v - v == 0.0:  # finite
            continue
        return False
    return True


def _plain_id(v):
    t = type(v)
    return t is str or t is bool or (t is int and -SAFE_INT <= v <= SAFE_INT) or (t is float and v - v == 0.0)


def _values(tup):
    t = type(tup)
    if t is list or t is tuple:
        return tup
    raise TypeError("storm.emit() takes the tuple's values as a list, e.g. storm.emit([word]); got %s"
                    % t.__name__)


def _engine_error(e):
    message = getattr(e, 'message', None) or str(e)
    return RuntimeError(message)


# ---------------------------------------------------------------------------------------------
# Tasks: one per ComponentInstance; _cur is the one whose method is running

_tasks = {}
_loaded = {}
_captured = None


class _NoTask(object):
    """What the storm functions reach when no component method is running."""

    h = -1
    component = None
    task_id = None
    rng = random.Random(0)
    level = logging.INFO
    partial = {}

    def _outside(self, what):
        raise RuntimeError('storm.%s() was called outside a running component; call it from '
                           'initialize(), nextTuple(), ack(), fail() or process()' % what)

    def emit(self, *args, **kwargs):
        self._outside('emit')

    emit1 = emit

    def ack(self, tup):
        self._outside('ack')

    ack_id = fail = ack

    def report_error(self, msg):
        self._outside('reportError')

    def storm_log(self, msg):
        self._outside('log')


_NO_TASK = _NoTask()
_cur = _NO_TASK


class _Task(object):
    __slots__ = ('h', 'component', 'task_id', 'module_name', 'module', 'instance', 'rng', 'level',
                 'inputs', 'partial', 'warned', 'call', 'on_ack', 'on_fail')
    kind = None

    def __init__(self, h, component, task_id, module_name, seed, level):
        self.h = h
        self.component = component
        self.task_id = task_id
        self.module_name = module_name
        self.module = None
        self.instance = None
        self.rng = random.Random(seed)
        self.level = level
        self.inputs = {}
        self.partial = {}
        self.warned = False
        self.call = None
        self.on_ack = None
        self.on_fail = None

    def _not_yet(self, what):
        raise RuntimeError('storm.%s() was called while the module was being imported; call it from '
                           'initialize(), nextTuple() or process()' % what)

    def emit(self, *args, **kwargs):
        self._not_yet('emit')

    emit1 = emit

    def _emit1(self, tup):
        """emit(tup) with no options: the common case, kept short."""
        t = type(tup)
        if t is list or t is tuple:
            try:
                if len(tup) == 1:
                    v = tup[0]
                    if type(v) is str:
                        _emit_v(self.h, None, v)
                        return None
                if _plain(tup):
                    _emit_v(self.h, None, *tup)
                    return None
            except JsException as e:
                raise _engine_error(e) from None
        return self.emit(tup)

    def ack(self, tup):
        self._not_yet('ack')

    def ack_id(self, tupid):
        self._not_yet('ackId')

    def fail(self, tup):
        self._not_yet('fail')

    def report_error(self, msg):
        _js_report_error(self.h, str(msg))

    def storm_log(self, msg):
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
            raise _engine_error(e) from None
        return _loads(result) if need_task_ids else None


class _SpoutTask(_Task):
    __slots__ = ()
    kind = 'spout'
    emit1 = _Task._emit1

    def emit(self, tup, stream=None, id=None, directTask=None, need_task_ids=False):
        t = type(tup)
        if (directTask is None and not need_task_ids and (t is list or t is tuple)
                and (stream is None or type(stream) is str) and _plain(tup)):
            try:
                if id is None:
                    _emit_v(self.h, stream, *tup)
                    return None
                if _plain_id(id):
                    _emit_i(self.h, stream, id, *tup)
                    return None
            except JsException as e:
                raise _engine_error(e) from None
        return self._emit_x(tup, stream, None, id, directTask, need_task_ids)

    def _bolts_only(self, what):
        raise RuntimeError('storm.%s() is for bolts: a spout learns the fate of its tuples through its '
                           'ack(id) and fail(id) methods' % what)

    def ack(self, tup):
        self._bolts_only('ack')

    def ack_id(self, tupid):
        self._bolts_only('ackId')

    def fail(self, tup):
        self._bolts_only('fail')


class _BoltTask(_Task):
    __slots__ = ()
    kind = 'bolt'
    emit1 = _Task._emit1

    def emit(self, tup, stream=None, anchors=[], directTask=None, need_task_ids=False):
        t = type(tup)
        if (directTask is None and not need_task_ids and (t is list or t is tuple)
                and (stream is None or type(stream) is str) and _plain(tup)):
            ids = self._anchor_ids(anchors)
            try:
                if not ids:
                    _emit_v(self.h, stream, *tup)
                    return None
                if len(ids) == 1:
                    _emit_a(self.h, stream, ids[0], *tup)
                    return None
            except JsException as e:
                raise _engine_error(e) from None
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


class _BasicBoltTask(_BoltTask):
    __slots__ = ()
    kind = 'basicBolt'
    emit1 = _Task._emit1

    def emit(self, tup, stream=None, anchors=[], directTask=None, need_task_ids=False):
        # Anchors are ignored as in Petrel: a BasicBolt anchors every emit to the tuple being processed.
        t = type(tup)
        if (directTask is None and not need_task_ids and (t is list or t is tuple)
                and (stream is None or type(stream) is str) and _plain(tup)):
            try:
                _emit_v(self.h, stream, *tup)
                return None
            except JsException as e:
                raise _engine_error(e) from None
        return self._emit_x(tup, stream, None, None, directTask, need_task_ids)

    def _auto(self, what):
        raise RuntimeError(
            'storm.%s() in a BasicBolt: a BasicBolt acks each tuple itself after process() returns, so '
            'Storm would then fail with "Acked a non-existent or already acked/failed id". Raise '
            'FailedException to fail the tuple, or extend Bolt to ack and fail yourself.' % what)

    def ack(self, tup):
        self._auto('ack')

    def ack_id(self, tupid):
        self._auto('ackId')

    def fail(self, tup):
        self._auto('fail')


_MISSING = object()


# ---------------------------------------------------------------------------------------------
# Entry points called by the JavaScript runtime

def _enter(t):
    global _cur
    _cur = t
    if _root.level != t.level:
        _root.setLevel(t.level)


_names = []


def name(text):
    """Interns a component or stream id; process() then receives its number (fewer strings to cross)."""
    _names.append(text)
    return len(_names) - 1


def process(h, id, component, stream, task, *values):
    t = _tasks[h]
    if t is not _cur:
        _enter(t)
    tup = _Tuple(id, _names[component], _names[stream], task, list(values))
    if t.kind == 'bolt':
        t.received(tup)
    try:
        t.call(tup)
    except FailedException as e:
        return _failed(t, e)
    except BaseException as e:
        return _crash(t, e)
    return None


def process_json(h, id, component, stream, task, values):
    return process(h, id, component, stream, task, *_loads(values))


def _failed(t, e):
    if t.kind == 'basicBolt':
        return '!' + _dumps({'kind': 'failed', 'message': str(e) or 'FailedException'})
    return _crash(t, e)


def next_tuple(h):
    t = _tasks[h]
    if t is not _cur:
        _enter(t)
    try:
        t.call()
    except BaseException as e:
        return _crash(t, e)
    return None


def ack(h, id):
    t = _tasks[h]
    if t is not _cur:
        _enter(t)
    try:
        t.on_ack(id)
    except BaseException as e:
        return _crash(t, e)
    return None


def fail(h, id):
    t = _tasks[h]
    if t is not _cur:
        _enter(t)
    try:
        t.on_fail(id)
    except BaseException as e:
        return _crash(t, e)
    return None


def ack_json(h, id):
    return ack(h, _loads(id))


def fail_json(h, id):
    return fail(h, _loads(id))


def set_level(h, level):
    t = _tasks[h]
    t.level = level
    if t is _cur:
        _root.setLevel(level)


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
    except BaseException as e:
        return _crash(t, e)
    return None


def load(module_name, filename, code):
    """Compiles a component module and checks that everything it imports is available."""
    try:
        tree = compile(code, filename, 'exec', ast.PyCF_ONLY_AST, dont_inherit=True)
        compiled = compile(tree, filename, 'exec', dont_inherit=True)
    except SyntaxError as e:
        return '!' + _dumps({
            'kind': 'syntax',
            'message': '%s: %s' % (type(e).__name__, e.msg),
            'line': e.lineno,
            'column': e.offset,
            'endLine': getattr(e, 'end_lineno', None),
            'endColumn': getattr(e, 'end_offset', None),
            'traceback': ''.join(traceback.format_exception_only(type(e), e)),
        })
    missing = _missing_imports(tree)
    if missing:
        return '!' + _dumps({'kind': 'import', 'imports': missing})
    handle = len(_loaded) + 1
    while handle in _loaded:
        handle += 1
    _loaded[handle] = (module_name, filename, compiled)
    return str(handle)


def drop_component(handle):
    _loaded.pop(handle, None)


def check_syntax(code, filename):
    """Compiles without running: a list of {line, column, endLine, endColumn, message, severity}
    for the syntax error (Python reports the first one) and the compiler's SyntaxWarnings."""
    import warnings
    found = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always', SyntaxWarning)
        try:
            compile(code, filename, 'exec', dont_inherit=True)
        except SyntaxError as e:
            found.append(_syntax_diagnostic(e, 'error'))
    for w in caught:
        if issubclass(w.category, SyntaxWarning):
            found.append({'line': w.lineno, 'column': 1, 'endLine': w.lineno, 'endColumn': None,
                          'message': 'SyntaxWarning: %s' % w.message, 'severity': 'warning'})
    return _dumps(found)


def _syntax_diagnostic(e, severity):
    return {
        'line': e.lineno or 1,
        'column': e.offset or 1,
        'endLine': getattr(e, 'end_lineno', None),
        'endColumn': getattr(e, 'end_offset', None),
        'message': '%s: %s' % (type(e).__name__, e.msg),
        'severity': severity,
    }


def _missing_imports(tree):
    missing = []
    seen = set()
    for node, guarded in _imports(tree, False):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split('.')[0]
            if top in seen or guarded:
                continue
            seen.add(top)
            if top in sys.modules or top == '__future__':
                continue
            try:
                found = importlib.util.find_spec(top) is not None
            except (ImportError, ValueError):
                found = False
            if not found:
                missing.append({'module': top, 'line': node.lineno})
    return missing


_IMPORT_GUARDS = ('ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException')


def _imports(node, guarded):
    """Import statements with whether a try/except ImportError around them handles a failure."""
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        yield node, guarded
        return
    if isinstance(node, ast.Try) or type(node).__name__ == 'TryStar':
        handles = any(_catches_import_error(h.type) for h in node.handlers)
        for child in node.body:
            yield from _imports(child, guarded or handles)
        for child in node.handlers + node.orelse + node.finalbody:
            yield from _imports(child, guarded)
        return
    for child in ast.iter_child_nodes(node):
        yield from _imports(child, guarded)


def _catches_import_error(t):
    if t is None:
        return True
    if isinstance(t, ast.Tuple):
        return any(_catches_import_error(e) for e in t.elts)
    name = t.id if isinstance(t, ast.Name) else t.attr if isinstance(t, ast.Attribute) else None
    return name in _IMPORT_GUARDS


def create(loaded, h, task_id, component, seed, level):
    """Imports a fresh copy of the module for one task (as Storm starts one process per task),
    runs its run() to get the component instance, and returns [kind, fields, config] as JSON."""
    global _captured
    module_name, filename, compiled = _loaded[loaded]
    t = _Task(h, component, task_id, module_name, seed, level)
    _tasks[h] = t
    _enter(t)
    _captured = None
    module = types.ModuleType(module_name)
    module.__file__ = filename
    t.module = module
    try:
        sys.modules[module_name] = module
        exec(compiled, module.__dict__)
        inst = _captured
        if inst is None:
            run = module.__dict__.get('run')
            if not callable(run):
                raise RuntimeError(
                    '%s has no module-level run() function: Petrel starts a component by calling it, '
                    'e.g.\n\ndef run():\n    MyBolt().run()' % filename.rsplit('/', 1)[-1])
            run()
            inst = _captured
        if inst is None:
            raise RuntimeError('run() did not start a component: it must create the Spout, Bolt or '
                               'BasicBolt and call its run() method, e.g. MyBolt().run()')
    except BaseException as e:
        return _crash(t, e)
    finally:
        _captured = None
    t.instance = inst
    if isinstance(inst, _storm.Spout):
        t.__class__ = _SpoutTask
        t.call = inst.nextTuple
        t.on_ack = inst.ack
        t.on_fail = inst.fail
    elif isinstance(inst, _storm.BasicBolt):
        t.__class__ = _BasicBoltTask
        t.call = inst.process
    else:
        t.__class__ = _BoltTask
        t.call = inst.process
    try:
        fields = _declared_fields(inst)
        config = _component_config(inst)
        return _dumps([t.kind, fields, config])
    except BaseException as e:
        return _crash(t, e)


def drop_task(h):
    global _cur
    t = _tasks.pop(h, None)
    if t is _cur:
        _cur = _NO_TASK


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


def capture(inst):
    """What Task.run() does in Storm Studio: hand the instance over instead of entering Petrel's loop."""
    global _captured
    if _captured is None:
        _captured = inst


# ---------------------------------------------------------------------------------------------
# Crashes

def _trim(tb):
    while tb is not None and tb.tb_frame.f_code.co_filename == _THIS_FILE:
        tb = tb.tb_next
    return tb


def _describe(t, e, tb):
    kind = 'stopped' if isinstance(e, KeyboardInterrupt) else 'crash'
    if isinstance(e, ModuleNotFoundError) and e.name:
        top = e.name.split('.')[0]
        note = ("Storm Studio: component '%s' imports '%s', which is not available offline in Storm Studio "
                "(only the Python standard library and petrel are); under petrel submit, setup.sh can pip "
                "install it" % (t.component, top))
        if note not in getattr(e, '__notes__', ()):
            e.add_note(note)
    text = ''.join(traceback.format_exception(type(e), e, tb))
    return {
        'kind': kind,
        'type': type(e).__name__,
        'message': ''.join(traceback.format_exception_only(type(e), e)).strip(),
        'traceback': text,
        'line': _user_line(t, tb),
    }


def _user_line(t, tb):
    line = None
    filename = t.module.__file__ if t.module is not None else None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _failure_message(t, base, e):
    parts = (base, t.module_name, HOSTNAME, 'pid', t.task_id, 'port', -1, 'taskindex', -1, type(e).__name__)
    return '__'.join(str(p).replace('.', '_') for p in parts)


def report_exception(inst, base, e):
    t = _cur
    if t.instance is inst:
        _storm_log.error('Sent failure message ("%s") to Storm', _failure_message(t, base, e))


def _crash(t, e):
    """The failure of a call, described for the engine, which logs it as Petrel does (the
    E_BOLTFAILED line, the traceback, the tuple being processed) and crashes the worker."""
    tb = _trim(e.__traceback__)
    _flush_partial(t)
    info = _describe(t, e, tb)
    e.__traceback__ = None
    return '!' + _dumps(info)


# ---------------------------------------------------------------------------------------------
# Logging and print: the task's log, in Petrel's format [time][logger][LEVEL]message

_LEVEL_NAMES = {logging.DEBUG: 'DEBUG', logging.INFO: 'INFO', logging.WARNING: 'WARNING'}


class _TaskLogHandler(logging.Handler):
    def emit(self, record):
        t = _cur
        if t is _NO_TASK:
            return
        try:
            # Whole milliseconds, rounded: the engine's clock is in ms and its seconds are not exact floats.
            ms = int(round(_js_time(t.h) * 1000))
            record.created = ms / 1000
            record.msecs = ms % 1000
            line = self.format(record)
        except RecursionError:
            raise
        except Exception:
            self.handleError(record)
            return
        level = _LEVEL_NAMES.get(record.levelno)
        if level is None:
            level = 'DEBUG' if record.levelno < logging.INFO else 'ERROR'
        _js_log(t.h, level, line, record.name)


class _PetrelFormatter(logging.Formatter):
    converter = staticmethod(time.gmtime)


class _TaskStream(io.TextIOBase):
    """sys.stdout / sys.stderr: Petrel sends each line to the 'storm.stdout' / 'storm.stderr' logger."""

    encoding = 'utf-8'
    errors = 'strict'

    def __init__(self, name, fallback):
        super().__init__()
        self.name = name
        self.logger = logging.getLogger(name)
        self.fallback = fallback

    def writable(self):
        return True

    def write(self, s):
        t = _cur
        if t is _NO_TASK:
            return self.fallback.write(s)
        text = t.partial.get(self.name, '') + s
        if '\n' in text:
            *lines, text = text.split('\n')
            for line in lines:
                self.logger.error(line)
        t.partial[self.name] = text
        return len(s)

    def flush(self):
        t = _cur
        if t is not _NO_TASK:
            _flush_stream(t, self)


def _flush_stream(t, stream):
    rest = t.partial.get(stream.name)
    if rest:
        t.partial[stream.name] = ''
        stream.logger.error(rest)


def _flush_partial(t):
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, _TaskStream):
            _flush_stream(t, stream)


# ---------------------------------------------------------------------------------------------
# time and random: the engine's clock, a seeded generator per task

_real_time = time.time
_real_sleep = time.sleep
_real_gmtime = time.gmtime
_real_localtime = time.localtime
_real_ctime = time.ctime
_real_asctime = time.asctime
_real_strftime = time.strftime


def _time():
    t = _cur
    return _js_time(t.h) if t is not _NO_TASK else _real_time()


def _time_ns():
    return int(_time() * 1e9)


def _sleep(secs):
    if not isinstance(secs, (int, float)):
        raise TypeError("'%s' object cannot be interpreted as an integer or float" % type(secs).__name__)
    if secs < 0:
        raise ValueError('sleep length must be non-negative')
    t = _cur
    if t is _NO_TASK:
        return _real_sleep(secs)
    _js_sleep(t.h, float(secs))


def _with_now(real):
    def clock(secs=None):
        return real(_time() if secs is None else secs)
    clock.__name__ = real.__name__
    clock.__doc__ = real.__doc__
    return clock


def _asctime(t=None):
    return _real_asctime(_real_localtime(_time()) if t is None else t)


def _strftime(format, t=None):
    return _real_strftime(format, _real_localtime(_time()) if t is None else t)


time.time = _time
time.time_ns = _time_ns
time.sleep = _sleep
time.monotonic = _time
time.monotonic_ns = _time_ns
time.gmtime = _with_now(_real_gmtime)
time.localtime = _with_now(_real_localtime)
time.ctime = _with_now(_real_ctime)
time.asctime = _asctime
time.strftime = _strftime


_real_seed = random.Random.seed


def _seed(self, a=None, version=2):
    # An unseeded Random() (or random.seed()) takes its seed from the task's generator, so runs replay.
    if a is None:
        a = (self if self is _cur.rng else _cur.rng).getrandbits(64)
    _real_seed(self, a, version)


random.Random.seed = _seed


def _dispatch(name):
    method = getattr(random.Random, name)

    def call(*args, **kwargs):
        return method(_cur.rng, *args, **kwargs)
    call.__name__ = name
    call.__qualname__ = name
    call.__doc__ = method.__doc__
    return call


for _name in ('random', 'uniform', 'triangular', 'randint', 'choice', 'randrange', 'sample', 'shuffle',
              'choices', 'normalvariate', 'lognormvariate', 'expovariate', 'vonmisesvariate',
              'gammavariate', 'gauss', 'betavariate', 'paretovariate', 'weibullvariate', 'getstate',
              'setstate', 'getrandbits', 'randbytes', 'binomialvariate', 'seed'):
    if hasattr(random, _name) and hasattr(random.Random, _name):
        setattr(random, _name, _dispatch(_name))


def _random():
    return _cur.rng.random()


random.random = _random


# ---------------------------------------------------------------------------------------------
# Setup

sys.dont_write_bytecode = True

_root = logging.getLogger()
_root.handlers[:] = []
_handler = _TaskLogHandler()
_handler.setFormatter(_PetrelFormatter('[%(asctime)s][%(name)s][%(levelname)s]%(message)s'))
_root.addHandler(_handler)
_root.setLevel(logging.INFO)
logging.lastResort = None

sys.stdout = _TaskStream('storm.stdout', sys.stdout)
sys.stderr = _TaskStream('storm.stderr', sys.stderr)

from petrel import storm as _storm  # noqa: E402  (petrel.storm imports this module)
from petrel.emitter import EmitterBase as _EmitterBase  # noqa: E402

sys.modules.setdefault('storm', _storm)
_storm_log = _storm.storm_log
_Tuple = _storm.Tuple
FailedException = _storm.FailedException


# ---------------------------------------------------------------------------------------------
# Between runs (a warm interpreter reused by the next run): what the previous run's code left
# behind is undone, so that a run starts as in a fresh process.

_baseline = None
# The interpreter's own bookkeeping, and this module (its name codes are cached by JavaScript).
_KEEP_SYS = frozenset(('modules', 'stdout', 'stderr', 'stdin', 'last_exc', 'last_type', 'last_value',
                       'last_traceback', 'path_importer_cache'))
_KEEP_MODULES = frozenset((__name__, 'sys'))


def mark_baseline():
    """Records the interpreter's state once the shim is installed: what reset_interpreter restores."""
    global _baseline
    import os
    mods = dict(sys.modules)
    _baseline = {
        'modules': mods,
        'dicts': {n: dict(m.__dict__) for n, m in mods.items()
                  if n not in _KEEP_MODULES and isinstance(getattr(m, '__dict__', None), dict)},
        'sys': {k: v for k, v in sys.__dict__.items() if k not in _KEEP_SYS},
        'lists': [(lst, list(lst)) for lst in (sys.path, sys.meta_path, sys.path_hooks)],
        'environ': dict(os.environ),
        'cwd': os.getcwd(),
        'recursion': sys.getrecursionlimit(),
        'loggers': dict(logging.Logger.manager.loggerDict),
        'logger_state': [(lg, list(lg.handlers), list(lg.filters), lg.level, lg.propagate, lg.disabled)
                         for lg in [_root] + list(logging.Logger.manager.loggerDict.values())
                         if isinstance(lg, logging.Logger)],
        'warnings': list(sys.modules['warnings'].filters) if 'warnings' in sys.modules else None,
        'tmp': set(os.listdir('/tmp')) if os.path.isdir('/tmp') else set(),
    }


def _restore_dict(d, saved):
    for k in [k for k in d if k not in saved]:
        del d[k]
    for k, v in saved.items():
        if d.get(k, _restore_dict) is not v:
            d[k] = v


def reset_interpreter():
    """Forgets every module imported, global set, attribute patched, logger added, environment
    variable and file written since mark_baseline(); returns how many modules were dropped."""
    import os
    import shutil
    global _cur, _captured
    b = _baseline
    if b is None:
        return 0
    _tasks.clear()
    _loaded.clear()
    _cur = _NO_TASK
    _captured = None
    dropped = [n for n in sys.modules if n not in b['modules']]
    for n in dropped:
        del sys.modules[n]
    for n, m in b['modules'].items():
        if sys.modules.get(n) is not m:
            sys.modules[n] = m
    for n, saved in b['dicts'].items():
        _restore_dict(b['modules'][n].__dict__, saved)
    for k in [k for k in sys.__dict__ if k not in b['sys'] and k not in _KEEP_SYS]:
        delattr(sys, k)
    for k, v in b['sys'].items():
        if sys.__dict__.get(k, _restore_dict) is not v:
            setattr(sys, k, v)
    for lst, saved in b['lists']:
        lst[:] = saved
    sys.path_importer_cache.clear()
    sys.setrecursionlimit(b['recursion'])
    if dict(os.environ) != b['environ']:
        os.environ.clear()
        os.environ.update(b['environ'])
    loggers = logging.Logger.manager.loggerDict
    _restore_dict(loggers, b['loggers'])
    for lg, handlers, filters, level, propagate, disabled in b['logger_state']:
        lg.handlers[:] = handlers
        lg.filters[:] = filters
        lg.level = level
        lg.propagate = propagate
        lg.disabled = disabled
    logging.Logger.manager._clear_cache()
    logging.root.manager.disable = 0
    w = sys.modules.get('warnings')
    if b['warnings'] is not None and w is not None:
        w.filters[:] = b['warnings']
        mutated = getattr(w, '_filters_mutated', None) or getattr(w, '_filters_mutated_lock_held', None)
        if mutated is not None:
            try:
                mutated()
            except Exception:
                pass
    for f in os.listdir('/topology') if os.path.isdir('/topology') else []:
        _remove(os.path.join('/topology', f), shutil)
    for f in (os.listdir('/tmp') if os.path.isdir('/tmp') else []):
        if f not in b['tmp']:
            _remove(os.path.join('/tmp', f), shutil)
    os.chdir(b['cwd'])
    import linecache
    linecache.clearcache()
    import importlib
    importlib.invalidate_caches()
    import gc
    gc.collect()
    return len(dropped)


def _remove(path, shutil):
    import os
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            os.remove(path)
        except OSError:
            pass
`;
