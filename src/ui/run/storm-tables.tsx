/** Storm UI's tables: topology summary, spouts and bolts, a row expanding to executors and tasks. */
import { Fragment, useState } from 'react';
import type { HostSnapshot, WindowKey } from '../../engine';
import { useRunStore } from '../../store/run-store';
import { Icon } from '../shell/icons';
import { showLogsFor } from './log-filter';
import {
  BOLT_COLUMNS,
  boltRows,
  EXECUTOR_COLUMNS,
  executorRows,
  SPOUT_COLUMNS,
  spoutRows,
  SUMMARY_COLUMNS,
  summaryRows,
  TASK_COLUMNS,
  taskRows,
  TOPOLOGY_COLUMNS,
  topologyRow,
  WINDOW_SHORT,
  type Column,
  type Row,
} from './tables';

/** A cell's text; a second line (p50 · p99 under a mean latency) in smaller type. */
function CellText({ text }: { text: string }) {
  const cut = text.indexOf('\n');
  if (cut < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, cut)}
      <span className="storm-sub">{text.slice(cut + 1)}</span>
    </>
  );
}

function Table({ columns, rows, testId, expandable, expanded, onToggle, renderExpanded }: {
  columns: readonly Column[];
  rows: readonly Row[];
  testId: string;
  expandable?: boolean;
  expanded?: ReadonlySet<string>;
  onToggle?: (id: string) => void;
  renderExpanded?: (id: string) => React.ReactNode;
}) {
  return (
    <table className="storm-table" data-testid={testId}>
      <thead>
        <tr>
          {expandable ? <th className="storm-expand-col" aria-label="Expand" /> : null}
          {columns.map((c) => (
            <th key={c.key} className={c.numeric ? 'is-numeric' : undefined} title={c.hint}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const open = expanded?.has(r.id) ?? false;
          return (
            <Fragment key={r.id}>
              <tr data-testid={`${testId}.row.${r.id}`}>
                {expandable ? (
                  <td className="storm-expand-col">
                    <button type="button" className="btn btn-icon btn-sm" aria-expanded={open} aria-label={open ? `Hide ${r.id}'s executors and tasks` : `Show ${r.id}'s executors and tasks`} data-testid={`${testId}.expand.${r.id}`} onClick={() => onToggle?.(r.id)}>
                      <span className={`storm-chevron ${open ? 'is-open' : ''}`}>
                        <Icon name="chevronDown" size={14} />
                      </span>
                    </button>
                  </td>
                ) : null}
                {columns.map((c) => (
                  <td key={c.key} className={`${c.numeric ? 'is-numeric' : ''} ${r.hot?.includes(c.key) ? 'is-hot' : ''} ${c.key === 'error' ? 'storm-error' : ''}`} data-testid={`${testId}.${r.id}.${c.key}`}>
                    {c.key === 'error' && r.cells.error ? (
                      <button type="button" className="link-button" title="Show this component's log" onClick={() => showLogsFor(r.id)}>
                        {r.cells.error}
                      </button>
                    ) : (
                      <CellText text={r.cells[c.key] ?? ''} />
                    )}
                  </td>
                ))}
              </tr>
              {open && renderExpanded ? (
                <tr className="storm-breakdown-row">
                  <td colSpan={columns.length + 1}>{renderExpanded(r.id)}</td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

function Breakdown({ snapshot, component, window }: { snapshot: HostSnapshot; component: string; window: WindowKey }) {
  return (
    <div className="storm-breakdown" data-testid={`run.breakdown.${component}`}>
      <h4>Executors ({WINDOW_SHORT[window]})</h4>
      <Table columns={EXECUTOR_COLUMNS} rows={executorRows(snapshot, component, window)} testId={`run.executors.${component}`} />
      <h4>Tasks ({WINDOW_SHORT[window]})</h4>
      <Table columns={TASK_COLUMNS} rows={taskRows(snapshot, component, window)} testId={`run.tasks.${component}`} />
      <button type="button" className="btn btn-sm" onClick={() => showLogsFor(component)}>
        Show {component}'s log
      </button>
    </div>
  );
}

const WINDOW_KEYS: readonly WindowKey[] = ['600', '10800', '86400', 'all'];

export function StormTables() {
  const snapshot = useRunStore((s) => s.snapshot);
  const [window, setWindow] = useState<WindowKey>('600');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  if (snapshot === null) {
    return <p className="run-empty">Run the topology (F5) to see Storm UI's tables: topology summary, spouts and bolts, per executor and task.</p>;
  }
  const toggle = (id: string) => {
    const next = new Set(expanded);
    if (!next.delete(id)) next.add(id);
    setExpanded(next);
  };
  const breakdown = (id: string) => <Breakdown snapshot={snapshot} component={id} window={window} />;
  return (
    <div className="storm-tables">
      <section>
        <h3>Topology summary</h3>
        <Table columns={TOPOLOGY_COLUMNS} rows={[topologyRow(snapshot)]} testId="run.topology" />
      </section>
      <section>
        <h3>Topology stats</h3>
        <Table columns={SUMMARY_COLUMNS} rows={summaryRows(snapshot)} testId="run.summary" />
      </section>
      <div className="storm-window" role="radiogroup" aria-label="Window">
        <span>Window:</span>
        {WINDOW_KEYS.map((k) => (
          <button key={k} type="button" role="radio" aria-checked={window === k} className={`btn btn-sm ${window === k ? 'is-selected' : ''}`} data-testid={`run.window.${WINDOW_SHORT[k]}`} onClick={() => setWindow(k)}>
            {WINDOW_SHORT[k]}
          </button>
        ))}
        <span className="storm-note">Counts are exact (Storm UI samples 5 % of tuples). Latencies: mean, then p50 · p99.</span>
      </div>
      <section>
        <h3>Spouts ({WINDOW_SHORT[window]})</h3>
        <Table columns={SPOUT_COLUMNS} rows={spoutRows(snapshot, window)} testId="run.spouts" expandable expanded={expanded} onToggle={toggle} renderExpanded={breakdown} />
      </section>
      <section>
        <h3>Bolts ({WINDOW_SHORT[window]})</h3>
        <Table columns={BOLT_COLUMNS} rows={boltRows(snapshot, window)} testId="run.bolts" expandable expanded={expanded} onToggle={toggle} renderExpanded={breakdown} />
      </section>
    </div>
  );
}
