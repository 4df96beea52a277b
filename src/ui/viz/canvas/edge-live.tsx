/**
 * The live part of a canvas edge while a run exists: stroke width ∝ tuples transferred per
 * second, the rate in the label, backpressure (the receiving queue is full), and its path for the
 * tuples of the animated run travelling along it (drawn by the canvas's pool of dots).
 */
import type { CSSProperties } from 'react';
import { selectEdgeLive, useViz } from '../live-store';
import type { EdgeLive } from '../overlay';
import { useEdgePath } from './token-layer';

export function useEdgeLive(id: string): EdgeLive | null {
  return useViz(selectEdgeLive(id));
}

/** Class names, stroke width and arrow of a live edge path. */
export function liveEdgeProps(live: EdgeLive | null): { className: string; style: CSSProperties | undefined; marker: string | null } {
  if (live === null) return { className: '', style: undefined, marker: null };
  return { className: ` se-live${live.backpressure ? ' se-backpressure' : ''}`, style: { strokeWidth: live.width }, marker: live.backpressure ? 'live-bp' : 'live' };
}

/**
 * Arrows of live edges: sized in canvas units, not in stroke widths, so a wide (busy) edge keeps
 * a normal arrow.
 */
export function LiveEdgeMarkers() {
  return (
    <>
      {['live', 'live-bp'].map((tone) => (
        <marker key={tone} id={`se-arrow-${tone}`} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="13" markerHeight="13" orient="auto-start-reverse">
          <path d="M0 0 10 5 0 10z" className={`se-arrow se-arrow-${tone}`} />
        </marker>
      ))}
    </>
  );
}

/** The rate shown in the edge label, and the backpressure flag. */
export function EdgeRate({ id, live }: { id: string; live: EdgeLive }) {
  return (
    <>
      <br />
      <span className="se-rate" data-testid={`canvas.edge.${id}.rate`} title="Tuples transferred per second of engine time (over the last 2 s)">
        {live.rateText}
      </span>
      {live.backpressure ? (
        <span className="se-bp" data-testid={`canvas.edge.${id}.backpressure`} title="Backpressure: a receiving executor's queue is full, so the sender waits and spouts stop calling nextTuple">
          full
        </span>
      ) : null}
    </>
  );
}

/**
 * The edge's part in the travelling tuples: it registers its path; the dots themselves are one
 * pool for the whole canvas ({@link TokenLayer}), so a busy stream creates no DOM node per tuple.
 */
export function EdgeTokens({ id, path }: { id: string; path: string }) {
  useEdgePath(id, path);
  return null;
}
