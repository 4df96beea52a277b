/**
 * The "Charts" dock tab: throughput, complete latency (p50/p99) and capacity over time per
 * component, over Storm UI's windows (10 min, 3 h, 1 day, all time) on the engine's clock. The
 * points come from the bounded rings of {@link ChartHistory}; the charts redraw at most twice a
 * second, and not at all while the tab is hidden.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { WindowKey } from '../../engine';
import { useDockTabVisible } from '../viz/dock-visible';
import type { ChartData } from '../viz/history';
import { chartHistory, useViz } from '../viz/live-store';
import { formatCount } from '../viz/rates';
import { trimFixed } from '../viz/time';
import { UPlotChart, type ChartSeries } from './uplot-chart';
import './charts.css';

const CHARTS_TAB = 'charts';

const WINDOWS: readonly { key: WindowKey; label: string }[] = [
  { key: '600', label: '10 min' },
  { key: '10800', label: '3 h' },
  { key: '86400', label: '1 day' },
  { key: 'all', label: 'all time' },
];

/** Distinct hues for components, in the order of the history's series. */
const PALETTE = ['#2f62e9', '#0e9486', '#d9480f', '#7048e8', '#c2255c', '#2b8a3e', '#e67700', '#1098ad', '#5c7cfa', '#a61e4d', '#495057', '#74b816'];
const REDRAW_MS = 500;

function formatSeconds(s: number): string {
  if (s < 60) return `${trimFixed(s, 1)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;
}
const formatMs = (v: number) => (v >= 1000 ? `${trimFixed(v / 1000, 2)} s` : `${trimFixed(v, v < 10 ? 2 : 1)}`);

/**
 * The history's version, re-read at most every {@link REDRAW_MS} while visible (a throttle: new
 * points arrive with every snapshot, faster than that while a run goes at full speed).
 */
function useThrottledVersion(visible: boolean): number {
  const version = useViz((s) => s.historyVersion);
  const [shown, setShown] = useState(version);
  const latest = useRef(version);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    latest.current = version;
    if (!visible || shown === version || timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      setShown(latest.current);
    }, REDRAW_MS);
  }, [visible, version, shown]);
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
  return visible ? shown : -1;
}

export default function ChartsPanel() {
  const visible = useDockTabVisible(CHARTS_TAB);
  const live = useViz((s) => s.overlay !== null);
  const version = useThrottledVersion(visible);
  const [win, setWin] = useState<WindowKey>('600');
  const [only, setOnly] = useState<string>('');
  const history = chartHistory();

  const colors = useMemo(() => {
    const m = new Map<string, string>();
    history?.series.forEach((s) => {
      if (!m.has(s.component)) m.set(s.component, PALETTE[m.size % PALETTE.length]!);
    });
    return m;
  }, [history]);
  const components = [...colors.keys()];

  const data = useMemo(() => {
    if (!history || version < 0) return null;
    const filter = only ? new Set([only]) : undefined;
    return { throughput: history.data(win, 'throughput', filter), latency: history.data(win, 'latency', filter), capacity: history.data(win, 'capacity', filter), step: history.stepOf(win) };
    // version: the history's rings are mutable; a new version means new points.
  }, [history, version, win, only]);

  if (!live || !history) {
    return (
      <div className="ch-empty" data-testid="charts.empty">
        Run the topology to chart it: throughput, complete latency (p50, p99) and capacity of each component over time, on the engine's clock.
      </div>
    );
  }
  const series = (d: ChartData, label: (c: string, p?: string) => string): ChartSeries[] =>
    d.series.map((s) => ({ label: label(s.info.component, s.info.percentile), color: colors.get(s.info.component) ?? '#888', dash: s.info.percentile === 'p99' ? [5, 4] : undefined, values: s.values }));

  return (
    <div className="ch-panel" data-testid="charts.panel">
      <div className="ch-bar">
        <div className="ch-windows" role="radiogroup" aria-label="Window">
          {WINDOWS.map((w) => (
            <button key={w.key} type="button" role="radio" aria-checked={w.key === win} className={`ch-window ${w.key === win ? 'is-active' : ''}`} data-testid={`charts.window.${w.key}`} onClick={() => setWin(w.key)}>
              {w.label}
            </button>
          ))}
        </div>
        <label className="ch-field">
          Component
          <select className="select ch-select" data-testid="charts.component" value={only} onChange={(e) => setOnly(e.target.value)}>
            <option value="">all</option>
            {components.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <span className="ch-hint">
          Engine time; one point per {formatSeconds((data?.step ?? 1000) / 1000)} of it, each point over the interval since the previous one.
        </span>
      </div>
      {data && data.throughput.x.length > 0 ? (
        <div className="ch-grid">
          <UPlotChart
            testId="charts.throughput"
            title="Throughput (tuples/s: spouts emitted, bolts executed)"
            unit="/s"
            x={data.throughput.x}
            series={series(data.throughput, (c) => c)}
            formatY={formatCount}
            formatX={formatSeconds}
          />
          <UPlotChart
            testId="charts.latency"
            title="Complete latency of spouts (ms): p50 solid, p99 dashed"
            unit=" ms"
            x={data.latency.x}
            series={series(data.latency, (c, p) => `${c} ${p}`)}
            formatY={formatMs}
            formatX={formatSeconds}
          />
          <UPlotChart
            testId="charts.capacity"
            title="Capacity of bolts (1 = saturated)"
            unit=""
            x={data.capacity.x}
            series={series(data.capacity, (c) => c)}
            yMax={1.05}
            formatY={(v) => v.toFixed(2)}
            formatX={formatSeconds}
          />
        </div>
      ) : (
        <p className="ch-empty">The first point comes after {formatSeconds((data?.step ?? 1000) / 1000)} of engine time.</p>
      )}
    </div>
  );
}
