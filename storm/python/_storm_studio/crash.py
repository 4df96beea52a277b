"""When a call into user code fails: the failure described for the engine, which logs it as Petrel
does (the E_BOLTFAILED line, the traceback, the tuple being processed) and crashes the worker, or
fails the tuple (FailedException in a BasicBolt). Returned to JavaScript as '!' + JSON."""

import os
import traceback

from petrel import host as seam
from petrel.storm import storm_log as _storm_log

from .logs import flush_partial as _flush_partial
from .values import dumps as _dumps

HOSTNAME = 'storm-studio'
# Frames of this package at the start of a traceback are the runtime's, not the component's.
_HOST_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep


def _trim(tb):
    while tb is not None and tb.tb_frame.f_code.co_filename.startswith(_HOST_DIR):
        tb = tb.tb_next
    return tb


def _describe(t, e, tb):
    kind = 'stopped' if isinstance(e, KeyboardInterrupt) else 'crash'
    add_note = getattr(e, 'add_note', None)  # Python 3.11+
    if isinstance(e, ModuleNotFoundError) and e.name and add_note is not None:
        top = e.name.split('.')[0]
        note = ("Storm Studio: component '%s' imports '%s', which is not available offline in Storm Studio "
                "(only the Python standard library, petrel, redis and pymongo are); under petrel submit, setup.sh "
                "can pip install it" % (t.component, top))
        if note not in getattr(e, '__notes__', ()):
            add_note(note)
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
    """Petrel's Task.report_exception, called by user code: logs the failure message Petrel sends."""
    t = seam.current
    if t.instance is inst:
        _storm_log.error('Sent failure message ("%s") to Storm', _failure_message(t, base, e))


def crash(t, e):
    """The failure of a call to task t's code."""
    tb = _trim(e.__traceback__)
    _flush_partial(t)
    info = _describe(t, e, tb)
    e.__traceback__ = None
    return '!' + _dumps(info)


def failed(t, e):
    """FailedException: fails the tuple in a BasicBolt; anywhere else it is a crash, as in Storm."""
    if t.kind == 'basicBolt':
        return '!' + _dumps({'kind': 'failed', 'message': str(e) or 'FailedException'})
    return crash(t, e)
