/**
 * The embedded Redis's keyspace (`redis-store.ts` answers the commands): its values, the
 * operations commands share (typed lookups that honour expiry, removal of emptied containers,
 * sorted-set ranges and stores) and Redis's parsing and formatting of numbers.
 */

export type RedisReply = string | number | null | RedisReply[];

/** A command Redis refuses (Redis's own message, e.g. `WRONGTYPE Operation against …`). */
export class RedisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisError';
  }
}

export type RedisType = 'string' | 'hash' | 'list' | 'set' | 'zset';

export type Entry =
  | { readonly t: 'string'; v: string }
  | { readonly t: 'hash'; readonly v: Map<string, string> }
  | { readonly t: 'list'; readonly v: string[] }
  | { readonly t: 'set'; readonly v: Set<string> }
  | { readonly t: 'zset'; readonly v: Map<string, number> };

const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';
const NOT_INT = 'ERR value is not an integer or out of range';
const NOT_FLOAT = 'ERR value is not a valid float';
export const SYNTAX = 'ERR syntax error';

/** Redis's text for a double: integers without a fraction, others in the shortest form. */
export function formatScore(n: number): string {
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  return String(n);
}

export function int(s: string | undefined): number {
  if (s === undefined || !/^[+-]?\d+$/.test(s)) throw new RedisError(NOT_INT);
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new RedisError(NOT_INT);
  return n;
}

export function float(s: string | undefined): number {
  if (s === undefined) throw new RedisError(NOT_FLOAT);
  const l = s.toLowerCase();
  if (l === 'inf' || l === '+inf') return Infinity;
  if (l === '-inf') return -Infinity;
  const n = s.trim() === '' ? NaN : Number(s);
  if (Number.isNaN(n)) throw new RedisError(NOT_FLOAT);
  return n;
}

/** A score bound of ZRANGEBYSCORE/ZCOUNT: `1.5`, `(1.5` (exclusive), `-inf`, `+inf`. */
export function bound(s: string | undefined): { v: number; open: boolean } {
  if (s !== undefined && s.startsWith('(')) return { v: float(s.slice(1)), open: true };
  return { v: float(s), open: false };
}

const escapeRegExp = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Redis's glob for KEYS: `*`, `?`, `[abc]`, `\x`. */
export function globRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        const body = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
        re += body.startsWith('^') ? `[^${body.slice(1)}]` : `[${body}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < pattern.length) re += escapeRegExp(pattern[++i]!);
    else re += escapeRegExp(c);
  }
  return new RegExp(`^${re}$`, 's');
}

/** Start/stop indexes as LRANGE and ZRANGE read them (negative from the end), clamped; null when empty. */
export function span(start: number, stop: number, length: number): [number, number] | null {
  let a = start < 0 ? length + start : start;
  let b = stop < 0 ? length + stop : stop;
  if (a < 0) a = 0;
  if (b >= length) b = length - 1;
  return a > b || a >= length ? null : [a, b];
}

const byScore = (a: [string, number], b: [string, number]) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

export class Database {
  readonly keys = new Map<string, Entry>();
  /** Key → expiry in ms since the epoch (engine clock). */
  readonly expires = new Map<string, number>();
}

/** The operations on a database that commands share; `now` is the engine's clock (seconds since the epoch). */
export class Keyspace {
  constructor(readonly now: () => number) {}

  lookup(d: Database, key: string): Entry | undefined {
    const e = d.keys.get(key);
    if (e !== undefined && d.expires.size > 0) {
      const at = d.expires.get(key);
      if (at !== undefined && at <= this.now() * 1000) {
        d.keys.delete(key);
        d.expires.delete(key);
        return undefined;
      }
    }
    return e;
  }

  typed<T extends Entry['t']>(d: Database, key: string, t: T): Extract<Entry, { t: T }> | undefined {
    const e = this.lookup(d, key);
    if (e !== undefined && e.t !== t) throw new RedisError(WRONGTYPE);
    return e as Extract<Entry, { t: T }> | undefined;
  }

  create<T extends Entry['t']>(d: Database, key: string, t: T): Extract<Entry, { t: T }> {
    const e = this.typed(d, key, t);
    if (e !== undefined) return e;
    const made = (
      t === 'hash' ? { t, v: new Map() } : t === 'list' ? { t, v: [] } : t === 'set' ? { t, v: new Set() } : t === 'zset' ? { t, v: new Map() } : { t, v: '' }
    ) as Extract<Entry, { t: T }>;
    d.keys.set(key, made);
    return made;
  }

  /** Drops a container left empty, as Redis does. */
  prune(d: Database, key: string, e: Entry): void {
    const size = e.t === 'string' ? 1 : e.t === 'list' ? e.v.length : e.v.size;
    if (size === 0) this.del(d, key);
  }

  del(d: Database, key: string): boolean {
    const had = this.lookup(d, key) !== undefined;
    d.keys.delete(key);
    d.expires.delete(key);
    return had;
  }

  setString(d: Database, key: string, v: string): void {
    d.keys.set(key, { t: 'string', v });
    d.expires.delete(key);
  }

  str(d: Database, key: string): string | null {
    return this.typed(d, key, 'string')?.v ?? null;
  }

  incr(d: Database, key: string, by: number): number {
    const cur = this.str(d, key);
    const n = (cur === null ? 0 : int(cur)) + by;
    if (!Number.isSafeInteger(n)) throw new RedisError('ERR increment or decrement would overflow');
    const e = this.lookup(d, key);
    if (e) (e as { v: string }).v = String(n);
    else d.keys.set(key, { t: 'string', v: String(n) });
    return n;
  }

  expireAt(d: Database, key: string, ms: number): number {
    if (this.lookup(d, key) === undefined) return 0;
    if (ms <= this.now() * 1000) this.del(d, key);
    else d.expires.set(key, ms);
    return 1;
  }

  ttl(d: Database, key: string, unit: number): number {
    if (this.lookup(d, key) === undefined) return -2;
    const at = d.expires.get(key);
    return at === undefined ? -1 : Math.max(0, Math.round((at - this.now() * 1000) / unit));
  }

  /** HDEL, SREM, ZREM: removes the fields or members a[2…]; how many were there. */
  remove(d: Database, a: readonly string[], t: 'hash' | 'set' | 'zset'): number {
    const e = this.typed(d, a[1]!, t);
    if (!e) return 0;
    const n = a.slice(2).reduce((c, m) => c + (e.v.delete(m) ? 1 : 0), 0);
    this.prune(d, a[1]!, e);
    return n;
  }

  zsorted(z: Map<string, number>): [string, number][] {
    return [...z.entries()].sort(byScore);
  }

  zrange(d: Database, a: readonly string[], reverse: boolean): RedisReply {
    if (a.length < 4) throw new RedisError(`ERR wrong number of arguments for '${a[0]!.toLowerCase()}' command`);
    const flags = a.slice(4).map((f) => f.toUpperCase());
    if (flags.some((f) => f !== 'WITHSCORES')) throw new RedisError(SYNTAX);
    const z = this.typed(d, a[1]!, 'zset');
    if (!z) return [];
    let sorted = this.zsorted(z.v);
    if (reverse) sorted = sorted.reverse();
    const s = span(int(a[2]), int(a[3]), sorted.length);
    if (!s) return [];
    return withScores(sorted.slice(s[0], s[1] + 1), flags.length > 0);
  }

  zrangeByScore(d: Database, a: readonly string[], reverse: boolean): RedisReply {
    const [hi, lo] = reverse ? [bound(a[2]), bound(a[3])] : [bound(a[3]), bound(a[2])];
    let scores = false;
    let offset = 0;
    let count = -1;
    for (let i = 4; i < a.length; i++) {
      const f = a[i]!.toUpperCase();
      if (f === 'WITHSCORES') scores = true;
      else if (f === 'LIMIT' && i + 2 < a.length) {
        offset = int(a[i + 1]);
        count = int(a[i + 2]);
        i += 2;
      } else throw new RedisError(SYNTAX);
    }
    const z = this.typed(d, a[1]!, 'zset');
    if (!z) return [];
    let sorted = this.zsorted(z.v).filter(([, s]) => inside(s, lo, hi));
    if (reverse) sorted = sorted.reverse();
    sorted = sorted.slice(offset, count < 0 ? undefined : offset + count);
    return withScores(sorted, scores);
  }

  zstore(d: Database, a: readonly string[], inter: boolean): number {
    const n = int(a[2]);
    if (n < 1 || a.length < 3 + n) throw new RedisError(SYNTAX);
    const sources = a.slice(3, 3 + n);
    const weights = sources.map(() => 1);
    let aggregate = 'SUM';
    for (let i = 3 + n; i < a.length; i++) {
      const f = a[i]!.toUpperCase();
      if (f === 'WEIGHTS') {
        for (let k = 0; k < n; k++) weights[k] = float(a[++i]);
      } else if (f === 'AGGREGATE') aggregate = (a[++i] ?? '').toUpperCase();
      else throw new RedisError(SYNTAX);
    }
    if (!['SUM', 'MIN', 'MAX'].includes(aggregate)) throw new RedisError(SYNTAX);
    const combine = (x: number, y: number) => (aggregate === 'SUM' ? x + y : aggregate === 'MIN' ? Math.min(x, y) : Math.max(x, y));
    // Plain sets take part with score 1, as in Redis.
    const maps = sources.map((k) => {
      const e = this.lookup(d, k);
      if (e === undefined) return new Map<string, number>();
      if (e.t === 'zset') return e.v;
      if (e.t === 'set') return new Map([...e.v].map((m) => [m, 1]));
      throw new RedisError(WRONGTYPE);
    });
    const out = new Map<string, number>();
    maps.forEach((m, k) => {
      for (const [member, score] of m) {
        const w = score * weights[k]!;
        const v = Number.isNaN(w) ? 0 : w;
        const seen = out.get(member);
        out.set(member, seen === undefined ? v : combine(seen, v));
      }
    });
    if (inter) for (const member of [...out.keys()]) if (!maps.every((m) => m.has(member))) out.delete(member);
    this.del(d, a[1]!);
    if (out.size > 0) d.keys.set(a[1]!, { t: 'zset', v: out });
    return out.size;
  }
}

export function inside(s: number, lo: { v: number; open: boolean }, hi: { v: number; open: boolean }): boolean {
  return (lo.open ? s > lo.v : s >= lo.v) && (hi.open ? s < hi.v : s <= hi.v);
}

export function withScores(pairs: readonly [string, number][], scores: boolean): string[] {
  return scores ? pairs.flatMap(([m, s]) => [m, formatScore(s)]) : pairs.map(([m]) => m);
}
