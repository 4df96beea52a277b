/**
 * The live canvas's legend (only while a run exists): a small chip — the run's state and the engine
 * time of the numbers shown — that expands on click into the capacity colour scale, what edge
 * widths mean and backpressure. The first time a user runs a topology it opens expanded; once they
 * have seen it (remembered in the preferences) it starts as the chip. Opened by itself, it folds
 * into the chip when a fit of the view still leaves it over a node (a small canvas); opened by
 * the user, it stays open until they fold it.
 * It also mounts the animated run's pool of travelling dots ({@link TokenLayer}).
 */
import { Panel } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { onFitView } from '../../canvas/flow-instance';
import { uiStore, useUi } from '../../../store/ui-store';
import { capacityGradient, CAPACITY_MEDIUM } from '../capacity';
import { useViz } from '../live-store';
import { useRun } from '../run-binding';
import { formatRate } from '../rates';
import { formatEngineTime } from '../time';
import { ZeroCapacityNote } from '../../advisor/zero-capacity-note';
import { TokenLayer } from './token-layer';
import './live.css';

function LegendDetails({ maxRate }: { maxRate: number }) {
  return (
    <div className="run-legend-details" data-testid="canvas.legend.details">
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
    </div>
  );
}

/**
 * `short`: the canvas is too short for the expanded legend to sit beside the graph (a tall dock);
 * the legend is then a chip unless the user opens it while it is short.
 */
export function RunLegend({ short = false }: { short?: boolean }) {
  const time = useViz((s) => s.overlay?.time ?? null);
  const runId = useRun((s) => s.runId);
  // Each run's legend starts afresh (open the first time, then as the chip).
  return time === null ? null : <LiveLegend key={runId} short={short} time={time} />;
}

function LiveLegend({ short, time }: { short: boolean; time: number }) {
  const maxRate = useViz((s) => s.overlay?.maxEdgeRate ?? 0);
  const status = useRun((s) => s.status);
  const clock = useRun((s) => s.options.clock);
  const seen = useUi((s) => s.legendSeen);
  // Expanded until the user has seen it, then a chip unless they open it.
  const [roomy, setRoomy] = useState(() => !seen);
  const [opened, setOpened] = useState(false);
  // Whether the user opened it (then it stays open even over nodes).
  const [chosen, setChosen] = useState(false);
  const expanded = short ? opened : roomy;
  const setExpanded = (open: boolean) => {
    setChosen(open);
    (short ? setOpened : setRoomy)(open);
  };
  const panel = useRef<HTMLDivElement>(null);
  // After a fit (the run's first numbers, the dock resized, Fit view) the graph should sit beside
  // the legend; on a canvas too small for both, the legend opened by itself folds into the chip.
  const foldIfOverNodes = useRef<() => void>(() => {});
  useEffect(() => {
    foldIfOverNodes.current = () => {
      if (!expanded || chosen || !panel.current) return;
      const legend = panel.current.getBoundingClientRect();
      for (const node of panel.current.closest('.react-flow')?.querySelectorAll('.react-flow__node') ?? []) {
        const r = node.getBoundingClientRect();
        if (r.left < legend.right && legend.left < r.right && r.top < legend.bottom && legend.top < r.bottom) {
          (short ? setOpened : setRoomy)(false);
          return;
        }
      }
    };
  });
  useEffect(() => onFitView(() => foldIfOverNodes.current()), []);
  useEffect(() => {
    if (expanded && !uiStore.getState().legendSeen) uiStore.setState({ legendSeen: true });
  }, [expanded]);
  const title = status === 'running' ? 'Live run' : status === 'paused' ? 'Run paused' : status === 'failed' ? 'Run failed' : 'Run stopped';
  // The pool of travelling dots (animated run) lives with the legend: both exist while a run does.
  return (
    <>
      <Panel ref={panel} position="top-left" className={`run-legend ${expanded ? 'is-expanded' : 'is-collapsed'}`} data-testid="canvas.legend" data-expanded={expanded}>
        <button
          type="button"
          className="run-legend-title"
          data-testid="canvas.legend.toggle"
          aria-expanded={expanded}
          title={expanded ? 'Fold the legend into a chip' : 'What the colours and widths mean'}
          onClick={() => setExpanded(!expanded)}
        >
          <span className={`run-legend-dot is-${status}`} aria-hidden="true" />
          <span className="run-legend-state">{title}</span>
          <span className="run-legend-time" data-testid="canvas.legend.time" data-ms={time} title={clock === 'virtual' ? 'Engine time (virtual clock)' : 'Engine time (wall clock)'}>
            t = {formatEngineTime(time)}
          </span>
          <span className="run-legend-more">
            {expanded ? null : 'Legend'}
            <svg width="10" height="10" viewBox="0 0 16 16" aria-hidden="true">
              <path d={expanded ? 'm4 10 4-4 4 4' : 'm4 6 4 4 4-4'} fill="none" stroke="currentColor" strokeWidth="2" />
            </svg>
          </span>
        </button>
        {expanded ? <LegendDetails maxRate={maxRate} /> : null}
      </Panel>
      <ZeroCapacityNote />
      <TokenLayer />
    </>
  );
}
