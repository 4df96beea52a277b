import type { DragEvent } from 'react';
import { DATA_SOURCES, type ComponentKind, type DataSourceKind } from '../../model';
import { addComponentAt, addDataSourceAt } from '../../store/actions';
import { documentStore, useDocumentStore } from '../../store/document-store';
import { selectDocument } from '../../store/selectors';
import { openDialog, uiStore } from '../../store/ui-store';
import { DEFAULT_NODE_SIZE } from '../canvas/auto-layout';
import { PALETTE_DRAG_TYPE } from '../canvas/canvas';
import { getFlowInstance, revealRect, visibleArea } from '../canvas/flow-instance';
import { besideGraph, freeSpot, SPOT_MARGIN, type Rect } from '../canvas/free-spot';
import { Icon } from '../shell/icons';
import './palette.css';

const ITEMS: readonly { kind: ComponentKind; title: string; text: string }[] = [
  { kind: 'spout', title: 'Spout', text: 'A source: nextTuple() emits tuples into the topology.' },
  { kind: 'bolt', title: 'Bolt', text: 'Processes each input tuple; may emit more, anchored to it.' },
];

/**
 * Where a clicked palette item lands: in view and clear of every node and overlay; a bolt right
 * of the selected (or the last added) component, a spout under the last spout. When nothing in
 * view is free, beside the graph, and the view follows it.
 */
function placeNew(kind: ComponentKind): { x: number; y: number } {
  const size = DEFAULT_NODE_SIZE;
  const area = visibleArea();
  const doc = documentStore.getState().doc;
  const measured = new Map((getFlowInstance()?.getNodes() ?? []).map((n) => [n.id, n.measured]));
  const nodes: Rect[] = doc.components.map((c) => ({ ...c.position, width: measured.get(c.id)?.width ?? size.width, height: measured.get(c.id)?.height ?? size.height }));
  const rectOf = (id: string | undefined) => nodes[doc.components.findIndex((c) => c.id === id)];
  const selected = uiStore.getState().selection.components;
  const view = area?.view ?? { x: 0, y: 0, width: 1000, height: 600 };
  let preferred = { x: view.x + view.width / 2 - size.width / 2, y: view.y + view.height / 2 - size.height / 2 };
  if (kind === 'bolt') {
    const anchor = rectOf(selected.length === 1 ? selected[0] : doc.components.at(-1)?.id);
    if (anchor) preferred = { x: anchor.x + anchor.width + 80, y: anchor.y };
  } else {
    const spouts = doc.components.filter((c) => c.kind === 'spout');
    const anchor = rectOf(spouts.at(-1)?.id);
    preferred = anchor ? { x: anchor.x, y: anchor.y + anchor.height + 40 } : { x: view.x + SPOT_MARGIN * 2, y: preferred.y };
  }
  const spot = area ? freeSpot(area.view, [...nodes, ...area.overlays], size, preferred) : null;
  const at = spot ?? besideGraph(nodes, preferred.y);
  revealRect({ ...at, ...size });
  return at;
}

/** The left panel: components to add (click or drag onto the canvas) and a few hints. */
export function Palette() {
  const doc = useDocumentStore(selectDocument);
  const onDragStart = (e: DragEvent, kind: ComponentKind | DataSourceKind) => {
    e.dataTransfer.setData(PALETTE_DRAG_TYPE, kind);
    e.dataTransfer.effectAllowed = 'move';
  };
  const spouts = doc.components.filter((c) => c.kind === 'spout').length;
  return (
    <aside className="palette" aria-label="Palette" data-testid="palette">
      <h3 className="palette-heading">Add</h3>
      {ITEMS.map((item) => (
        <button
          key={item.kind}
          type="button"
          className={`palette-item is-${item.kind}`}
          draggable
          data-testid={`palette.${item.kind}`}
          title={`Click to add a ${item.kind}, or drag it onto the canvas`}
          onDragStart={(e) => onDragStart(e, item.kind)}
          onClick={() => addComponentAt(item.kind, placeNew(item.kind))}
        >
          <span className="palette-icon">
            <Icon name={item.kind} size={18} />
          </span>
          <span className="palette-text">
            <span className="palette-title">{item.title}</span>
            <span className="palette-desc">{item.text}</span>
          </span>
        </button>
      ))}
      <h3 className="palette-heading">Data sources</h3>
      {DATA_SOURCES.map((source) => (
        <button
          key={source.kind}
          type="button"
          className="palette-item is-spout is-source"
          draggable
          data-testid={`palette.${source.kind}`}
          title={source.tooltip}
          onDragStart={(e) => onDragStart(e, source.kind)}
          onClick={() => addDataSourceAt(source.kind, placeNew('spout'))}
        >
          <span className="palette-icon">
            <Icon name={source.kind === 'sample-text' ? 'text' : 'file'} size={18} />
          </span>
          <span className="palette-text">
            <span className="palette-title">{source.title}</span>
            <span className="palette-desc">{source.text}</span>
          </span>
        </button>
      ))}
      <h3 className="palette-heading">Topology</h3>
      <dl className="palette-stats" data-testid="palette.stats">
        <div>
          <dt>Spouts</dt>
          <dd>{spouts}</dd>
        </div>
        <div>
          <dt>Bolts</dt>
          <dd>{doc.components.length - spouts}</dd>
        </div>
        <div>
          <dt>Subscriptions</dt>
          <dd>{doc.subscriptions.length}</dd>
        </div>
        <div>
          <dt>Workers</dt>
          <dd>{doc.config.workers}</dd>
        </div>
      </dl>
      <button type="button" className="btn btn-outline btn-sm palette-examples" onClick={() => openDialog('examples')} data-testid="palette.examples">
        <Icon name="examples" size={14} /> Browse examples
      </button>
      <h3 className="palette-heading">How to</h3>
      <ul className="palette-tips">
        <li>Drag from a stream's dot on the right of a node to a bolt to subscribe it.</li>
        <li>Click an edge to choose its grouping.</li>
        <li>
          <kbd>Shift</kbd>+drag selects several; <kbd>Del</kbd> deletes; <kbd>Ctrl</kbd>+<kbd>C</kbd>/<kbd>V</kbd> copies.
        </li>
        <li>
          <kbd>Ctrl</kbd>+<kbd>Z</kbd> undoes anything; work is saved in this browser as you go.
        </li>
      </ul>
    </aside>
  );
}
