"""Fixtures for the runtime's tests on CPython: a host that records what the Petrel API asks of it,
and Storm Studio's Pyodide host driven the way workers/python/host.ts drives it, with the
JavaScript side (``_storm_studio_js``) and ``pyodide.ffi`` replaced by fakes."""

import contextlib
import json
import logging
import random
import sys
import time
import types

import pytest

from petrel import host as seam


class Recorder(seam.Channel, seam.Host):
    """A host and its one channel: records every call, in order."""

    __slots__ = ('calls', 'started')

    def __init__(self):
        self.calls = []
        self.started = []

    def emit(self, tup, stream=None, anchors=[], directTask=None, need_task_ids=False):
        self.calls.append(('emit', tup, stream, list(anchors), directTask))
        return [7] if need_task_ids else None

    def ack(self, tup):
        self.calls.append(('ack', tup))

    def ack_id(self, tupid):
        self.calls.append(('ack_id', tupid))

    def fail(self, tup):
        self.calls.append(('fail', tup))

    def report_error(self, msg):
        self.calls.append(('report_error', msg))

    def log(self, msg):
        self.calls.append(('log', msg))

    def run(self, component):
        self.started.append(component)

    def report_exception(self, component, base_message, exception):
        self.calls.append(('report_exception', component, base_message, type(exception).__name__))


@pytest.fixture
def recorder(monkeypatch):
    """A Recorder installed as the host, its channel the running one."""
    r = Recorder()
    monkeypatch.setattr(seam, 'installed', r)
    monkeypatch.setattr(seam, 'current', r)
    return r


class JsError(Exception):
    """pyodide.ffi.JsException: an error thrown by the JavaScript side."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class FakeJs(types.ModuleType):
    """``_storm_studio_js``: what workers/python/host.ts registers, recording normalized calls.
    ``fail_emits`` makes the next emit throw as the engine does for a bad stream or task."""

    def __init__(self):
        super().__init__('_storm_studio_js')
        self.calls = []
        self.clock = 1795426205.25  # 2026-11-23 09:30:05.250 UTC
        self.fail_emits = None

    def reset(self):
        self.calls = []
        self.fail_emits = None

    def _emit(self, h, values, stream=None, anchors=None, id=None, direct=None):
        if self.fail_emits:
            raise JsError(self.fail_emits)
        self.calls.append(('emit', h, list(values), stream, anchors, id, direct))

    def emit_v(self, h, stream, *values):
        self._emit(h, values, stream)

    def emit_b(self, h, joined):
        for v in joined.split('\x00'):
            self._emit(h, [v])

    def emit_a(self, h, stream, anchor, *values):
        self._emit(h, values, stream, anchors=[anchor])

    def emit_i(self, h, stream, id, *values):
        self._emit(h, values, stream, id=id)

    def emit_x(self, h, stream, direct, anchors, id, values, want):
        self._emit(h, json.loads(values), stream, anchors=None if anchors is None else json.loads(anchors),
                   id=None if id is None else json.loads(id), direct=direct)
        return json.dumps([4, 5]) if want else None

    def ack(self, h, id):
        self.calls.append(('ack', h, id))

    def fail(self, h, id):
        self.calls.append(('fail', h, id))

    def log(self, h, level, message, logger):
        self.calls.append(('log', h, level, message, logger))

    def report_error(self, h, message):
        self.calls.append(('report_error', h, message))

    def sleep(self, h, secs):
        self.calls.append(('sleep', h, secs))
        self.clock += secs

    def time(self, h):
        return self.clock

    # The run's stores (src/engine/datastore): record each call; answer from `replies` (FIFO).
    replies = []
    strings = []

    def redis(self, h, url, db, *args):
        self.calls.append(('redis', h, url, db, list(args)))
        return self.replies.pop(0) if self.replies else None

    def intern(self, text):
        self.strings.append(text)
        return len(self.strings) - 1

    def redis_n(self, h, url, db, c0, c1, c2, c3):
        args = [self.strings[c] for c in (c0, c1, c2, c3) if c >= 0]
        return self.redis(h, url, db, *args)

    def zincrby(self, h, url, db, key, by, member):
        return self.redis(h, url, db, 'ZINCRBY', self.strings[key], str(by), self.strings[member])

    def mongo(self, h, db, collection, op, args):
        self.calls.append(('mongo', h, db, collection, op, json.loads(args)))
        return json.dumps(self.replies.pop(0) if self.replies else None)


def _save_process_state():
    saved_time = {n: getattr(time, n) for n in dir(time) if callable(getattr(time, n))}
    saved_random = {n: getattr(random, n) for n in dir(random) if callable(getattr(random, n))}
    root = logging.getLogger()
    return saved_time, saved_random, random.Random.seed, list(root.handlers), root.level, logging.lastResort


def _restore_process_state(state):
    saved_time, saved_random, seed, handlers, level, last_resort = state
    for n, f in saved_time.items():
        setattr(time, n, f)
    for n, f in saved_random.items():
        setattr(random, n, f)
    random.Random.seed = seed
    root = logging.getLogger()
    root.handlers[:] = handlers
    root.setLevel(level)
    logging.lastResort = last_resort


@pytest.fixture(scope='session')
def studio(tmp_path_factory):
    """Storm Studio's host, installed as workers/python/host.ts installs it (once: it patches time,
    random and logging for the process; they are put back at the end of the session)."""
    js = FakeJs()
    ffi = types.ModuleType('pyodide.ffi')
    ffi.JsException = JsError
    ffi.JsProxy = type('JsProxy', (), {})
    pyodide = types.ModuleType('pyodide')
    pyodide.ffi = ffi
    fakes = {'_storm_studio_js': js, 'pyodide': pyodide, 'pyodide.ffi': ffi}
    state = _save_process_state()
    saved_streams = sys.stdout, sys.stderr
    saved_modules = {n: sys.modules.get(n) for n in list(fakes) + ['storm']}
    saved_host = seam.installed, seam.current
    with pytest.MonkeyPatch.context() as mp:
        topology = tmp_path_factory.mktemp('topology')
        mp.chdir(topology)  # install() changes the working directory: put it back afterwards
        sys.modules.update(fakes)
        import _storm_studio
        _storm_studio.install(str(topology))
        runtime_streams = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = saved_streams
        yield Studio(_storm_studio, js, str(topology), runtime_streams)
    seam.installed, seam.current = saved_host
    sys.stdout, sys.stderr = saved_streams
    _restore_process_state(state)
    for n, m in saved_modules.items():
        if m is None:
            sys.modules.pop(n, None)
        else:
            sys.modules[n] = m


class Studio(object):
    """Drives the Pyodide host as workers/python/host.ts and component.ts do."""

    def __init__(self, module, js, topology, streams):
        self.m = module
        self.js = js
        self.topology = topology
        self.streams = streams
        self.handles = 0
        self.names = {}

    def load(self, code, module='component'):
        """Compiles a component module; returns its handle, or the failure ('!' + JSON) as a dict."""
        filename = '%s/%s.py' % (self.topology, module)
        with open(filename, 'w') as f:
            f.write(code)
        result = self.m.load(module, filename, code)
        return json.loads(result[1:]) if result.startswith('!') else int(result)

    def start(self, code, component='count', task=3, seed=7, level=logging.INFO, conf=None, module=None):
        """Loads, creates and initializes a task; returns (handle, [kind, fields, config])."""
        loaded = self.load(code, module or component)
        assert isinstance(loaded, int), loaded
        self.handles += 1
        h = self.handles
        created = self.m.create(loaded, h, task, component, seed, level)
        assert not created.startswith('!'), created
        context = {'taskid': task, 'componentid': component, 'task->component': {str(task): component}}
        result = self.m.initialize(h, json.dumps(conf or {}), json.dumps(context), level)
        assert result is None, result
        return h, json.loads(created)

    def code(self, text):
        if text not in self.names:
            self.names[text] = self.m.name(text)
        return self.names[text]

    def process(self, h, values, id='t1', component='split', stream='default', task=2):
        return self.m.process(h, id, self.code(component), self.code(stream), task, *values)

    @contextlib.contextmanager
    def printing(self):
        """sys.stdout and sys.stderr as install() set them (pytest swaps its own in for each test)."""
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = self.streams
        try:
            yield
        finally:
            sys.stdout, sys.stderr = saved


@pytest.fixture
def host(studio):
    studio.js.reset()
    return studio
