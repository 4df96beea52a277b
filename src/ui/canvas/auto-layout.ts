/**
 * Auto-layout with ELK's layered algorithm, left to right (spouts on the left, data flowing
 * right). elkjs is about 1.6 MB, so it is imported only when a layout is asked for.
 */
import type { ComponentSpec, Position, TopologyDocument } from '../../model';
import type { Measured } from './flow-elements';

/** Size used for nodes the canvas has not measured yet. */
export const DEFAULT_NODE_SIZE: Measured = { width: 220, height: 96 };

/**
 * A node's size before the canvas has measured it (e.g. laying out an example before showing
 * it), from the lengths of its id and stream texts; close to what `canvas.css` renders.
 */
function estimateNodeSize(c: ComponentSpec): Measured {
  const header = 12 + 29 + c.id.length * 8.2 + 44;
  const streams = c.streams.map((s) => 26 + (s.id.length + s.fields.join(', ').length) * 7 + (s.direct ? 48 : 0));
  const width = Math.round(Math.min(280, Math.max(200, header, ...streams)));
  return { width, height: 58 + c.streams.length * 26 };
}

/** New top-left positions for every component, keeping the layout's origin at (0, 0). */
export async function layoutPositions(doc: TopologyDocument, sizes: ReadonlyMap<string, Measured>): Promise<Map<string, Position>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const ids = new Set(doc.components.map((c) => c.id as string));
  const graph = {
    id: 'topology',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '130',
      'elk.spacing.nodeNode': '48',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
      'elk.separateConnectedComponents': 'true',
      'elk.spacing.componentComponent': '80',
    },
    children: doc.components.map((c) => ({ id: c.id as string, ...(sizes.get(c.id) ?? estimateNodeSize(c)) })),
    // Edges whose ends are missing (a broken document) cannot be laid out; they are drawn anyway.
    edges: doc.subscriptions
      .filter((s) => ids.has(s.from) && ids.has(s.to) && s.from !== s.to)
      .map((s) => ({ id: s.id as string, sources: [s.from as string], targets: [s.to as string] })),
  };
  const result = await elk.layout(graph);
  const positions = new Map<string, Position>();
  for (const n of result.children ?? []) positions.set(n.id, { x: Math.round(n.x ?? 0), y: Math.round(n.y ?? 0) });
  return positions;
}
