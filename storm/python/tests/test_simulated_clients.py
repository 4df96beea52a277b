"""The simulated redis and pymongo clients (storm/python/simulated) on CPython, over the faked
JavaScript side: what each call sends to the run's stores, and how replies come back as redis-py
and pymongo give them."""

import datetime
import types

import pytest

from petrel import host as seam


@pytest.fixture
def js(studio, monkeypatch):
    monkeypatch.setattr(seam, 'current', types.SimpleNamespace(h=3))
    studio.js.reset()
    studio.js.replies = []
    import pymongo
    import redis
    yield studio.js
    studio.js.replies = []
    del redis, pymongo


def sent(js):
    return [tuple(c) for c in js.calls]


def test_redis_commands_as_redis_writes_them(js):
    import redis
    r = redis.StrictRedis()
    js.replies = ['OK', 'v', None, 2, ['a', '1', 'b', '2'], ['x', '3', 'y', '1.5']]
    assert r.set('k', 'v', ex=10) is True
    assert r.get('k') == b'v'
    assert r.get('none') is None
    assert r.zadd('z', {'a': 1, 'b': 2}) == 2
    assert r.hgetall('h') == {b'a': b'1', b'b': b'2'}
    assert r.zrevrange('z', 0, 1, withscores=True) == [(b'x', 3.0), (b'y', 1.5)]
    assert sent(js) == [
        ('redis', 3, None, 0, ['SET', 'k', 'v', 'EX', '10']),
        ('redis', 3, None, 0, ['GET', 'k']),
        ('redis', 3, None, 0, ['GET', 'none']),
        ('redis', 3, None, 0, ['ZADD', 'z', '1', 'a', '2', 'b']),
        ('redis', 3, None, 0, ['HGETALL', 'h']),
        ('redis', 3, None, 0, ['ZREVRANGE', 'z', '0', '1', 'WITHSCORES']),
    ]


def test_zincrby_in_both_orders_and_the_coded_fast_path(js):
    import redis
    r = redis.from_url('redis://127.0.0.1:6380/2')
    js.replies = [1, 2, 3, 4]
    assert r.zincrby('word_count', 1, 'storm') == 1.0
    assert r.zincrby('word_count', 'storm', 2) == 2.0  # redis-py 2 (the book's order)
    assert r.zincrby('word_count', 'storm') == 3.0  # redis-py 2, amount 1
    assert r.zincrby('word_count', 1.5, 'storm') == 4.0
    url = 'redis://127.0.0.1:6380/2'
    assert sent(js) == [('redis', 3, url, 2, ['ZINCRBY', 'word_count', a, 'storm']) for a in ('1', '2', '1', '1.5')]


def test_redis_arguments_and_errors(js, studio):
    import redis
    r = redis.Redis(decode_responses=True)
    js.replies = [['a', 'b']]
    assert r.keys() == ['a', 'b']
    with pytest.raises(redis.DataError):
        r.set('k', True)
    with pytest.raises(redis.DataError):
        r.set('k', object())
    with pytest.raises(redis.DataError):
        r.set('k', b'\xff')
    js.replies = []
    assert r.expireat('k', datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)) is False
    assert sent(js)[-1] == ('redis', 3, None, 0, ['EXPIREAT', 'k', '1767225600'])


def test_redis_outside_a_running_component(studio, monkeypatch):
    import redis
    monkeypatch.setattr(seam, 'current', types.SimpleNamespace(h=-1))
    with pytest.raises(redis.ConnectionError, match='only by a running component'):
        redis.StrictRedis().get('k')


def test_pipeline_queues_until_execute(js):
    import redis
    p = redis.StrictRedis().pipeline()
    p.incr('n').get('n')
    assert js.calls == []
    js.replies = [1, '1']
    assert p.execute() == [1, b'1']
    assert [c[4] for c in sent(js)] == [['INCRBY', 'n', '1'], ['GET', 'n']]


def test_pymongo_sends_json_and_returns_pymongo_results(js):
    import pymongo
    words = pymongo.MongoClient()['book']['words']
    js.replies = [{'inserted_id': 'abc'}, {'matched_count': 0, 'modified_count': 0, 'upserted_id': 'def'},
                  [{'word': 'storm', 'at': {'$date': 1767225600000}}], [{'_id': None, 'n': 2}], 'word_1']
    doc = {'word': 'storm'}
    assert words.insert_one(doc).inserted_id == 'abc'
    assert doc['_id'] == 'abc'
    r = words.update_one({'word': 'x'}, {'$inc': {'count': 1}}, upsert=True)
    assert (r.matched_count, r.modified_count, r.upserted_id) == (0, 0, 'def')
    found = list(words.find({'word': 'storm'}, {'_id': 0}).sort('word', pymongo.DESCENDING).limit(5))
    assert found == [{'word': 'storm', 'at': datetime.datetime(2026, 1, 1)}]
    assert list(words.aggregate([{'$group': {'_id': None, 'n': {'$sum': 1}}}])) == [{'_id': None, 'n': 2}]
    assert words.create_index([('word', pymongo.ASCENDING)], unique=True) == 'word_1'
    assert sent(js) == [
        ('mongo', 3, 'book', 'words', 'insert_one', [{'word': 'storm'}]),
        ('mongo', 3, 'book', 'words', 'update_one', [{'word': 'x'}, {'$inc': {'count': 1}}, True]),
        ('mongo', 3, 'book', 'words', 'find', [{'word': 'storm'}, {'projection': {'_id': 0},
                                                                   'sort': [['word', -1]], 'skip': 0, 'limit': 5}]),
        ('mongo', 3, 'book', 'words', 'aggregate', [[{'$group': {'_id': None, 'n': {'$sum': 1}}}]]),
        ('mongo', 3, 'book', 'words', 'create_index', [[['word', 1]], True, None]),
    ]


def test_pymongo_errors_and_values(js, monkeypatch):
    import pymongo
    # The bridge pymongo was imported with (the sandbox takes _storm_studio and pyodide out of sys.modules).
    bridge = pymongo.mongo_call.__globals__
    JsException = bridge['JsException']
    words = pymongo.MongoClient().book.words

    def duplicate(*args):
        e = JsException('MongoError: [11000] E11000 duplicate key error collection: book.words')
        e.name = 'MongoError'
        raise e
    with monkeypatch.context() as m:
        m.setitem(bridge, '_mongo', duplicate)
        with pytest.raises(pymongo.errors.DuplicateKeyError, match='^E11000') as info:
            words.insert_one({'word': 'storm'})
        assert info.value.code == 11000
    with pytest.raises(TypeError, match='cannot be stored in MongoDB'):
        words.insert_one({'x': object()})
    js.replies = [{'matched_count': 1, 'modified_count': 1, 'upserted_id': None}]
    assert words.update({'a': 1}, {'b': 2}) == {'n': 1, 'nModified': 1, 'updatedExisting': True, 'ok': 1.0}
    assert sent(js)[-1][4] == 'replace_one'
