"""A task's own state (_storm_studio/state.py): the instance's attributes as the run views show them,
bounded, and read without running any user code (no __repr__, no overridden items/__iter__)."""

import json
from collections import OrderedDict, defaultdict, deque

import pytest
from test_studio_host import basic_bolt


@pytest.fixture
def state(studio):
    """_storm_studio.state, imported once the fake JavaScript side is in place (conftest.py)."""
    return studio.m.state


class Loud(object):
    """An object whose every hook would show it ran: the state reader must not call any."""

    calls = []

    def __repr__(self):
        Loud.calls.append('repr')
        return 'LOUD'

    def __getattribute__(self, name):
        Loud.calls.append(name)
        return object.__getattribute__(self, name)


class SneakyDict(dict):
    def items(self):
        Loud.calls.append('items')
        return []

    def __iter__(self):
        Loud.calls.append('iter')
        return iter([])

    def __repr__(self):
        Loud.calls.append('repr')
        return 'SNEAKY'


class Component(object):
    pass


def fields_of(state, inst):
    return {f['name']: f for f in state.inspect_instance(inst)['fields']}


def test_the_book_s_counts_show_with_their_type_and_size(host, state):
    h, _ = host.start(basic_bolt('''
word = tup.values[0]
self._words = getattr(self, '_words', Counter())
self._words[word] += 1'''.replace('Counter()', '__import__("collections").Counter()')))
    for w in ['the', 'cat', 'the']:
        assert host.process(h, [w]) is None
    got = json.loads(state.inspect_state(h))
    by_name = {f['name']: f for f in got['fields']}
    # The book keeps its counts in self._count: a single underscore is the component's state too.
    words = {'name': '_words', 'repr': "Counter({'the': 2, 'cat': 1})", 'type': 'Counter', 'size': 2}
    assert by_name['_words'] == words
    assert by_name['counts'] == {'name': 'counts', 'repr': '{}', 'type': 'dict', 'size': 0}
    assert by_name['n'] == {'name': 'n', 'repr': '0', 'type': 'int', 'size': None}
    # What Petrel and the runtime set on every instance is not the component's state.
    assert not {'profiler', 'task_index', 'worker_port'} & set(by_name)
    assert got['more'] == 0


def test_no_user_code_runs_while_reading(state):
    Loud.calls = []
    c = Component()
    c.thing = Loud()
    c.table = SneakyDict(a=1)
    c.nested = {'k': [Loud(), (1,)]}
    f = fields_of(state, c)
    assert f['thing']['repr'] == '<Loud object>'
    assert f['table']['repr'] == "SneakyDict({'a': 1})"
    assert f['nested']['repr'] == "{'k': [<Loud object>, (1,)]}"
    assert Loud.calls == []


def test_a_dict_property_of_the_class_is_not_called(state):
    class Tricky(object):
        def __init__(self):
            self.n = 1

        @property
        def __dict__(self):
            Loud.calls.append('__dict__')
            return {'fake': 2}

    class Plain(object):
        __slots__ = ('x',)

    Loud.calls = []
    assert fields_of(state, Tricky()) == {}  # its real __dict__ is shadowed: nothing shown, nothing run
    assert Loud.calls == []
    assert state.inspect_instance(Plain()) == {'fields': [], 'more': 0}


def test_built_in_containers_print_as_python_does(state):
    c = Component()
    c.a = [1, 2.5, None, True, 'x', b'y']
    c.b = (1,)
    c.s = set()
    c.fs = frozenset([3])
    c.d = deque([1, 2])
    c.od = OrderedDict([('k', 1)])
    c.dd = defaultdict(int, {'w': 2})
    c.cls = int
    f = fields_of(state, c)
    assert f['a']['repr'] == "[1, 2.5, None, True, 'x', b'y']"
    assert f['b']['repr'] == '(1,)'
    assert f['s']['repr'] == 'set()'
    assert f['fs']['repr'] == 'frozenset({3})'
    assert f['d']['repr'] == 'deque([1, 2])'
    assert f['od']['repr'] == "OrderedDict({'k': 1})"
    assert f['dd']['repr'] == "defaultdict({'w': 2})"
    assert f['cls']['repr'] == "<class 'int'>"


def test_sizes_depth_cycles_and_long_values_are_bounded(state):
    c = Component()
    c.big = {('w%d' % i): i for i in range(1000)}
    c.deep = [[[[[1]]]]]
    c.loop = []
    c.loop.append(c.loop)
    c.text = 'x' * 10000
    c.huge = 10 ** 5000
    c.__dunder__ = 1
    f = fields_of(state, c)
    assert f['big']['size'] == 1000
    assert len(f['big']['repr']) <= state.MAX_CHARS
    assert f['big']['repr'].startswith("{'w0': 0, 'w1': 1")
    assert f['deep']['repr'] == '[[[[\u2026]]]]'
    assert f['loop']['repr'] == '[[...]]'
    assert len(f['text']['repr']) < 200
    assert f['huge']['repr'].startswith('<int of ') or len(f['huge']['repr']) <= state.MAX_STRING + 1
    assert '__dunder__' not in f


def test_many_fields_are_counted_not_listed(state):
    c = Component()
    for i in range(state.MAX_FIELDS + 5):
        setattr(c, 'f%d' % i, i)
    got = state.inspect_instance(c)
    assert len(got['fields']) == state.MAX_FIELDS
    assert got['more'] == 5


def test_an_unknown_task_is_an_error_not_a_crash(state):
    assert state.inspect_state(987654).startswith('!KeyError')
