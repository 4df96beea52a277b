/**
 * The mounted canvas's React Flow instance, for commands that act on the view (fit view,
 * auto-layout, adding a component in the middle of what is visible).
 */
import type { ReactFlowInstance } from '@xyflow/react';
import { fitPadding, toFlowPadding, type Box, type FitPadding } from './fit-padding';
import type { BoltNode, SpoutNode, SubscriptionEdge } from './flow-elements';
import type { Rect } from './free-spot';

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
function currentFitPadding(): FitPadding | null {
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

const fitListeners = new Set<() => void>();

/** Calls `listener` after every fit, once the fitted view is drawn; returns the unsubscribe. */
export function onFitView(listener: () => void): () => void {
  fitListeners.add(listener);
  return () => fitListeners.delete(listener);
}

/** Fits every node into the part of the canvas nothing floats over. */
export function fitView(): void {
  const padding = currentFitPadding();
  void instance?.fitView({ padding: padding ? toFlowPadding(padding) : 0.18, maxZoom: FIT_MAX_ZOOM, duration: 0 });
  // The nodes move when React Flow draws the new viewport: tell the listeners a frame later.
  if (fitListeners.size) requestAnimationFrame(() => requestAnimationFrame(() => fitListeners.forEach((l) => l())));
}

/** A screen rectangle in flow coordinates. */
function toFlowRect(flow: DesignerFlow, r: Box): Rect {
  const a = flow.screenToFlowPosition({ x: r.left, y: r.top });
  const b = flow.screenToFlowPosition({ x: r.right, y: r.bottom });
  return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
}

/**
 * What is visible of the canvas, in flow coordinates, and what floats over it there (the run
 * legend, the zoom controls, the minimap), for placing a new component where it can be seen.
 */
export function visibleArea(): { view: Rect; overlays: Rect[] } | null {
  if (!instance || !element) return null;
  const canvas = element.getBoundingClientRect();
  if (canvas.width === 0 || canvas.height === 0) return null;
  const overlays = ['.run-legend', '.react-flow__controls', '.react-flow__minimap']
    .map((selector) => overlayBox(element!, selector))
    .filter((b): b is Box => b !== null)
    .map((b) => toFlowRect(instance!, b));
  return { view: toFlowRect(instance, canvas), overlays };
}

/** Shows `rect` (flow coordinates): the view fits the graph again when it is not in view. */
export function revealRect(rect: Rect): void {
  const area = visibleArea();
  if (!area) return;
  const v = area.view;
  if (rect.x >= v.x && rect.y >= v.y && rect.x + rect.width <= v.x + v.width && rect.y + rect.height <= v.y + v.height) return;
  requestAnimationFrame(() => requestAnimationFrame(fitView));
}
