// Chapter 5's topologies run through the engine with the run's Redis and MongoDB: Python (redis-py
// and pymongo over the embedded stores) and JavaScript (storm.redis()/storm.mongo()) give the same
// rankings, and the clients answer as redis-py and pymongo do.
import { describe, expect, it } from 'vitest';
import { Engine, type LogLine } from '../../src/engine';
import { bolt, bookMongoExample, bookRedisExample, spout, subscribe, topology, type TopologyDocument } from '../../src/model';
import { usePythonRuntime } from './use-python-runtime';

const python = usePythonRuntime();

async function run(document: TopologyDocument, seconds: number, language: 'python' | 'javascript' = 'python') {
  const engine = await Engine.create({ document, seed: 5, runtimes: python.registry.resolver(), languageOf: (c) => (c.code[language] !== undefined ? language : c.language) });
  engine.runUntil(seconds * 1000);
  const snapshot = engine.snapshot({ maxLogs: 10_000 });
  engine.dispose();
  return { snapshot, logs: snapshot.logs as readonly LogLine[] };
}

const emitting = (logs: readonly LogLine[]) => logs.filter((l) => l.message.includes('Emitting: ')).map((l) => ({ time: l.time, ranking: l.message.slice(l.message.indexOf('Emitting: ') + 10) }));

describe('chapter 5 with the run stores', () => {
  it('Redis: every 15 s the top words of the last five minutes, the same in Python and JavaScript', async () => {
    const py = await run(bookRedisExample(), 61, 'python');
    const errors = py.logs.filter((l) => l.level === 'ERROR');
    expect(errors.map((l) => l.message)).toEqual([]);
    const lines = emitting(py.logs);
    expect(lines.map((l) => l.time)).toEqual([15_000, 30_000, 45_000, 60_000]);
    expect(lines[0]!.ranking).toMatch(/^\[\['[a-z]+', \d+\](, \['[a-z]+', \d+\]){9}\]$/);
    const js = await run(bookRedisExample(), 61, 'javascript');
    expect(emitting(js.logs).map((l) => l.ranking)).toEqual(lines.map((l) => l.ranking));
    const keys = py.snapshot.datastores!.redis!.dbs[0]!.keys;
    expect(keys.map((k) => k.key)).toEqual(['word_count:29453760', 'word_count:29453761', 'word_count:top']);
    expect(keys[0]!.ttl).toBe(6 * 60 - 61);
    expect(keys[2]!.ranked![0]![0]).toBe(lines[3]!.ranking.slice(3, lines[3]!.ranking.indexOf("'", 3)));
  }, 120_000);

  it('MongoDB: upserts under a unique index and the aggregation report, the same in Python and JavaScript', async () => {
    const py = await run(bookMongoExample(), 31, 'python');
    expect(py.logs.filter((l) => l.level === 'ERROR').map((l) => l.message)).toEqual([]);
    const lines = emitting(py.logs);
    expect(lines.map((l) => l.time)).toEqual([15_000, 30_000]);
    expect(lines[1]!.ranking).toMatch(/^\[\['down', \d+\](, \['[a-z]+', \d+\]){9}\]$/);
    const js = await run(bookMongoExample(), 31, 'javascript');
    expect(emitting(js.logs).map((l) => l.ranking)).toEqual(lines.map((l) => l.ranking));
    const coll = py.snapshot.datastores!.mongo!.dbs[0]!.collections[0]!;
    expect(coll.name).toBe('minute_words');
    expect(coll.indexes).toEqual(['_id_', 'word_1_minute_1 (unique)']);
  }, 120_000);
});

const probe = (body: string) => `import json
import logging

import pymongo
import redis
from petrel.emitter import BasicBolt

log = logging.getLogger('probe')


class Probe(BasicBolt):
    def __init__(self):
        super(Probe, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return []

    def initialize(self, conf, context):
        out = []
${body
  .split('\n')
  .map((l) => `        ${l}`)
  .join('\n')}
        log.info('OUT %s', json.dumps(out, default=repr))

    def process(self, tup):
        pass


def run():
    Probe().run()
`;

async function probeOut(body: string): Promise<unknown[]> {
  const doc = topology('probe', [spout('s', { javascript: 'export default class S extends Spout { nextTuple() {} }', fields: ['x'] }), bolt('probe', { python: probe(body) })], [subscribe('s', 'probe')]);
  const { logs } = await run(doc, 0.001, 'python');
  const crash = logs.filter((l) => l.level === 'ERROR');
  if (crash.length > 0) throw new Error(crash.map((l) => l.message).join('\n'));
  const line = logs.find((l) => l.message.includes('OUT '))!;
  return JSON.parse(line.message.slice(line.message.indexOf('OUT ') + 4)) as unknown[];
}

describe('the Python clients answer as redis-py and pymongo do', () => {
  it('redis: bytes, floats, tuples with scores, decode_responses, the book\'s redis-py 2 zincrby order, errors', async () => {
    const out = await probeOut(`r = redis.StrictRedis()
out.append(r.set('k', 'v'))
out.append(repr(r.get('k')))
out.append(r.zincrby('z', 2, 'storm'))
out.append(r.zincrby('z', 'python', 3))
out.append(r.zincrby('z', 'storm'))
out.append(repr(r.zrevrange('z', 0, -1, withscores=True)))
out.append(repr(redis.Redis(decode_responses=True).zrange('z', 0, 0)))
out.append(r.zscore('z', 'nope'))
out.append(r.incr('n', 5))
out.append(repr(r.hgetall('none')))
r.hset('h', 'a', 1)
out.append(repr(r.hgetall('h')))
out.append(repr(r.smembers('none')))
out.append(r.expire('k', 30))
out.append(r.ttl('k'))
try:
    r.zincrby('k', 1, 'x')
except redis.ResponseError as e:
    out.append(str(e))
p = r.pipeline()
p.incr('n').get('n')
out.append(repr(p.execute()))
out.append(repr(redis.from_url('redis://localhost:6379/3').keys()))
out.append(repr(r.keys('*')))`);
    expect(out).toEqual([
      true,
      "b'v'",
      2,
      3,
      3,
      "[(b'storm', 3.0), (b'python', 3.0)]",
      "['python']",
      null,
      5,
      '{}',
      "{b'a': b'1'}",
      'set()',
      true,
      30,
      'WRONGTYPE Operation against a key holding the wrong kind of value',
      "[6, b'6']",
      '[]',
      "[b'k', b'z', b'n', b'h']",
    ]);
  }, 60_000);

  it('pymongo: insert_one sets _id, find/find_one, DuplicateKeyError, legacy update, aggregate, datetime', async () => {
    const out = await probeOut(`import datetime
c = pymongo.MongoClient().book.words
c.create_index('word', unique=True)
doc = {'word': 'storm'}
c.insert_one(doc)
out.append(len(doc['_id']))
try:
    c.insert_one({'word': 'storm'})
except pymongo.errors.DuplicateKeyError as e:
    out.append(str(e))
out.append(c.update({'word': 'redis'}, {'$inc': {'count': 2}}, upsert=True))
out.append(c.update_one({'word': 'storm'}, {'$set': {'count': 1}}).modified_count)
out.append([d['word'] for d in c.find({'count': {'$gte': 1}}).sort('count', pymongo.DESCENDING)])
out.append(c.find_one({'word': 'nope'}))
out.append(c.find_one({'word': 'redis'}, {'_id': 0}))
out.append(list(c.aggregate([{'$group': {'_id': None, 'total': {'$sum': '$count'}}}])))
c.insert_one({'word': 'when', 'at': datetime.datetime(2026, 1, 2, 3, 4, 5)})
out.append(repr(c.find_one({'word': 'when'})['at']))
out.append(c.count_documents({}))
out.append(c.find().count())`);
    expect(out).toEqual([
      24,
      'E11000 duplicate key error collection: book.words index: word_1 dup key: { word: "storm" }',
      { n: 1, nModified: 0, updatedExisting: false, ok: 1.0 },
      1,
      ['redis', 'storm'],
      null,
      { word: 'redis', count: 2 },
      [{ _id: null, total: 3 }],
      'datetime.datetime(2026, 1, 2, 3, 4, 5)',
      3,
      3,
    ]);
  }, 60_000);
});
