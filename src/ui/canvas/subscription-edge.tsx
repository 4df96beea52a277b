import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { select } from '../../store/ui-store';
import { EdgeRate, EdgeTokens, LiveEdgeMarkers, liveEdgeProps, useEdgeLive } from '../viz/canvas/edge-live';
import type { SubscriptionEdge } from './flow-elements';

/** Arrow markers, coloured by CSS variables (see canvas.css); rendered once by the canvas. */
export function EdgeMarkers() {
  return (
    <svg className="se-defs" aria-hidden="true">
      <defs>
        {['normal', 'selected', 'error'].map((tone) => (
          <marker key={tone} id={`se-arrow-${tone}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0 0 10 5 0 10z" className={`se-arrow se-arrow-${tone}`} />
          </marker>
        ))}
        <LiveEdgeMarkers />
      </defs>
    </svg>
  );
}

/** A subscription: a curve with its grouping label (`fields(word)`, `errors: shuffle`). */
function SubscriptionEdgeView(props: EdgeProps<SubscriptionEdge>) {
  const { id, data, selected } = props;
  const [path, labelX, labelY] = getBezierPath(props);
  const error = data?.problems.some((d) => d.severity === 'error') ?? false;
  const tone = error ? 'error' : selected ? 'selected' : 'normal';
  const title = data?.problems.length ? data.problems.map((d) => d.message).join('\n') : undefined;
  // While a run exists: width ∝ tuples/s, the rate, backpressure, travelling tuples.
  const live = useEdgeLive(id);
  const liveProps = liveEdgeProps(live);
  return (
    <>
      <BaseEdge id={id} path={path} className={`se-path se-${tone}${liveProps.className}`} style={liveProps.style} markerEnd={`url(#se-arrow-${liveProps.marker ?? tone})`} interactionWidth={18} />
      {live ? <EdgeTokens id={id} path={path} /> : null}
      <EdgeLabelRenderer>
        <div
          className={`se-label nopan se-${tone}${live?.backpressure ? ' se-label-bp' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          data-testid={`canvas.edge.${id}`}
          title={title}
          onClick={(e) => {
            e.stopPropagation();
            select([], [id]);
          }}
        >
          {data?.label}
          {live ? <EdgeRate id={id} live={live} /> : null}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const SubscriptionEdgeComponent = memo(SubscriptionEdgeView);
