"""Logging and print: the running task's log, in Petrel's format [time][logger][LEVEL]message, with
the time from the engine's clock. print and sys.stderr go to the 'storm.stdout' and 'storm.stderr'
loggers, line by line, as Petrel sends them."""

import io
import logging
import sys
import time

import _storm_studio_js as _js
from petrel import host as seam

from .tasks import IDLE, flushing

_js_log = flushing(_js.log)
_js_time = flushing(_js.time)

FORMAT = '[%(asctime)s][%(name)s][%(levelname)s]%(message)s'
_LEVEL_NAMES = {logging.DEBUG: 'DEBUG', logging.INFO: 'INFO', logging.WARNING: 'WARNING'}


class TaskLogHandler(logging.Handler):
    def emit(self, record):
        t = seam.current
        if t is IDLE:
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


class PetrelFormatter(logging.Formatter):
    converter = staticmethod(time.gmtime)


class TaskStream(io.TextIOBase):
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
        t = seam.current
        if t is IDLE:
            return self.fallback.write(s)
        text = t.partial.get(self.name, '') + s
        if '\n' in text:
            *lines, text = text.split('\n')
            for line in lines:
                self.logger.error(line)
        t.partial[self.name] = text
        return len(s)

    def flush(self):
        t = seam.current
        if t is not IDLE:
            _flush_stream(t, self)


def _flush_stream(t, stream):
    rest = t.partial.get(stream.name)
    if rest:
        t.partial[stream.name] = ''
        stream.logger.error(rest)


def flush_partial(t):
    """Logs what task t printed without a final newline (before its crash is described)."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, TaskStream):
            _flush_stream(t, stream)


def install():
    """The root logger writes to the running task's log; print and sys.stderr too."""
    root = logging.getLogger()
    root.handlers[:] = []
    handler = TaskLogHandler()
    handler.setFormatter(PetrelFormatter(FORMAT))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.lastResort = None
    sys.stdout = TaskStream('storm.stdout', sys.stdout)
    sys.stderr = TaskStream('storm.stderr', sys.stderr)
