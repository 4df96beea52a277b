/**
 * The live canvas's legend (only while a run exists): the capacity colour scale, what edge widths
 * mean, backpressure, and the engine time of the numbers shown.
 */
import { Panel } from '@xyflow/react';
import { capacityGradient, CAPACITY_MEDIUM } from '../capacity';
import { useViz } from '../live-store';
import { useRun } from '../run-binding';
import { formatRate } from '../rates';
import { formatEngineTime } from '../time';
import './live.css';

export function RunLegend() {
  const time = useViz((s) => s.overlay?.time ?? null);
  const maxRate = useViz((s) => s.overlay?.maxEdgeRate ?? 0);
  const status = useRun((s) => s.status);
  const clock = useRun((s) => s.options.clock);
  if (time === null) return null;
  const title = status === 'running' ? 'Live run' : status === 'paused' ? 'Run paused' : status === 'failed' ? 'Run failed' : 'Run stopped';
  return (
    <Panel position="top-left" className="run-legend" data-testid="canvas.legend">
      <div className="run-legend-title">
        {title}
        <span className="run-legend-time" data-testid="canvas.legend.time" data-ms={time} title={clock === 'virtual' ? 'Engine time (virtual clock)' : 'Engine time (wall clock)'}>
          t = {formatEngineTime(time)}
        </span>
      </div>
      <div className="run-legend-label">Bolt capacity (last 10 min)</div>
      <div className="run-legend-scale" style={{ background: capacityGradient() }} />
      <div className="run-legend-ticks">
        <span>0</span>
        <span style={{ left: `${CAPACITY_MEDIUM * 100}%` }}>{CAPACITY_MEDIUM}</span>
        <span className="is-end">1</span>
      </div>
      <div className="run-legend-note">≈ 1 = saturated: the executor never idles, its queue grows</div>
      <div className="run-legend-row">
        <svg width="34" height="12" aria-hidden="true">
          <path d="M1 9 L33 9" className="run-legend-thin" />
          <path d="M1 4 L33 4" className="run-legend-thick" />
        </svg>
        <span>edge width ∝ tuples/s (busiest {formatRate(maxRate)})</span>
      </div>
      <div className="run-legend-row">
        <svg width="34" height="12" aria-hidden="true">
          <path d="M1 6 L33 6" className="run-legend-bp" />
        </svg>
        <span>backpressure: receiving queue full</span>
      </div>
    </Panel>
  );
}
