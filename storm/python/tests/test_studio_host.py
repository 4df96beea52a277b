"""Storm Studio's Pyodide host (_storm_studio) on CPython: the entry points JavaScript calls, and
what they send back (emits, acks, log lines, failures), with the JavaScript side faked (conftest.py).
workers/python/*.test.ts run the same host on real Pyodide, through the engine."""

import json
import logging
import re
import sys

import pytest

def component(base, body):
    """A Petrel component module whose class extends `base` and whose process() (nextTuple() for a
    Spout) runs `body`; a BasicBolt also declares a count field and a tick period."""
    basic = base == 'BasicBolt'

    def method(header, *statements):
        return ['', '    def %s:' % header] + ['        ' + s for s in statements]

    lines = ['import logging', '', 'from petrel import storm', 'from petrel.emitter import %s' % base, '',
             "log = logging.getLogger('count')", '', '', 'class Component(%s):' % base]
    lines += method('__init__(self)', 'super(Component, self).__init__(script=__file__)')[1:]
    fields = ['word', 'count'] if basic else ['word']
    lines += ['', '    @classmethod'] + method('declareOutputFields(cls)', 'return %r' % fields)[1:]
    if basic:
        lines += method('getComponentConfiguration(self)', "return {'topology.tick.tuple.freq.secs': 5}")
    lines += method('initialize(self, conf, context)', 'self.conf, self.context = conf, context',
                    'self.counts, self.n, self.acked, self.failed = {}, 0, [], []')
    lines += method('nextTuple(self)' if base == 'Spout' else 'process(self, tup)', *body.strip('\n').split('\n'))
    if base == 'Spout':
        lines += method('ack(self, id)', 'self.acked.append(id)', "storm.log('acked %r' % (id,))")
        lines += method('fail(self, id)', 'self.failed.append(id)')
    return '\n'.join(lines + ['', '', 'def run():', '    Component().run()', ''])


def basic_bolt(body):
    return component('BasicBolt', body)


def bolt(body):
    return component('Bolt', body)


def spout(body):
    return component('Spout', body)


def failure(result):
    assert result is not None and result.startswith('!'), result
    return json.loads(result[1:])


def emits(host):
    return [list(c[2:]) for c in host.js.calls if c[0] == 'emit']


def logs(host):
    return [(c[2], c[3], c[4]) for c in host.js.calls if c[0] == 'log']


def test_create_reports_the_kind_fields_and_component_configuration(host):
    h, created = host.start(basic_bolt('pass'))
    assert created == ['basicBolt', ['word', 'count'], {'topology.tick.tuple.freq.secs': 5}]
    _, created = host.start(bolt('pass'), component='join', module='join')
    assert created == ['bolt', ['word'], None]
    _, created = host.start(spout('pass'), component='words', module='words')
    assert created == ['spout', ['word'], None]


def test_a_basic_bolt_emits_without_anchors_and_returns_none_so_the_engine_anchors_and_acks(host):
    h, _ = host.start(basic_bolt('''
word = tup.values[0]
self.counts[word] = self.counts.get(word, 0) + 1
storm.emit([word, self.counts[word]])
storm.emit([word, 0], stream='totals', anchors=[tup])'''))
    assert host.process(h, ['moon']) is None
    assert host.process(h, ['moon']) is None
    # BasicBolt ignores anchors=, as in Petrel: the engine anchors every emit to the input.
    assert emits(host) == [[['moon', 1], None, None, None, None], [['moon', 0], 'totals', None, None, None],
                           [['moon', 2], None, None, None, None], [['moon', 0], 'totals', None, None, None]]
    assert not [c for c in host.js.calls if c[0] in ('ack', 'fail')]


def test_a_basic_bolt_may_not_ack_or_fail_itself(host):
    h, _ = host.start(basic_bolt('storm.ack(tup)'))
    f = failure(host.process(h, ['moon']))
    assert f['kind'] == 'crash' and f['type'] == 'RuntimeError'
    assert 'storm.ack() in a BasicBolt' in f['message']


def test_failed_exception_fails_the_tuple_of_a_basic_bolt_and_crashes_anything_else(host):
    h, _ = host.start(basic_bolt("raise storm.FailedException('bad word')"))
    assert failure(host.process(h, ['moon'])) == {'kind': 'failed', 'message': 'bad word'}
    h, _ = host.start(bolt("raise storm.FailedException('bad word')"), component='join', module='join')
    assert failure(host.process(h, ['moon']))['kind'] == 'crash'


def test_a_bolt_anchors_acks_and_fails_by_tuple_id(host):
    h, _ = host.start(bolt('''
storm.emit([tup.values[0]], anchors=[tup])
if tup.values[0] == 'bad':
    storm.fail(tup)
else:
    storm.ack(tup)'''), component='join', module='join')
    assert host.process(h, ['moon'], id='t1') is None
    assert host.process(h, ['bad'], id='t2') is None
    assert emits(host) == [[['moon'], None, ['t1'], None, None], [['bad'], None, ['t2'], None, None]]
    assert [c for c in host.js.calls if c[0] in ('ack', 'fail')] == [('ack', h, 't1'), ('fail', h, 't2')]


def test_a_bolt_cannot_ack_twice_nor_anchor_to_an_acked_tuple(host):
    h, _ = host.start(bolt('''
if tup.values[0] == 'twice':
    storm.ack(tup)
    storm.ack(tup)
elif tup.values[0] == 'late':
    storm.ack(self.first)
    storm.emit(['x'], anchors=[self.first])
else:
    self.first = tup'''), component='join', module='join')
    twice = failure(host.process(h, ['twice'], id='t1'))
    assert 'Acked a non-existent or already acked/failed id: t1' in twice['message']
    host.process(h, ['first'], id='t2')
    assert 'Anchored onto t2 after ack/fail' in failure(host.process(h, ['late'], id='t3'))['message']


def test_anchors_must_be_a_list_of_received_tuples(host):
    h, _ = host.start(bolt('storm.emit(["x"], anchors=tup)'), component='join', module='join')
    assert 'anchors must be a list of tuples' in failure(host.process(h, ['a']))['message']


def test_a_spout_emits_with_message_ids_and_hears_back_through_ack_and_fail(host):
    h, _ = host.start(spout('''
self.n += 1
storm.emit(['w%d' % self.n], id=self.n)
storm.emit(['untracked'])
storm.emit(['pair'], id=('p', self.n))'''), component='words', module='words')
    assert host.m.next_tuple(h) is None
    assert emits(host) == [[['w1'], None, None, 1, None], [['untracked'], None, None, None, None],
                           [['pair'], None, None, ['p', 1], None]]
    assert host.m.ack(h, 1) is None
    assert host.m.fail_json(h, json.dumps(['p', 1])) is None
    assert logs(host) == [('INFO', 'ShellLog pid:3, name:words acked 1', 'ShellSpout')]


def test_a_spout_may_not_ack_tuples(host):
    h, _ = host.start(spout('storm.ack(None)'), component='words', module='words')
    assert 'storm.ack() is for bolts' in failure(host.m.next_tuple(h))['message']


def test_tick_tuples_come_from_the_system_component_on_the_tick_stream(host):
    h, _ = host.start(basic_bolt('''
if tup.is_tick_tuple():
    storm.emit(['tick', tup.values[0]])'''))
    host.process(h, [5], id=None, component='__system', stream='__tick', task=-1)
    host.process(h, ['moon'])
    assert emits(host) == [[['tick', 5], None, None, None, None]]


def test_emit_options_and_values_are_checked_as_storm_would_carry_them(host):
    h, _ = host.start(basic_bolt('''
kind = tup.values[0]
if kind == 'set':
    storm.emit([{1, 2}])
elif kind == 'nan':
    storm.emit([float('nan')], stream='s')
elif kind == 'stream':
    storm.emit(['a'], stream=3)
elif kind == 'ids':
    storm.emit(['b'], need_task_ids=True)
    storm.emit(['c', storm.emit(['d'], directTask=4, need_task_ids=True)])
else:
    storm.emit('not a list')'''))
    assert failure(host.process(h, ['set']))['message'].startswith('TypeError: Object of type set is not JSON')
    assert failure(host.process(h, ['nan']))['type'] == 'ValueError'
    assert 'stream must be a string' in failure(host.process(h, ['stream']))['message']
    assert "takes the tuple's values as a list" in failure(host.process(h, ['other']))['message']
    assert host.process(h, ['ids']) is None
    assert emits(host) == [[['b'], None, None, None, None], [['d'], None, None, None, 4],
                           [['c', [4, 5]], None, None, None, None]]


def test_an_engine_error_reaches_user_code_as_a_runtime_error(host):
    h, _ = host.start(basic_bolt('storm.emit(["a"])'))
    host.js.fail_emits = 'stream "x" is not declared'
    f = failure(host.process(h, ['moon']))
    assert f['message'] == 'RuntimeError: stream "x" is not declared'


def test_a_crash_reports_the_traceback_from_the_component_and_its_line(host):
    code = basic_bolt("raise ValueError('abc')")
    line = code.split('\n').index("        raise ValueError('abc')") + 1
    h, _ = host.start(code, module='crashy')
    f = failure(host.process(h, ['moon']))
    assert f['kind'] == 'crash' and f['type'] == 'ValueError' and f['message'] == 'ValueError: abc'
    assert f['line'] == line
    assert f['traceback'] == ('Traceback (most recent call last):\n  File "%s/crashy.py", line %d, in process\n'
                              "    raise ValueError('abc')\nValueError: abc\n" % (host.topology, line))


def test_a_keyboard_interrupt_is_a_stop(host):
    h, _ = host.start(basic_bolt('raise KeyboardInterrupt()'))
    assert failure(host.process(h, ['moon']))['kind'] == 'stopped'


def test_logging_writes_petrel_lines_with_the_engine_clock_at_the_task_level(host):
    h, _ = host.start(basic_bolt('''
log.debug('hidden %s', tup.values[0])
log.info('seen %s', tup.values[0])
logging.getLogger('other').warning('careful')
log.error('bad')'''))
    host.process(h, ['moon'])
    assert logs(host) == [
        ('INFO', '[2026-11-23 09:30:05,250][count][INFO]seen moon', 'count'),
        ('WARNING', '[2026-11-23 09:30:05,250][other][WARNING]careful', 'other'),
        ('ERROR', '[2026-11-23 09:30:05,250][count][ERROR]bad', 'count'),
    ]
    host.js.reset()
    host.m.set_level(h, logging.DEBUG)
    host.process(h, ['sun'])
    assert logs(host)[0] == ('DEBUG', '[2026-11-23 09:30:05,250][count][DEBUG]hidden sun', 'count')


def test_each_task_logs_at_its_own_level(host):
    quiet, _ = host.start(basic_bolt("log.info('quiet')"), level=logging.WARNING)
    loud, _ = host.start(basic_bolt("log.info('loud')"), level=logging.INFO)
    host.process(quiet, ['a'])
    host.process(loud, ['a'])
    host.process(quiet, ['a'])
    assert [m for _, m, _ in logs(host)] == ['[2026-11-23 09:30:05,250][count][INFO]loud']


def test_print_goes_to_the_storm_stdout_logger_line_by_line(host):
    h, _ = host.start(basic_bolt('''
print('one', tup.values[0])
print('two', end='')
if tup.values[0] == 'crash':
    raise ValueError('x')'''))
    with host.printing():
        host.process(h, ['a'])
        host.process(h, ['crash'])
    assert logs(host) == [
        ('ERROR', '[2026-11-23 09:30:05,250][storm.stdout][ERROR]one a', 'storm.stdout'),
        ('ERROR', '[2026-11-23 09:30:05,250][storm.stdout][ERROR]twoone crash', 'storm.stdout'),
        # what was printed without a newline is logged before the crash is reported
        ('ERROR', '[2026-11-23 09:30:05,250][storm.stdout][ERROR]two', 'storm.stdout'),
    ]


def test_storm_log_and_report_error(host):
    h, _ = host.start(basic_bolt("storm.log('hi')\nstorm.reportError('disk full')"), task=9)
    host.process(h, ['a'])
    assert [c for c in host.js.calls if c[0] in ('log', 'report_error')] == [
        ('log', h, 'INFO', 'ShellLog pid:9, name:count hi', 'ShellBolt'), ('report_error', h, 'disk full')]


def test_time_is_the_engine_clock_and_sleep_charges_it(host):
    h, _ = host.start(basic_bolt('''
import time
before = time.time()
time.sleep(0.25)
storm.emit([before, time.time(), time.strftime('%H:%M:%S', time.gmtime())])'''))
    host.process(h, ['a'])
    assert emits(host) == [[[1795426205.25, 1795426205.5, '09:30:05'], None, None, None, None]]
    assert ('sleep', h, 0.25) in host.js.calls


def test_random_is_seeded_per_task_so_runs_replay(host):
    code = basic_bolt('''
import random
storm.emit([random.random(), random.randint(1, 1000), random.Random().random()])''')
    a, _ = host.start(code, seed=11)
    b, _ = host.start(code, seed=11)
    c, _ = host.start(code, seed=12)
    for h in (a, b, c):
        host.process(h, ['x'])
    va, vb, vc = (e[0] for e in emits(host))
    assert va == vb and va != vc


def test_import_storm_is_petrels_storm_module(host):
    h, _ = host.start('''import storm
from petrel import storm as petrel_storm


class B(storm.BasicBolt):
    def process(self, tup):
        storm.emit([storm is petrel_storm])


B().run()
''', component='plain', module='plain')
    host.process(h, ['a'])
    assert emits(host) == [[[True], None, None, None, None]]


def test_calling_storm_while_the_module_is_imported_is_an_error(host):
    loaded = host.load(basic_bolt('pass') + "\nstorm.emit(['too early'])\n", 'early')
    result = host.m.create(loaded, 99, 3, 'count', 1, logging.INFO)
    assert 'storm.emit() was called while the module was being imported' in failure(result)['traceback']
    host.m.drop_task(99)


def test_a_module_without_run_says_how_petrel_starts_a_component(host):
    loaded = host.load('x = 1\n', 'norun')
    f = failure(host.m.create(loaded, 98, 3, 'count', 1, logging.INFO))
    assert 'norun.py has no module-level run() function' in f['message']
    host.m.drop_task(98)


def test_load_reports_syntax_errors_and_unavailable_imports_with_their_lines(host):
    f = host.load('import os\ndef f(:\n    pass\n', 'broken')
    assert f['kind'] == 'syntax' and f['line'] == 2 and f['message'].startswith('SyntaxError: ')
    f = host.load('import os\nimport nltk\nfrom tweepy.client import Api\n', 'missing')
    assert f == {'kind': 'import', 'imports': [{'module': 'nltk', 'line': 2}, {'module': 'tweepy', 'line': 3}]}


def test_load_allows_imports_guarded_by_a_handler_of_import_errors_only(host):
    guarded = 'try:\n    import ujson as json\nexcept ImportError:\n    import json\n'
    assert isinstance(host.load(guarded, 'guarded'), int)
    unguarded = 'try:\n    import ujson\nexcept KeyError:\n    pass\n'
    assert host.load(unguarded, 'unguarded') == {'kind': 'import', 'imports': [{'module': 'ujson', 'line': 2}]}


def test_check_syntax_returns_the_error_and_the_warnings(host):
    found = json.loads(host.m.check_syntax('import os\nos.remove("x")\ndef f(:\n', 'c.py'))
    assert [(d['severity'], d['line']) for d in found] == [('error', 3)]
    assert found[0]['message'].startswith('SyntaxError: ')
    found = json.loads(host.m.check_syntax('x = 1\nif x is 1:\n    pass\n', 'c.py'))
    assert [(d['severity'], d['line']) for d in found] == [('warning', 2)]
    assert re.match(r'SyntaxWarning: "is" with .*literal', found[0]['message'])


@pytest.mark.parametrize('level', [logging.DEBUG, logging.INFO])
def test_initialize_receives_the_configuration_and_the_context(host, level):
    h, _ = host.start(basic_bolt("storm.emit([self.conf['k'], self.context['taskid'], self.context['componentid']])"),
                      conf={'k': 'v'}, task=4, level=level)
    host.process(h, ['a'])
    assert emits(host) == [[['v', 4, 'count'], None, None, None, None]]


SIBLING_USER = '''import storm
from counters import bump


class B(storm.BasicBolt):
    def process(self, tup):
        import counters
        storm.emit([bump(), counters.total, __import__('sys').modules['counters'] is counters])


B().run()
'''


def test_document_modules_import_by_name_and_each_task_gets_its_own_copy(host):
    host.m.modules.clear()
    host.m.add_modules(json.dumps([['counters', 'total = 0\n\ndef bump():\n    global total\n    total += 1\n'
                                    '    return total\n']]), host.topology)
    a, _ = host.start(SIBLING_USER, component='user', module='user', task=3)
    b, _ = host.start(SIBLING_USER, component='user', module='user', task=4)
    host.process(a, ['x'])
    host.process(a, ['x'])
    host.process(b, ['x'])
    host.process(a, ['x'])
    # Task 4 counts from 1: its process (one per task on Storm) has its own copy of counters.
    assert [e[0] for e in emits(host)] == [[1, 1, True], [2, 2, True], [1, 1, True], [3, 3, True]]


def test_a_missing_document_module_is_still_reported_at_load(host):
    host.m.modules.clear()
    failure_ = host.load('import storm\nimport counterz\n', module='user2')
    assert failure_['kind'] == 'import'
    assert failure_['imports'] == [{'module': 'counterz', 'line': 2}]
    host.m.add_modules(json.dumps([['counterz', 'x = 1\n']]), host.topology)
    assert isinstance(host.load('import storm\nimport counterz\n', module='user2'), int)


def test_task_switches_show_module_copies_only_once_a_document_module_imports_another(host):
    tasks = host.m.tasks
    host.m.modules.clear()
    plain = 'import storm\n\n\nclass B(storm.BasicBolt):\n    def process(self, tup):\n        pass\n\n\nB().run()\n'
    host.m.add_modules(json.dumps([['alone', plain], ['other', 'x = 1\n']]), host.topology)
    host.start(plain, component='alone', module='alone')
    assert not tasks.swapping
    dynamic = plain.replace('pass', "storm.emit([__import__('importlib').import_module('other').x])")
    h, _ = host.start(dynamic, component='dyn', module='dyn')
    assert host.process(h, ['a']) is None
    # An import the sources did not show turns the views on, the import being the task's own copy.
    assert tasks.swapping
    assert [e[0] for e in emits(host)] == [[1]]
    assert 'alone' not in sys.modules
