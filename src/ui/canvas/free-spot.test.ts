import { describe, expect, it } from 'vitest';
import { besideGraph, freeSpot, SPOT_MARGIN, type Rect } from './free-spot';

const size = { width: 220, height: 96 };
const view: Rect = { x: 0, y: 0, width: 1000, height: 420 };
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('freeSpot', () => {
  it('takes the preferred place when it is free and in view', () => {
    expect(freeSpot(view, [], size, { x: 400, y: 160 })).toEqual({ x: 392, y: 152 });
  });

  it('moves off the nodes, staying in view, never overlapping', () => {
    const nodes: Rect[] = [
      { x: 40, y: 160, width: 220, height: 96 },
      { x: 340, y: 160, width: 220, height: 96 },
    ];
    // Right of the second node, where a bolt subscribing to it goes.
    const spot = freeSpot(view, nodes, size, { x: 340 + 220 + 80, y: 160 })!;
    expect(spot.y).toBe(152);
    expect(spot.x).toBeGreaterThanOrEqual(340 + 220 + SPOT_MARGIN);
    // Filling the view: each new spot is clear of the others and inside the view.
    const placed = [...nodes];
    for (let i = 0; i < 4; i++) {
      const next = freeSpot(view, placed, size, { x: 640, y: 160 });
      if (next === null) break;
      const r = { ...next, ...size };
      for (const p of placed) expect(overlaps(r, p)).toBe(false);
      expect(r.x >= view.x && r.y >= view.y && r.x + r.width <= view.x + view.width && r.y + r.height <= view.y + view.height).toBe(true);
      placed.push(r);
    }
    expect(placed.length).toBeGreaterThan(4);
  });

  it('says when nothing in view is free; beside the graph is then right of every node', () => {
    const full: Rect[] = [{ x: -10, y: -10, width: 1020, height: 440 }];
    expect(freeSpot(view, full, size, { x: 0, y: 0 })).toBeNull();
    expect(besideGraph([{ x: 0, y: 0, width: 220, height: 96 }, { x: 300, y: 0, width: 220, height: 96 }], 40)).toEqual({ x: 520 + 3 * SPOT_MARGIN, y: 40 });
  });
});
