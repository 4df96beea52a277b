/**
 * React Flow nodes and edges derived from the document: the canvas never owns topology data,
 * it shows the document (positions included) plus transient state (a drag in progress, the
 * selection, measured sizes). Nodes are typed per kind.
 */
import type { Edge, Node } from '@xyflow/react';
import { subscriptionLabel, tickFrequencySecs, type BoltSpec, type ComponentSpec, type Diagnostic, type Position, type SpoutSpec, type Subscription, type TopologyDocument } from '../../model';
import type { DiagnosticIndex } from '../../store/selectors';

interface NodeDataBase extends Record<string, unknown> {
  readonly problems: readonly Diagnostic[];
  /** Tick period in seconds, or null. */
  readonly tickSecs: number | null;
}
export interface SpoutData extends NodeDataBase {
  readonly component: SpoutSpec;
}
export interface BoltData extends NodeDataBase {
  readonly component: BoltSpec;
}
export type SpoutNode = Node<SpoutData, 'spout'>;
export type BoltNode = Node<BoltData, 'bolt'>;
export type DesignerNode = SpoutNode | BoltNode;

export interface SubscriptionEdgeData extends Record<string, unknown> {
  readonly subscription: Subscription;
  /** `fields(word)`, prefixed by the stream when it is not `default`. */
  readonly label: string;
  readonly problems: readonly Diagnostic[];
}
export type SubscriptionEdge = Edge<SubscriptionEdgeData, 'subscription'>;

/** Handle ids: a node has one source handle per declared stream, one target handle, and hidden fallbacks. */
export const TARGET_HANDLE = 'in';
/** Where an edge reading an undeclared stream starts, so a broken edge is still drawn (in red). */
export const FALLBACK_SOURCE_HANDLE = '__undeclared';

export interface Measured {
  readonly width: number;
  readonly height: number;
}

export interface NodeOverlay {
  readonly selected: ReadonlySet<string>;
  /** Positions of nodes being dragged (not yet in the document). */
  readonly dragging: ReadonlyMap<string, Position>;
  readonly measured: ReadonlyMap<string, Measured>;
}

const NO_PROBLEMS: readonly Diagnostic[] = [];

function node(doc: TopologyDocument, c: ComponentSpec, diagnostics: DiagnosticIndex, overlay: NodeOverlay): DesignerNode {
  const base = {
    id: c.id,
    position: overlay.dragging.get(c.id) ?? c.position,
    selected: overlay.selected.has(c.id),
    measured: overlay.measured.get(c.id),
  };
  const problems = diagnostics.byComponent.get(c.id) ?? NO_PROBLEMS;
  const tickSecs = tickFrequencySecs(doc, c);
  return c.kind === 'spout'
    ? { ...base, type: 'spout', data: { component: c, problems, tickSecs } }
    : { ...base, type: 'bolt', data: { component: c, problems, tickSecs } };
}

/** The canvas nodes for a document. */
export function toFlowNodes(doc: TopologyDocument, diagnostics: DiagnosticIndex, overlay: NodeOverlay): DesignerNode[] {
  return doc.components.map((c) => node(doc, c, diagnostics, overlay));
}

/** The canvas edges for a document; edges from a stream the source does not declare start at the fallback handle. */
export function toFlowEdges(doc: TopologyDocument, diagnostics: DiagnosticIndex, selected: ReadonlySet<string>): SubscriptionEdge[] {
  const streams = new Map(doc.components.map((c) => [c.id as string, new Set(c.streams.map((s) => s.id as string))]));
  return doc.subscriptions.map((s) => ({
    id: s.id,
    type: 'subscription',
    source: s.from,
    target: s.to,
    sourceHandle: streams.get(s.from)?.has(s.stream) ? s.stream : FALLBACK_SOURCE_HANDLE,
    targetHandle: TARGET_HANDLE,
    selected: selected.has(s.id),
    data: { subscription: s, label: subscriptionLabel(s), problems: diagnostics.bySubscription.get(s.id) ?? NO_PROBLEMS },
  }));
}

/** `×3`, and the task count when it differs from the executors: `×3 · 6 tasks`. */
export function parallelismLabel(c: ComponentSpec): string {
  const tasks = c.numTasks ?? c.parallelism;
  return tasks === c.parallelism ? `×${c.parallelism}` : `×${c.parallelism} · ${tasks} task${tasks === 1 ? '' : 's'}`;
}
