/**
 * The data stores of one run: an embedded Redis and an embedded MongoDB that live as long as the
 * run and are shared by every task of it, as a server is. They live with the engine that runs every
 * Storm worker of the topology (one host: see `hostLayout` in src/sim-client/simulation.ts), so
 * calls are synchronous, cost no message, and replay exactly in virtual time. A `redis://` URL may
 * name a real server instead when the host can reach one ({@link RedisConnector}: `npm run simulate`).
 */
import { MongoStore } from './mongo-store';
import { RedisStore, type RedisBackend, type RedisType } from './redis-store';

const PYTHON_USE = /^[ \t]*(?:import[ \t]+(?:[\w.]+[ \t]*,[ \t]*)*(?:redis|pymongo)\b|from[ \t]+(?:redis|pymongo)\b)/m;
const JAVASCRIPT_USE = /\bstorm\s*\.\s*(?:redis|mongo)\b/;

/**
 * Whether a component's code may use the run's stores (`import redis`/`pymongo`, `storm.redis`/
 * `storm.mongo`): such a topology runs in one host, so every task reaches the same stores.
 */
export function usesDatastores(doc: { readonly components: readonly { readonly code: { readonly python?: string; readonly javascript?: string } }[] }): boolean {
  return doc.components.some((c) => (c.code.python !== undefined && PYTHON_USE.test(c.code.python)) || (c.code.javascript !== undefined && JAVASCRIPT_USE.test(c.code.javascript)));
}

/** Reaches a real Redis server for a URL, or returns null to use the embedded store. */
export type RedisConnector = (url: string) => RedisBackend | null;

export interface RedisKeyView {
  readonly key: string;
  readonly type: RedisType;
  /** Seconds left before it expires (engine clock), null without expiry. */
  readonly ttl: number | null;
  /** Members, fields, elements or 1 for a string. */
  readonly size: number;
  /** A string's value; the first elements of a list or set; `field=value` of a hash. */
  readonly items: readonly string[];
  /** Sorted sets: the highest scores first, as ZREVRANGE … WITHSCORES gives them. */
  readonly ranked?: readonly (readonly [string, number])[];
}

export interface CollectionView {
  readonly name: string;
  readonly count: number;
  readonly indexes: readonly string[];
  /** Column names (first-seen order over the rows shown). */
  readonly fields: readonly string[];
  /** The first documents, their values as text, one cell per field ('' when absent). */
  readonly rows: readonly (readonly string[])[];
}

/** The stores as the Data tab shows them (plain data, capped). */
export interface DatastoresView {
  readonly redis: {
    readonly where: string;
    readonly commands: number;
    readonly dbs: readonly { readonly db: number; readonly keys: readonly RedisKeyView[]; readonly more: number }[];
  } | null;
  readonly mongo: {
    readonly operations: number;
    readonly dbs: readonly { readonly name: string; readonly collections: readonly CollectionView[] }[];
  } | null;
}

/** Limits of the view: enough to watch rankings form, small enough to send four times a second. */
export const VIEW_LIMITS = { keys: 200, items: 20, ranked: 25, rows: 50 } as const;

/** The database number of a Redis URL's path (`redis://host:6379/2` → 2), 0 without one. */
export function redisDatabase(url: string): number {
  const m = /^rediss?:\/\/[^/]*\/(\d+)/.exec(url);
  const db = m ? Number(m[1]) : 0;
  if (db > 15) throw new Error(`Redis database ${db} in '${url}' is out of range (0–15)`);
  return db;
}

function cell(v: unknown): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v) ?? String(v);
}

export class RunDatastores {
  private embeddedRedis: RedisStore | null = null;
  private external = new Map<string, RedisBackend>();
  private mongoStore: MongoStore | null = null;

  /**
   * @param now the engine's clock, seconds since the epoch (expiry, ObjectIds).
   * @param connect reaches real servers (npm run simulate); absent: every URL uses the embedded store.
   */
  constructor(
    private readonly now: () => number,
    private readonly connect?: RedisConnector,
  ) {}

  /**
   * The Redis a client connects to: the embedded store, or the real server a `redis://` URL names
   * when a connector reaches it. `url` null: the client named no server (`StrictRedis()`).
   */
  redis(url: string | null): RedisBackend {
    if (url !== null && this.connect) {
      const server = url.replace(/^(rediss?:\/\/[^/]*).*$/, '$1');
      let backend = this.external.get(server);
      if (!backend) {
        const made = this.connect(url);
        if (made) {
          this.external.set(server, made);
          backend = made;
        }
      }
      if (backend) return backend;
    }
    this.embeddedRedis ??= new RedisStore(this.now);
    return this.embeddedRedis;
  }

  mongo(): MongoStore {
    this.mongoStore ??= new MongoStore(this.now);
    return this.mongoStore;
  }

  /** The stores' contents for the Data tab; null while no task used them. */
  view(): DatastoresView | null {
    if (this.embeddedRedis === null && this.mongoStore === null && this.external.size === 0) return null;
    return { redis: this.redisView(), mongo: this.mongoView() };
  }

  private redisView(): DatastoresView['redis'] {
    const r = this.embeddedRedis;
    const servers = [...this.external.values()];
    if (r === null && servers.length === 0) return null;
    if (r === null) return { where: servers.map((s) => s.where).join(', '), commands: 0, dbs: [] };
    const now = this.now();
    const dbs = r.usedDatabases().map((db) => {
      const entries = r.entries(db);
      const keys = entries.slice(0, VIEW_LIMITS.keys).map((e): RedisKeyView => {
        const ttl = e.expiresAt === null ? null : Math.max(0, Math.round(e.expiresAt / 1000 - now));
        const v = e.value;
        if (typeof v === 'string') return { key: e.key, type: e.type, ttl, size: 1, items: [v.slice(0, 200)] };
        if (Array.isArray(v)) return { key: e.key, type: e.type, ttl, size: v.length, items: v.slice(0, VIEW_LIMITS.items) };
        if (v instanceof Set) return { key: e.key, type: e.type, ttl, size: v.size, items: [...v].slice(0, VIEW_LIMITS.items) };
        if (e.type === 'zset') {
          const ranked = [...(v as Map<string, number>).entries()]
            .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0))
            .slice(0, VIEW_LIMITS.ranked);
          return { key: e.key, type: e.type, ttl, size: v.size, items: [], ranked };
        }
        const items = [...(v as Map<string, string>).entries()].slice(0, VIEW_LIMITS.items).map(([f, x]) => `${f}=${x}`);
        return { key: e.key, type: e.type, ttl, size: v.size, items };
      });
      return { db, keys, more: Math.max(0, entries.length - keys.length) };
    });
    const where = ['embedded', ...servers.map((s) => s.where)].join(', ');
    return { where, commands: r.commands, dbs };
  }

  private mongoView(): DatastoresView['mongo'] {
    const m = this.mongoStore;
    if (m === null) return null;
    return {
      operations: m.operations,
      dbs: m.databases().map((d) => ({
        name: d.name,
        collections: d.collections.map((c): CollectionView => {
          const shown = c.docs.slice(0, VIEW_LIMITS.rows);
          const fields: string[] = [];
          for (const doc of shown) for (const k of Object.keys(doc)) if (!fields.includes(k)) fields.push(k);
          return { name: c.name, count: c.docs.length, indexes: c.indexes, fields, rows: shown.map((doc) => fields.map((f) => cell(doc[f]))) };
        }),
      })),
    };
  }
}
