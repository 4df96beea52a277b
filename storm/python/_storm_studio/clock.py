"""time and random for user code: the engine's clock (virtual or wall) and a generator seeded per
task from the run's seed, so that a virtual-time run replays exactly. Outside a task's call they
are the real ones."""

import random
import time

import _storm_studio_js as _js
from petrel import host as seam

from .tasks import IDLE, flushing

_js_sleep = flushing(_js.sleep)
_js_time = flushing(_js.time)

# The functions of time that install() replaces, as they were.
_REAL = {name: getattr(time, name) for name in ('time', 'sleep', 'gmtime', 'localtime', 'ctime', 'asctime', 'strftime')}
_real_seed = random.Random.seed

# The module-level functions of random that draw from the running task's generator.
_RANDOM_FUNCTIONS = (
    'random', 'uniform', 'triangular', 'randint', 'choice', 'randrange', 'sample', 'shuffle', 'choices',
    'normalvariate', 'lognormvariate', 'expovariate', 'vonmisesvariate', 'gammavariate', 'gauss',
    'betavariate', 'paretovariate', 'weibullvariate', 'getstate', 'setstate', 'getrandbits', 'randbytes',
    'binomialvariate', 'seed')


def _time():
    t = seam.current
    return _js_time(t.h) if t is not IDLE else _REAL['time']()


def _time_ns():
    return int(_time() * 1e9)


def _sleep(secs):
    if not isinstance(secs, (int, float)):
        raise TypeError("'%s' object cannot be interpreted as an integer or float" % type(secs).__name__)
    if secs < 0:
        raise ValueError('sleep length must be non-negative')
    t = seam.current
    if t is IDLE:
        return _REAL['sleep'](secs)
    _js_sleep(t.h, float(secs))


def _with_now(real):
    def clock(secs=None):
        return real(_time() if secs is None else secs)
    clock.__name__ = real.__name__
    clock.__doc__ = real.__doc__
    return clock


def _asctime(t=None):
    return _REAL['asctime'](_REAL['localtime'](_time()) if t is None else t)


def _strftime(format, t=None):
    return _REAL['strftime'](format, _REAL['localtime'](_time()) if t is None else t)


def _seed(self, a=None, version=2):
    # An unseeded Random() (or random.seed()) takes its seed from the task's generator, so runs replay.
    if a is None:
        rng = seam.current.rng
        a = (self if self is rng else rng).getrandbits(64)
    _real_seed(self, a, version)


def _dispatch(name):
    method = getattr(random.Random, name)

    def call(*args, **kwargs):
        return method(seam.current.rng, *args, **kwargs)
    call.__name__ = name
    call.__qualname__ = name
    call.__doc__ = method.__doc__
    return call


def _random():
    return seam.current.rng.random()


def install():
    """Points time's clock functions and random's module-level functions at the running task."""
    time.time = _time
    time.time_ns = _time_ns
    time.sleep = _sleep
    time.monotonic = _time
    time.monotonic_ns = _time_ns
    time.gmtime = _with_now(_REAL['gmtime'])
    time.localtime = _with_now(_REAL['localtime'])
    time.ctime = _with_now(_REAL['ctime'])
    time.asctime = _asctime
    time.strftime = _strftime
    random.Random.seed = _seed
    for name in _RANDOM_FUNCTIONS:
        if hasattr(random, name) and hasattr(random.Random, name):
            setattr(random, name, _dispatch(name))
    random.random = _random
