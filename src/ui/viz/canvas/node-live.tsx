/**
 * The live part of a canvas node while a run exists: capacity (bolts) or emit rate and pending
 * count (spouts) under the node's header, and on hover a card with the component's Storm UI row.
 * Each node selects only its own entry of the overlay.
 */
import { useEffect, useRef, useState, type CSSProperties, type RefObject } from 'react';
import { selectComponentLive, selectStormUiRow, useViz } from '../live-store';
import type { ComponentLive } from '../overlay';
import { HoverCard } from './hover-card';
import './live.css';

/** The node's own live numbers, or null when no run exists. */
export function useComponentLive(id: string): ComponentLive | null {
  return useViz(selectComponentLive(id));
}

/** Class and style of a live node: the capacity hue drives its border and tint (see live.css). */
export function liveNodeProps(live: ComponentLive | null): { className: string; style: CSSProperties | undefined } {
  if (live === null) return { className: '', style: undefined };
  const tone = live.tone === null ? '' : ` is-cap-${live.tone}`;
  return {
    className: `is-live${tone}${live.dead ? ' is-dead' : ''}`,
    style: live.hue === null ? undefined : ({ '--cap-hue': String(live.hue) } as CSSProperties),
  };
}

/** The node element while the pointer is over it, else null. */
function useNodeHover(anchor: RefObject<HTMLElement | null>): Element | null {
  const [hovered, setHovered] = useState<Element | null>(null);
  useEffect(() => {
    const node = anchor.current?.closest('.react-flow__node');
    if (!node) return;
    const enter = () => setHovered(node);
    const leave = () => setHovered(null);
    node.addEventListener('mouseenter', enter);
    node.addEventListener('mouseleave', leave);
    return () => {
      node.removeEventListener('mouseenter', enter);
      node.removeEventListener('mouseleave', leave);
    };
  }, [anchor]);
  return hovered;
}

/** The metric strip of a live node and its hover card. */
export function NodeLive({ id, live }: { id: string; live: ComponentLive }) {
  const anchor = useRef<HTMLDivElement>(null);
  const hovered = useNodeHover(anchor);
  return (
    <div className="sn-live" ref={anchor} data-testid={`canvas.node.${id}.live`}>
      {live.kind === 'bolt' ? (
        <>
          <span className="sn-live-cap" data-testid={`canvas.node.${id}.capacity`} data-tone={live.tone ?? undefined} title="Capacity (last 10 minutes): the fraction of the time the busiest executor was executing; ≈ 1 means saturated">
            <span className="sn-live-cap-bar" style={{ width: `${Math.min(1, live.capacity ?? 0) * 100}%` }} />
            <span className="sn-live-cap-text">capacity {live.capacityText}</span>
          </span>
          {live.tone === 'saturated' ? <span className="sn-live-flag">saturated</span> : null}
          <span className="sn-live-rate" title="Tuples executed per second of engine time">{live.executeText}</span>
        </>
      ) : (
        <>
          <span className="sn-live-rate" data-testid={`canvas.node.${id}.emit-rate`} title="Tuples emitted per second of engine time">
            emit {live.emitText}
          </span>
          <span className="sn-live-pending" data-testid={`canvas.node.${id}.pending`} title="Tuple trees emitted and not yet acked or failed">
            pending {live.pendingText}
          </span>
        </>
      )}
      {live.dead ? <span className="sn-live-flag is-dead">worker down</span> : null}
      {hovered ? (
        <HoverCard anchor={hovered}>
          <StormUiCard id={id} live={live} />
        </HoverCard>
      ) : null}
    </div>
  );
}

function StormUiCard({ id, live }: { id: string; live: ComponentLive }) {
  const row = useViz(selectStormUiRow(id)) ?? [];
  return (
    <div className="sn-card" data-testid={`canvas.node.${id}.card`} role="tooltip">
      <div className="sn-card-title">
        <strong>{id}</strong> <span>Storm UI · {live.kind === 'spout' ? 'Spouts' : 'Bolts'} (10m)</span>
      </div>
      <table className="sn-card-row">
        <tbody>
          {row.map((cell) => (
            <tr key={cell.label} title={cell.hint}>
              <th>{cell.label}</th>
              <td>{cell.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="sn-card-now">
        {live.kind === 'spout'
          ? `Now: emitting ${live.emitText}, ${live.pendingText} pending`
          : `Now: executing ${live.executeText}, ${live.queuedText} queued${live.fullestQueue && live.fullestQueue.length > 0 ? ` (fullest executor queue ${live.fullestQueue.length}/${live.fullestQueue.capacity}${live.queueFill >= 1 ? ': full' : ''})` : ''}`}
        {live.overflow > 0 ? `, ${live.overflow} emits waiting for room downstream` : ''}
      </div>
    </div>
  );
}
