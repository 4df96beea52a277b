"""A task's own state for the run views: the attributes of the component instance (a counting
bolt's dict of counts), so that a learner sees each task holds different words.

User code is untrusted and runs none of it here: only built-in types are walked, through their
own built-in methods (dict.items(d), not d.items(), so a subclass's overrides are not called), and
every other object is shown as <Class object> without calling its __repr__. Everything is bounded:
fields, items per container, depth and characters (src/engine/task-state.ts has the same numbers).
The JavaScript runtime calls it between calls, under the watchdog as any call into Python.
"""

import collections
import json

from .tasks import tasks as _tasks

MAX_FIELDS = 40
MAX_ITEMS = 30
MAX_DEPTH = 3
MAX_CHARS = 400
MAX_STRING = 120

# Attributes Petrel's base classes and the runtime set on every instance: not the component's state.
RUNTIME_ATTRS = frozenset(['profiler', 'task_index', 'worker_port', 'script', 'execution_command', '_json'])

_dict_items = dict.items
_dict_len = dict.__len__
_list_len = list.__len__
_list_getitem = list.__getitem__
_tuple_len = tuple.__len__
_tuple_getitem = tuple.__getitem__
_set_iter = set.__iter__
_set_len = set.__len__
_frozenset_iter = frozenset.__iter__
_frozenset_len = frozenset.__len__
_deque_iter = collections.deque.__iter__
_deque_len = collections.deque.__len__
_type_name = type.__dict__['__name__'].__get__
_type_mro = type.__dict__['__mro__'].__get__
_class_dict = type.__dict__['__dict__'].__get__
_GetSet = type(type.__dict__['__dict__'])


class _Budget(object):
    __slots__ = ('left',)

    def __init__(self, left):
        self.left = left


def _name_of(t):
    try:
        name = _type_name(t)
    except Exception:
        return 'object'
    return name if type(name) is str else 'object'


def _cut(text, n):
    return text if len(text) <= n else text[:n] + '\u2026'


def _scalar(v):
    """The repr of a built-in scalar (exact types only: a subclass may override __repr__), else None."""
    t = type(v)
    if v is None or t is bool:
        return 'None' if v is None else ('True' if v else 'False')
    if t is int:
        try:
            return _cut(int.__repr__(v), MAX_STRING)
        except ValueError:  # more digits than sys.get_int_max_str_digits()
            return '<int of %d bits>' % v.bit_length()
    if t is float:
        return float.__repr__(v)
    if t is complex:
        return complex.__repr__(v)
    if t is str or t is bytes:
        more = '\u2026' if t.__len__(v) > MAX_STRING else ''
        return t.__repr__(t.__getitem__(v, slice(0, MAX_STRING))) + more
    return None


def _items(gen, total, budget):
    out = []
    for text in gen:
        if len(out) >= MAX_ITEMS or budget.left <= 0:
            break
        budget.left -= len(text)
        out.append(text)
    if total > len(out):
        out.append('\u2026 %d more' % (total - len(out)))
    return ', '.join(out)


def _container(v):
    """(kind, size) of a built-in container v is an instance of (subclasses included), else None."""
    # issubclass on type(v), not isinstance(v): isinstance may read v.__class__, i.e. run user code.
    t = type(v)
    if issubclass(t, dict):
        return 'dict', _dict_len(v)
    if issubclass(t, list):
        return 'list', _list_len(v)
    if issubclass(t, tuple):
        return 'tuple', _tuple_len(v)
    if issubclass(t, set):
        return 'set', _set_len(v)
    if issubclass(t, frozenset):
        return 'frozenset', _frozenset_len(v)
    if issubclass(t, collections.deque):
        return 'deque', _deque_len(v)
    return None


def _show(v, depth, path, budget):
    text = _scalar(v)
    if text is not None:
        return text
    t = type(v)
    name = _name_of(t)
    kind = _container(v)
    if kind is None:
        if t is type:
            return "<class '%s'>" % _name_of(v)
        return '<%s object>' % name
    kind, size = kind
    if id(v) in path:
        return '{...}' if kind == 'dict' else '[...]'
    if depth >= MAX_DEPTH:
        inner = '{\u2026}' if kind in ('dict', 'set', 'frozenset') else '[\u2026]'
        return inner if name == kind else '%s(%s)' % (name, inner)
    path.add(id(v))
    try:
        if kind == 'dict':
            gen = ('%s: %s' % (_show(k, depth + 1, path, budget), _show(x, depth + 1, path, budget))
                   for k, x in _dict_items(v))
            body = '{%s}' % _items(gen, size, budget)
        elif kind == 'list':
            gen = (_show(_list_getitem(v, i), depth + 1, path, budget) for i in range(size))
            body = '[%s]' % _items(gen, size, budget)
        elif kind == 'tuple':
            gen = (_show(_tuple_getitem(v, i), depth + 1, path, budget) for i in range(size))
            body = '(%s%s)' % (_items(gen, size, budget), ',' if size == 1 else '')
        elif kind == 'deque':
            gen = (_show(x, depth + 1, path, budget) for x in _deque_iter(v))
            body = '[%s]' % _items(gen, size, budget)
        else:
            it = _set_iter(v) if kind == 'set' else _frozenset_iter(v)
            gen = (_show(x, depth + 1, path, budget) for x in it)
            body = '{%s}' % _items(gen, size, budget)
    finally:
        path.discard(id(v))
    if kind in ('dict', 'list', 'tuple'):
        return body if name == kind else '%s(%s)' % (name, body)
    if kind == 'set' and name == 'set':
        return body if size else 'set()'
    # frozenset({1}), deque([1]), Set subclasses: as Python prints them.
    return '%s(%s)' % (name, body if size or kind == 'deque' else '')


def _instance_dict(inst):
    """The instance's __dict__ through the interpreter's own descriptor: a class that defines a
    __dict__ property (or a metaclass) is not asked, so no user code runs."""
    try:
        mro = _type_mro(type(inst))
    except Exception:
        return None
    for klass in mro:
        own = _class_dict(klass).get('__dict__')
        if type(own) is _GetSet:
            return own.__get__(inst, klass)
    return None


def inspect_instance(inst):
    """{fields: [{name, repr, type, size}], more} for an instance's attributes (its __dict__)."""
    try:
        attrs = _instance_dict(inst)
    except Exception:
        attrs = None
    fields = []
    more = 0
    if type(attrs) is dict:
        for key, value in _dict_items(attrs):
            if type(key) is not str or key.startswith('__') or key in RUNTIME_ATTRS:
                continue
            if len(fields) >= MAX_FIELDS:
                more += 1
                continue
            kind = _container(value)
            text = _show(value, 0, set(), _Budget(MAX_CHARS))
            fields.append({
                'name': _cut(key, 200),
                'repr': _cut(text, MAX_CHARS - 1),
                'type': _name_of(type(value)),
                'size': None if kind is None else kind[1],
            })
    return {'fields': fields, 'more': more}


def inspect_state(h):
    """The state of the task with handle h as JSON, or '!' and the error's text."""
    try:
        t = _tasks[h]
        return json.dumps(inspect_instance(t.instance))
    except BaseException as e:  # KeyboardInterrupt from the watchdog included: the run goes on
        return '!' + _cut('%s: %s' % (_name_of(type(e)), e), 300)
