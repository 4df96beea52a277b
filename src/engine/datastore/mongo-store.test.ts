import { describe, expect, it } from 'vitest';
import { MongoError, MongoStore } from './mongo-store';
import { RunDatastores } from './stores';

const store = () => new MongoStore(() => 1_800_000_000);

describe('embedded MongoDB (mingo)', () => {
  it('upserts with $inc, finds with filters, and aggregates with $match/$group/$sum/$sort', () => {
    const m = store();
    const words = 'storm python storm redis storm python'.split(' ');
    words.forEach((word, i) => m.call('book', 'words', 'update_one', [{ word, minute: i < 3 ? 1 : 2 }, { $inc: { count: 1 } }, true]));
    expect(m.call('book', 'words', 'count_documents', [{}])).toBe(5);
    expect(m.call('book', 'words', 'find', [{ word: 'storm' }, { projection: { _id: 0 }, sort: [['minute', 1]] }])).toEqual([
      { word: 'storm', minute: 1, count: 2 },
      { word: 'storm', minute: 2, count: 1 },
    ]);
    expect(m.call('book', 'words', 'find', [{ count: { $gte: 2 } }, { projection: { _id: 0, word: 1 } }])).toEqual([{ word: 'storm' }]);
    const report = m.call('book', 'words', 'aggregate', [
      [{ $match: { minute: { $gte: 1 } } }, { $group: { _id: '$word', total: { $sum: '$count' } } }, { $sort: { total: -1, _id: 1 } }],
    ]);
    expect(report).toEqual([
      { _id: 'storm', total: 3 },
      { _id: 'python', total: 2 },
      { _id: 'redis', total: 1 },
    ]);
  });

  it('update_one without upsert matches nothing; $set changes one document; replace needs no operators', () => {
    const m = store();
    expect(m.call('d', 'c', 'update_one', [{ a: 1 }, { $set: { b: 2 } }, false])).toEqual({ matched_count: 0, modified_count: 0, upserted_id: null });
    m.call('d', 'c', 'insert_many', [[{ a: 1 }, { a: 1 }]]);
    expect(m.call('d', 'c', 'update_one', [{ a: 1 }, { $set: { b: 2 } }, false])).toMatchObject({ matched_count: 1, modified_count: 1 });
    expect(m.call('d', 'c', 'count_documents', [{ b: 2 }])).toBe(1);
    expect(m.call('d', 'c', 'update_many', [{ a: 1 }, { $set: { b: 3 } }, false])).toMatchObject({ matched_count: 2, modified_count: 2 });
    expect(() => m.call('d', 'c', 'update_one', [{ a: 1 }, { b: 4 }, false])).toThrow(/only works with \$ operators/);
    expect(() => m.call('d', 'c', 'replace_one', [{ a: 1 }, { $set: { b: 4 } }, false])).toThrow(/must not contain update operators/);
    expect(m.call('d', 'c', 'delete_many', [{ a: 1 }])).toEqual({ deleted_count: 2 });
  });

  it('enforces unique indexes with E11000, on insert, on update and when the index is created', () => {
    const m = store();
    expect(m.call('book', 'words', 'create_index', [[['word', 1]], true, null])).toBe('word_1');
    m.call('book', 'words', 'insert_one', [{ word: 'storm', count: 1 }]);
    expect(() => m.call('book', 'words', 'insert_one', [{ word: 'storm' }])).toThrow('E11000 duplicate key error collection: book.words index: word_1 dup key: { word: "storm" }');
    try {
      m.call('book', 'words', 'insert_one', [{ word: 'storm' }]);
    } catch (e) {
      expect(e).toBeInstanceOf(MongoError);
      expect((e as MongoError).code).toBe(11000);
    }
    m.call('book', 'words', 'insert_one', [{ word: 'redis' }]);
    expect(() => m.call('book', 'words', 'update_one', [{ word: 'redis' }, { $set: { word: 'storm' } }, false])).toThrow(/E11000/);
    // The upsert path finds the existing document through the index (no duplicate).
    m.call('book', 'words', 'update_one', [{ word: 'storm' }, { $inc: { count: 1 } }, true]);
    expect(m.call('book', 'words', 'find', [{ word: 'storm' }, { projection: { _id: 0 } }])).toEqual([{ word: 'storm', count: 2 }]);
    m.call('x', 'dups', 'insert_many', [[{ k: 1 }, { k: 1 }]]);
    expect(() => m.call('x', 'dups', 'create_index', [[['k', 1]], true, null])).toThrow(/E11000/);
    expect(() => m.call('x', 'dups', 'insert_one', [{ _id: 'a' }, {}])).not.toThrow();
    expect(() => m.call('x', 'dups', 'insert_one', [{ _id: 'a' }])).toThrow(/index: _id_/);
  });

  it('dates travel as {$date} and group by day; reads do not create collections; bad input is refused', () => {
    const m = store();
    const t = Date.UTC(2026, 0, 1, 10);
    m.call('d', 'events', 'insert_many', [[{ at: { $date: t } }, { at: { $date: t + 3600_000 } }]]);
    expect(m.call('d', 'events', 'aggregate', [[{ $group: { _id: { $dayOfMonth: '$at' }, n: { $sum: 1 } } }]])).toEqual([{ _id: 1, n: 2 }]);
    expect(m.call('d', 'events', 'find', [{}, { projection: { _id: 0 }, limit: 1 }])).toEqual([{ at: { $date: t } }]);
    m.call('d', 'nothing', 'find', [{}]);
    expect(m.call('d', '-', 'list_collection_names', [])).toEqual(['events']);
    expect(() => m.call('d', 'c', 'insert_one', [[1, 2]])).toThrow('the document must be a document (a dict), not a list');
    expect(() => m.call('d', 'c', 'aggregate', [[{ $out: 'x' }]])).toThrow(/not supported/);
    expect(() => m.call('d', 'c', 'frobnicate', [])).toThrow("the embedded MongoDB has no operation 'frobnicate'");
    // $where would run code: mingo's scripts are off.
    expect(() => m.call('d', 'events', 'find', [{ $where: 'true' }])).toThrow();
  });
});

describe('the run stores as the Data tab sees them', () => {
  it('is null until used, then ranks sorted sets and tabulates collections', () => {
    let now = 1000;
    const stores = new RunDatastores(() => now);
    expect(stores.view()).toBeNull();
    const r = stores.redis(null);
    r.call(0, ['ZINCRBY', 'word_count', '2', 'storm']);
    r.call(0, ['ZINCRBY', 'word_count', '5', 'redis']);
    r.call(0, ['SET', 'greeting', 'hi']);
    r.call(0, ['EXPIRE', 'greeting', '30']);
    stores.mongo().call('book', 'words', 'insert_one', [{ word: 'storm', count: 2 }]);
    now = 1010;
    const view = stores.view()!;
    expect(view.redis!.where).toBe('embedded');
    expect(view.redis!.dbs[0]!.keys).toEqual([
      { key: 'greeting', type: 'string', ttl: 20, size: 1, items: ['hi'] },
      { key: 'word_count', type: 'zset', ttl: null, size: 2, items: [], ranked: [['redis', 5], ['storm', 2]] },
    ]);
    const coll = view.mongo!.dbs[0]!.collections[0]!;
    expect(coll).toMatchObject({ name: 'words', count: 1, fields: ['_id', 'word', 'count'] });
    expect(coll.rows[0]!.slice(1)).toEqual(['storm', '2']);
  });

  it('a redis:// URL reaches a real server only through a connector', () => {
    const calls: string[] = [];
    const stores = new RunDatastores(
      () => 0,
      (url) => (url.includes(':7777') ? { where: 'redis://127.0.0.1:7777', call: (_db, args) => (calls.push(args.join(' ')), 'OK') } : null),
    );
    expect(stores.redis('redis://127.0.0.1:7777/0').call(0, ['SET', 'a', 'b'])).toBe('OK');
    expect(stores.redis('redis://127.0.0.1:6379/0').where).toBe('embedded');
    expect(stores.redis(null).where).toBe('embedded');
    expect(calls).toEqual(['SET a b']);
  });
});

describe('usesDatastores', () => {
  const doc = (python?: string, javascript?: string) => ({ components: [{ code: { ...(python !== undefined ? { python } : {}), ...(javascript !== undefined ? { javascript } : {}) } }] });
  it('sees the Python imports and the JavaScript calls, not mere mentions', async () => {
    const { usesDatastores } = await import('./stores');
    expect(usesDatastores(doc('import redis\n'))).toBe(true);
    expect(usesDatastores(doc('import json, pymongo\n'))).toBe(true);
    expect(usesDatastores(doc('    from redis import StrictRedis\n'))).toBe(true);
    expect(usesDatastores(doc('# redis would be nice\nimport redistools\n'))).toBe(false);
    expect(usesDatastores(doc(undefined, 'const r = storm.redis();'))).toBe(true);
    expect(usesDatastores(doc(undefined, 'storm.emit(["redis"]);'))).toBe(false);
  });
});
