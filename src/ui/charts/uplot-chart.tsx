/**
 * One uPlot line chart: created when its series change, fed with `setData` otherwise, sized to
 * its container. Drawing happens on a canvas, off React's render path.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  readonly label: string;
  readonly color: string;
  readonly dash?: readonly number[];
  readonly values: readonly (number | null)[];
}

export interface ChartProps {
  readonly testId: string;
  readonly title: string;
  readonly unit: string;
  readonly x: readonly number[];
  readonly series: readonly ChartSeries[];
  /** Fixed y range (capacity), else auto from 0. */
  readonly yMax?: number;
  readonly formatY: (v: number) => string;
  readonly formatX: (seconds: number) => string;
}

const HEIGHT = 150;

function options(p: ChartProps, width: number): uPlot.Options {
  const css = getComputedStyle(document.documentElement);
  const text = css.getPropertyValue('--text-2').trim() || '#475467';
  const grid = css.getPropertyValue('--border').trim() || '#e1e5ec';
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: '11px system-ui, sans-serif' };
  return {
    width,
    height: HEIGHT,
    legend: { show: true, live: true },
    cursor: { drag: { x: false, y: false } },
    scales: {
      x: { time: false },
      y: p.yMax !== undefined ? { range: () => [0, p.yMax!] } : { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
    },
    axes: [
      { ...axis, values: (_u, splits) => splits.map(p.formatX) },
      { ...axis, size: 56, values: (_u, splits) => splits.map(p.formatY) },
    ],
    series: [
      { label: 'engine time', value: (_u, v) => (v === null ? '–' : p.formatX(v)) },
      ...p.series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: 1.6,
        dash: s.dash ? [...s.dash] : undefined,
        spanGaps: false,
        points: { show: false },
        value: (_u: uPlot, v: number | null) => (v === null ? '–' : `${p.formatY(v)}${p.unit}`),
      })),
    ],
  };
}

function dataOf(p: ChartProps): uPlot.AlignedData {
  return [p.x as number[], ...p.series.map((s) => s.values as (number | null)[])];
}

export function UPlotChart(props: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const shape = `${props.series.map((s) => `${s.label}|${s.color}`).join(',')}|${props.yMax ?? ''}`;
  const latest = useRef(props);
  latest.current = props;

  // (Re)create when the series change.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const u = new uPlot(options(latest.current, Math.max(200, el.clientWidth)), dataOf(latest.current), el);
    chart.current = u;
    const ro = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      chart.current = null;
    };
  }, [shape]);

  // New points: only the data.
  useEffect(() => {
    chart.current?.setData(dataOf(props));
  }, [props]);

  return (
    <figure className="ch-chart" data-testid={props.testId} data-points={props.x.length}>
      <figcaption>{props.title}</figcaption>
      <div ref={box} className="ch-plot" />
    </figure>
  );
}
