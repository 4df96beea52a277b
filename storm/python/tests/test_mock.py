"""petrel.mock (Petrel's semantics), the nose.tools stand-in, and the test runner of the Tests tab,
with the book's chapter-6 tests (Building Python Real-Time Applications with Storm)."""

import json
import os
import types

import pytest

import _storm_studio_testing as testing

from nose.tools import assert_equal, assert_in, assert_raises, assert_true, eq_, ok_, raises
from petrel import host as seam
from petrel import mock, storm
from petrel.emitter import BasicBolt, Bolt


# The book's chapter-3 components, with their chapter-6 test() functions.
BOOK = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'src', 'formats', '__fixtures__', 'book-chapter6')


def _book_source(name):
    with open(os.path.join(BOOK, name + '.py'), encoding='utf-8') as f:
        return f.read()


def _book_module(name):
    module = types.ModuleType(name)
    module.__file__ = os.path.join(BOOK, name + '.py')
    exec(compile(_book_source(name), module.__file__, 'exec'), module.__dict__)
    return module


SplitSentenceBolt = _book_module('splitsentence').SplitSentenceBolt
WordCountBolt = _book_module('wordcount').WordCountBolt


def test_book_split_sentence():
    bolt = SplitSentenceBolt()
    spout = mock.MockSpout(['sentence'], [["Madam, I'm Adam."]])
    result = mock.run_simple_topology(None, [spout, bolt], result_type=mock.LIST)
    assert_equal([['Madam,'], ["I'm"], ['Adam.']], result[bolt])
    assert_equal([["Madam, I'm Adam."]], result[spout])


def test_book_word_count():
    bolt = WordCountBolt()
    spout = mock.MockSpout(['sentence'], [['word'], ['other'], ['word']])
    result = mock.run_simple_topology(None, [spout, bolt], result_type=mock.LIST)
    assert_equal(2, bolt._count['word'])
    assert_equal([['word', 1], ['other', 1], ['word', 2]], result[bolt])


def test_result_types():
    spout = mock.MockSpout(['sentence'], [['a b']])
    bolt = SplitSentenceBolt()
    named = mock.run_simple_topology(None, [spout, bolt])[bolt]
    assert named[0].word == 'a' and type(named[0]).__name__ == 'SplitSentenceBoltTuple'
    spout.index = 0
    assert mock.run_simple_topology(None, [spout, bolt], result_type=mock.TUPLE)[bolt] == [('a',), ('b',)]
    spout.index = 0
    raw = mock.run_simple_topology(None, [spout, bolt], result_type=mock.STORM_TUPLE)[bolt]
    assert isinstance(raw[0], storm.Tuple) and raw[0].values == ['a']
    with pytest.raises(ValueError, match='Invalid result type'):
        mock.run_simple_topology(None, [spout, bolt], result_type=9)


def test_three_components_chain_and_config_reaches_initialize():
    seen = []

    class Upper(BasicBolt):
        def __init__(self):
            super(Upper, self).__init__(script=__file__)

        def declareOutputFields(self):
            return ['word']

        def initialize(self, conf, context):
            seen.append((conf, context))

        def process(self, tup):
            storm.emit([tup.values[0].upper()])

    spout = mock.MockSpout(['sentence'], [['x y'], ('z',)])
    split, upper = SplitSentenceBolt(), Upper()
    result = mock.run_simple_topology({'k': 1}, [spout, split, upper], result_type=mock.LIST)
    assert result[split] == [['x'], ['y'], ['z']]
    assert result[upper] == [['X'], ['Y'], ['Z']]
    assert seen == [({'k': 1}, {})]


def test_spout_dict_items_carry_emit_options():
    class Echo(Bolt):
        def __init__(self):
            super(Echo, self).__init__(script=__file__)

        def declareOutputFields(self):
            return ['v']

        def process(self, tup):
            storm.emit([tup.values[0]], anchors=[tup])
            storm.ack(tup)

    spout = mock.MockSpout(['v'], [{'values': [1], 'stream': 's', 'id': 7}])
    echo = Echo()
    result = mock.run_simple_topology(None, [spout, echo], result_type=mock.STORM_TUPLE)
    assert (result[spout][0].stream, result[spout][0].id) == ('s', 7)
    assert result[echo][0].values == [1]


def test_bad_data_and_endless_spouts_say_why(monkeypatch):
    with pytest.raises(TypeError, match='MockSpout data item 0'):
        mock.run_simple_topology(None, [mock.MockSpout(['v'], ['oops'])])

    class Endless(storm.Spout):
        def declareOutputFields(self):
            return ['n']

        def nextTuple(self):
            storm.emit([1])

    monkeypatch.setattr(mock, 'MAX_SPOUT_TUPLES', 50)
    with pytest.raises(RuntimeError, match='Endless emitted 50 tuples'):
        mock.run_simple_topology(None, [Endless()])


def test_the_host_channel_is_put_back_even_after_an_error():
    before = seam.current

    class Broken(BasicBolt):
        def __init__(self):
            super(Broken, self).__init__(script=__file__)

        def declareOutputFields(self):
            return ['w']

        def process(self, tup):
            raise ValueError('boom')

    with pytest.raises(ValueError):
        mock.run_simple_topology(None, [mock.MockSpout(['s'], [['a']]), Broken()])
    assert seam.current is before
    with pytest.raises(RuntimeError, match='outside a running component'):
        storm.emit(['a'])


def test_nose_tools():
    assert_true(True)
    assert_in(1, [1])
    ok_(1)
    eq_(2, 2)
    with assert_raises(AssertionError):
        assert_equal(1, 2)
    with assert_raises(AssertionError):
        eq_(1, 2)

    @raises(KeyError)
    def raises_key_error():
        raise KeyError('k')

    @raises(KeyError)
    def raises_nothing():
        pass

    raises_key_error()
    with assert_raises(AssertionError):
        raises_nothing()


MODULES = {
    'randomsentence': _book_source('randomsentence'),
    'splitsentence': _book_source('splitsentence'),
    'more_checks': '''\
import unittest

from splitsentence import SplitSentenceBolt


def test_fails():
    print('about to fail')
    assert SplitSentenceBolt().declareOutputFields() == ['words'], 'wrong fields'


def helper_not_a_test():
    raise RuntimeError('never called')


class SplitTest(unittest.TestCase):
    def test_fields(self):
        self.assertEqual(SplitSentenceBolt().declareOutputFields(), ['word'])

    def test_error(self):
        {}['missing']

    @unittest.skip('later')
    def test_skipped(self):
        pass
''',
    'broken': 'def test(:\n    pass\n',
}


def _run(tmp_path, names):
    modules = [{'module': n, 'file': n + '.py', 'code': MODULES[n]} for n in names]
    return json.loads(testing.run_tests(json.dumps(modules), str(tmp_path)))


def test_runner_discovers_and_reports_each_test(tmp_path, monkeypatch):
    monkeypatch.setattr('sys.path', list(__import__('sys').path))
    results = _run(tmp_path, ['randomsentence', 'splitsentence', 'more_checks'])
    got = [(r['module'], r['test'], r['status']) for r in results]
    assert got == [
        ('splitsentence', 'test', 'pass'),
        ('more_checks', 'test_fails', 'fail'),
        ('more_checks', 'SplitTest.test_error', 'error'),
        ('more_checks', 'SplitTest.test_fields', 'pass'),
        ('more_checks', 'SplitTest.test_skipped', 'skip'),
    ]
    fails = results[1]
    assert fails['message'] == 'AssertionError: wrong fields'
    assert (fails['at'], fails['line']) == ('more_checks.py', 8)
    assert fails['output'] == 'about to fail\n'
    assert 'testing.py' not in fails['traceback'] and 'more_checks.py", line 8' in fails['traceback']
    error = results[2]
    assert error['message'] == "KeyError: 'missing'" and (error['at'], error['line']) == ('more_checks.py', 20)
    assert results[4]['message'] == 'later'


def test_runner_reports_a_module_that_cannot_be_imported(tmp_path, monkeypatch):
    monkeypatch.setattr('sys.path', list(__import__('sys').path))
    [r] = _run(tmp_path, ['broken'])
    assert (r['test'], r['status'], r['at'], r['line']) == ('<import>', 'error', 'broken.py', 1)
    assert r['message'].startswith('SyntaxError')


def test_a_run_forgets_the_modules_of_the_previous_one(tmp_path, monkeypatch):
    monkeypatch.setattr('sys.path', list(__import__('sys').path))
    _run(tmp_path, ['randomsentence', 'splitsentence', 'more_checks'])
    [r] = json.loads(testing.run_tests(json.dumps([{'module': 'only', 'file': 'only.py',
                                                     'code': 'import more_checks\n'}]), str(tmp_path)))
    assert (r['status'], r['message']) == ('error', "ModuleNotFoundError: No module named 'more_checks'")
