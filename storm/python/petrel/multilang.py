"""Petrel components on Apache Storm's multilang protocol: the host of petrel.host's seam for a
process that Storm starts (one per task, by ShellSpout/ShellBolt; `python3 -m petrel.run`).

The protocol is Storm's (storm-multilang's storm.py, Petrel's petrel/storm.py): messages are JSON
followed by a line ``end``, on stdin (from Storm) and stdout (to Storm).

- Handshake: Storm sends {conf, context, pidDir}; the process writes an empty file named by its
  pid into pidDir and answers {"pid": n}. Nothing may be written before that answer.
- Spouts: ``next``, ``ack``, ``fail`` (and ``activate``/``deactivate``), each answered with
  ``sync`` once the spout's method returned.
- Bolts: tuples {id, comp, stream, task, tuple}; Storm's heartbeat tuples (task -1, stream
  ``__heartbeat``) are answered with ``sync``; tick tuples (task -1, stream ``__tick``, from
  ``__system``) go to process(), where tup.is_tick_tuple() is true.
- Commands written: ``emit`` (tuple, stream, anchors, id, task for a direct emit,
  need_task_ids), ``ack``, ``fail``, ``log`` (with a level), ``error``. After an emit with
  need_task_ids Storm answers with the list of task ids, which may come after other messages:
  those are queued and read first.

What the components see is what they see in Storm Studio's simulator (the _storm_studio host):
a BasicBolt anchors its emits to the input and acks it after process() (fails it on
FailedException); a Bolt anchors, acks and fails itself, with ShellBolt's errors for an unknown
id; an exception ends the process as in Petrel, after logging the failure, the traceback and the
tuple and reporting the error to Storm. logging records go to the handlers of logconfig.ini and to
Storm's log as ``log`` commands, in Petrel's line format; print goes to the 'storm.stdout' logger.
With ``storm.studio.seed`` in the configuration (``npm run storm --seed``), ``random`` is seeded per
task as the simulator seeds it, so a component draws the same numbers in both.
"""

import importlib
import json
import logging
import os
import random
import socket
import sys
import threading
import time
import traceback
from collections import deque

import petrel.storm
from petrel import host as seam
from petrel.storm import BasicBolt, FailedException, Spout, Tuple

SEED_KEY = 'storm.studio.seed'
LOG_LEVEL_KEY = 'studio.log.level'
FORMAT = '[%(asctime)s][%(name)s][%(levelname)s]%(message)s'
# Storm's multilang log levels (ShellMsg.ShellLogLevel): TRACE, DEBUG, INFO, WARN, ERROR.
TRACE, DEBUG, INFO, WARN, ERROR = range(5)
_LEVELS = {'DEBUG': logging.DEBUG, 'INFO': logging.INFO, 'WARNING': logging.WARNING, 'WARN': logging.WARNING,
           'ERROR': logging.ERROR, 'CRITICAL': logging.CRITICAL}
_HERE = os.path.abspath(__file__).rsplit('.', 1)[0]
_MISSING = object()


class StormClosed(Exception):
    """Storm closed the pipe: the worker is shutting down."""


class Protocol(object):
    """Storm's multilang messages on two binary streams. Messages written are buffered until the
    process is about to wait for Storm (or writes from another thread), so that a bolt emitting
    many tuples per input makes one write, not one per message."""

    def __init__(self, stdin, stdout):
        self.stdin = stdin
        self.stdout = stdout
        self.pending_commands = deque()
        self.pending_task_ids = deque()
        self.out = []
        self.lock = threading.RLock()
        self.main = threading.current_thread()

    def read_message(self):
        if self.out:
            try:
                self.flush()
            except OSError:  # a broken pipe: Storm is gone
                raise StormClosed() from None
        lines = []
        while True:
            line = self.stdin.readline()
            if not line:
                raise StormClosed()
            line = line.decode('utf-8').rstrip('\r\n')
            if line == 'end':
                break
            lines.append(line)
        return json.loads('\n'.join(lines))

    def send(self, message):
        text = _encode(message) + '\nend\n'
        with self.lock:
            self.out.append(text)
            if threading.current_thread() is not self.main:
                self.flush()

    def flush(self):
        with self.lock:
            if self.out:
                data = ''.join(self.out).encode('utf-8')
                self.out = []
                self.stdout.write(data)
                self.stdout.flush()

    def read_task_ids(self):
        """The task ids Storm sends after an emit; commands read meanwhile are kept for later."""
        if self.pending_task_ids:
            return self.pending_task_ids.popleft()
        while True:
            m = self.read_message()
            if isinstance(m, list):
                return m
            self.pending_commands.append(m)

    def read_command(self):
        """The next command or tuple; task id lists read meanwhile are kept for later."""
        if self.pending_commands:
            return self.pending_commands.popleft()
        while True:
            m = self.read_message()
            if not isinstance(m, list):
                return m
            self.pending_task_ids.append(m)


def _not_json(o):
    raise TypeError('Object of type %s is not JSON serializable (Storm sends tuple values and message ids '
                    'as JSON)' % type(o).__name__)


_encode = json.JSONEncoder(allow_nan=False, default=_not_json).encode


def _values(tup):
    if type(tup) is list or type(tup) is tuple:
        return list(tup)
    raise TypeError("storm.emit() takes the tuple's values as a list, e.g. storm.emit([word]); got %s"
                    % type(tup).__name__)


class Channel(seam.Channel):
    """petrel.host.current while a component runs: the storm functions of its one task."""

    kind = None

    def __init__(self, protocol):
        self.protocol = protocol
        self.inputs = {}  # a Bolt's tuples not acked or failed yet, as ShellBolt keeps them
        self.anchor = None  # the input a BasicBolt is processing

    def emit(self, tup, *args, **kwargs):
        if self.kind == 'spout':
            return self._emit_spout(tup, *args, **kwargs)
        if self.kind is None:
            self._refuse('emit')
        return self._emit_bolt(tup, *args, **kwargs)

    def _emit_spout(self, tup, stream=None, id=None, directTask=None, need_task_ids=False):
        m = {'command': 'emit', 'tuple': _values(tup)}
        if id is not None:
            m['id'] = id
        return self._send_emit(m, stream, directTask, need_task_ids)

    def _emit_bolt(self, tup, stream=None, anchors=[], directTask=None, need_task_ids=False):
        m = {'command': 'emit', 'tuple': _values(tup)}
        if self.kind == 'basicBolt':
            # Anchors are ignored as in Petrel: every emit is anchored to the tuple being processed.
            m['anchors'] = [] if self.anchor is None else [self.anchor.id]
        else:
            m['anchors'] = self._anchor_ids(anchors)
        return self._send_emit(m, stream, directTask, need_task_ids)

    def _send_emit(self, m, stream, directTask, need_task_ids):
        if stream is not None:
            if type(stream) is not str:
                raise TypeError('stream must be a string (a stream id), got %s' % type(stream).__name__)
            m['stream'] = stream
        if directTask is not None:
            if type(directTask) is not int:
                raise TypeError('directTask must be a task id (an int), got %s' % type(directTask).__name__)
            m['task'] = directTask
        # Storm answers a direct emit with nothing, any other with the task ids when they are asked for.
        m['need_task_ids'] = bool(need_task_ids) and directTask is None
        self.protocol.send(m)
        if not need_task_ids:
            return None
        return [directTask] if directTask is not None else self.protocol.read_task_ids()

    def _anchor_ids(self, anchors):
        if not anchors:
            return []
        if isinstance(anchors, Tuple):
            raise TypeError('anchors must be a list of tuples, e.g. anchors=[tup]')
        ids = []
        for a in anchors:
            if not isinstance(a, Tuple):
                raise TypeError('anchors must be a list of tuples received by process(), got %s' % type(a).__name__)
            if a.id not in self.inputs:
                raise RuntimeError('Anchored onto %s after ack/fail' % a.id)
            ids.append(a.id)
        return ids

    def ack(self, tup):
        self._settle('ack', _tuple_id(tup, 'ack'))

    def ack_id(self, tupid):
        self._settle('ack', tupid)

    def fail(self, tup):
        self._settle('fail', _tuple_id(tup, 'fail'))

    def _settle(self, command, tupid):
        if self.kind != 'bolt':
            self._refuse('ack' if command == 'ack' else 'fail')
        if self.inputs.pop(tupid, _MISSING) is _MISSING:
            raise RuntimeError('%s a non-existent or already acked/failed id: %s'
                               % ('Acked' if command == 'ack' else 'Failed', tupid))
        self.protocol.send({'command': command, 'id': tupid})

    def report_error(self, msg):
        self.protocol.send({'command': 'error', 'msg': str(msg)})

    def log(self, msg, level=INFO):
        self.protocol.send({'command': 'log', 'msg': str(msg), 'level': level})

    def _refuse(self, what):
        if self.kind == 'spout':
            raise RuntimeError('storm.%s() is for bolts: a spout learns the fate of its tuples through its '
                               'ack(id) and fail(id) methods' % what)
        if self.kind == 'basicBolt':
            raise RuntimeError('storm.%s() in a BasicBolt: a BasicBolt acks each tuple itself after process() '
                               'returns. Raise FailedException to fail the tuple, or extend Bolt to ack and '
                               'fail yourself.' % what)
        seam.Channel._refuse(self, what)


def _tuple_id(tup, what):
    if not isinstance(tup, Tuple):
        raise TypeError('storm.%s() takes the tuple received by process(), got %s' % (what, type(tup).__name__))
    return tup.id


class StormLogHandler(logging.Handler):
    """logging to Storm's log: one ``log`` command per record, in Petrel's line format. Records
    logged before the handshake (while the module is imported) are sent right after it."""

    def __init__(self, protocol):
        logging.Handler.__init__(self)
        self.protocol = protocol
        self.early = []
        self.open = False
        formatter = logging.Formatter(FORMAT)
        formatter.converter = time.gmtime
        self.setFormatter(formatter)

    def emit(self, record):
        try:
            message = {'command': 'log', 'msg': self.format(record), 'level': storm_level(record.levelno)}
        except Exception:
            self.handleError(record)  # to sys.stderr, i.e. the 'storm.stderr' logger
            return
        if not self.open:
            if len(self.early) < 1000:
                self.early.append(message)
            return
        try:
            self.protocol.send(message)
        except OSError:
            pass  # the pipe to Storm is gone: nowhere to report it (the process ends when it reads EOF)

    def opened(self):
        self.open = True
        early, self.early = self.early, []
        for message in early:
            self.protocol.send(message)


def storm_level(levelno):
    if levelno >= logging.ERROR:
        return ERROR
    if levelno >= logging.WARNING:
        return WARN
    if levelno >= logging.INFO:
        return INFO
    return DEBUG if levelno >= logging.DEBUG else TRACE


class LogStream(object):
    """sys.stdout and sys.stderr (stdout belongs to the protocol): each line printed goes to the
    'storm.stdout' / 'storm.stderr' logger at ERROR, as Petrel sends it."""

    encoding = 'utf-8'
    errors = 'strict'

    def __init__(self, name):
        self.name = name
        self.logger = logging.getLogger(name)
        self.partial = ''

    def write(self, s):
        text = self.partial + s
        *lines, self.partial = text.split('\n')
        for line in lines:
            self.logger.error(line)
        return len(s)

    def flush(self):
        if self.partial:
            rest, self.partial = self.partial, ''
            self.logger.error(rest)

    def writable(self):
        return True

    def isatty(self):
        return False


# ───────────────────────────── randomness ─────────────────────────────
# The simulator seeds a Python task's random with floor(r * 2**52), r the first draw of the task's
# generator: xoshiro128** seeded from (seed, 'task', task id) as src/engine/rng.ts does (and
# storm/node/storm-studio.mjs, which tests the same numbers).

_M32 = 0xFFFFFFFF


def _imul(a, b):
    return (a * b) & _M32


def _rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & _M32


def _seed_words(text):
    h1, h2, h3, h4 = 1779033703, 3144134277, 1013904242, 2773480762
    data = text.encode('utf-16-le')
    for i in range(0, len(data), 2):
        k = data[i] | (data[i + 1] << 8)
        h1 = h2 ^ _imul(h1 ^ k, 597399067)
        h2 = h3 ^ _imul(h2 ^ k, 2869860233)
        h3 = h4 ^ _imul(h3 ^ k, 951274213)
        h4 = h1 ^ _imul(h4 ^ k, 2716044179)
    h1 = _imul(h3 ^ (h1 >> 18), 597399067)
    h2 = _imul(h4 ^ (h2 >> 22), 2869860233)
    h3 = _imul(h1 ^ (h3 >> 17), 951274213)
    h4 = _imul(h2 ^ (h4 >> 19), 2716044179)
    h1 ^= h2 ^ h3 ^ h4
    h2 ^= h1
    h3 ^= h1
    h4 ^= h1
    if (h1 | h2 | h3 | h4) == 0:
        h1 = 1
    return [h1, h2, h3, h4]


def _label(x):
    """A label as JavaScript's String() writes it (7.0 is '7')."""
    if isinstance(x, bool):
        return 'true' if x else 'false'
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def seeded_random(seed, *labels):
    """A function drawing uniform [0, 1) numbers, as the simulator's Rng(seed, *labels).random()."""
    state = _seed_words('\u0000'.join(_label(x) for x in (seed,) + labels))

    def u32():
        a, b, c, d = state
        r = _imul(_rotl(_imul(b, 5), 7), 9)
        t = (b << 9) & _M32
        c ^= a
        d ^= b
        b ^= c
        a ^= d
        c ^= t
        state[:] = [a, b, c, _rotl(d, 11)]
        return r

    def draw():
        hi = u32() >> 5
        lo = u32() >> 6
        return (hi * 67108864 + lo) / 9007199254740992.0
    return draw


def task_seed(seed, task_id):
    """The seed of a task's random, as Storm Studio's Pyodide host gets it from the engine."""
    return int(seeded_random(seed, 'task', task_id)() * 2 ** 52)


_real_seed = random.Random.seed


def seed_random(seed, task_id):
    """Seeds the random module for task task_id of a run seeded with seed, as the simulator does:
    the module's functions draw from the seeded generator, and random.seed() or random.Random()
    without a seed take theirs from it."""
    _real_seed(random._inst, task_seed(seed, task_id))

    def _seed(self, a=None, version=2):
        if a is None:
            a = (self if self is random._inst else random._inst).getrandbits(64)
        _real_seed(self, a, version)
    random.Random.seed = _seed


class Profiler(object):
    """Petrel's tuple profile of a bolt (BoltProfiler, BasicBoltProfiler), logged at DEBUG on the
    'storm' logger every 1000 tuples or every second: the time spent waiting for the next tuple
    (read), in process(), and acking it (a BasicBolt)."""

    MAX_COUNT = 1000

    def __init__(self, basic):
        self.basic = basic
        self.read = self.process = self.ack = 0.0
        self.num_tuples = self.total_num_tuples = 0
        self.start = None

    def add(self, t1, t2, t3, t4):
        if self.start is None:
            self.start = t1
        self.read += t2 - t1
        self.process += t3 - t2
        self.ack += t4 - t3
        self.num_tuples += 1
        if self.num_tuples % self.MAX_COUNT == 0 or t4 - self.start > 1.0:
            self.total_num_tuples += self.num_tuples
            n = self.num_tuples
            if self.basic:
                total = (self.read + self.process + self.ack) or 1.0
                petrel.storm.storm_log.debug(
                    'BasicBolt profile: total_num_tuples=%d, num_tuples=%d, avg_read_time=%f (%.1f%%), '
                    'avg_process_time=%f (%.1f%%), avg_ack_time=%f (%.1f%%)', self.total_num_tuples, n,
                    self.read / n, self.read / total * 100.0, self.process / n, self.process / total * 100.0,
                    self.ack / n, self.ack / total * 100.0)
            else:
                process = self.process + self.ack
                total = (self.read + process) or 1.0
                petrel.storm.storm_log.debug(
                    'Bolt profile: total_num_tuples=%d, num_tuples=%d, avg_read_time=%f (%.1f%%), '
                    'avg_process_time=%f (%.1f%%)', self.total_num_tuples, n, self.read / n,
                    self.read / total * 100.0, process / n, process / total * 100.0)
            self.start = None
            self.num_tuples = 0
            self.read = self.process = self.ack = 0.0


# ───────────────────────────── the host ─────────────────────────────

class MultilangHost(seam.Host):
    """petrel.host.installed in a process Storm started: run(component) does the handshake,
    initializes the component and runs it until Storm closes the pipe (or the component fails,
    which ends the process)."""

    def __init__(self, stdin, stdout, module_name='component'):
        self.protocol = Protocol(stdin, stdout)
        self.channel = Channel(self.protocol)
        self.log_handler = StormLogHandler(self.protocol)
        self.module_name = module_name
        self.setup = None
        self.component = None
        self.task_id = -1
        self.task_index = -1
        self.component_id = module_name
        self.exit = sys.exit

    # The handshake: Storm waits for the pid before anything else.
    def handshake(self):
        if self.setup is not None:
            return self.setup
        setup = self.protocol.read_message()
        self.setup = setup
        pid = os.getpid()
        pid_dir = setup.get('pidDir')
        if pid_dir:
            open(os.path.join(pid_dir, str(pid)), 'w').close()
        self.protocol.send({'pid': pid})
        self.protocol.flush()
        context = setup.get('context') or {}
        self.task_id = context.get('taskid', -1)
        self.component_id = context.get('componentid', self.module_name)
        tasks = sorted(int(t) for t, c in (context.get('task->component') or {}).items() if c == self.component_id)
        self.task_index = context.get('taskIndex', tasks.index(self.task_id) if self.task_id in tasks else -1)
        conf = setup.get('conf') or {}
        if conf.get(SEED_KEY) is not None:
            seed_random(conf[SEED_KEY], self.task_id)
        level = conf.get(LOG_LEVEL_KEY)
        if isinstance(level, str):
            level = _LEVELS.get(level.strip().upper())
        if isinstance(level, int) and not isinstance(level, bool):
            # The component's level, as in the simulator (where Petrel's loggers have none of their own).
            for name in ('', 'storm', 'petrel.storm'):
                logging.getLogger(name).setLevel(level)
        self.log_handler.opened()
        return setup

    def run(self, component):
        if self.component is not None:
            raise RuntimeError('this process already runs a component: Storm starts one process per task, '
                               'and run() starts its one component')
        self.component = component
        channel = self.channel
        kind = 'spout' if isinstance(component, Spout) else 'basicBolt' if isinstance(component, BasicBolt) \
            else 'bolt'
        try:
            setup = self.handshake()
        except StormClosed:
            return self.exit(0)
        component.task_index = self.task_index
        component.worker_port = (setup.get('context') or {}).get('workerPort', -1)
        channel.kind = kind
        seam.current = channel
        try:
            component.initialize(setup.get('conf') or {}, setup.get('context') or {})
        except StormClosed:
            return self.exit(0)
        except BaseException as e:
            return self.crash(e, None)
        try:
            if kind == 'spout':
                self._spout(component)
            else:
                self._bolt(component, kind == 'basicBolt')
        except StormClosed:
            return self.exit(0)

    def _spout(self, spout):
        protocol = self.protocol
        methods = {'next': spout.nextTuple, 'ack': spout.ack, 'fail': spout.fail,
                   'activate': getattr(spout, 'activate', None), 'deactivate': getattr(spout, 'deactivate', None)}
        while True:
            m = protocol.read_command()
            command = m.get('command')
            method = methods.get(command)
            try:
                if command == 'ack' or command == 'fail':
                    method(m.get('id'))
                elif method is not None:
                    method()
            except StormClosed:
                raise
            except BaseException as e:
                return self.crash(e, None)
            protocol.send({'command': 'sync'})

    def _bolt(self, bolt, basic):
        protocol = self.protocol
        channel = self.channel
        process = bolt.process
        profiler = Profiler(basic) if petrel.storm.storm_log.isEnabledFor(logging.DEBUG) else None
        clock = time.time
        while True:
            if profiler is not None:
                t1 = clock()
            m = protocol.read_command()
            tup = Tuple(m.get('id'), m.get('comp'), m.get('stream'), m.get('task'), m.get('tuple'))
            if tup.task == -1 and tup.stream == '__heartbeat':
                protocol.send({'command': 'sync'})
                continue
            if profiler is not None:
                t2 = clock()
            if basic:
                channel.anchor = tup
            else:
                channel.inputs[tup.id] = None
            command = 'ack'
            try:
                process(tup)
            except FailedException as e:
                if not basic:  # only a BasicBolt's tuple is failed with it: elsewhere it is a crash, as in Storm
                    return self.crash(e, tup)
                command = 'fail'
            except StormClosed:
                raise
            except BaseException as e:
                return self.crash(e, tup)
            finally:
                channel.anchor = None
            if profiler is not None:
                t3 = clock()
            if basic:
                protocol.send({'command': command, 'id': tup.id})
            if profiler is not None:
                profiler.add(t1, t2, t3, clock())

    def report_exception(self, component, base_message, exception):
        """Petrel's Task.report_exception: logs the failure message Petrel sends to Storm."""
        message = self.failure_message(base_message, exception)
        petrel.storm.storm_log.error('Sent failure message ("%s") to Storm', message)

    def failure_message(self, base, e):
        parts = (base, self.module_name, socket.gethostname(), 'pid', os.getpid(), 'port', -1, 'taskindex',
                 self.task_index, type(e).__name__)
        return '__'.join(str(p).replace('.', '_') for p in parts)

    def crash(self, e, tup):
        """An exception from the component (or its module): logged as Petrel logs it, reported to
        Storm, and the process ends (Storm then restarts the worker)."""
        try:
            self.handshake()
        except StormClosed:
            return self.exit(1)
        for stream in (sys.stdout, sys.stderr):
            if isinstance(stream, LogStream):
                stream.flush()
        tb = e.__traceback__
        while tb is not None and _runtime_frame(tb.tb_frame.f_code.co_filename):
            tb = tb.tb_next
        text = ''.join(traceback.format_exception(type(e), e, tb)).rstrip('\n')
        summary = ''.join(traceback.format_exception_only(type(e), e)).strip()
        component = self.component
        kind = 'Spout' if isinstance(component, Spout) else 'BasicBolt' if isinstance(component, BasicBolt) \
            else 'Bolt' if component is not None else None
        base = 'E_SPOUTFAILED' if kind == 'Spout' else 'E_BOLTFAILED' if kind else 'E_RUNFAILED'
        send = self.protocol.send
        try:
            send({'command': 'log', 'msg': self.failure_message(base, e), 'level': ERROR})
            where = '%s.run' % kind if kind else 'petrel.run'
            send({'command': 'log', 'msg': 'Caught exception in %s\n%s' % (where, text), 'level': ERROR})
            if tup is not None and not tup.is_tick_tuple():
                send({'command': 'log', 'msg': 'The error occurred while processing this tuple: %s'
                      % repr(tup.values)[:2000], 'level': ERROR})
            send({'command': 'error', 'msg': '%s\n%s' % (summary, text)})
            self.protocol.flush()
        except (StormClosed, OSError, ValueError):
            pass
        return self.exit(1)


# Frames of the runtime (and of the import machinery) at the start of a traceback are not the component's.
_RUNTIME_FILES = frozenset(os.path.join(os.path.dirname(_HERE), name) for name in ('multilang', 'run', 'storm'))


_IMPORTLIB = os.path.dirname(importlib.__file__) + os.sep


def _runtime_frame(filename):
    return (filename.rsplit('.', 1)[0] in _RUNTIME_FILES or filename.startswith('<frozen importlib')
            or filename.startswith(_IMPORTLIB))


def install(stdin=None, stdout=None, module_name='component'):
    """Makes this process a multilang host: petrel.host.installed runs the component, print and
    sys.stderr go to logging, logging goes to Storm too. Returns the host."""
    host = MultilangHost(stdin or sys.stdin.buffer, stdout or sys.stdout.buffer, module_name)
    seam.installed = host
    seam.current = host.channel
    sys.modules.setdefault('storm', petrel.storm)
    sys.stdout = LogStream('storm.stdout')
    sys.stderr = LogStream('storm.stderr')
    root = logging.getLogger()
    root.addHandler(host.log_handler)
    for logger in list(logging.Logger.manager.loggerDict.values()):
        if isinstance(logger, logging.Logger) and not logger.propagate:
            logger.addHandler(host.log_handler)
    return host
