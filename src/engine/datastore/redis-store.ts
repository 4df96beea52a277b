/**
 * An embedded Redis for simulated runs: strings, hashes, lists, sets and sorted sets, with the
 * commands chapter 5 of the Petrel book uses (ZINCRBY, ZUNIONSTORE, ZREVRANGE … WITHSCORES,
 * EXPIRE/EXPIREAT) and the common ones. Commands are written as Redis writes them (`['ZINCRBY',
 * key, increment, member]`) and answer as Redis does over RESP: a string (bulk or status), an
 * integer, null, or an array. Expiry follows the engine's clock (`now`, seconds since the epoch), so
 * a virtual-time run expires keys at the same simulated instant every time.
 */
import { bound, Database, type Entry, float, formatScore, globRegExp, inside, int, Keyspace, RedisError, type RedisReply, type RedisType, span, SYNTAX } from './redis-keyspace';

export { formatScore, RedisError, type RedisReply, type RedisType } from './redis-keyspace';

/** What answers commands: the embedded store, or a real server reached synchronously. */
export interface RedisBackend {
  /** Runs one command against database `db` (0–15). Throws {@link RedisError}. */
  call(db: number, args: readonly string[]): RedisReply;
  /** Where it lives, for the Data tab (`embedded` or the server's URL). */
  readonly where: string;
  /** ZINCRBY answering the new score as a number, when the backend has a shortcut for it. */
  zincrby?(db: number, key: string, by: number, member: string): number;
}

type Handler = (db: Database, a: readonly string[]) => RedisReply;

/**
 * The embedded store: 16 databases, as a Redis server has.
 *
 * @example
 * const redis = new RedisStore(() => engineTimeSeconds);
 * redis.call(0, ['ZINCRBY', 'word_count', '1', 'storm']); // '1'
 * redis.call(0, ['ZREVRANGE', 'word_count', '0', '9', 'WITHSCORES']); // ['storm', '1']
 */
export class RedisStore implements RedisBackend {
  readonly where = 'embedded';
  private readonly dbs: Database[] = Array.from({ length: 16 }, () => new Database());
  private readonly handlers = new Map<string, Handler>();
  private readonly keyspace: Keyspace;
  /** Commands run so far (the Data tab shows it). */
  commands = 0;

  /** @param now the engine's clock, seconds since the epoch. */
  constructor(now: () => number) {
    this.keyspace = new Keyspace(now);
    this.define();
  }

  call(db: number, args: readonly string[]): RedisReply {
    const d = this.dbs[db];
    if (d === undefined) throw new RedisError('ERR DB index is out of range');
    const name = args[0];
    if (name === undefined) throw new RedisError('ERR empty command');
    const handler = this.handlers.get(name.toUpperCase());
    if (handler === undefined) throw new RedisError(`ERR unknown command '${name}' (the embedded Redis has the commands listed in docs/python.md)`);
    this.commands++;
    return handler(d, args);
  }

  /** ZINCRBY without parsing or formatting: the new score (the Python clients' fast path). */
  zincrby(db: number, key: string, by: number, member: string): number {
    const d = this.dbs[db];
    if (d === undefined) throw new RedisError('ERR DB index is out of range');
    this.commands++;
    const e = this.keyspace.create(d, key, 'zset');
    const v = (e.v.get(member) ?? 0) + by;
    if (Number.isNaN(v)) throw new RedisError('ERR resulting score is not a number (NaN)');
    e.v.set(member, v);
    return v;
  }

  /** Database `db` as plain data, for the Data tab: keys sorted, with type and expiry. */
  entries(db: number): { key: string; type: RedisType; expiresAt: number | null; value: Entry['v'] }[] {
    const d = this.dbs[db]!;
    const out: { key: string; type: RedisType; expiresAt: number | null; value: Entry['v'] }[] = [];
    for (const key of [...d.keys.keys()].sort()) {
      const e = this.keyspace.lookup(d, key);
      if (e) out.push({ key, type: e.t, expiresAt: d.expires.get(key) ?? null, value: e.v });
    }
    return out;
  }

  /** Indexes of the databases holding keys. */
  usedDatabases(): number[] {
    return this.dbs.flatMap((d, i) => (d.keys.size > 0 ? [i] : []));
  }

  private define(): void {
    const ks = this.keyspace;
    const h = (names: string, min: number, fn: Handler) => {
      for (const name of names.split(' ')) {
        this.handlers.set(name, (d, a) => {
          if (a.length < min) throw new RedisError(`ERR wrong number of arguments for '${a[0]!.toLowerCase()}' command`);
          return fn(d, a);
        });
      }
    };
    // Connection and keys.
    h('PING', 1, (_, a) => a[1] ?? 'PONG');
    h('ECHO', 2, (_, a) => a[1]!);
    h('SELECT', 2, () => 'OK');
    h('DEL UNLINK', 2, (d, a) => a.slice(1).reduce((n, k) => n + (ks.del(d, k) ? 1 : 0), 0));
    h('EXISTS', 2, (d, a) => a.slice(1).reduce((n, k) => n + (ks.lookup(d, k) ? 1 : 0), 0));
    h('TYPE', 2, (d, a) => ks.lookup(d, a[1]!)?.t ?? 'none');
    h('KEYS', 2, (d, a) => {
      const re = globRegExp(a[1]!);
      return [...d.keys.keys()].filter((k) => re.test(k) && ks.lookup(d, k) !== undefined);
    });
    h('DBSIZE', 1, (d) => [...d.keys.keys()].filter((k) => ks.lookup(d, k) !== undefined).length);
    h('FLUSHDB', 1, (d) => {
      d.keys.clear();
      d.expires.clear();
      return 'OK';
    });
    h('FLUSHALL', 1, () => {
      for (const d of this.dbs) {
        d.keys.clear();
        d.expires.clear();
      }
      return 'OK';
    });
    h('RENAME', 3, (d, a) => {
      const e = ks.lookup(d, a[1]!);
      if (!e) throw new RedisError('ERR no such key');
      const at = d.expires.get(a[1]!);
      ks.del(d, a[1]!);
      d.keys.set(a[2]!, e);
      if (at !== undefined) d.expires.set(a[2]!, at);
      else d.expires.delete(a[2]!);
      return 'OK';
    });
    h('EXPIRE', 3, (d, a) => ks.expireAt(d, a[1]!, ks.now() * 1000 + int(a[2]) * 1000));
    h('PEXPIRE', 3, (d, a) => ks.expireAt(d, a[1]!, ks.now() * 1000 + int(a[2])));
    h('EXPIREAT', 3, (d, a) => ks.expireAt(d, a[1]!, int(a[2]) * 1000));
    h('PEXPIREAT', 3, (d, a) => ks.expireAt(d, a[1]!, int(a[2])));
    h('TTL', 2, (d, a) => ks.ttl(d, a[1]!, 1000));
    h('PTTL', 2, (d, a) => ks.ttl(d, a[1]!, 1));
    h('PERSIST', 2, (d, a) => (ks.lookup(d, a[1]!) && d.expires.delete(a[1]!) ? 1 : 0));
    // Strings.
    h('GET', 2, (d, a) => ks.str(d, a[1]!));
    h('SET', 3, (d, a) => {
      let nx = false;
      let xx = false;
      let getOld = false;
      let expireMs: number | null = null;
      for (let i = 3; i < a.length; i++) {
        const f = a[i]!.toUpperCase();
        if (f === 'NX') nx = true;
        else if (f === 'XX') xx = true;
        else if (f === 'GET') getOld = true;
        else if (f === 'EX') expireMs = ks.now() * 1000 + int(a[++i]) * 1000;
        else if (f === 'PX') expireMs = ks.now() * 1000 + int(a[++i]);
        else if (f === 'EXAT') expireMs = int(a[++i]) * 1000;
        else if (f === 'PXAT') expireMs = int(a[++i]);
        else throw new RedisError(SYNTAX);
      }
      const old = getOld ? ks.str(d, a[1]!) : null;
      const exists = ks.lookup(d, a[1]!) !== undefined;
      if ((nx && exists) || (xx && !exists)) return getOld ? old : null;
      ks.setString(d, a[1]!, a[2]!);
      if (expireMs !== null) d.expires.set(a[1]!, expireMs);
      return getOld ? old : 'OK';
    });
    h('SETNX', 3, (d, a) => (ks.lookup(d, a[1]!) ? 0 : (ks.setString(d, a[1]!, a[2]!), 1)));
    h('SETEX', 4, (d, a) => {
      ks.setString(d, a[1]!, a[3]!);
      d.expires.set(a[1]!, ks.now() * 1000 + int(a[2]) * 1000);
      return 'OK';
    });
    h('GETSET', 3, (d, a) => {
      const old = ks.str(d, a[1]!);
      ks.setString(d, a[1]!, a[2]!);
      return old;
    });
    h('MGET', 2, (d, a) => a.slice(1).map((k) => (ks.lookup(d, k)?.t === 'string' ? ks.str(d, k) : null)));
    h('MSET', 3, (d, a) => {
      if (a.length % 2 === 0) throw new RedisError(`ERR wrong number of arguments for 'mset' command`);
      for (let i = 1; i < a.length; i += 2) ks.setString(d, a[i]!, a[i + 1]!);
      return 'OK';
    });
    h('INCR', 2, (d, a) => ks.incr(d, a[1]!, 1));
    h('DECR', 2, (d, a) => ks.incr(d, a[1]!, -1));
    h('INCRBY', 3, (d, a) => ks.incr(d, a[1]!, int(a[2])));
    h('DECRBY', 3, (d, a) => ks.incr(d, a[1]!, -int(a[2])));
    h('INCRBYFLOAT', 3, (d, a) => {
      const cur = ks.str(d, a[1]!);
      const v = formatScore((cur === null ? 0 : float(cur)) + float(a[2]));
      const e = ks.lookup(d, a[1]!);
      if (e) (e as { v: string }).v = v;
      else d.keys.set(a[1]!, { t: 'string', v });
      return v;
    });
    h('APPEND', 3, (d, a) => {
      const v = (ks.str(d, a[1]!) ?? '') + a[2]!;
      const e = ks.lookup(d, a[1]!);
      if (e) (e as { v: string }).v = v;
      else d.keys.set(a[1]!, { t: 'string', v });
      return v.length;
    });
    h('STRLEN', 2, (d, a) => (ks.str(d, a[1]!) ?? '').length);
    // Hashes.
    h('HSET HMSET', 4, (d, a) => {
      if (a.length % 2 !== 0) throw new RedisError(`ERR wrong number of arguments for '${a[0]!.toLowerCase()}' command`);
      const e = ks.create(d, a[1]!, 'hash');
      let added = 0;
      for (let i = 2; i < a.length; i += 2) {
        if (!e.v.has(a[i]!)) added++;
        e.v.set(a[i]!, a[i + 1]!);
      }
      return a[0]!.toUpperCase() === 'HMSET' ? 'OK' : added;
    });
    h('HSETNX', 4, (d, a) => {
      const e = ks.create(d, a[1]!, 'hash');
      if (e.v.has(a[2]!)) return 0;
      e.v.set(a[2]!, a[3]!);
      return 1;
    });
    h('HGET', 3, (d, a) => ks.typed(d, a[1]!, 'hash')?.v.get(a[2]!) ?? null);
    h('HMGET', 3, (d, a) => {
      const e = ks.typed(d, a[1]!, 'hash');
      return a.slice(2).map((f) => e?.v.get(f) ?? null);
    });
    h('HGETALL', 2, (d, a) => [...(ks.typed(d, a[1]!, 'hash')?.v ?? [])].flat());
    h('HKEYS', 2, (d, a) => [...(ks.typed(d, a[1]!, 'hash')?.v.keys() ?? [])]);
    h('HVALS', 2, (d, a) => [...(ks.typed(d, a[1]!, 'hash')?.v.values() ?? [])]);
    h('HLEN', 2, (d, a) => ks.typed(d, a[1]!, 'hash')?.v.size ?? 0);
    h('HEXISTS', 3, (d, a) => (ks.typed(d, a[1]!, 'hash')?.v.has(a[2]!) ? 1 : 0));
    h('HDEL', 3, (d, a) => ks.remove(d, a, 'hash'));
    h('HINCRBY', 4, (d, a) => {
      const e = ks.create(d, a[1]!, 'hash');
      const cur = e.v.get(a[2]!);
      let n: number;
      try {
        n = (cur === undefined ? 0 : int(cur)) + int(a[3]);
      } catch {
        throw new RedisError('ERR hash value is not an integer');
      }
      e.v.set(a[2]!, String(n));
      return n;
    });
    h('HINCRBYFLOAT', 4, (d, a) => {
      const e = ks.create(d, a[1]!, 'hash');
      const cur = e.v.get(a[2]!);
      const v = formatScore((cur === undefined ? 0 : float(cur)) + float(a[3]));
      e.v.set(a[2]!, v);
      return v;
    });
    // Lists.
    const push = (d: Database, a: readonly string[], left: boolean, onlyIfExists: boolean): number => {
      if (onlyIfExists && !ks.typed(d, a[1]!, 'list')) return 0;
      const e = ks.create(d, a[1]!, 'list');
      for (const v of a.slice(2)) {
        if (left) e.v.unshift(v);
        else e.v.push(v);
      }
      return e.v.length;
    };
    h('LPUSH', 3, (d, a) => push(d, a, true, false));
    h('RPUSH', 3, (d, a) => push(d, a, false, false));
    h('LPUSHX', 3, (d, a) => push(d, a, true, true));
    h('RPUSHX', 3, (d, a) => push(d, a, false, true));
    const pop = (d: Database, a: readonly string[], left: boolean): RedisReply => {
      const e = ks.typed(d, a[1]!, 'list');
      if (!e) return null;
      const count = a[2] === undefined ? null : int(a[2]);
      const taken = left ? e.v.splice(0, count ?? 1) : e.v.splice(Math.max(0, e.v.length - (count ?? 1))).reverse();
      ks.prune(d, a[1]!, e);
      return count === null ? (taken[0] ?? null) : taken;
    };
    h('LPOP', 2, (d, a) => pop(d, a, true));
    h('RPOP', 2, (d, a) => pop(d, a, false));
    h('LLEN', 2, (d, a) => ks.typed(d, a[1]!, 'list')?.v.length ?? 0);
    h('LRANGE', 4, (d, a) => {
      const v = ks.typed(d, a[1]!, 'list')?.v ?? [];
      const s = span(int(a[2]), int(a[3]), v.length);
      return s ? v.slice(s[0], s[1] + 1) : [];
    });
    h('LINDEX', 3, (d, a) => {
      const v = ks.typed(d, a[1]!, 'list')?.v ?? [];
      const i = int(a[2]);
      return v[i < 0 ? v.length + i : i] ?? null;
    });
    h('LSET', 4, (d, a) => {
      const e = ks.typed(d, a[1]!, 'list');
      if (!e) throw new RedisError('ERR no such key');
      let i = int(a[2]);
      if (i < 0) i += e.v.length;
      if (i < 0 || i >= e.v.length) throw new RedisError('ERR index out of range');
      e.v[i] = a[3]!;
      return 'OK';
    });
    h('LREM', 4, (d, a) => {
      const e = ks.typed(d, a[1]!, 'list');
      if (!e) return 0;
      const count = int(a[2]);
      const order = count < 0 ? [...e.v.keys()].reverse() : [...e.v.keys()];
      const drop = new Set<number>();
      for (const i of order) if (e.v[i] === a[3] && (count === 0 || drop.size < Math.abs(count))) drop.add(i);
      const kept = e.v.filter((_, i) => !drop.has(i));
      e.v.length = 0;
      e.v.push(...kept);
      ks.prune(d, a[1]!, e);
      return drop.size;
    });
    h('LTRIM', 4, (d, a) => {
      const e = ks.typed(d, a[1]!, 'list');
      if (!e) return 'OK';
      const s = span(int(a[2]), int(a[3]), e.v.length);
      const kept = s ? e.v.slice(s[0], s[1] + 1) : [];
      e.v.length = 0;
      e.v.push(...kept);
      ks.prune(d, a[1]!, e);
      return 'OK';
    });
    // Sets.
    h('SADD', 3, (d, a) => {
      const e = ks.create(d, a[1]!, 'set');
      const before = e.v.size;
      for (const m of a.slice(2)) e.v.add(m);
      return e.v.size - before;
    });
    h('SREM', 3, (d, a) => ks.remove(d, a, 'set'));
    h('SMEMBERS', 2, (d, a) => [...(ks.typed(d, a[1]!, 'set')?.v ?? [])]);
    h('SISMEMBER', 3, (d, a) => (ks.typed(d, a[1]!, 'set')?.v.has(a[2]!) ? 1 : 0));
    h('SCARD', 2, (d, a) => ks.typed(d, a[1]!, 'set')?.v.size ?? 0);
    const members = (d: Database, k: string) => ks.typed(d, k, 'set')?.v ?? new Set<string>();
    h('SUNION', 2, (d, a) => [...new Set(a.slice(1).flatMap((k) => [...members(d, k)]))]);
    h('SINTER', 2, (d, a) => {
      const [first, ...rest] = a.slice(1).map((k) => members(d, k));
      return [...first!].filter((m) => rest.every((s) => s.has(m)));
    });
    h('SDIFF', 2, (d, a) => {
      const [first, ...rest] = a.slice(1).map((k) => members(d, k));
      return [...first!].filter((m) => !rest.some((s) => s.has(m)));
    });
    // Sorted sets.
    h('ZADD', 4, (d, a) => {
      let i = 2;
      const flags = new Set<string>();
      while (i < a.length && ['NX', 'XX', 'CH', 'INCR', 'GT', 'LT'].includes(a[i]!.toUpperCase())) flags.add(a[i++]!.toUpperCase());
      if (i >= a.length || (a.length - i) % 2 !== 0) throw new RedisError(SYNTAX);
      const pairs: [number, string][] = [];
      for (; i < a.length; i += 2) pairs.push([float(a[i]), a[i + 1]!]);
      const e = ks.create(d, a[1]!, 'zset');
      let added = 0;
      let changed = 0;
      let last: number | null = null;
      for (const [score, m] of pairs) {
        const cur = e.v.get(m);
        if ((flags.has('NX') && cur !== undefined) || (flags.has('XX') && cur === undefined)) continue;
        const next = flags.has('INCR') ? (cur ?? 0) + score : score;
        if (cur !== undefined && ((flags.has('GT') && next <= cur) || (flags.has('LT') && next >= cur))) continue;
        if (cur === undefined) added++;
        else if (cur !== next) changed++;
        e.v.set(m, next);
        last = next;
      }
      ks.prune(d, a[1]!, e);
      if (flags.has('INCR')) return last === null ? null : formatScore(last);
      return flags.has('CH') ? added + changed : added;
    });
    h('ZINCRBY', 4, (d, a) => {
      const e = ks.create(d, a[1]!, 'zset');
      const by = float(a[2]);
      const v = (e.v.get(a[3]!) ?? 0) + by;
      if (Number.isNaN(v)) throw new RedisError('ERR resulting score is not a number (NaN)');
      e.v.set(a[3]!, v);
      return formatScore(v);
    });
    h('ZSCORE', 3, (d, a) => {
      const v = ks.typed(d, a[1]!, 'zset')?.v.get(a[2]!);
      return v === undefined ? null : formatScore(v);
    });
    h('ZREM', 3, (d, a) => ks.remove(d, a, 'zset'));
    h('ZCARD', 2, (d, a) => ks.typed(d, a[1]!, 'zset')?.v.size ?? 0);
    h('ZCOUNT', 4, (d, a) => {
      const lo = bound(a[2]);
      const hi = bound(a[3]);
      return [...(ks.typed(d, a[1]!, 'zset')?.v.values() ?? [])].filter((s) => inside(s, lo, hi)).length;
    });
    h('ZRANGE', 4, (d, a) => ks.zrange(d, a, false));
    h('ZREVRANGE', 4, (d, a) => ks.zrange(d, a, true));
    h('ZRANGEBYSCORE', 4, (d, a) => ks.zrangeByScore(d, a, false));
    h('ZREVRANGEBYSCORE', 4, (d, a) => ks.zrangeByScore(d, a, true));
    const rank = (d: Database, a: readonly string[], reverse: boolean): number | null => {
      const z = ks.typed(d, a[1]!, 'zset');
      if (!z || !z.v.has(a[2]!)) return null;
      const i = ks.zsorted(z.v).findIndex(([m]) => m === a[2]);
      return reverse ? z.v.size - 1 - i : i;
    };
    h('ZRANK', 3, (d, a) => rank(d, a, false));
    h('ZREVRANK', 3, (d, a) => rank(d, a, true));
    h('ZREMRANGEBYRANK', 4, (d, a) => {
      const z = ks.typed(d, a[1]!, 'zset');
      if (!z) return 0;
      const sorted = ks.zsorted(z.v);
      const s = span(int(a[2]), int(a[3]), sorted.length);
      if (!s) return 0;
      for (const [m] of sorted.slice(s[0], s[1] + 1)) z.v.delete(m);
      ks.prune(d, a[1]!, z);
      return s[1] - s[0] + 1;
    });
    h('ZUNIONSTORE', 4, (d, a) => ks.zstore(d, a, false));
    h('ZINTERSTORE', 4, (d, a) => ks.zstore(d, a, true));
  }
}
