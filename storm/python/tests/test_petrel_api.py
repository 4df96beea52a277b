"""The Petrel API (petrel.storm, petrel.emitter) over the host seam (petrel.host), with a host that
records what it is asked: what any host, Storm Studio's or a multilang one, receives."""

import pytest

from petrel import emitter, storm
from petrel import host as seam


def tup(values=('moon',), id='t1', component='split', stream='default', task=2):
    return storm.Tuple(id, component, stream, task, list(values))


def test_emit_hands_the_values_and_options_to_the_running_task(recorder):
    assert storm.emit(['moon']) is None
    storm.emit(['moon', 1], 'counts', anchors=[tup()])
    storm.emit(['x'], stream='s', directTask=4)
    assert recorder.calls == [
        ('emit', ['moon'], None, [], None),
        ('emit', ['moon', 1], 'counts', [tup()], None),
        ('emit', ['x'], 's', [], 4),
    ]


def test_emit_returns_task_ids_only_when_asked(recorder):
    assert storm.emit(['a'], need_task_ids=True) == [7]
    assert storm.emit(['a']) is None


def test_emit_direct_and_emit_many(recorder):
    storm.emitDirect(9, ['a'], stream='direct')
    storm.emitMany([['a'], ['b']], stream='s')
    assert recorder.calls == [('emit', ['a'], 'direct', [], 9), ('emit', ['a'], 's', [], None),
                              ('emit', ['b'], 's', [], None)]


def test_ack_fail_report_error_and_log_go_to_the_running_task(recorder):
    t = tup()
    storm.ack(t)
    storm.ackId('t9')
    storm.fail(t)
    storm.reportError('disk full')
    storm.log('hello')
    assert recorder.calls == [('ack', t), ('ack_id', 't9'), ('fail', t), ('report_error', 'disk full'),
                              ('log', 'hello')]


def test_the_calls_go_to_whichever_task_is_running(recorder, monkeypatch):
    other = type(recorder)()
    monkeypatch.setattr(seam, 'current', other)
    storm.emit(['b'])
    monkeypatch.setattr(seam, 'current', recorder)
    storm.emit(['a'])
    assert other.calls == [('emit', ['b'], None, [], None)]
    assert recorder.calls == [('emit', ['a'], None, [], None)]


@pytest.mark.parametrize('call, name', [
    (lambda: storm.emit(['a']), 'emit'),
    (lambda: storm.emit(['a'], stream='s'), 'emit'),
    (lambda: storm.ack(tup()), 'ack'),
    (lambda: storm.ackId('t1'), 'ackId'),
    (lambda: storm.fail(tup()), 'fail'),
    (lambda: storm.reportError('x'), 'reportError'),
    (lambda: storm.log('x'), 'log'),
])
def test_outside_a_running_component_every_call_says_so(monkeypatch, call, name):
    monkeypatch.setattr(seam, 'current', seam.Channel())
    with pytest.raises(RuntimeError, match=r'storm\.%s\(\) was called outside a running component' % name):
        call()


def test_tuple_fields_equality_and_repr():
    t = tup(['moon', 3], id='42', task=5)
    assert (t.id, t.component, t.stream, t.task, t.values) == ('42', 'split', 'default', 5, ['moon', 3])
    assert t == tup(['moon', 3], id='42', task=5)
    assert t != tup(['moon', 4], id='42', task=5)
    assert t != ('42', 'split')
    assert repr(t) == "<Tuple component='split' id='42' stream='default' task=5 values=['moon', 3]>"
    with pytest.raises(TypeError):
        hash(t)


def test_tick_and_heartbeat_tuples_are_recognised():
    assert storm.Tuple(None, '__system', '__tick', -1, [10]).is_tick_tuple()
    assert not tup().is_tick_tuple()
    assert not storm.Tuple(None, '__system', '__tick', 3, [10]).is_tick_tuple()
    assert storm.Tuple(None, '__system', '__heartbeat', -1, []).is_heartbeat_tuple()
    assert not tup().is_heartbeat_tuple()


class WordBolt(emitter.BasicBolt):
    def __init__(self):
        super(WordBolt, self).__init__(script='/somewhere/wordcount.pyc')

    @classmethod
    def declareOutputFields(cls):
        return ['word']


def test_run_hands_the_component_to_the_installed_host(recorder):
    bolt = WordBolt()
    bolt.run()
    assert recorder.started == [bolt]


def test_without_a_host_run_says_what_is_missing(monkeypatch):
    monkeypatch.setattr(seam, 'installed', seam.Host())
    with pytest.raises(RuntimeError, match=r'WordBolt\.run\(\) found no host to run it'):
        WordBolt().run()


def test_report_exception_goes_to_the_host(recorder):
    bolt = WordBolt()
    bolt.report_exception('E_BOLTFAILED', ValueError('x'))
    assert recorder.calls == [('report_exception', bolt, 'E_BOLTFAILED', 'ValueError')]


def test_emitter_classes_are_petrel_components():
    bolt = WordBolt()
    assert bolt.script == 'wordcount.py'
    assert isinstance(bolt, storm.BasicBolt) and isinstance(bolt, storm.Task)
    assert isinstance(emitter.Bolt.__new__(emitter.Bolt), storm.Bolt)
    assert isinstance(emitter.Spout.__new__(emitter.Spout), storm.Spout)
    assert bolt.profiler is None
    assert WordBolt.declareOutputFields() == ['word']
    assert bolt.getComponentConfiguration() is None
    bolt._json['topology.tick.tuple.freq.secs'] = 5
    assert bolt.getComponentConfiguration() == {'topology.tick.tuple.freq.secs': 5}


def test_a_component_without_fields_says_so():
    class Plain(emitter.Spout):
        def __init__(self):
            super(Plain, self).__init__(script=__file__)

    with pytest.raises(NotImplementedError, match='declareOutputFields'):
        Plain().declareOutputFields()


def test_spout_and_bolt_defaults_do_nothing():
    spout = storm.Spout()
    assert spout.nextTuple() is None and spout.ack('m') is None and spout.fail('m') is None
    assert storm.Bolt().process(tup()) is None
    assert spout.initialize({}, {}) is None


def test_failed_exception_is_an_exception_a_bolt_may_raise():
    assert issubclass(storm.FailedException, Exception)
    assert issubclass(storm.StormIPCException, Exception)
