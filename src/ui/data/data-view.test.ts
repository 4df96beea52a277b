import { describe, expect, it } from 'vitest';
import type { DatastoresView } from '../../engine/datastore/stores';
import { defaultKey, formatTtl, rankedRows } from './data-view';

const view: DatastoresView = {
  redis: {
    where: 'embedded',
    commands: 3,
    dbs: [
      {
        db: 0,
        more: 0,
        keys: [
          { key: 'a', type: 'string', ttl: null, size: 1, items: ['x'] },
          { key: 'small', type: 'zset', ttl: 5, size: 1, items: [], ranked: [['x', 1]] },
          { key: 'top', type: 'zset', ttl: null, size: 2, items: [], ranked: [['storm', 4], ['redis', 1]] },
        ],
      },
    ],
  },
  mongo: null,
};

describe('the Data tab view', () => {
  it('ranks a sorted set with bars relative to the top score', () => {
    expect(rankedRows(view.redis!.dbs[0]!.keys[2]!)).toEqual([
      { rank: 1, member: 'storm', score: 4, share: 1 },
      { rank: 2, member: 'redis', score: 1, share: 0.25 },
    ]);
  });
  it('shows the chosen key while it exists, else the largest sorted set', () => {
    expect(defaultKey(view, null)!.key.key).toBe('top');
    expect(defaultKey(view, { db: 0, key: 'a' })!.key.key).toBe('a');
    expect(defaultKey(view, { db: 0, key: 'gone' })!.key.key).toBe('top');
    expect(defaultKey({ redis: null, mongo: null }, null)).toBeNull();
  });
  it('says how long a key lives', () => {
    expect(formatTtl(null)).toBe('no expiry');
    expect(formatTtl(42)).toBe('42 s');
    expect(formatTtl(243)).toBe('4 min 3 s');
  });
});
