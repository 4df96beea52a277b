import type { ComponentSpec, Position } from '../model';

/** Horizontal distance between depth columns and vertical distance between rows, in canvas units. */
export const COLUMN_WIDTH = 320;
export const ROW_HEIGHT = 140;

/**
 * Positions for an imported graph, readable before anyone presses auto-layout: spouts (and
 * anything nothing feeds) in the first column, every other component one column right of its
 * nearest upstream column (breadth-first from the spouts, so cycles terminate), rows ordered by
 * the average row of their inputs to limit crossings.
 *
 * @example
 * layoutByDepth(components, subscriptions).get('count') // { x: 640, y: 0 }
 */
export function layoutByDepth(components: readonly { readonly id: string; readonly kind: ComponentSpec['kind'] }[], subscriptions: readonly { readonly from: string; readonly to: string }[]): Map<string, Position> {
  const ids = components.map((c) => c.id);
  const known = new Set(ids);
  const inputs = new Map<string, string[]>(ids.map((id) => [id, []]));
  const outputs = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const s of subscriptions) {
    if (!known.has(s.from) || !known.has(s.to) || s.from === s.to) continue;
    inputs.get(s.to)!.push(s.from);
    outputs.get(s.from)!.push(s.to);
  }
  const depth = new Map<string, number>();
  const queue: string[] = [];
  for (const c of components) {
    if (c.kind === 'spout' || inputs.get(c.id)!.length === 0) {
      depth.set(c.id, 0);
      queue.push(c.id);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const next of outputs.get(id)!) {
      if (!depth.has(next)) {
        depth.set(next, depth.get(id)! + 1);
        queue.push(next);
      }
    }
  }
  // Components only reachable through a cycle with no entry: after everything else.
  const max = Math.max(0, ...depth.values());
  for (const id of ids) if (!depth.has(id)) depth.set(id, max + 1);

  const columns = new Map<number, string[]>();
  for (const id of ids) {
    const d = depth.get(id)!;
    columns.set(d, [...(columns.get(d) ?? []), id]);
  }
  const row = new Map<string, number>();
  const out = new Map<string, Position>();
  for (const d of [...columns.keys()].sort((a, b) => a - b)) {
    const column = columns.get(d)!;
    const key = (id: string): number => {
      const placed = inputs.get(id)!.filter((p) => row.has(p));
      return placed.length ? placed.reduce((sum, p) => sum + row.get(p)!, 0) / placed.length : Number.POSITIVE_INFINITY;
    };
    const sorted = column.map((id, index) => ({ id, index, key: key(id) })).sort((a, b) => a.key - b.key || a.index - b.index);
    // Each row as close to its inputs' rows as the rows above it allow.
    let next = 0;
    for (const { id, key: wanted } of sorted) {
      const r = Number.isFinite(wanted) ? Math.max(next, Math.round(wanted)) : next;
      row.set(id, r);
      next = r + 1;
      out.set(id, { x: d * COLUMN_WIDTH, y: r * ROW_HEIGHT });
    }
  }
  return out;
}
