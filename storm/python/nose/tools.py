"""nose.tools: unittest's assertions under PEP 8 names (assert_equal, assert_true, assert_in,
assert_raises, ...), and ok_, eq_, raises, istest, nottest, with_setup, as nose 1.3 has them."""

import functools
import re
import unittest

__all__ = ['ok_', 'eq_', 'raises', 'istest', 'nottest', 'with_setup']


class _Asserts(unittest.TestCase):
    maxDiff = None

    def runTest(self):
        pass


_asserts = _Asserts()


def _pep8(name):
    return re.sub(r'([A-Z])', lambda m: '_' + m.group(1).lower(), name)


for _name in dir(unittest.TestCase):
    if _name.startswith('assert') and '_' not in _name and not _name.endswith('_'):
        _pep8_name = _pep8(_name)
        globals()[_pep8_name] = getattr(_asserts, _name)
        __all__.append(_pep8_name)


def ok_(expr, msg=None):
    """Fails unless expr is true."""
    if not expr:
        raise AssertionError(msg)


def eq_(a, b, msg=None):
    """Fails unless a == b."""
    if not a == b:
        raise AssertionError(msg or '%r != %r' % (a, b))


def raises(*exceptions):
    """Decorator: the test passes only if it raises one of exceptions."""
    names = ' or '.join(e.__name__ for e in exceptions)

    def decorate(func):
        @functools.wraps(func)
        def wrapped(*args, **kwargs):
            try:
                func(*args, **kwargs)
            except exceptions:
                return
            raise AssertionError('%s() did not raise %s' % (func.__name__, names))
        return wrapped
    return decorate


def istest(func):
    func.__test__ = True
    return func


def nottest(func):
    func.__test__ = False
    return func


def with_setup(setup=None, teardown=None):
    """Decorator: runs setup before and teardown after the test function."""
    def decorate(func):
        @functools.wraps(func)
        def wrapped(*args, **kwargs):
            if setup is not None:
                setup()
            try:
                return func(*args, **kwargs)
            finally:
                if teardown is not None:
                    teardown()
        return wrapped
    return decorate
