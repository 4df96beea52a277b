"""Tuple values and message ids the way Storm's multilang protocol carries them: as JSON. Values
that cross to JavaScript unchanged (what JSON would give) skip the encoding."""

import json
import json.encoder

# The largest integer a JavaScript number holds exactly (the engine's values are JavaScript's).
SAFE_INT = 2 ** 53 - 1


def _not_serializable(o):
    raise TypeError('Object of type %s is not JSON serializable (Storm sends tuple values and '
                    'message ids as JSON)' % type(o).__name__)


try:
    _encoder = json.encoder.c_make_encoder(None, _not_serializable, json.encoder.encode_basestring,
                                           None, ':', ',', False, False, False)

    def dumps(o):
        return ''.join(_encoder(o, 0))
except (AttributeError, TypeError):  # no C accelerator: same output, slower
    def dumps(o):
        return json.dumps(o, ensure_ascii=False, allow_nan=False, separators=(',', ':'),
                          default=_not_serializable)

loads = json.loads


def plain(values):
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


def plain_id(v):
    t = type(v)
    return t is str or t is bool or (t is int and -SAFE_INT <= v <= SAFE_INT) or (t is float and v - v == 0.0)


def values_of(tup):
    """The values of an emitted tuple: a list or a tuple, as Petrel takes them."""
    t = type(tup)
    if t is list or t is tuple:
        return tup
    raise TypeError("storm.emit() takes the tuple's values as a list, e.g. storm.emit([word]); got %s"
                    % t.__name__)
