/**
 * An embedded MongoDB for simulated runs: databases of collections of documents, with the query,
 * update and aggregation language of [mingo](https://github.com/kofrasa/mingo) (MongoDB's own
 * operators: `$inc`, `$set`, `$match`, `$group`, `$sum`, `$sort`, …). Unique indexes are enforced
 * (`E11000 duplicate key error`, pymongo's `DuplicateKeyError`). Documents cross the API as JSON
 * with MongoDB's Extended JSON for dates (`{"$date": ms}`), so Python's `datetime` survives.
 */
import { Aggregator, Query, update as applyUpdate } from 'mingo';
import type { AnyObject } from 'mingo/types';

export type Doc = Record<string, unknown>;

/** A refused operation; `code` is MongoDB's (11000: duplicate key, 2: bad value). */
export class MongoError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
    this.name = 'MongoError';
  }
}

interface Index {
  readonly name: string;
  readonly fields: readonly string[];
  readonly unique: boolean;
  /** Unique indexes: the key of each document → the document. */
  readonly byKey: Map<string, Doc> | null;
}

class Collection {
  readonly docs: Doc[] = [];
  readonly indexes: Index[] = [];
  readonly byId = new Map<string, Doc>();
}

const READS = new Set(['find', 'count_documents', 'distinct', 'aggregate', 'drop']);
const MINGO_OPTIONS = { scriptEnabled: false, idKey: '_id' } as const;

/** `{"$date": ms}` → Date, recursively (Extended JSON's dates). */
export function reviveDates(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reviveDates);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === '$date' && typeof o.$date === 'number') return new Date(o.$date);
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = reviveDates(o[k]);
    return out;
  }
  return value;
}

/** Date → `{"$date": ms}`, recursively; the value is copied. */
export function plainDates(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.getTime() };
  if (Array.isArray(value)) return value.map(plainDates);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = plainDates(v);
    return out;
  }
  return value;
}

function path(doc: unknown, field: string): unknown {
  let v = doc;
  for (const part of field.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

const keyText = (v: unknown): string => JSON.stringify(plainDates(v === undefined ? null : v));
const isOperatorDoc = (u: Doc) => Object.keys(u).some((k) => k.startsWith('$'));

function assertDoc(value: unknown, what: string): Doc {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) throw new MongoError(`${what} must be a document (a dict), not ${Array.isArray(value) ? 'a list' : String(value)}`, 2);
  return value as Doc;
}

/**
 * The embedded server.
 *
 * @example
 * const mongo = new MongoStore(() => engineTimeSeconds);
 * mongo.updateOne('book', 'words', { word: 'storm' }, { $inc: { count: 1 } }, true);
 * mongo.aggregate('book', 'words', [{ $group: { _id: null, total: { $sum: '$count' } } }]); // [{ _id: null, total: 1 }]
 */
export class MongoStore {
  private readonly dbs = new Map<string, Map<string, Collection>>();
  private nextId = 0;
  /** Operations run so far (the Data tab shows it). */
  operations = 0;

  /** @param now the engine's clock, seconds since the epoch (new ObjectIds carry it, as MongoDB's do). */
  constructor(private readonly now: () => number) {}

  private coll(db: string, name: string, create = true): Collection | undefined {
    if (name === '' || name.includes('$')) throw new MongoError(`invalid collection name '${name}'`, 73);
    let d = this.dbs.get(db);
    if (!d) {
      if (!create) return undefined;
      d = new Map();
      this.dbs.set(db, d);
    }
    let c = d.get(name);
    if (!c && create) {
      c = new Collection();
      d.set(name, c);
    }
    return c;
  }

  /** A new ObjectId's 24 hex digits: the clock's seconds, then a counter (deterministic in virtual time). */
  private objectId(): string {
    const secs = Math.floor(this.now()) >>> 0;
    return secs.toString(16).padStart(8, '0') + (this.nextId++).toString(16).padStart(16, '0');
  }

  /** Checks `doc` against the unique indexes; `replacing` is the document it replaces, if any. */
  private checkUnique(db: string, name: string, c: Collection, doc: Doc, replacing: Doc | null): void {
    const id = keyText(doc._id);
    const same = c.byId.get(id);
    if (same !== undefined && same !== replacing) throw duplicate(db, name, '_id_', { _id: doc._id });
    for (const ix of c.indexes) {
      if (!ix.byKey) continue;
      const other = ix.byKey.get(indexKey(ix, doc));
      if (other !== undefined && other !== replacing) throw duplicate(db, name, ix.name, Object.fromEntries(ix.fields.map((f) => [f, path(doc, f) ?? null])));
    }
  }

  private link(c: Collection, doc: Doc): void {
    c.byId.set(keyText(doc._id), doc);
    for (const ix of c.indexes) ix.byKey?.set(indexKey(ix, doc), doc);
  }

  private unlink(c: Collection, doc: Doc): void {
    c.byId.delete(keyText(doc._id));
    for (const ix of c.indexes) if (ix.byKey?.get(indexKey(ix, doc)) === doc) ix.byKey.delete(indexKey(ix, doc));
  }

  private insert(db: string, name: string, c: Collection, raw: Doc): unknown {
    const doc = reviveDates(raw) as Doc;
    if (doc._id === undefined) {
      const withId: Doc = { _id: this.objectId() };
      for (const [k, v] of Object.entries(doc)) withId[k] = v;
      return this.insertDoc(db, name, c, withId);
    }
    return this.insertDoc(db, name, c, doc);
  }

  private insertDoc(db: string, name: string, c: Collection, doc: Doc): unknown {
    this.checkUnique(db, name, c, doc, null);
    c.docs.push(doc);
    this.link(c, doc);
    return doc._id;
  }

  /** The documents matching `filter`, in insertion order; an equality on a unique index (or `_id`) is a lookup. */
  private matching(c: Collection, filter: Doc): Doc[] {
    const keys = Object.keys(filter);
    const simple = keys.every((k) => !k.startsWith('$') && !isOperatorValue(filter[k]));
    if (simple && keys.length > 0) {
      if (keys.length === 1 && keys[0] === '_id') {
        const d = c.byId.get(keyText(filter._id));
        return d ? [d] : [];
      }
      for (const ix of c.indexes) {
        if (ix.byKey && ix.fields.length === keys.length && ix.fields.every((f) => keys.includes(f))) {
          const d = ix.byKey.get(JSON.stringify(ix.fields.map((f) => plainDates(filter[f] ?? null))));
          return d ? [d] : [];
        }
      }
    }
    const q = new Query(filter as AnyObject, MINGO_OPTIONS);
    return c.docs.filter((d) => q.test(d));
  }

  /** Runs one operation (`insert_one`, `update_one`, `find`, `aggregate`, …) with JSON-safe arguments; returns a JSON-safe result. */
  call(db: string, collection: string, op: string, args: readonly unknown[]): unknown {
    this.operations++;
    const result = this.run(db, collection, op, args.map(reviveDates));
    return plainDates(result);
  }

  private run(db: string, name: string, op: string, args: readonly unknown[]): unknown {
    if (op === 'list_collection_names') return [...(this.dbs.get(db)?.keys() ?? [])].sort();
    // Reads do not create the collection, as in MongoDB.
    const c = this.coll(db, name, !READS.has(op)) ?? new Collection();
    const filterArg = (i: number) => (args[i] === undefined || args[i] === null ? {} : assertDoc(args[i], 'the filter'));
    switch (op) {
      case 'insert_one':
        return { inserted_id: this.insert(db, name, c, assertDoc(args[0], 'the document')) };
      case 'insert_many': {
        if (!Array.isArray(args[0])) throw new MongoError('insert_many takes a list of documents', 2);
        return { inserted_ids: args[0].map((d) => this.insert(db, name, c, assertDoc(d, 'each document'))) };
      }
      case 'update_one':
      case 'update_many':
      case 'replace_one':
        return this.update(db, name, c, filterArg(0), assertDoc(args[1], 'the update'), args[2] === true, op === 'update_many', op === 'replace_one');
      case 'delete_one':
      case 'delete_many': {
        const found = this.matching(c, filterArg(0));
        const gone = new Set(op === 'delete_one' ? found.slice(0, 1) : found);
        for (const d of gone) this.unlink(c, d);
        const kept = c.docs.filter((d) => !gone.has(d));
        c.docs.length = 0;
        c.docs.push(...kept);
        return { deleted_count: gone.size };
      }
      case 'find': {
        const options = (args[1] ?? {}) as { projection?: Doc; sort?: [string, number][]; skip?: number; limit?: number };
        let docs = this.matching(c, filterArg(0));
        if (options.sort && options.sort.length > 0) {
          const spec = Object.fromEntries(options.sort) as Record<string, 1 | -1>;
          docs = new Aggregator([{ $sort: spec }], MINGO_OPTIONS).run(docs) as Doc[];
        }
        if (options.skip) docs = docs.slice(options.skip);
        if (options.limit) docs = docs.slice(0, Math.abs(options.limit));
        if (options.projection && Object.keys(options.projection).length > 0) {
          return new Query({}, MINGO_OPTIONS).find(docs as AnyObject[], options.projection as AnyObject).all();
        }
        return docs;
      }
      case 'count_documents':
        return this.matching(c, filterArg(0)).length;
      case 'distinct': {
        const seen = new Map<string, unknown>();
        for (const d of this.matching(c, filterArg(1))) {
          const v = path(d, String(args[0]));
          for (const x of Array.isArray(v) ? v : [v]) if (x !== undefined) seen.set(keyText(x), x);
        }
        return [...seen.values()];
      }
      case 'aggregate': {
        if (!Array.isArray(args[0])) throw new MongoError('aggregate takes a list of pipeline stages', 2);
        const stages = args[0] as AnyObject[];
        for (const s of stages) if (Object.keys(s).some((k) => k === '$out' || k === '$merge' || k === '$lookup')) throw new MongoError(`${Object.keys(s)[0]} is not supported by the embedded MongoDB`, 2);
        return new Aggregator(stages, MINGO_OPTIONS).run(c.docs);
      }
      case 'create_index':
        return this.createIndex(db, name, c, args[0] as [string, number][], args[1] === true, typeof args[2] === 'string' ? args[2] : null);
      case 'drop': {
        this.dbs.get(db)?.delete(name);
        return null;
      }
      default:
        throw new MongoError(`the embedded MongoDB has no operation '${op}'`, 59);
    }
  }

  private createIndex(db: string, name: string, c: Collection, keys: [string, number][], unique: boolean, given: string | null): string {
    if (!Array.isArray(keys) || keys.length === 0) throw new MongoError('create_index needs a field name or a list of (field, direction) pairs', 67);
    const indexName = given ?? keys.map(([f, d]) => `${f}_${d}`).join('_');
    if (c.indexes.some((ix) => ix.name === indexName)) return indexName;
    const fields = keys.map(([f]) => f);
    const ix: Index = { name: indexName, fields, unique, byKey: unique ? new Map() : null };
    if (ix.byKey) {
      for (const d of c.docs) {
        const k = indexKey(ix, d);
        if (ix.byKey.has(k)) throw duplicate(db, name, indexName, Object.fromEntries(fields.map((f) => [f, path(d, f) ?? null])));
        ix.byKey.set(k, d);
      }
    }
    c.indexes.push(ix);
    return indexName;
  }

  private update(db: string, name: string, c: Collection, filter: Doc, update: Doc, upsert: boolean, many: boolean, replace: boolean): unknown {
    if (replace && isOperatorDoc(update)) throw new MongoError('replacement document must not contain update operators', 2);
    const operators = isOperatorDoc(update);
    if (!replace && !operators) throw new MongoError("update only works with $ operators (e.g. {'$inc': {'count': 1}}); use replace_one to replace a document", 9);
    const found = this.matching(c, filter);
    const targets = many ? found : found.slice(0, 1);
    let modified = 0;
    for (const doc of targets) {
      const next = replace ? { _id: doc._id, ...update } : structuredClone(doc);
      if (!replace) applyUpdate(next, update as AnyObject, [], undefined, { cloneMode: 'deep', queryOptions: MINGO_OPTIONS });
      if (keyText(next._id) !== keyText(doc._id)) throw new MongoError("Performing an update on the path '_id' would modify the immutable field '_id'", 66);
      if (keyText(next) === keyText(doc)) continue;
      this.checkUnique(db, name, c, next, doc);
      this.unlink(c, doc);
      for (const k of Object.keys(doc)) delete doc[k];
      Object.assign(doc, next);
      this.link(c, doc);
      modified++;
    }
    if (targets.length > 0 || !upsert) return { matched_count: found.length > 0 ? targets.length : 0, modified_count: modified, upserted_id: null };
    // Upsert: the filter's equalities seed the new document, then the update applies to it (MongoDB's rule).
    const seed: Doc = {};
    for (const [k, v] of Object.entries(filter)) {
      if (k.startsWith('$')) continue;
      if (!isOperatorValue(v)) setPath(seed, k, v);
      else if (v !== null && typeof v === 'object' && '$eq' in v) setPath(seed, k, (v as Doc).$eq);
    }
    let doc: Doc;
    if (replace) doc = { ...(seed._id !== undefined ? { _id: seed._id } : {}), ...update };
    else {
      doc = seed;
      const insertOnly = update.$setOnInsert;
      const rest = { ...update };
      delete rest.$setOnInsert;
      if (Object.keys(rest).length > 0) applyUpdate(doc, rest as AnyObject, [], undefined, { cloneMode: 'deep', queryOptions: MINGO_OPTIONS });
      if (insertOnly !== undefined) applyUpdate(doc, { $set: insertOnly } as AnyObject, [], undefined, { cloneMode: 'deep', queryOptions: MINGO_OPTIONS });
    }
    const id = this.insert(db, name, c, doc);
    return { matched_count: 0, modified_count: 0, upserted_id: id };
  }

  /** Every database → collection → documents, for the Data tab (documents are the store's own: do not change them). */
  databases(): { name: string; collections: { name: string; docs: readonly Doc[]; indexes: string[] }[] }[] {
    return [...this.dbs.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, colls]) => ({
        name,
        collections: [...colls.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([n, c]) => ({ name: n, docs: c.docs, indexes: ['_id_', ...c.indexes.map((ix) => ix.name + (ix.unique ? ' (unique)' : ''))] })),
      }));
  }
}

function isOperatorValue(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && Object.keys(v).some((k) => k.startsWith('$'));
}

function indexKey(ix: Index, doc: Doc): string {
  return JSON.stringify(ix.fields.map((f) => plainDates(path(doc, f) ?? null)));
}

function setPath(doc: Doc, field: string, value: unknown): void {
  const parts = field.split('.');
  let o = doc;
  for (const p of parts.slice(0, -1)) {
    if (o[p] === null || typeof o[p] !== 'object') o[p] = {};
    o = o[p] as Doc;
  }
  o[parts[parts.length - 1]!] = value;
}

function duplicate(db: string, coll: string, index: string, key: Doc): MongoError {
  const shown = Object.entries(key)
    .map(([k, v]) => `${k}: ${JSON.stringify(plainDates(v))}`)
    .join(', ');
  return new MongoError(`E11000 duplicate key error collection: ${db}.${coll} index: ${index} dup key: { ${shown} }`, 11000);
}
