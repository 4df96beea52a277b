import { describe, expect, it } from 'vitest';
import { RedisError, RedisStore } from './redis-store';

function store(start = 1_800_000_000) {
  const clock = { now: start };
  const redis = new RedisStore(() => clock.now);
  const r = (...args: (string | number)[]) => redis.call(0, args.map(String));
  return { redis, r, clock };
}

describe('embedded Redis', () => {
  it('counts words in a sorted set and ranks them as ZREVRANGE … WITHSCORES does', () => {
    const { r } = store();
    for (const w of 'storm storm python storm python redis'.split(' ')) r('ZINCRBY', 'word_count', 1, w);
    expect(r('ZINCRBY', 'word_count', 2.5, 'redis')).toBe('3.5');
    expect(r('ZREVRANGE', 'word_count', 0, 1, 'WITHSCORES')).toEqual(['redis', '3.5', 'storm', '3']);
    expect(r('ZRANGE', 'word_count', 0, -1)).toEqual(['python', 'storm', 'redis']);
    expect(r('ZSCORE', 'word_count', 'python')).toBe('2');
    expect(r('ZSCORE', 'word_count', 'nope')).toBeNull();
    expect(r('ZRANK', 'word_count', 'storm')).toBe(1);
    expect(r('ZREVRANK', 'word_count', 'storm')).toBe(1);
    expect(r('ZCARD', 'word_count')).toBe(3);
    expect(r('ZCOUNT', 'word_count', '(2', '+inf')).toBe(2);
    expect(r('ZRANGEBYSCORE', 'word_count', 2, 3, 'WITHSCORES')).toEqual(['python', '2', 'storm', '3']);
    expect(r('ZREVRANGEBYSCORE', 'word_count', '+inf', 0, 'LIMIT', 0, 1)).toEqual(['redis']);
  });

  it('ties rank by member, as Redis orders them', () => {
    const { r } = store();
    r('ZADD', 'z', 1, 'b', 1, 'a', 1, 'c');
    expect(r('ZRANGE', 'z', 0, -1)).toEqual(['a', 'b', 'c']);
    expect(r('ZREVRANGE', 'z', 0, -1)).toEqual(['c', 'b', 'a']);
  });

  it('ZUNIONSTORE sums (or weighs, or takes the max of) the minute buckets into one ranking', () => {
    const { r } = store();
    r('ZADD', 'm1', 2, 'storm', 1, 'redis');
    r('ZADD', 'm2', 3, 'storm', 4, 'mongo');
    r('SADD', 's', 'storm');
    expect(r('ZUNIONSTORE', 'total', 2, 'm1', 'm2')).toBe(3);
    expect(r('ZREVRANGE', 'total', 0, -1, 'WITHSCORES')).toEqual(['storm', '5', 'mongo', '4', 'redis', '1']);
    expect(r('ZUNIONSTORE', 'w', 2, 'm1', 'm2', 'WEIGHTS', 2, 1, 'AGGREGATE', 'MAX')).toBe(3);
    expect(r('ZSCORE', 'w', 'storm')).toBe('4');
    expect(r('ZINTERSTORE', 'i', 3, 'm1', 'm2', 's')).toBe(1);
    expect(r('ZSCORE', 'i', 'storm')).toBe('6');
    expect(r('ZUNIONSTORE', 'empty', 1, 'missing')).toBe(0);
    expect(r('EXISTS', 'empty')).toBe(0);
  });

  it('expires keys on the engine clock (EXPIRE, EXPIREAT, TTL, SET EX)', () => {
    const { r, clock } = store(1000);
    r('SET', 'a', 'x');
    r('ZINCRBY', 'bucket', 1, 'w');
    expect(r('EXPIRE', 'a', 10)).toBe(1);
    expect(r('EXPIREAT', 'bucket', 1005)).toBe(1);
    expect(r('EXPIRE', 'missing', 10)).toBe(0);
    expect(r('TTL', 'a')).toBe(10);
    expect(r('TTL', 'bucket')).toBe(5);
    expect(r('TTL', 'missing')).toBe(-2);
    r('SET', 'p', 'y');
    expect(r('TTL', 'p')).toBe(-1);
    clock.now = 1004.9;
    expect(r('EXISTS', 'bucket')).toBe(1);
    clock.now = 1005;
    expect(r('EXISTS', 'bucket')).toBe(0);
    expect(r('KEYS', '*')).toEqual(['a', 'p']);
    r('SET', 'e', 'z', 'EX', 1);
    clock.now = 1011;
    expect(r('GET', 'a')).toBeNull();
    expect(r('GET', 'e')).toBeNull();
    expect(r('KEYS', '*')).toEqual(['p']);
  });

  it('strings, counters and their errors', () => {
    const { r } = store();
    expect(r('SET', 'k', 'v')).toBe('OK');
    expect(r('SET', 'k', 'w', 'NX')).toBeNull();
    expect(r('GET', 'k')).toBe('v');
    expect(r('INCR', 'n')).toBe(1);
    expect(r('INCRBY', 'n', 41)).toBe(42);
    expect(r('DECR', 'n')).toBe(41);
    expect(r('INCRBYFLOAT', 'f', 0.5)).toBe('0.5');
    expect(() => r('INCR', 'k')).toThrow('ERR value is not an integer or out of range');
    expect(r('APPEND', 'k', 'x')).toBe(2);
    expect(r('MGET', 'k', 'zz', 'n')).toEqual(['vx', null, '41']);
    expect(r('TYPE', 'k')).toBe('string');
    expect(r('TYPE', 'none')).toBe('none');
    expect(() => r('ZINCRBY', 'k', 1, 'a')).toThrow(RedisError);
    expect(() => r('ZINCRBY', 'k', 1, 'a')).toThrow(/^WRONGTYPE/);
    expect(() => r('NOPE')).toThrow(/unknown command 'NOPE'/);
    expect(() => r('GET')).toThrow("ERR wrong number of arguments for 'get' command");
    expect(() => r('ZINCRBY', 'z', 'x', 'a')).toThrow('ERR value is not a valid float');
  });

  it('hashes, lists and sets', () => {
    const { r } = store();
    expect(r('HSET', 'h', 'a', 1, 'b', 2)).toBe(2);
    expect(r('HINCRBY', 'h', 'a', 5)).toBe(6);
    expect(r('HGETALL', 'h')).toEqual(['a', '6', 'b', '2']);
    expect(r('HGET', 'h', 'zz')).toBeNull();
    expect(r('HDEL', 'h', 'a', 'b')).toBe(2);
    expect(r('EXISTS', 'h')).toBe(0);
    expect(r('RPUSH', 'l', 'a', 'b')).toBe(2);
    expect(r('LPUSH', 'l', 'z')).toBe(3);
    expect(r('LRANGE', 'l', 0, -1)).toEqual(['z', 'a', 'b']);
    expect(r('LRANGE', 'l', -2, 100)).toEqual(['a', 'b']);
    expect(r('LPOP', 'l')).toBe('z');
    expect(r('RPOP', 'l')).toBe('b');
    expect(r('LLEN', 'l')).toBe(1);
    expect(r('SADD', 's', 'x', 'y', 'x')).toBe(2);
    expect(r('SMEMBERS', 's')).toEqual(['x', 'y']);
    expect(r('SISMEMBER', 's', 'y')).toBe(1);
    expect(r('DEL', 's', 'l', 'none')).toBe(2);
    expect(r('KEYS', '*')).toEqual([]);
  });

  it('KEYS matches Redis globs and databases are separate', () => {
    const { redis, r } = store();
    for (const k of ['word_count:1', 'word_count:2', 'other', 'a.b']) r('SET', k, 1);
    expect(r('KEYS', 'word_count:*')).toEqual(['word_count:1', 'word_count:2']);
    expect(r('KEYS', 'word_count:[1]')).toEqual(['word_count:1']);
    expect(r('KEYS', 'a.?')).toEqual(['a.b']);
    expect(r('KEYS', 'a?b')).toEqual(['a.b']);
    expect(redis.call(1, ['KEYS', '*'])).toEqual([]);
    expect(() => redis.call(16, ['PING'])).toThrow('ERR DB index is out of range');
    expect(redis.usedDatabases()).toEqual([0]);
  });
});
