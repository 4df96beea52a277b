/**
 * The mounted canvas's React Flow instance, for commands that act on the view (fit view,
 * auto-layout, adding a component in the middle of what is visible).
 */
import type { ReactFlowInstance } from '@xyflow/react';
import type { Position } from '../../model';
import type { BoltNode, SpoutNode, SubscriptionEdge } from './flow-elements';

export type DesignerFlow = ReactFlowInstance<SpoutNode | BoltNode, SubscriptionEdge>;

let instance: DesignerFlow | null = null;
let element: HTMLElement | null = null;

export function setFlowInstance(flow: DesignerFlow | null, el: HTMLElement | null): void {
  instance = flow;
  element = el;
}

export const getFlowInstance = (): DesignerFlow | null => instance;

/** Fits every node into view. */
export function fitView(): void {
  void instance?.fitView({ padding: 0.18, maxZoom: 1.2, duration: 0 });
}

/** The flow coordinates of the centre of the visible canvas (for adding a component by click). */
export function visibleCenter(): Position {
  if (!instance || !element) return { x: 0, y: 0 };
  const r = element.getBoundingClientRect();
  return instance.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
}
