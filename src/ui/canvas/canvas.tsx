import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type RefObject } from 'react';
import type { ComponentKind, Position } from '../../model';
import { moveComponents } from '../../model/operations';
import { addComponentAt, addDataSourceAt, connectComponents, openFiles } from '../../store/actions';
import { documentStore, useDocumentStore } from '../../store/document-store';
import { selectDiagnostics, selectDocument } from '../../store/selectors';
import { addPackageFiles, allWheels } from '../../store/packages';
import { notify, select, selectSelection, selectTheme, uiStore, useUi } from '../../store/ui-store';
import { DEFAULT_NODE_SIZE } from './auto-layout';
import { BoltNodeView, SpoutNodeView } from './component-node';
import { toFlowEdges, toFlowNodes, type DesignerNode, type Measured, type SubscriptionEdge } from './flow-elements';
import { FIT_MAX_ZOOM, fitView, setFlowInstance, type DesignerFlow } from './flow-instance';
import { EdgeMarkers, SubscriptionEdgeComponent } from './subscription-edge';
import { Icon } from '../shell/icons';
import { RunLegend } from '../viz/canvas/run-legend';
import { selectLive, useViz } from '../viz/live-store';
import './canvas.css';

/** The drag-and-drop type palette items carry (the value is the component kind). */
export const PALETTE_DRAG_TYPE = 'application/x-storm-studio-component';

const nodeTypes = { spout: SpoutNodeView, bolt: BoltNodeView };
const edgeTypes = { subscription: SubscriptionEdgeComponent };
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];

/** The minimap's size (px): small, so it rarely sits over nodes. */
const MINIMAP_STYLE = { width: 148, height: 92 };
/** Below this canvas height the minimap hides itself (the graph needs the room). */
const MINIMAP_MIN_CANVAS_HEIGHT = 400;
/** The first fit, before any overlay is measured: clear of the zoom controls (left) and the minimap (bottom). */
const INITIAL_FIT = { padding: { top: '24px', right: '24px', bottom: `${MINIMAP_STYLE.height + 32}px`, left: '64px' }, maxZoom: FIT_MAX_ZOOM } as const;

/**
 * Whether a change of the canvas height calls for a new fit: the dock was dragged or set a lot
 * taller or shorter (a fifth of the height, at least 80 px) since the last fit.
 */
function bigHeightChange(fittedAt: number, now: number): boolean {
  return fittedAt > 0 && Math.abs(now - fittedAt) >= Math.max(80, fittedAt * 0.2);
}

/** Fits the view two frames from now (after new nodes or overlays are measured); returns the cancel. */
function fitSoon(onFit: () => void): () => void {
  let frame = requestAnimationFrame(() => {
    frame = requestAnimationFrame(() => {
      fitView();
      onFit();
    });
  });
  return () => cancelAnimationFrame(frame);
}

/**
 * The canvas height, and fits of the view when it changes a lot (the dock resized), when a run
 * starts (its legend appears) and when asked (`requestFitView`).
 */
function useCanvasFit(wrapper: RefObject<HTMLDivElement | null>, fitRequest: number, live: boolean): number {
  const [height, setHeight] = useState(0);
  const fittedAt = useRef(0);
  const markFitted = useCallback(() => {
    fittedAt.current = wrapper.current?.getBoundingClientRect().height ?? 0;
  }, [wrapper]);

  useEffect(() => {
    const el = wrapper.current;
    if (!el) return;
    let settle: ReturnType<typeof setTimeout> | null = null;
    let cancel: (() => void) | null = null;
    const observer = new ResizeObserver(() => {
      const h = el.getBoundingClientRect().height;
      setHeight(h);
      if (fittedAt.current === 0) fittedAt.current = h;
      if (!bigHeightChange(fittedAt.current, h)) return;
      // Wait for the drag to settle, then fit once.
      if (settle !== null) clearTimeout(settle);
      settle = setTimeout(() => {
        settle = null;
        cancel?.();
        cancel = fitSoon(markFitted);
      }, 180);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      if (settle !== null) clearTimeout(settle);
      cancel?.();
    };
  }, [wrapper, markFitted]);

  useEffect(() => {
    if (fitRequest === 0) return;
    return fitSoon(markFitted);
  }, [fitRequest, markFitted]);

  // A run's first numbers: the legend appeared; fit the graph beside it.
  useEffect(() => {
    if (!live) return;
    return fitSoon(markFitted);
  }, [live, markFitted]);

  return height;
}

function MinimapToggle({ shown, short }: { shown: boolean; short: boolean }) {
  return (
    <ControlButton
      onClick={() => uiStore.setState({ minimap: !shown })}
      title={short && shown ? 'The minimap hides while the canvas is short (click to turn it off for good)' : shown ? 'Hide the minimap' : 'Show the minimap'}
      aria-label={shown ? 'Hide the minimap' : 'Show the minimap'}
      aria-pressed={shown}
      data-testid="canvas.minimap.toggle"
      className={shown ? 'is-on' : ''}
    >
      <Icon name="minimap" size={14} />
    </ControlButton>
  );
}

function orderedToggle(current: readonly string[], changes: readonly { id: string; selected: boolean }[]): string[] {
  const out = [...current];
  for (const { id, selected } of changes) {
    const at = out.indexOf(id);
    if (selected && at < 0) out.push(id);
    if (!selected && at >= 0) out.splice(at, 1);
  }
  return out;
}

/** The designer canvas: a view of the document; every change goes back to the stores. */
export function Canvas() {
  const doc = useDocumentStore(selectDocument);
  const diagnostics = useDocumentStore(selectDiagnostics);
  const selection = useUi(selectSelection);
  const theme = useUi(selectTheme);
  const fitRequest = useUi((s) => s.fitViewRequest);
  const minimapWanted = useUi((s) => s.minimap);
  const live = useViz(selectLive);
  const [dragging, setDragging] = useState<ReadonlyMap<string, Position>>(new Map());
  const [measured, setMeasured] = useState<ReadonlyMap<string, Measured>>(new Map());
  const draggingRef = useRef<ReadonlyMap<string, Position>>(dragging);
  const wrapper = useRef<HTMLDivElement>(null);
  const flow = useReactFlow<DesignerNode, SubscriptionEdge>();
  const initialized = useNodesInitialized();

  const selectedNodes = useMemo(() => new Set(selection.components), [selection.components]);
  const selectedEdges = useMemo(() => new Set(selection.subscriptions), [selection.subscriptions]);
  const nodes = useMemo(() => toFlowNodes(doc, diagnostics, { selected: selectedNodes, dragging, measured }), [doc, diagnostics, selectedNodes, dragging, measured]);
  const edges = useMemo(() => toFlowEdges(doc, diagnostics, selectedEdges), [doc, diagnostics, selectedEdges]);

  useEffect(() => {
    if (initialized) performance.mark('storm-studio:canvas-ready');
  }, [initialized]);

  const canvasHeight = useCanvasFit(wrapper, fitRequest, live);
  const canvasShort = canvasHeight > 0 && canvasHeight < MINIMAP_MIN_CANVAS_HEIGHT;
  const showMinimap = minimapWanted && !canvasShort;

  const onNodesChange = useCallback((changes: NodeChange<DesignerNode>[]) => {
    const selects: { id: string; selected: boolean }[] = [];
    const moving = new Map<string, Position>();
    const dropped = new Map<string, Position | undefined>();
    const sizes = new Map<string, Measured>();
    for (const change of changes) {
      if (change.type === 'select') selects.push(change);
      else if (change.type === 'position') {
        if (change.dragging && change.position) moving.set(change.id, change.position);
        else if (!change.dragging) dropped.set(change.id, change.position);
      } else if (change.type === 'dimensions' && change.dimensions) sizes.set(change.id, change.dimensions);
    }
    if (selects.length) {
      const sel = uiStore.getState().selection;
      select(orderedToggle(sel.components, selects), sel.subscriptions);
    }
    if (sizes.size) {
      setMeasured((m) => {
        const next = new Map(m);
        for (const [id, d] of sizes) next.set(id, d);
        return next;
      });
    }
    if (moving.size || dropped.size) {
      const next = new Map(draggingRef.current);
      for (const [id, p] of moving) next.set(id, p);
      const commit = new Map<string, Position>();
      for (const [id, p] of dropped) {
        const at = p ?? draggingRef.current.get(id);
        if (at) commit.set(id, at);
        next.delete(id);
      }
      draggingRef.current = next;
      setDragging(next);
      // One undo step per drag, however many nodes moved.
      if (commit.size) documentStore.getState().edit((d) => moveComponents(d, commit));
    }
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<SubscriptionEdge>[]) => {
    const selects = changes.filter((c) => c.type === 'select');
    if (!selects.length) return;
    const sel = uiStore.getState().selection;
    select(sel.components, orderedToggle(sel.subscriptions, selects));
  }, []);

  const onConnect = useCallback((c: Connection) => {
    connectComponents(c.source, c.target, c.sourceHandle ?? undefined);
  }, []);

  const isValidConnection: IsValidConnection<SubscriptionEdge> = useCallback((c) => {
    if (c.source === c.target) return false;
    const target = documentStore.getState().doc.components.find((x) => x.id === c.target);
    return target?.kind === 'bolt';
  }, []);

  const onDragOver = useCallback((e: DragEvent) => {
    const types = e.dataTransfer.types;
    if (types.includes(PALETTE_DRAG_TYPE) || types.includes('Files')) {
      e.preventDefault();
      e.dataTransfer.dropEffect = types.includes('Files') ? 'copy' : 'move';
    }
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(PALETTE_DRAG_TYPE);
      const at = () => {
        const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
        return { x: p.x - DEFAULT_NODE_SIZE.width / 2, y: p.y - DEFAULT_NODE_SIZE.height / 2 };
      };
      if (kind === 'spout' || kind === 'bolt') {
        e.preventDefault();
        addComponentAt(kind as ComponentKind, at());
        return;
      }
      if (kind === 'sample-text' || kind === 'file-replay') {
        e.preventDefault();
        addDataSourceAt(kind, at());
        return;
      }
      if (e.dataTransfer.files.length) {
        e.preventDefault();
        const files = [...e.dataTransfer.files];
        // Wheels become the document's Python packages; anything else is opened as a document.
        if (allWheels(files)) void addPackageFiles(files).then((refused) => refused.forEach((m) => notify(m, 'error')));
        else void openFiles(files);
      }
    },
    [flow],
  );

  const onInit = useCallback((instance: DesignerFlow) => setFlowInstance(instance, wrapper.current), []);
  useEffect(() => () => setFlowInstance(null, null), []);

  return (
    <div className="canvas" ref={wrapper} data-testid="canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <EdgeMarkers />
      <ReactFlow<DesignerNode, SubscriptionEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onInit={onInit}
        colorMode={theme}
        fitView
        fitViewOptions={INITIAL_FIT}
        minZoom={0.2}
        maxZoom={2.5}
        deleteKeyCode={null}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        selectionKeyCode="Shift"
        connectionRadius={28}
        attributionPosition="top-right"
      >
        <Background variant={BackgroundVariant.Dots} gap={18} size={1.4} />
        <Controls showInteractive={false} position="bottom-left">
          <MinimapToggle shown={minimapWanted} short={canvasShort} />
        </Controls>
        {showMinimap ? <MiniMap pannable zoomable position="bottom-right" style={MINIMAP_STYLE} nodeClassName={(n) => `mm-${n.type}`} maskColor="var(--minimap-mask)" /> : null}
        <RunLegend short={canvasShort} />
      </ReactFlow>
      {doc.components.length === 0 ? (
        <div className="canvas-empty">
          <p>This topology is empty.</p>
          <p>Add a spout from the palette, or open an example.</p>
        </div>
      ) : null}
    </div>
  );
}
