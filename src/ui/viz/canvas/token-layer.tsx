/**
 * The animated run's travelling tuples on the canvas: one fixed pool of dots (one per token slot,
 * {@link DEFAULT_TOKEN_LIMITS}.total), created once while a run exists and reused — a new token
 * restarts its slot's dot on its edge; nothing is created or destroyed while tuples stream. The
 * dots move by Web Animations of `transform` and `opacity`, which the compositor runs. The work on
 * the main thread is batched per frame: token changes are applied in one `requestAnimationFrame`,
 * touching only the slots whose token changed, with no layout read.
 */
import { EdgeLabelRenderer } from '@xyflow/react';
import { memo, useEffect, useLayoutEffect, useRef } from 'react';
import { selectLive, useViz, vizStore } from '../live-store';
import { DEFAULT_TOKEN_LIMITS, slotChanges, slotsOf, type Token } from '../tokens';

/** Each edge's SVG path (canvas units), registered by the edges ({@link useEdgePath}). */
const edgePaths = new Map<string, string>();

/** Registers an edge's path for the dots travelling along it (an edge calls it while a run exists). */
export function useEdgePath(id: string, path: string): void {
  useLayoutEffect(() => {
    edgePaths.set(id, path);
    return () => {
      if (edgePaths.get(id) === path) edgePaths.delete(id);
    };
  }, [id, path]);
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

const SLOTS = Array.from({ length: DEFAULT_TOKEN_LIMITS.total }, (_, i) => i);

const TokenPool = memo(function TokenPool() {
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const dots = [...root.current!.children] as HTMLElement[];
    const animations: (Animation | null)[] = dots.map(() => null);
    let drawn: (Token | null)[] = slotsOf([]);
    let frame = 0;
    const draw = () => {
      frame = 0;
      const wanted = slotsOf(vizStore.getState().tokens);
      const { start, stop } = slotChanges(drawn, wanted);
      const now = performance.now();
      for (const i of stop) {
        animations[i]?.cancel();
        animations[i] = null;
        delete dots[i]!.dataset.edge;
      }
      for (const i of start) {
        const token = wanted[i]!;
        const path = edgePaths.get(token.edge);
        animations[i]?.cancel();
        animations[i] = null;
        if (path === undefined) {
          wanted[i] = null; // the edge is not drawn (yet): no trip
          continue;
        }
        const dot = dots[i]!;
        dot.dataset.edge = token.edge;
        dot.title = token.values;
        // Started a frame after the token was made: the delay counts from then (negative: already under way).
        animations[i] = dot.animate(tripKeyframes(path), { duration: DEFAULT_TOKEN_LIMITS.tripMs, delay: token.born + token.delayMs - now, fill: 'forwards', easing: 'linear' });
      }
      drawn = wanted;
    };
    draw();
    const unsubscribe = vizStore.subscribe((s, previous) => {
      if (s.tokens !== previous.tokens && frame === 0) frame = requestAnimationFrame(draw);
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
      for (const a of animations) a?.cancel();
    };
  }, []);
  return (
    <div ref={root} className="se-tokens" data-testid="canvas.tokens">
      {SLOTS.map((i) => (
        <div key={i} className="se-token" data-slot={i} />
      ))}
    </div>
  );
});

/** The pool of travelling dots, while a run exists (rendered inside React Flow). */
export function TokenLayer() {
  const live = useViz(selectLive);
  if (!live) return null;
  return (
    <EdgeLabelRenderer>
      <TokenPool />
    </EdgeLabelRenderer>
  );
}
