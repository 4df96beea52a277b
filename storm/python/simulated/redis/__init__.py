"""redis-py's client, as Storm Studio's simulator provides it: every client of a run talks to the
run's Redis (one per run, shared by every task, as a server is; see docs/python.md), which lives in
the engine and follows its clock. ``redis.StrictRedis()`` / ``redis.Redis()`` without a server use
it; a URL or host/port also use it in the app, and reach that real server under ``npm run
simulate``. Replies are what redis-py returns: bytes (str with ``decode_responses=True``), ints,
floats for scores, lists, sets, dicts. Under ``petrel submit`` the real redis-py is installed
instead (the export lists it in setup.sh)."""

import datetime
import time as _time

from _storm_studio.datastores import StoreError, redis_call, redis_number, zincrby_coded
from _storm_studio.datastores import codes as _codes
from petrel import host as _seam
from pyodide.ffi import JsException as _JsException

from .exceptions import (AuthenticationError, ConnectionError, DataError, RedisError, ResponseError,
                         TimeoutError, WatchError)

__version__ = '5.0.0+storm-studio'
__all__ = ['Redis', 'StrictRedis', 'from_url', 'RedisError', 'ConnectionError', 'TimeoutError',
           'AuthenticationError', 'DataError', 'ResponseError', 'WatchError']


def _arg(value):
    t = type(value)
    if t is str:
        return value
    if t is bytes:
        try:
            return value.decode('utf-8')
        except UnicodeDecodeError:
            raise DataError('Storm Studio\'s Redis stores text: %r is not UTF-8' % (value,)) from None
    if t is int:
        return str(value)
    if t is float:
        return repr(value)
    if t is bool:
        raise DataError("Invalid input of type: 'bool'. Convert to a bytes, string, int or float first.")
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        return repr(float(value))
    if isinstance(value, (str, bytes)):
        return _arg(str(value) if isinstance(value, str) else bytes(value))
    raise DataError("Invalid input of type: '%s'. Convert to a bytes, string, int or float first."
                    % type(value).__name__)


def _seconds(value):
    if isinstance(value, datetime.timedelta):
        return int(value.total_seconds())
    return int(value)


def _timestamp(when):
    if isinstance(when, datetime.datetime):
        if when.tzinfo is not None:
            return int(when.timestamp())
        return int(_time.mktime(when.timetuple()))
    return int(when)


def _score(text, _=None):
    if text is None:
        return None
    return float(text)


def _bulk(reply, client):
    """A bulk reply as redis-py gives it: bytes, or str with decode_responses."""
    if type(reply) is str:
        return reply if client._decode else reply.encode(client._encoding)
    if type(reply) is list:
        return [_bulk(r, client) for r in reply]
    return reply


def _bool(reply, _=None):
    return bool(reply)


def _float(text, _=None):
    return float(text)


def _is_number(v):
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return True
    try:
        float(v)
        return True
    except (TypeError, ValueError):
        return False


class Redis:
    """A client of the run's Redis (redis-py's ``Redis``; ``StrictRedis`` is the same class)."""

    _fast = True

    def __init__(self, host=None, port=None, db=0, password=None, socket_timeout=None, decode_responses=False,
                 encoding='utf-8', url=None, **kwargs):
        if url is None and (host is not None or port is not None):
            url = 'redis://%s:%s/%d' % (host or 'localhost', port or 6379, int(db))
        self._url = url
        self.db = int(db)
        self._decode = bool(decode_responses)
        self._encoding = encoding

    @classmethod
    def from_url(cls, url, **kwargs):
        db = kwargs.pop('db', None)
        path = url.split('://', 1)[-1].split('?', 1)[0]
        if db is None:
            tail = path.split('/', 1)[1] if '/' in path else ''
            db = int(tail) if tail.isdigit() else 0
        return cls(url=url, db=db, **kwargs)

    def __repr__(self):
        return 'Redis<%s db=%d>' % (self._url or 'the run\'s Redis', self.db)

    # The one way out: every command goes through here.
    def _x(self, convert, *args):
        try:
            reply = redis_call(self._url, self.db, *args)
        except StoreError as e:
            if e.kind == 'RedisError':
                raise ResponseError(str(e)) from None
            raise ConnectionError(str(e)) from None
        return convert(reply, self) if convert is not None else reply

    def execute_command(self, *args):
        return self._x(_bulk, *[_arg(a) for a in args])

    def pipeline(self, transaction=True, shard_hint=None):
        return Pipeline(self)

    # Server and keys.
    def ping(self):
        return self._x(lambda r, _: r == 'PONG', 'PING')

    def echo(self, value):
        return self._x(_bulk, 'ECHO', _arg(value))

    def delete(self, *names):
        return self._x(None, 'DEL', *[_arg(n) for n in names]) if names else 0

    def exists(self, *names):
        return self._x(None, 'EXISTS', *[_arg(n) for n in names])

    def type(self, name):
        return self._x(_bulk, 'TYPE', _arg(name))

    def keys(self, pattern='*'):
        return self._x(_bulk, 'KEYS', _arg(pattern))

    def dbsize(self):
        return self._x(None, 'DBSIZE')

    def flushdb(self, asynchronous=False):
        return self._x(lambda r, _: r == 'OK', 'FLUSHDB')

    def flushall(self, asynchronous=False):
        return self._x(lambda r, _: r == 'OK', 'FLUSHALL')

    def rename(self, src, dst):
        return self._x(lambda r, _: r == 'OK', 'RENAME', _arg(src), _arg(dst))

    def expire(self, name, time):
        return self._x(_bool, 'EXPIRE', _arg(name), str(_seconds(time)))

    def pexpire(self, name, time):
        ms = int(time.total_seconds() * 1000) if isinstance(time, datetime.timedelta) else int(time)
        return self._x(_bool, 'PEXPIRE', _arg(name), str(ms))

    def expireat(self, name, when):
        return self._x(_bool, 'EXPIREAT', _arg(name), str(_timestamp(when)))

    def ttl(self, name):
        return self._x(None, 'TTL', _arg(name))

    def pttl(self, name):
        return self._x(None, 'PTTL', _arg(name))

    def persist(self, name):
        return self._x(_bool, 'PERSIST', _arg(name))

    # Strings.
    def get(self, name):
        return self._x(_bulk, 'GET', _arg(name))

    def __getitem__(self, name):
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def __setitem__(self, name, value):
        self.set(name, value)

    def __delitem__(self, name):
        self.delete(name)

    def __contains__(self, name):
        return bool(self.exists(name))

    def set(self, name, value, ex=None, px=None, nx=False, xx=False, keepttl=False, get=False, exat=None, pxat=None):
        args = ['SET', _arg(name), _arg(value)]
        if ex is not None:
            args += ['EX', str(_seconds(ex))]
        if px is not None:
            args += ['PX', str(int(px.total_seconds() * 1000) if isinstance(px, datetime.timedelta) else int(px))]
        if exat is not None:
            args += ['EXAT', str(_timestamp(exat))]
        if pxat is not None:
            args += ['PXAT', str(int(pxat))]
        if nx:
            args.append('NX')
        if xx:
            args.append('XX')
        if get:
            args.append('GET')
            return self._x(_bulk, *args)
        return self._x(lambda r, _: True if r == 'OK' else None, *args)

    def setnx(self, name, value):
        return self._x(_bool, 'SETNX', _arg(name), _arg(value))

    def setex(self, name, time, value):
        return self._x(lambda r, _: r == 'OK', 'SETEX', _arg(name), str(_seconds(time)), _arg(value))

    def getset(self, name, value):
        return self._x(_bulk, 'GETSET', _arg(name), _arg(value))

    def mget(self, keys, *args):
        names = list(keys) if isinstance(keys, (list, tuple)) else [keys]
        return self._x(_bulk, 'MGET', *[_arg(k) for k in names + list(args)])

    def mset(self, mapping):
        flat = []
        for k, v in mapping.items():
            flat += [_arg(k), _arg(v)]
        return self._x(lambda r, _: r == 'OK', 'MSET', *flat)

    def _n(self, convert, a0, a1, a2, a3=None):
        """A command answering a number, through the coded fast path."""
        try:
            reply = redis_number(self._url, self.db, a0, a1, a2, a3)
        except StoreError as e:
            if e.kind == 'RedisError':
                raise ResponseError(str(e)) from None
            raise ConnectionError(str(e)) from None
        return convert(reply)

    def incr(self, name, amount=1):
        return self._n(int, 'INCRBY', _arg(name), _arg(amount))

    incrby = incr

    def decr(self, name, amount=1):
        return self._x(None, 'DECRBY', _arg(name), _arg(amount))

    decrby = decr

    def incrbyfloat(self, name, amount=1.0):
        return self._x(_float, 'INCRBYFLOAT', _arg(name), _arg(amount))

    def append(self, key, value):
        return self._x(None, 'APPEND', _arg(key), _arg(value))

    def strlen(self, name):
        return self._x(None, 'STRLEN', _arg(name))

    # Hashes.
    def hset(self, name, key=None, value=None, mapping=None, items=None):
        flat = []
        if key is not None:
            flat += [_arg(key), _arg(value)]
        for k, v in (mapping or {}).items():
            flat += [_arg(k), _arg(v)]
        for i in range(0, len(items or []), 2):
            flat += [_arg(items[i]), _arg(items[i + 1])]
        if not flat:
            raise DataError("'hset' with no key value pairs")
        return self._x(None, 'HSET', _arg(name), *flat)

    def hmset(self, name, mapping):
        if not mapping:
            raise DataError("'hmset' with 'mapping' of length 0")
        self.hset(name, mapping=mapping)
        return True

    def hsetnx(self, name, key, value):
        return self._x(_bool, 'HSETNX', _arg(name), _arg(key), _arg(value))

    def hget(self, name, key):
        return self._x(_bulk, 'HGET', _arg(name), _arg(key))

    def hmget(self, name, keys, *args):
        fields = list(keys) if isinstance(keys, (list, tuple)) else [keys]
        return self._x(_bulk, 'HMGET', _arg(name), *[_arg(k) for k in fields + list(args)])

    def hgetall(self, name):
        def pairs(r, c):
            r = _bulk(r, c)
            return dict(zip(r[::2], r[1::2]))
        return self._x(pairs, 'HGETALL', _arg(name))

    def hkeys(self, name):
        return self._x(_bulk, 'HKEYS', _arg(name))

    def hvals(self, name):
        return self._x(_bulk, 'HVALS', _arg(name))

    def hlen(self, name):
        return self._x(None, 'HLEN', _arg(name))

    def hexists(self, name, key):
        return self._x(_bool, 'HEXISTS', _arg(name), _arg(key))

    def hdel(self, name, *keys):
        return self._x(None, 'HDEL', _arg(name), *[_arg(k) for k in keys])

    def hincrby(self, name, key, amount=1):
        return self._n(int, 'HINCRBY', _arg(name), _arg(key), _arg(amount))

    def hincrbyfloat(self, name, key, amount=1.0):
        return self._x(_float, 'HINCRBYFLOAT', _arg(name), _arg(key), _arg(amount))

    # Lists.
    def lpush(self, name, *values):
        return self._x(None, 'LPUSH', _arg(name), *[_arg(v) for v in values])

    def rpush(self, name, *values):
        return self._x(None, 'RPUSH', _arg(name), *[_arg(v) for v in values])

    def lpushx(self, name, *values):
        return self._x(None, 'LPUSHX', _arg(name), *[_arg(v) for v in values])

    def rpushx(self, name, *values):
        return self._x(None, 'RPUSHX', _arg(name), *[_arg(v) for v in values])

    def lpop(self, name, count=None):
        return self._x(_bulk, 'LPOP', _arg(name), *([str(int(count))] if count is not None else []))

    def rpop(self, name, count=None):
        return self._x(_bulk, 'RPOP', _arg(name), *([str(int(count))] if count is not None else []))

    def llen(self, name):
        return self._x(None, 'LLEN', _arg(name))

    def lrange(self, name, start, end):
        return self._x(_bulk, 'LRANGE', _arg(name), _arg(start), _arg(end))

    def lindex(self, name, index):
        return self._x(_bulk, 'LINDEX', _arg(name), _arg(index))

    def lset(self, name, index, value):
        return self._x(lambda r, _: r == 'OK', 'LSET', _arg(name), _arg(index), _arg(value))

    def lrem(self, name, count, value):
        return self._x(None, 'LREM', _arg(name), _arg(count), _arg(value))

    def ltrim(self, name, start, end):
        return self._x(lambda r, _: r == 'OK', 'LTRIM', _arg(name), _arg(start), _arg(end))

    # Sets.
    def sadd(self, name, *values):
        return self._x(None, 'SADD', _arg(name), *[_arg(v) for v in values])

    def srem(self, name, *values):
        return self._x(None, 'SREM', _arg(name), *[_arg(v) for v in values])

    def smembers(self, name):
        return self._x(lambda r, c: set(_bulk(r, c)), 'SMEMBERS', _arg(name))

    def sismember(self, name, value):
        return self._x(_bool, 'SISMEMBER', _arg(name), _arg(value))

    def scard(self, name):
        return self._x(None, 'SCARD', _arg(name))

    def sunion(self, keys, *args):
        names = list(keys) if isinstance(keys, (list, tuple)) else [keys]
        return self._x(lambda r, c: set(_bulk(r, c)), 'SUNION', *[_arg(k) for k in names + list(args)])

    def sinter(self, keys, *args):
        names = list(keys) if isinstance(keys, (list, tuple)) else [keys]
        return self._x(lambda r, c: set(_bulk(r, c)), 'SINTER', *[_arg(k) for k in names + list(args)])

    def sdiff(self, keys, *args):
        names = list(keys) if isinstance(keys, (list, tuple)) else [keys]
        return self._x(lambda r, c: set(_bulk(r, c)), 'SDIFF', *[_arg(k) for k in names + list(args)])

    # Sorted sets.
    def zadd(self, name, *args, **kwargs):
        """redis-py 3+: zadd(name, {member: score}, nx=, xx=, ch=, incr=); redis-py 2's
        StrictRedis: zadd(name, score1, member1, ...) or zadd(name, member1=score1, ...)."""
        flags = []
        for flag in ('nx', 'xx', 'ch', 'incr', 'gt', 'lt'):
            if kwargs.pop(flag, False):
                flags.append(flag.upper())
        pairs = []
        if args and isinstance(args[0], dict):
            mapping = args[0]
            for member, score in mapping.items():
                pairs += [_arg(score), _arg(member)]
        else:
            if len(args) % 2 != 0:
                raise RedisError('ZADD requires an equal number of values and scores')
            for i in range(0, len(args), 2):
                pairs += [_arg(args[i]), _arg(args[i + 1])]
            for member, score in kwargs.items():
                pairs += [_arg(score), _arg(member)]
        if not pairs:
            raise DataError("ZADD requires at least one element/score pair")
        if 'INCR' in flags:
            return self._x(_score, 'ZADD', _arg(name), *(flags + pairs))
        return self._x(None, 'ZADD', _arg(name), *(flags + pairs))

    def zincrby(self, name, amount, value=None):
        """redis-py 3+: zincrby(name, amount, value). redis-py 2's StrictRedis (the book's):
        zincrby(name, value, amount=1): a non-numeric amount with a numeric or absent value is
        taken in that order."""
        if value is None:
            amount, value = 1, amount
        elif type(amount) is not int and type(amount) is not float and not _is_number(amount) and _is_number(value):
            amount, value = value, amount
        # The fast path (the counting loop of a ranking): strings already coded, a number amount.
        if self._fast and (type(amount) is int or type(amount) is float):
            k = _codes.get(name)
            m = _codes.get(value)
            h = _seam.current.h
            if k is not None and m is not None and h is not None and h >= 0:
                try:
                    return float(zincrby_coded(h, self._url, self.db, k, amount, m))
                except _JsException:
                    pass  # the slow path raises the error as redis-py would
        return self._n(float, 'ZINCRBY', _arg(name), _arg(amount), _arg(value))

    def zscore(self, name, value):
        return self._n(_score, 'ZSCORE', _arg(name), _arg(value))

    def zrem(self, name, *values):
        return self._x(None, 'ZREM', _arg(name), *[_arg(v) for v in values])

    def zcard(self, name):
        return self._x(None, 'ZCARD', _arg(name))

    def zcount(self, name, min, max):
        return self._x(None, 'ZCOUNT', _arg(name), _arg(min), _arg(max))

    def _ranked(self, withscores, score_cast_func):
        def convert(r, c):
            r = _bulk(r, c)
            if not withscores:
                return r
            return [(r[i], score_cast_func(r[i + 1])) for i in range(0, len(r), 2)]
        return convert

    def zrange(self, name, start, end, desc=False, withscores=False, score_cast_func=float):
        args = ['ZREVRANGE' if desc else 'ZRANGE', _arg(name), _arg(start), _arg(end)]
        if withscores:
            args.append('WITHSCORES')
        return self._x(self._ranked(withscores, score_cast_func), *args)

    def zrevrange(self, name, start, end, withscores=False, score_cast_func=float):
        return self.zrange(name, start, end, desc=True, withscores=withscores, score_cast_func=score_cast_func)

    def _by_score(self, command, name, a, b, start, num, withscores, score_cast_func):
        args = [command, _arg(name), _arg(a), _arg(b)]
        if (start is None) != (num is None):
            raise DataError('``start`` and ``num`` must both be specified')
        if start is not None:
            args += ['LIMIT', _arg(start), _arg(num)]
        if withscores:
            args.append('WITHSCORES')
        return self._x(self._ranked(withscores, score_cast_func), *args)

    def zrangebyscore(self, name, min, max, start=None, num=None, withscores=False, score_cast_func=float):
        return self._by_score('ZRANGEBYSCORE', name, min, max, start, num, withscores, score_cast_func)

    def zrevrangebyscore(self, name, max, min, start=None, num=None, withscores=False, score_cast_func=float):
        return self._by_score('ZREVRANGEBYSCORE', name, max, min, start, num, withscores, score_cast_func)

    def zrank(self, name, value):
        return self._x(None, 'ZRANK', _arg(name), _arg(value))

    def zrevrank(self, name, value):
        return self._x(None, 'ZREVRANK', _arg(name), _arg(value))

    def zremrangebyrank(self, name, min, max):
        return self._x(None, 'ZREMRANGEBYRANK', _arg(name), _arg(min), _arg(max))

    def _zstore(self, command, dest, keys, aggregate):
        if isinstance(keys, dict):
            names, weights = list(keys.keys()), list(keys.values())
        else:
            names, weights = list(keys), None
        args = [command, _arg(dest), str(len(names))] + [_arg(k) for k in names]
        if weights is not None:
            args += ['WEIGHTS'] + [_arg(w) for w in weights]
        if aggregate:
            args += ['AGGREGATE', _arg(aggregate)]
        return self._x(None, *args)

    def zunionstore(self, dest, keys, aggregate=None):
        return self._zstore('ZUNIONSTORE', dest, keys, aggregate)

    def zinterstore(self, dest, keys, aggregate=None):
        return self._zstore('ZINTERSTORE', dest, keys, aggregate)


StrictRedis = Redis


class Pipeline(Redis):
    """redis-py's pipeline: commands are queued and run by execute() (the embedded store runs them
    one after the other; nothing else runs in between, as in a MULTI/EXEC transaction)."""

    _fast = False

    def __init__(self, client):
        super().__init__(url=client._url, db=client.db, decode_responses=client._decode,
                         encoding=client._encoding)
        self._queue = []

    def _x(self, convert, *args):
        self._queue.append((convert, args))
        return self

    def _n(self, convert, *args):
        self._queue.append((lambda r, _: convert(None if r is None else float(r)), args))
        return self

    def execute(self, raise_on_error=True):
        queue, self._queue = self._queue, []
        out = []
        for convert, args in queue:
            try:
                out.append(Redis._x(self, convert, *args))
            except ResponseError as e:
                if raise_on_error:
                    raise
                out.append(e)
        return out

    def multi(self):
        pass

    def reset(self):
        self._queue = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.reset()

    def __len__(self):
        return len(self._queue)


def from_url(url, **kwargs):
    """redis.from_url('redis://host:port/db'): a client of that server (the run's Redis in the app)."""
    return Redis.from_url(url, **kwargs)
