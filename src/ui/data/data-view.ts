/** What the Data tab shows, derived from the stores' view (pure: tested without React). */
import type { DatastoresView, RedisKeyView } from '../../engine/datastore/stores';

export interface RankedRow {
  readonly rank: number;
  readonly member: string;
  readonly score: number;
  /** Width of the bar, 0–1 of the top score. */
  readonly share: number;
}

/** A sorted set's members ranked highest first, with their bar widths. */
export function rankedRows(key: RedisKeyView): RankedRow[] {
  const ranked = key.ranked ?? [];
  const top = Math.max(...ranked.map(([, s]) => Math.abs(s)), 0);
  return ranked.map(([member, score], i) => ({ rank: i + 1, member, score, share: top > 0 ? Math.abs(score) / top : 0 }));
}

/** The key shown in detail: the chosen one while it exists, else the largest sorted set, else the first key. */
export function defaultKey(view: DatastoresView, chosen: { db: number; key: string } | null): { db: number; key: RedisKeyView } | null {
  const dbs = view.redis?.dbs ?? [];
  if (chosen) {
    const key = dbs.find((d) => d.db === chosen.db)?.keys.find((k) => k.key === chosen.key);
    if (key) return { db: chosen.db, key };
  }
  let best: { db: number; key: RedisKeyView } | null = null;
  for (const d of dbs) {
    for (const k of d.keys) {
      if (best === null || (k.type === 'zset' && (best.key.type !== 'zset' || k.size > best.key.size))) best = { db: d.db, key: k };
    }
  }
  return best;
}

/** "12 s", "4 min 3 s", "no expiry". */
export function formatTtl(ttl: number | null): string {
  if (ttl === null) return 'no expiry';
  if (ttl < 60) return `${ttl} s`;
  return `${Math.floor(ttl / 60)} min ${ttl % 60} s`;
}

export function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(2);
}
