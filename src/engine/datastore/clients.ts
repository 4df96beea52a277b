/**
 * How component code reaches the run's stores: the calls the Python clients make
 * (storm/python/simulated: `import redis`, `import pymongo`) and the JavaScript component API
 * (`storm.redis()`, `storm.mongo()`, docs/components.md). Errors keep the store's name
 * (`RedisError`, `MongoError` with `[code]` first) so each language raises its own exception.
 */
import type { TaskApi } from '../runtime-api';
import { MongoError } from './mongo-store';
import { RedisError, type RedisReply } from './redis-store';
import { redisDatabase } from './stores';

/**
 * One Redis command for a Python client: `url` null for `StrictRedis()` without a server. Nil
 * replies are `undefined`, which Pyodide turns into `None` (`null` would arrive as `jsnull`).
 */
export function redisCall(api: TaskApi, url: string | null, db: number, args: readonly string[]): PythonRedisReply {
  return forPython(api.datastores().redis(url).call(db, args));
}

/** A command answering a number or nil (ZINCRBY, ZSCORE, INCRBY, HINCRBY) for a Python client's fast path. */
export function redisNumber(api: TaskApi, url: string | null, db: number, args: readonly string[]): number | undefined {
  const r = api.datastores().redis(url).call(db, args);
  if (r === null) return undefined;
  return r === 'inf' ? Infinity : r === '-inf' ? -Infinity : Number(r);
}

/** ZINCRBY for a Python client's fast path (the embedded store's shortcut when it has one). */
export function redisZincrby(api: TaskApi, url: string | null, db: number, key: string, by: number, member: string): number {
  const backend = api.datastores().redis(url);
  if (backend.zincrby) return backend.zincrby(db, key, by, member);
  const r = backend.call(db, ['ZINCRBY', key, String(by), member]);
  return r === 'inf' ? Infinity : r === '-inf' ? -Infinity : Number(r);
}

export type PythonRedisReply = string | number | undefined | PythonRedisReply[];

const forPython = (r: RedisReply): PythonRedisReply => (r === null ? undefined : Array.isArray(r) ? r.map(forPython) : r);

/** One MongoDB operation for a Python client; `args` and the result are JSON. */
export function mongoCall(api: TaskApi, db: string, collection: string, op: string, args: string): string {
  try {
    return JSON.stringify(api.datastores().mongo().call(db, collection, op, JSON.parse(args) as unknown[])) ?? 'null';
  } catch (e) {
    if (e instanceof MongoError) {
      const error = new Error(`[${e.code}] ${e.message}`);
      error.name = 'MongoError';
      throw error;
    }
    throw e;
  }
}

/** The Redis commands the JavaScript client names as methods (any other: `client.call('CMD', …)`). */
const REDIS_METHODS =
  'ping echo del exists type keys dbsize flushdb flushall rename expire pexpire expireat pexpireat ttl pttl persist get set setnx setex getset mget mset incr decr incrby decrby incrbyfloat append strlen hset hmset hsetnx hget hmget hgetall hkeys hvals hlen hexists hdel hincrby hincrbyfloat lpush rpush lpushx rpushx lpop rpop llen lrange lindex lset lrem ltrim sadd srem smembers sismember scard sunion sinter sdiff zadd zincrby zscore zrem zcard zcount zrange zrevrange zrangebyscore zrevrangebyscore zrank zrevrank zremrangebyrank zunionstore zinterstore'.split(
    ' ',
  );

export type RedisClient = { call(command: string, ...args: readonly (string | number)[]): RedisReply } & Record<string, (...args: (string | number)[]) => RedisReply>;

/**
 * `storm.redis(url?)`: a client whose methods are Redis's commands with Redis's arguments
 * (`zincrby(key, increment, member)`, `zrevrange(key, 0, 9, 'WITHSCORES')`), answering as Redis
 * does (strings, integers, null, arrays).
 *
 * @example
 * const r = storm.redis();
 * r.zincrby('word_count', 1, 'storm'); // '1'
 */
export function redisClient(api: TaskApi, url?: string): RedisClient {
  if (url !== undefined && typeof url !== 'string') throw new TypeError('storm.redis(url) takes a redis:// URL or nothing');
  const db = url === undefined ? 0 : redisDatabase(url);
  const call = (command: string, ...args: readonly (string | number)[]): RedisReply => {
    for (const a of args) {
      if (typeof a !== 'string' && typeof a !== 'number') throw new RedisError(`ERR ${command}: arguments are strings or numbers, not ${a === null ? 'null' : typeof a}`);
    }
    return api.datastores().redis(url ?? null).call(db, [command, ...args.map(String)]);
  };
  const client: Record<string, unknown> = { call };
  for (const name of REDIS_METHODS) client[name] = (...args: (string | number)[]) => call(name.toUpperCase(), ...args);
  return Object.freeze(client) as RedisClient;
}

type Json = Record<string, unknown>;

/** A collection of `storm.mongo().db(name).collection(name)`, with MongoDB's method names (synchronous). */
export interface MongoCollection {
  insertOne(doc: Json): { insertedId: unknown };
  insertMany(docs: Json[]): { insertedIds: unknown[] };
  updateOne(filter: Json, update: Json, options?: { upsert?: boolean }): { matchedCount: number; modifiedCount: number; upsertedId: unknown };
  updateMany(filter: Json, update: Json, options?: { upsert?: boolean }): { matchedCount: number; modifiedCount: number; upsertedId: unknown };
  replaceOne(filter: Json, doc: Json, options?: { upsert?: boolean }): { matchedCount: number; modifiedCount: number; upsertedId: unknown };
  find(filter?: Json, options?: { projection?: Json; sort?: Record<string, 1 | -1>; skip?: number; limit?: number }): Json[];
  findOne(filter?: Json): Json | null;
  countDocuments(filter?: Json): number;
  distinct(field: string, filter?: Json): unknown[];
  deleteOne(filter: Json): { deletedCount: number };
  deleteMany(filter: Json): { deletedCount: number };
  aggregate(pipeline: Json[]): Json[];
  createIndex(keys: Record<string, 1 | -1> | string, options?: { unique?: boolean; name?: string }): string;
  drop(): void;
}

/**
 * `storm.mongo()`: the run's MongoDB with the Node driver's method names, synchronous, dates as `Date`.
 *
 * @example
 * const words = storm.mongo().db('book').collection('words');
 * words.updateOne({ word }, { $inc: { count: 1 } }, { upsert: true });
 */
export function mongoClient(api: TaskApi): { db(name: string): { collection(name: string): MongoCollection; listCollectionNames(): string[] } } {
  // Through JSON, as the Python client's calls go: the store never holds the component's objects.
  const run = (db: string, coll: string, op: string, ...args: unknown[]): unknown => {
    const store = api.datastores().mongo();
    const out = store.call(db, coll, op, JSON.parse(JSON.stringify(args, (_, v: unknown) => (v instanceof Date ? { $date: v.getTime() } : v)) ?? '[]') as unknown[]);
    return JSON.parse(JSON.stringify(out ?? null), (_, v: unknown) => (v !== null && typeof v === 'object' && Object.keys(v).length === 1 && typeof (v as Json).$date === 'number' ? new Date((v as Json).$date as number) : v));
  };
  const updated = (o: unknown) => {
    const r = o as { matched_count: number; modified_count: number; upserted_id: unknown };
    return { matchedCount: r.matched_count, modifiedCount: r.modified_count, upsertedId: r.upserted_id };
  };
  const collection = (db: string, name: string): MongoCollection => {
    const op = (o: string, ...args: unknown[]) => run(db, name, o, ...args);
    return Object.freeze({
      insertOne: (doc: Json) => ({ insertedId: (op('insert_one', doc) as { inserted_id: unknown }).inserted_id }),
      insertMany: (docs: Json[]) => ({ insertedIds: (op('insert_many', docs) as { inserted_ids: unknown[] }).inserted_ids }),
      updateOne: (f: Json, u: Json, o?: { upsert?: boolean }) => updated(op('update_one', f, u, o?.upsert === true)),
      updateMany: (f: Json, u: Json, o?: { upsert?: boolean }) => updated(op('update_many', f, u, o?.upsert === true)),
      replaceOne: (f: Json, d: Json, o?: { upsert?: boolean }) => updated(op('replace_one', f, d, o?.upsert === true)),
      find: (f: Json = {}, o: { projection?: Json; sort?: Record<string, 1 | -1>; skip?: number; limit?: number } = {}) =>
        op('find', f, { projection: o.projection, sort: o.sort ? Object.entries(o.sort) : [], skip: o.skip ?? 0, limit: o.limit ?? 0 }) as Json[],
      findOne: (f: Json = {}) => (op('find', f, { limit: 1 }) as Json[])[0] ?? null,
      countDocuments: (f: Json = {}) => op('count_documents', f) as number,
      distinct: (field: string, f: Json = {}) => op('distinct', field, f) as unknown[],
      deleteOne: (f: Json) => ({ deletedCount: (op('delete_one', f) as { deleted_count: number }).deleted_count }),
      deleteMany: (f: Json) => ({ deletedCount: (op('delete_many', f) as { deleted_count: number }).deleted_count }),
      aggregate: (pipeline: Json[]) => op('aggregate', pipeline) as Json[],
      createIndex: (keys: Record<string, 1 | -1> | string, o: { unique?: boolean; name?: string } = {}) =>
        op('create_index', typeof keys === 'string' ? [[keys, 1]] : Object.entries(keys), o.unique === true, o.name ?? null) as string,
      drop: () => void op('drop'),
    });
  };
  return Object.freeze({
    db: (name: string) => Object.freeze({ collection: (c: string) => collection(name, c), listCollectionNames: () => run(name, '-', 'list_collection_names') as string[] }),
  });
}
