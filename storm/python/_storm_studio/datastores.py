"""The run's Redis and MongoDB as the simulated client modules (simulated/redis, simulated/pymongo)
reach them: through the running task, into the engine's stores (src/engine/datastore). Both
directions carry plain values: command arguments as str, replies as str/int/float/None or, for
arrays, a JavaScript array converted here; MongoDB's arguments and results as JSON."""

import json

import _storm_studio_js as _js
from petrel import host as seam
from pyodide.ffi import JsException, JsProxy

from .tasks import flushing

_redis = flushing(_js.redis)
_redis_n = flushing(_js.redis_n)
zincrby_coded = flushing(_js.zincrby)
_intern = _js.intern
_mongo = flushing(_js.mongo)

# The hot commands (ZINCRBY, INCRBY, HINCRBY, ZSCORE) send their arguments as numbers: each string
# crosses to JavaScript once and is known by its code afterwards (a string argument costs about a
# microsecond per call to convert). Past this many strings, arguments travel as strings again.
MAX_CODES = 100000
codes = {}


class StoreError(Exception):
    """A store refused the call: kind is 'RedisError', 'MongoError' or 'Error' (e.g. no running
    task), code MongoDB's error code or None."""

    def __init__(self, kind, message, code=None):
        super().__init__(message)
        self.kind = kind
        self.code = code


def _refused(e):
    text = getattr(e, 'message', None) or str(e)
    kind = getattr(e, 'name', None) or 'Error'
    if text.startswith(kind + ': '):
        text = text[len(kind) + 2:]
    code = None
    if kind == 'MongoError' and text.startswith('['):
        code_text, _, text = text[1:].partition('] ')
        code = int(code_text)
    return StoreError(kind, text, code)


def _handle():
    h = seam.current.h
    if h is None or h < 0:
        raise StoreError('Error', 'Redis and MongoDB can be used only by a running component (in the simulator '
                                  'they live with the run)')
    return h


def redis_call(url, db, *args):
    """One Redis command (args as Redis writes them) on the server `url` names (None: the run's own)."""
    try:
        reply = _redis(_handle(), url, db, *args)
    except JsException as e:
        raise _refused(e) from None
    if isinstance(reply, JsProxy):
        reply = reply.to_py()
    return reply


def _code(s):
    c = codes.get(s)
    if c is None:
        if len(codes) >= MAX_CODES:
            return None
        c = codes[s] = _intern(s)
    return c


def redis_number(url, db, a0, a1, a2, a3=None):
    """A command whose reply is a number (or nil): its arguments (str) sent as codes when known."""
    c0 = _code(a0)
    c1 = _code(a1)
    c2 = _code(a2)
    c3 = -1 if a3 is None else _code(a3)
    if c0 is None or c1 is None or c2 is None or c3 is None:
        reply = redis_call(url, db, *((a0, a1, a2) if a3 is None else (a0, a1, a2, a3)))
        return None if reply is None else float(reply)
    try:
        return _redis_n(_handle(), url, db, c0, c1, c2, c3)
    except JsException as e:
        raise _refused(e) from None


def mongo_call(db, collection, op, *args):
    """One MongoDB operation on the run's store; arguments and result travel as JSON."""
    try:
        out = _mongo(_handle(), db, collection, op, json.dumps(list(args), default=_json_default))
    except JsException as e:
        raise _refused(e) from None
    return json.loads(out, object_hook=_object_hook)


def _json_default(value):
    import datetime
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return {'$date': int(round(value.timestamp() * 1000))}
    if isinstance(value, datetime.date):
        return {'$date': int(datetime.datetime(value.year, value.month, value.day,
                                               tzinfo=datetime.timezone.utc).timestamp() * 1000)}
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, 'binary') and hasattr(value, 'generation_time'):  # bson.ObjectId
        return str(value)
    raise TypeError('Object of type %s cannot be stored in MongoDB here (only JSON values and datetime)'
                    % type(value).__name__)


def _object_hook(obj):
    if len(obj) == 1 and '$date' in obj:
        import datetime
        return datetime.datetime.fromtimestamp(obj['$date'] / 1000, datetime.timezone.utc).replace(tzinfo=None)
    return obj
