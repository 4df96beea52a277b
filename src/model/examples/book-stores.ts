/**
 * Chapter 5 of the Petrel book (persistence with Redis and MongoDB), written for Storm Studio: the
 * built-in sample text stands in for Twitter's stream; a bolt counts words into Redis sorted sets,
 * one per minute (ZINCRBY, EXPIREAT), and a ranking bolt merges the last five minutes every 15 s
 * (ZUNIONSTORE, ZREVRANGE … WITHSCORES); the MongoDB twin upserts per-minute counts with `$inc`
 * under a unique index and reports with an aggregation ($match, $group, $sum, $sort).
 */
import { bolt, subscribe, topology } from './build';
import { dataSourceComponent } from '../data-sources';
import { componentId } from '../ids';

/** The palette's Sample text spout, in place of Twitter's stream. */
const sampleText = () => dataSourceComponent('sample-text', componentId('sample-text'), { x: 0, y: 160 }, 'python');

const TICK_FREQ_KEY = 'topology.tick.tuple.freq.secs';

export const splitPy = `import re

from petrel import storm
from petrel.emitter import BasicBolt

STOP_WORDS = set('a an and as at be but by for had her herself i in into it its of on or so she that the then there they this to was what when with would'.split())


class SplitSentenceBolt(BasicBolt):
    def __init__(self):
        super(SplitSentenceBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['word']

    def process(self, tup):
        for word in re.findall(r"[a-z]+", tup.values[0].lower()):
            if word not in STOP_WORDS and len(word) > 2:
                storm.emit([word])


def run():
    SplitSentenceBolt().run()
`;

export const splitJs = `const STOP_WORDS = new Set('a an and as at be but by for had her herself i in into it its of on or so she that the then there they this to was what when with would'.split(' '));

export default class SplitSentenceBolt extends BasicBolt {
  static declareOutputFields() {
    return ['word'];
  }

  process(tup) {
    for (const word of tup.values[0].toLowerCase().match(/[a-z]+/g) ?? []) {
      if (!STOP_WORDS.has(word) && word.length > 2) storm.emit([word]);
    }
  }
}
`;

const redisCountPy = `"""Counts words into one Redis sorted set per minute; each set expires once the ranking window
has passed it."""
import time

import redis
from petrel.emitter import BasicBolt

WINDOW_MINUTES = 5


class RedisWordCountBolt(BasicBolt):
    def __init__(self):
        super(RedisWordCountBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return []

    def initialize(self, conf, context):
        self.redis = redis.StrictRedis.from_url(conf.get('redis_url', 'redis://localhost:6379/0'))

    def process(self, tup):
        word = tup.values[0]
        minute = int(time.time() // 60)
        key = 'word_count:%d' % minute
        self.redis.zincrby(key, 1, word)
        self.redis.expireat(key, (minute + WINDOW_MINUTES + 1) * 60)


def run():
    RedisWordCountBolt().run()
`;

const redisCountJs = `const WINDOW_MINUTES = 5;

export default class RedisWordCountBolt extends BasicBolt {
  static declareOutputFields() {
    return [];
  }

  initialize(conf, context) {
    this.redis = storm.redis(conf.redis_url ?? 'redis://localhost:6379/0');
  }

  process(tup) {
    const word = tup.values[0];
    const minute = Math.floor(storm.time() / 60);
    const key = 'word_count:' + minute;
    this.redis.zincrby(key, 1, word);
    this.redis.expireat(key, (minute + WINDOW_MINUTES + 1) * 60);
  }
}
`;

const redisTopPy = `"""Every 15 s (a tick tuple), merges the last five minutes' sorted sets into one ranking and logs the
top ten as [word, count] pairs."""
import logging
import time

import redis
from petrel.emitter import BasicBolt

log = logging.getLogger('top_words')
WINDOW_MINUTES = 5
TOP_N = 10


class RedisTopWordsBolt(BasicBolt):
    emitFrequencyInSeconds = 15

    def __init__(self):
        super(RedisTopWordsBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return []

    def getComponentConfiguration(self):
        return {'topology.tick.tuple.freq.secs': self.emitFrequencyInSeconds}

    def initialize(self, conf, context):
        self.redis = redis.StrictRedis.from_url(conf.get('redis_url', 'redis://localhost:6379/0'))

    def process(self, tup):
        if not tup.is_tick_tuple():
            return
        minute = int(time.time() // 60)
        keys = ['word_count:%d' % m for m in range(minute - WINDOW_MINUTES + 1, minute + 1)]
        self.redis.zunionstore('word_count:top', keys)
        top = self.redis.zrevrange('word_count:top', 0, TOP_N - 1, withscores=True)
        log.info('Emitting: %s', [[word.decode('utf-8'), int(count)] for word, count in top])


def run():
    RedisTopWordsBolt().run()
`;

const redisTopJs = `const WINDOW_MINUTES = 5;
const TOP_N = 10;

export default class RedisTopWordsBolt extends BasicBolt {
  static declareOutputFields() {
    return [];
  }

  getComponentConfiguration() {
    return { 'topology.tick.tuple.freq.secs': 15 };
  }

  initialize(conf, context) {
    this.redis = storm.redis(conf.redis_url ?? 'redis://localhost:6379/0');
  }

  process(tup) {
    if (!tup.isTickTuple()) return;
    const minute = Math.floor(storm.time() / 60);
    const keys = [];
    for (let m = minute - WINDOW_MINUTES + 1; m <= minute; m++) keys.push('word_count:' + m);
    this.redis.zunionstore('word_count:top', keys.length, ...keys);
    const flat = this.redis.zrevrange('word_count:top', 0, TOP_N - 1, 'WITHSCORES');
    const top = [];
    for (let i = 0; i < flat.length; i += 2) top.push("['" + flat[i] + "', " + Number(flat[i + 1]) + ']');
    console.info('Emitting: [' + top.join(', ') + ']');
  }
}
`;

/** Chapter 5: word counts into Redis sorted sets, ranked every 15 s. */
export function bookRedisExample() {
  return topology(
    'chapter5-redis-top-words',
    [
      sampleText(),
      bolt('splitsentence', { python: splitPy, javascript: splitJs, fields: ['word'], parallelism: 2, x: 260, y: 160 }),
      bolt('wordcount', { python: redisCountPy, javascript: redisCountJs, parallelism: 2, x: 520, y: 160 }),
      bolt('topwords', { python: redisTopPy, javascript: redisTopJs, config: { [TICK_FREQ_KEY]: 15 }, x: 520, y: 320 }),
    ],
    [subscribe('sample-text', 'splitsentence'), subscribe('splitsentence', 'wordcount', { kind: 'fields', fields: ['word'] }), subscribe('sample-text', 'topwords', { kind: 'global' })],
    { workers: 2, custom: { redis_url: 'redis://localhost:6379/0' } },
  );
}

const mongoCountPy = `"""Counts words per minute in MongoDB: one document per (word, minute), upserted with $inc under a
unique index."""
import time

import pymongo
from petrel.emitter import BasicBolt


class MongoWordCountBolt(BasicBolt):
    def __init__(self):
        super(MongoWordCountBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return []

    def initialize(self, conf, context):
        self.words = pymongo.MongoClient()['storm']['minute_words']
        self.words.create_index([('word', pymongo.ASCENDING), ('minute', pymongo.ASCENDING)], unique=True)

    def process(self, tup):
        minute = int(time.time() // 60)
        self.words.update_one({'word': tup.values[0], 'minute': minute}, {'$inc': {'count': 1}}, upsert=True)


def run():
    MongoWordCountBolt().run()
`;

const mongoCountJs = `export default class MongoWordCountBolt extends BasicBolt {
  static declareOutputFields() {
    return [];
  }

  initialize(conf, context) {
    this.words = storm.mongo().db('storm').collection('minute_words');
    this.words.createIndex({ word: 1, minute: 1 }, { unique: true });
  }

  process(tup) {
    const minute = Math.floor(storm.time() / 60);
    this.words.updateOne({ word: tup.values[0], minute }, { $inc: { count: 1 } }, { upsert: true });
  }
}
`;

const mongoReportPy = `"""Every 15 s (a tick tuple), the report: the last five minutes' counts summed per word with an
aggregation, the top ten logged as [word, count] pairs."""
import logging
import time

import pymongo
from petrel.emitter import BasicBolt

log = logging.getLogger('report')
WINDOW_MINUTES = 5
TOP_N = 10


class MongoReportBolt(BasicBolt):
    def __init__(self):
        super(MongoReportBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return []

    def getComponentConfiguration(self):
        return {'topology.tick.tuple.freq.secs': 15}

    def initialize(self, conf, context):
        self.words = pymongo.MongoClient()['storm']['minute_words']

    def process(self, tup):
        if not tup.is_tick_tuple():
            return
        since = int(time.time() // 60) - WINDOW_MINUTES + 1
        report = self.words.aggregate([
            {'$match': {'minute': {'$gte': since}}},
            {'$group': {'_id': '$word', 'count': {'$sum': '$count'}}},
            {'$sort': {'count': -1, '_id': 1}},
            {'$limit': TOP_N},
        ])
        log.info('Emitting: %s', [[row['_id'], row['count']] for row in report])


def run():
    MongoReportBolt().run()
`;

const mongoReportJs = `const WINDOW_MINUTES = 5;
const TOP_N = 10;

export default class MongoReportBolt extends BasicBolt {
  static declareOutputFields() {
    return [];
  }

  getComponentConfiguration() {
    return { 'topology.tick.tuple.freq.secs': 15 };
  }

  initialize(conf, context) {
    this.words = storm.mongo().db('storm').collection('minute_words');
  }

  process(tup) {
    if (!tup.isTickTuple()) return;
    const since = Math.floor(storm.time() / 60) - WINDOW_MINUTES + 1;
    const report = this.words.aggregate([
      { $match: { minute: { $gte: since } } },
      { $group: { _id: '$word', count: { $sum: '$count' } } },
      { $sort: { count: -1, _id: 1 } },
      { $limit: TOP_N },
    ]);
    console.info('Emitting: [' + report.map((r) => "['" + r._id + "', " + r.count + ']').join(', ') + ']');
  }
}
`;

/** Chapter 5: per-minute word counts upserted into MongoDB, with an aggregation report every 15 s. */
export function bookMongoExample() {
  return topology(
    'chapter5-mongodb-word-count',
    [
      sampleText(),
      bolt('splitsentence', { python: splitPy, javascript: splitJs, fields: ['word'], parallelism: 2, x: 260, y: 160 }),
      bolt('wordcount', { python: mongoCountPy, javascript: mongoCountJs, parallelism: 2, x: 520, y: 160 }),
      bolt('report', { python: mongoReportPy, javascript: mongoReportJs, config: { [TICK_FREQ_KEY]: 15 }, x: 520, y: 320 }),
    ],
    [subscribe('sample-text', 'splitsentence'), subscribe('splitsentence', 'wordcount', { kind: 'fields', fields: ['word'] }), subscribe('sample-text', 'report', { kind: 'global' })],
    { workers: 2 },
  );
}
