/**
 * Where a component added from the palette lands: in the part of the canvas that is visible (not
 * under the dock, the minimap, the zoom controls or the run legend), clear of every node, as
 * near as can be to where it belongs (a bolt right of the component it will likely subscribe to,
 * a spout under the other spouts). Pure: rectangles in flow coordinates in, a position out.
 */
import type { Position } from '../../model';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Space kept between the new node and any other, and between it and the edge of the view. */
export const SPOT_MARGIN = 24;
/** Grid of the positions tried (flow units). */
const STEP = 16;

const clear = (a: Rect, b: Rect, margin: number) =>
  a.x + a.width + margin <= b.x || b.x + b.width + margin <= a.x || a.y + a.height + margin <= b.y || b.y + b.height + margin <= a.y;

/**
 * The free spot for a node of `size` inside `view` nearest to `preferred`, or null when no spot
 * in view is free (the caller then puts it beside the graph and brings it into view).
 *
 * @example
 * freeSpot({ x: 0, y: 0, width: 800, height: 400 }, [{ x: 0, y: 0, width: 220, height: 96 }], { width: 220, height: 96 }, { x: 0, y: 0 })
 * // a spot right of or below the node, not on it
 */
export function freeSpot(view: Rect, obstacles: readonly Rect[], size: { readonly width: number; readonly height: number }, preferred: Position, margin = SPOT_MARGIN): Position | null {
  let best: Position | null = null;
  let bestDistance = Infinity;
  const left = view.x + margin;
  const top = view.y + margin;
  const right = view.x + view.width - margin - size.width;
  const bottom = view.y + view.height - margin - size.height;
  for (let y = top; y <= bottom; y += STEP) {
    for (let x = left; x <= right; x += STEP) {
      const d = (x - preferred.x) ** 2 + (y - preferred.y) ** 2;
      if (d >= bestDistance) continue;
      const spot = { x, y, width: size.width, height: size.height };
      if (obstacles.every((o) => clear(spot, o, margin))) {
        best = { x: Math.round(x), y: Math.round(y) };
        bestDistance = d;
      }
    }
  }
  return best;
}

/** Where a new node goes when nothing in view is free: right of every node, at `y`. */
export function besideGraph(nodes: readonly Rect[], y: number, margin = SPOT_MARGIN): Position {
  const right = nodes.reduce((m, n) => Math.max(m, n.x + n.width), 0);
  return { x: Math.round(right + margin * 3), y: Math.round(y) };
}
