import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../model';
import { layoutPositions } from './auto-layout';

describe('layoutPositions', () => {
  it('lays rolling top words out left to right in subscription order', async () => {
    const doc = EXAMPLES[1]!.create();
    const positions = await layoutPositions(doc, new Map());
    const x = (id: string) => positions.get(id)!.x;
    expect(positions.size).toBe(doc.components.length);
    expect(x('tweets')).toBeLessThan(x('split'));
    expect(x('split')).toBeLessThan(x('rolling-count'));
    expect(x('rolling-count')).toBeLessThan(x('intermediate-rankings'));
    expect(x('intermediate-rankings')).toBeLessThan(x('total-rankings'));
  });

  it('keeps the groupings tour free of overlaps', async () => {
    const doc = EXAMPLES[2]!.create();
    const size = { width: 200, height: 100 };
    const positions = [...(await layoutPositions(doc, new Map(doc.components.map((c) => [c.id, size])))).values()];
    for (let i = 0; i < positions.length; i++) {
      for (let j = i + 1; j < positions.length; j++) {
        const a = positions[i]!;
        const b = positions[j]!;
        const overlap = Math.abs(a.x - b.x) < size.width && Math.abs(a.y - b.y) < size.height;
        expect(overlap).toBe(false);
      }
    }
  });
});
