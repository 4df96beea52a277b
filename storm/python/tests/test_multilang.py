"""The multilang host (petrel.multilang, started by petrel.run) against a fake Storm over pipes:
the handshake, spouts, bolts, BasicBolts, the Petrel API on Storm's protocol, logging, crashes,
and random seeded as the simulator seeds it."""

import os
import random
import re
import textwrap

import pytest
from fake_storm import FakeStorm

from petrel import multilang

SPOUT = '''
import logging
import random
from petrel import storm
from petrel.emitter import Spout

log = logging.getLogger('sentences')

class S(Spout):
    def __init__(self):
        super(S, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['sentence']

    def initialize(self, conf, context):
        self.n = 0
        log.info('ready on task %s', context['taskid'])

    def nextTuple(self):
        self.n += 1
        storm.emit([random.choice('abcdef')], id=self.n)

    def ack(self, id):
        log.info('acked %s', id)

    def fail(self, id):
        log.warning('failed %s', id)
        ids = storm.emit(['again'], 'replays', id, None, need_task_ids=True)
        log.info('replayed to %s', ids)

def run():
    S().run()
'''

BASIC = '''
from petrel import storm
from petrel.emitter import BasicBolt
from petrel.storm import FailedException

class Split(BasicBolt):
    def __init__(self):
        super(Split, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['word']

    def process(self, tup):
        if tup.is_tick_tuple():
            storm.emit(['tick'], stream='ticks')
            return
        if tup.values[0] == 'fail me':
            raise FailedException('no')
        if tup.values[0] == 'crash':
            {}['missing']
        if tup.values[0] == 'ack':
            storm.ack(tup)
        for word in tup.values[0].split(' '):
            storm.emit([word], anchors=[])

def run():
    Split().run()
'''

BOLT = '''
from petrel import storm
from petrel.emitter import Bolt

class Count(Bolt):
    def __init__(self):
        super(Count, self).__init__(script=__file__)

    def process(self, tup):
        v = tup.values[0]
        if v == 'direct':
            print('direct to', storm.emit([v], 'd', [tup], 9, need_task_ids=True))
            storm.emitDirect(8, [v], stream='d', anchors=[tup])
        elif v == 'ids':
            storm.log('ids %s' % storm.emit([v], anchors=[tup], need_task_ids=True))
        elif v == 'twice':
            storm.ack(tup)
            storm.ack(tup)
        elif v == 'late':
            storm.fail(tup)
            storm.emit([v], anchors=[tup])
        elif v == 'bad':
            storm.emit([object()], anchors=[tup])
        elif v == 'error':
            storm.reportError('disk full')
            storm.ackId(tup.id)
        else:
            storm.emit([v, 1], anchors=[tup])
            storm.emit([v, 2])
            storm.fail(tup) if v == 'no' else storm.ack(tup)

def run():
    Count().run()
'''


def start(tmp_path, code, module='count', conf=None, context=None, files=None):
    (tmp_path / ('%s.py' % module)).write_text(textwrap.dedent(code))
    for name, text in (files or {}).items():
        (tmp_path / name).write_text(text)
    return FakeStorm(tmp_path, module, conf=conf, context=context)


@pytest.fixture
def storms():
    started = []
    yield started
    for s in started:
        if s.proc.poll() is None:
            s.proc.kill()
            s.proc.wait()


def test_handshake_writes_the_pid_file_and_answers_with_the_pid(tmp_path, storms):
    s = start(tmp_path, BASIC)
    storms.append(s)
    assert s.pid == s.proc.pid
    assert os.listdir(s.pid_dir) == [str(s.pid)]
    assert s.close() == 0
    assert 'petrel.run count (pid %d' % s.pid in s.log()


def test_spout_next_ack_fail_each_answered_with_sync(tmp_path, storms):
    s = start(tmp_path, SPOUT, module='sentences', context={'taskid': 5, 'componentid': 'sentences'})
    storms.append(s)
    ready = s.read()
    assert ready['command'] == 'log' and ready['level'] == multilang.INFO
    assert ready['msg'].endswith('[sentences][INFO]ready on task 5')
    s.send({'command': 'next'})
    emit, sync = s.read(), s.read()
    assert emit['command'] == 'emit' and emit['id'] == 1 and emit['need_task_ids'] is False
    assert emit['tuple'][0] in 'abcdef' and 'anchors' not in emit and 'stream' not in emit
    assert sync == {'command': 'sync'}
    s.send({'command': 'ack', 'id': 1})
    assert s.read()['msg'].endswith('acked 1')
    assert s.read() == {'command': 'sync'}
    s.send({'command': 'activate'})
    assert s.read() == {'command': 'sync'}
    s.send({'command': 'fail', 'id': 1})
    warn = s.read()
    assert (warn['level'], warn['msg'].split(']', 1)[1]) == (multilang.WARN, '[sentences][WARNING]failed 1')
    replay = s.read()
    assert replay == {'command': 'emit', 'tuple': ['again'], 'id': 1, 'stream': 'replays', 'need_task_ids': True}
    # Storm's answer to need_task_ids may come after the next command: that one is kept for later.
    s.send({'command': 'next'})
    s.send([4, 7])
    assert s.read()['msg'].endswith('replayed to [4, 7]')
    assert s.read() == {'command': 'sync'}
    assert s.read()['command'] == 'emit'
    assert s.read() == {'command': 'sync'}
    assert s.close() == 0


def test_basic_bolt_anchors_to_the_input_acks_it_and_fails_on_failed_exception(tmp_path, storms):
    s = start(tmp_path, BASIC)
    storms.append(s)
    s.tuple('t1', ['the cow'])
    assert s.read() == {'command': 'emit', 'tuple': ['the'], 'anchors': ['t1'], 'need_task_ids': False}
    assert s.read()['tuple'] == ['cow']
    assert s.read() == {'command': 'ack', 'id': 't1'}
    s.tuple('hb', [], comp=None, stream='__heartbeat', task=-1)
    assert s.read() == {'command': 'sync'}
    s.tuple('t2', ['fail me'])
    assert s.read() == {'command': 'fail', 'id': 't2'}
    s.tuple('tick', [5], comp='__system', stream='__tick', task=-1)
    assert s.read() == {'command': 'emit', 'tuple': ['tick'], 'anchors': ['tick'], 'stream': 'ticks',
                        'need_task_ids': False}
    assert s.read() == {'command': 'ack', 'id': 'tick'}
    assert s.close() == 0


def test_basic_bolt_refuses_storm_ack(tmp_path, storms):
    s = start(tmp_path, BASIC)
    storms.append(s)
    s.tuple('t1', ['ack'])
    out, code = s.rest()
    assert code == 1
    assert 'storm.ack() in a BasicBolt' in out[1]['msg']
    assert out[-1]['command'] == 'error'


def test_bolt_emits_with_anchors_stream_and_direct_task_and_acks_fails_itself(tmp_path, storms):
    s = start(tmp_path, BOLT)
    storms.append(s)
    s.tuple('t1', ['moon'])
    assert s.read_until(lambda m: m['command'] == 'ack') == [
        {'command': 'emit', 'tuple': ['moon', 1], 'anchors': ['t1'], 'need_task_ids': False},
        {'command': 'emit', 'tuple': ['moon', 2], 'anchors': [], 'need_task_ids': False},
        {'command': 'ack', 'id': 't1'},
    ]
    s.tuple('t2', ['no'])
    assert s.read_until(lambda m: m['command'] == 'fail')[-1] == {'command': 'fail', 'id': 't2'}
    s.tuple('t3', ['direct'])
    direct = s.read()
    assert direct == {'command': 'emit', 'tuple': ['direct'], 'anchors': ['t3'], 'stream': 'd', 'task': 9,
                      'need_task_ids': False}
    printed = s.read()
    assert printed['msg'].endswith('[storm.stdout][ERROR]direct to [9]') and printed['level'] == multilang.ERROR
    assert s.read()['task'] == 8
    s.tuple('t4', ['ids'])
    assert s.read()['need_task_ids'] is True
    s.tuple('t5', ['error'])  # read before the task ids: queued
    s.send([2, 3])
    assert s.read() == {'command': 'log', 'msg': 'ids [2, 3]', 'level': multilang.INFO}
    assert s.read() == {'command': 'error', 'msg': 'disk full'}
    assert s.read() == {'command': 'ack', 'id': 't5'}
    assert s.close() == 0


@pytest.mark.parametrize('value, error', [
    ('twice', 'RuntimeError: Acked a non-existent or already acked/failed id: t1'),
    ('late', 'RuntimeError: Anchored onto t1 after ack/fail'),
    ('bad', 'TypeError: Object of type object is not JSON serializable'),
])
def test_bolt_errors_as_shell_bolt_raises_them(tmp_path, storms, value, error):
    s = start(tmp_path, BOLT)
    storms.append(s)
    s.tuple('t1', [value])
    out, code = s.rest()
    assert code == 1
    assert out[-1]['command'] == 'error' and out[-1]['msg'].startswith(error)


def test_a_crash_logs_petrels_lines_reports_the_error_and_ends_the_process(tmp_path, storms):
    s = start(tmp_path, BASIC, context={'taskid': 3})
    storms.append(s)
    s.tuple('t1', ['crash'])
    out, code = s.rest()
    assert code == 1
    failure, caught, tuple_line, error = out
    assert failure['level'] == multilang.ERROR
    assert failure['msg'].startswith('E_BOLTFAILED__count__')
    assert failure['msg'].endswith('__pid__%d__port__-1__taskindex__1__KeyError' % s.pid)
    assert caught['msg'].startswith('Caught exception in BasicBolt.run\nTraceback (most recent call last):\n'
                                    '  File "%s", line 21, in process' % (tmp_path / 'count.py'))
    assert caught['msg'].endswith("KeyError: 'missing'")
    assert tuple_line['msg'] == "The error occurred while processing this tuple: ['crash']"
    assert error['command'] == 'error' and error['msg'].startswith("KeyError: 'missing'\nTraceback")


def test_a_module_that_does_not_import_is_reported_after_the_handshake(tmp_path, storms):
    s = start(tmp_path, 'import nosuchmodule_x\n')
    storms.append(s)
    out, code = s.rest()
    assert code == 1
    assert out[0]['msg'].startswith('E_RUNFAILED__count__')
    assert out[1]['msg'].startswith('Caught exception in petrel.run\nTraceback')
    assert "ModuleNotFoundError: No module named 'nosuchmodule_x'" in out[-1]['msg']


def test_a_module_without_run_says_so(tmp_path, storms):
    s = start(tmp_path, 'x = 1\n')
    storms.append(s)
    out, code = s.rest()
    assert code == 1
    assert out[-1]['msg'].startswith('RuntimeError: count.py has no module-level run() function')


def test_storm_py_style_import_storm_and_run_at_module_level(tmp_path, storms):
    s = start(tmp_path, '''
import storm

class B(storm.BasicBolt):
    def process(self, tup):
        storm.emit([tup.values[0].upper()])

B().run()
''')
    storms.append(s)
    s.tuple('t1', ['moon'])
    assert s.read()['tuple'] == ['MOON']
    assert s.read() == {'command': 'ack', 'id': 't1'}
    assert s.close() == 0


LOGCONFIG = '''[loggers]
keys=root

[handlers]
keys=logfile

[formatters]
keys=petrel

[logger_root]
level=INFO
handlers=logfile

[handler_logfile]
class=FileHandler
level=DEBUG
formatter=petrel
args=(os.getenv('PETREL_LOG_PATH') or 'petrel.log', 'a')

[formatter_petrel]
format=[%(asctime)s][%(name)s][%(levelname)s]%(message)s
datefmt=
class=logging.Formatter
'''

LOGGING = '''
import logging
from petrel import storm
from petrel.emitter import BasicBolt

log = logging.getLogger('count')
log.info('imported')

class B(BasicBolt):
    def __init__(self):
        super(B, self).__init__(script=__file__)

    def process(self, tup):
        log.debug('debug %s', tup.values[0])
        log.info('info %s', tup.values[0])

def run():
    B().run()
'''


def test_logging_goes_to_logconfig_ini_and_to_storm_at_the_components_level(tmp_path, storms):
    s = start(tmp_path, LOGGING, files={'logconfig.ini': LOGCONFIG}, conf={'studio.log.level': 'DEBUG'})
    storms.append(s)
    # Logged while the module was imported, before the handshake: sent right after it.
    assert s.read()['msg'].endswith('[count][INFO]imported')
    s.tuple('t1', ['moon'])
    debug, info, ack = s.read(), s.read(), s.read()
    assert (debug['level'], debug['msg'][25:]) == (multilang.DEBUG, '[count][DEBUG]debug moon')
    assert (info['level'], info['msg'][25:]) == (multilang.INFO, '[count][INFO]info moon')
    assert ack == {'command': 'ack', 'id': 't1'}
    assert s.close() == 0
    log = s.log()
    assert '[count][INFO]imported' in log and '[count][DEBUG]debug moon' in log


SEEDED = '''
import random
from petrel import storm
from petrel.emitter import Spout

class S(Spout):
    def __init__(self):
        super(S, self).__init__(script=__file__)

    def nextTuple(self):
        storm.emit([random.random(), random.Random().random()])

def run():
    S().run()
'''


def test_random_is_seeded_per_task_from_the_runs_seed_as_in_the_simulator(tmp_path, storms):
    draws = []
    for task in (5, 5, 6):
        s = start(tmp_path, SEEDED, module='sentences', conf={'storm.studio.seed': 7},
                  context={'taskid': task, 'componentid': 'sentences'})
        storms.append(s)
        s.send({'command': 'next'})
        draws.append(s.read()['tuple'])
        s.close()
    assert draws[0] == draws[1] != draws[2]
    # What the Pyodide host does with the seed the engine gives the task (workers/python/component.ts).
    rng = random.Random(multilang.task_seed(7, 5))
    expected = rng.random()
    assert draws[0] == [expected, random.Random(rng.getrandbits(64)).random()]


def test_seeded_random_draws_what_the_simulators_rng_draws():
    # The first draws of src/engine/rng.ts's new Rng(42, 'task', 7) and new Rng('dice'), as
    # storm/node/storm-studio.mjs's seededRandom (tested against the engine) draws them.
    r = multilang.seeded_random(42, 'task', 7)
    first = [r() for _ in range(3)]
    assert first == [0.11048479821010782, 0.5086507348079066, 0.28138087659583655]
    assert multilang.seeded_random('dice')() == 0.11227343040139615
    assert multilang.task_seed(7, 5) == 242221114086619
    assert multilang.seeded_random(42, 'task', 7)() == first[0]
    assert multilang.seeded_random(42.0, 'task', 7)() == first[0]
    assert multilang.seeded_random(42, 'task', 8)() != first[0]


def test_usage(tmp_path):
    from petrel import run
    assert run.main([]) == 2
    assert run.main(['-x', 'y']) == 2


QUIET = '''
from petrel import storm
from petrel.emitter import BasicBolt, Bolt
from petrel.storm import FailedException

class B(BasicBolt):
    def __init__(self):
        super(B, self).__init__(script=__file__)

    def process(self, tup):
        pass

class FailingBolt(Bolt):
    def __init__(self):
        super(FailingBolt, self).__init__(script=__file__)

    def process(self, tup):
        raise FailedException('only a BasicBolt fails a tuple with it')

def run():
    (B if %r else FailingBolt)().run()
'''


def test_at_debug_a_bolt_logs_petrels_tuple_profile(tmp_path, storms):
    s = start(tmp_path, QUIET % True, conf={'studio.log.level': 'DEBUG'})
    storms.append(s)
    for i in range(1000):
        s.tuple('t%d' % i, ['x'])
    seen = s.read_until(lambda m: m['command'] == 'log')
    assert [m['command'] for m in seen[:-1]] == ['ack'] * (len(seen) - 1)
    assert seen[-1]['level'] == multilang.DEBUG
    assert re.match(r'^\[[^]]+\]\[storm\]\[DEBUG\]BasicBolt profile: total_num_tuples=\d+, num_tuples=\d+, '
                    r'avg_read_time=\d+\.\d{6} \(\d+\.\d%\), avg_process_time=\d+\.\d{6} \(\d+\.\d%\), '
                    r'avg_ack_time=\d+\.\d{6} \(\d+\.\d%\)$', seen[-1]['msg'])
    assert s.close() == 0


def test_failed_exception_in_a_bolt_is_a_crash(tmp_path, storms):
    s = start(tmp_path, QUIET % False)
    storms.append(s)
    s.tuple('t1', ['x'])
    out, code = s.rest()
    assert code == 1
    assert out[1]['msg'].startswith('Caught exception in Bolt.run\n')
    assert out[-1]['msg'].startswith('petrel.storm.FailedException: only a BasicBolt fails a tuple with it')


def test_a_component_imports_a_sibling_module_of_resources_by_its_file_name(tmp_path, storms):
    # As an exported project runs it: every module side by side in resources/, one process per task.
    s = start(tmp_path, '''
from petrel import storm
from petrel.emitter import BasicBolt
from wordtools import shout, seen

class B(BasicBolt):
    def __init__(self):
        super(B, self).__init__(script=__file__)

    def process(self, tup):
        storm.emit([shout(tup.values[0]), len(seen)])

def run():
    B().run()
''', files={'wordtools.py': 'seen = []\n\ndef shout(w):\n    seen.append(w)\n    return w.upper() + "!"\n'})
    storms.append(s)
    s.tuple('t1', ['moon'])
    m = s.read()
    assert m.get('tuple') == ['MOON!', 1], m
    assert s.read() == {'command': 'ack', 'id': 't1'}
    assert s.close() == 0
