/**
 * The mounted canvas's React Flow instance, for commands that act on the view (fit view,
 * auto-layout, adding a component in the middle of what is visible).
 */
import type { ReactFlowInstance } from '@xyflow/react';
import type { Position } from '../../model';
import { fitPadding, toFlowPadding, type Box, type FitPadding } from './fit-padding';
import type { BoltNode, SpoutNode, SubscriptionEdge } from './flow-elements';

export type DesignerFlow = ReactFlowInstance<SpoutNode | BoltNode, SubscriptionEdge>;

let instance: DesignerFlow | null = null;
let element: HTMLElement | null = null;

export function setFlowInstance(flow: DesignerFlow | null, el: HTMLElement | null): void {
  instance = flow;
  element = el;
}

export const getFlowInstance = (): DesignerFlow | null => instance;

/** The largest zoom a fit uses (a small topology is not blown up). */
export const FIT_MAX_ZOOM = 1.2;

/** A shown element's box, or null when it is absent or hidden. */
function overlayBox(root: HTMLElement, selector: string): Box | null {
  const el = root.querySelector(selector);
  if (!el) return null;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 ? r : null;
}

/** The paddings a fit needs now: clear of the run legend, the zoom controls and the minimap. */
export function currentFitPadding(): FitPadding | null {
  if (!instance || !element) return null;
  const canvas = element.getBoundingClientRect();
  if (canvas.width === 0 || canvas.height === 0) return null;
  const bounds = instance.getNodesBounds(instance.getNodes());
  return fitPadding(
    canvas,
    { legend: overlayBox(element, '.run-legend'), controls: overlayBox(element, '.react-flow__controls'), minimap: overlayBox(element, '.react-flow__minimap') },
    bounds,
  );
}

/** Fits every node into the part of the canvas nothing floats over. */
export function fitView(): void {
  const padding = currentFitPadding();
  void instance?.fitView({ padding: padding ? toFlowPadding(padding) : 0.18, maxZoom: FIT_MAX_ZOOM, duration: 0 });
}

/** The flow coordinates of the centre of the visible canvas (for adding a component by click). */
export function visibleCenter(): Position {
  if (!instance || !element) return { x: 0, y: 0 };
  const r = element.getBoundingClientRect();
  return instance.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
}
