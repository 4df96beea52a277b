/**
 * The live part of a canvas edge while a run exists: stroke width ∝ tuples transferred per
 * second, the rate in the label, backpressure (the receiving queue is full), and the tuples of the
 * animated run travelling along it (SVG, capped).
 */
import { EdgeLabelRenderer } from '@xyflow/react';
import { memo, useLayoutEffect, useRef, type CSSProperties } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectEdgeLive, useViz } from '../live-store';
import type { EdgeLive } from '../overlay';
import { DEFAULT_TOKEN_LIMITS, tokensOf } from '../tokens';

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

/** Points along an SVG path (canvas units), sampled once per path: the keyframes of a trip. */
const tripCache = new Map<string, Keyframe[]>();
const TRIP_POINTS = 12;

function tripKeyframes(path: string): Keyframe[] {
  let frames = tripCache.get(path);
  if (frames) return frames;
  const el = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  el.setAttribute('d', path);
  const length = el.getTotalLength();
  // Points along the path; the dot fades out over the last tenth of the trip.
  const offsets = [...new Set([...Array.from({ length: TRIP_POINTS + 1 }, (_, i) => i / TRIP_POINTS), 0.9])].sort((a, b) => a - b);
  frames = offsets.map((offset) => {
    const p = el.getPointAtLength(length * offset);
    return { transform: `translate(${p.x}px, ${p.y}px)`, opacity: offset < 1 ? 1 : 0, offset };
  });
  if (tripCache.size > 500) tripCache.clear();
  tripCache.set(path, frames);
  return frames;
}

/**
 * One travelling tuple: an HTML dot moved by a Web Animation of `transform` and `opacity`, which
 * the compositor runs (an SVG animation would repaint the canvas at every frame).
 */
const TokenDot = memo(function TokenDot({ path, delayMs, values }: { path: string; delayMs: number; values: string }) {
  const dot = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = dot.current;
    if (!el) return;
    const animation = el.animate(tripKeyframes(path), { duration: DEFAULT_TOKEN_LIMITS.tripMs, delay: delayMs, fill: 'forwards', easing: 'linear' });
    return () => animation.cancel();
    // A token makes one trip, on the path it started on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return <div ref={dot} className="se-token" title={values} />;
});

/** Tuples travelling along the edge's path. */
export function EdgeTokens({ id, path }: { id: string; path: string }) {
  const tokens = useViz(useShallow((s) => tokensOf(s.tokens, id)));
  if (tokens.length === 0) return null;
  return (
    <EdgeLabelRenderer>
      <div className="se-tokens" data-testid={`canvas.edge.${id}.tokens`}>
        {tokens.map((t) => (
          <TokenDot key={t.key} path={path} delayMs={t.delayMs} values={t.values} />
        ))}
      </div>
    </EdgeLabelRenderer>
  );
}
