import type { DragEvent } from 'react';
import type { ComponentKind } from '../../model';
import { addComponentAt } from '../../store/actions';
import { documentStore, useDocumentStore } from '../../store/document-store';
import { selectDocument } from '../../store/selectors';
import { openDialog } from '../../store/ui-store';
import { DEFAULT_NODE_SIZE } from '../canvas/auto-layout';
import { PALETTE_DRAG_TYPE } from '../canvas/canvas';
import { getFlowInstance, visibleCenter } from '../canvas/flow-instance';
import { Icon } from '../shell/icons';
import './palette.css';

const ITEMS: readonly { kind: ComponentKind; title: string; text: string }[] = [
  { kind: 'spout', title: 'Spout', text: 'A source: nextTuple() emits tuples into the topology.' },
  { kind: 'bolt', title: 'Bolt', text: 'Processes each input tuple; may emit more, anchored to it.' },
];

/** Where a clicked palette item lands: the middle of the view, moved down (then right) off other nodes. */
function freeSpot(): { x: number; y: number } {
  const c = visibleCenter();
  const size = DEFAULT_NODE_SIZE;
  const margin = 24;
  const measured = new Map((getFlowInstance()?.getNodes() ?? []).map((n) => [n.id, n.measured]));
  const rects = documentStore.getState().doc.components.map((x) => ({
    ...x.position,
    width: measured.get(x.id)?.width ?? size.width,
    height: measured.get(x.id)?.height ?? size.height,
  }));
  const free = (p: { x: number; y: number }) =>
    rects.every((r) => p.x + size.width + margin <= r.x || r.x + r.width + margin <= p.x || p.y + size.height + margin <= r.y || r.y + r.height + margin <= p.y);
  const start = { x: Math.round(c.x - size.width / 2), y: Math.round(c.y - size.height / 2) };
  for (let column = 0; column < 6; column++) {
    for (let row = 0; row < 12; row++) {
      const p = { x: start.x + column * (size.width + margin), y: start.y + row * 40 };
      if (free(p)) return p;
    }
  }
  return start;
}

/** The left panel: components to add (click or drag onto the canvas) and a few hints. */
export function Palette() {
  const doc = useDocumentStore(selectDocument);
  const onDragStart = (e: DragEvent, kind: ComponentKind) => {
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
          onClick={() => addComponentAt(item.kind, freeSpot())}
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
