/**
 * The "Real Storm" dock tab: the companion's state, the run's progress while Storm starts, then
 * the real run in the run views' terms: Storm UI's tables with each figure beside the simulator's
 * (the last simulator run of the same document), the real plan, the log, the notes.
 */
import { useEffect, useState } from 'react';
import { useRunStore } from '../../store/run-store';
import { openDialog } from '../../store/ui-store';
import { formatInt, formatLatency } from '../viz/storm-columns';
import { START_COMMAND, type StormResult } from './companion-client';
import { compareColumns, comparePlan, compareRows, stormSeconds, type CompareColumn, type CompareRow } from './compare';
import { CONNECT_DIALOG, defaultSeconds, runOnRealStorm } from './real-storm-actions';
import { realStormStore } from './real-storm-store';
import { useRealStorm } from './use-real-storm';
import '../run/run.css';
import './real-storm.css';

/** Log lines drawn (the newest). */
const LOG_SHOWN = 300;

function CompareTable({ columns, rows, testId }: { columns: readonly CompareColumn[]; rows: readonly CompareRow[]; testId: string }) {
  return (
    <table className="storm-table real-table" data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} className={c.numeric ? 'is-numeric' : undefined} title={c.hint}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-testid={`${testId}.row.${r.id}`}>
            {columns.map((c) => {
              const cell = r.cells[c.key]!;
              const vs = c.key === 'vs';
              return (
                <td key={c.key} className={`${c.numeric ? 'is-numeric' : ''} ${vs && r.far ? 'is-hot' : ''} ${vs ? 'real-verdict' : ''}`} data-testid={`${testId}.${r.id}.${c.key}`}>
                  <span className="real-storm-value" data-testid={`${testId}.${r.id}.${c.key}.storm`}>
                    {cell.storm}
                  </span>
                  {cell.sim !== null ? (
                    <span className="real-sim-value" data-testid={`${testId}.${r.id}.${c.key}.sim`}>
                      {cell.sim || '–'}
                    </span>
                  ) : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Plan({ result }: { result: StormResult }) {
  const sim = useRunStore((s) => s.snapshot);
  const plan = comparePlan(result, sim);
  return (
    <section data-testid="real.plan">
      <h3>Plan (assigned by Nimbus)</h3>
      {plan.sameAsSimulator === null ? null : (
        <p className={`real-note ${plan.sameAsSimulator ? '' : 'is-warning'}`} data-testid="real.plan.same">
          {plan.sameAsSimulator ? 'The same executors and task ids as the simulator’s plan.' : 'Not the simulator’s plan: compare with the Plan tab.'}
        </p>
      )}
      <div className="real-workers">
        {plan.workers.map((executors, w) => (
          <div key={w} className="real-worker" data-testid={`real.plan.worker.${w}`}>
            <div className="real-worker-title">Worker {w}</div>
            {executors.map((e) => (
              <span key={`${e.component}-${e.tasks[0]}`} className={`real-executor ${e.component === '__acker' ? 'is-acker' : ''}`}>
                {e.component} [{e.tasks[0] === e.tasks[1] ? e.tasks[0] : `${e.tasks[0]}-${e.tasks[1]}`}]
              </span>
            ))}
          </div>
        ))}
      </div>
    </section>
  );
}

function Log({ result }: { result: StormResult }) {
  const lines = result.logs.slice(-LOG_SHOWN);
  return (
    <section>
      <h3>
        Log ({result.logs.length > LOG_SHOWN ? `the last ${LOG_SHOWN} of ${formatInt(result.logs.length)} lines` : `${formatInt(result.logs.length)} lines`}, from the components on Storm)
      </h3>
      {lines.length === 0 ? (
        <p className="run-empty">The components logged nothing.</p>
      ) : (
        <pre className="real-log" data-testid="real.log">
          {lines.map((l, i) => (
            <div key={i} className={`real-log-line is-${l.level.toLowerCase()}`} data-testid="real.log.line">
              {`${(l.time / 1000).toFixed(3).padStart(8)} s  ${l.level.padEnd(7)} ${l.component}${l.task >= 0 ? `[${l.task}]` : ''}  ${l.message}`}
            </div>
          ))}
        </pre>
      )}
    </section>
  );
}

type Totals = Pick<StormResult['topology'], 'emitted' | 'transferred' | 'completeLatencyMs' | 'acked' | 'failed'>;

function SummaryRow({ label, stats, sim }: { label: string; stats: Totals; sim?: boolean }) {
  return (
    <tr className={sim ? 'real-sim-row' : undefined} data-testid={`real.summary.${sim ? 'sim' : 'storm'}`}>
      <td>{label}</td>
      <td className="is-numeric">{formatInt(stats.emitted)}</td>
      <td className="is-numeric">{formatInt(stats.transferred)}</td>
      <td className="is-numeric">{formatLatency(stats.completeLatencyMs)}</td>
      <td className="is-numeric">{formatInt(stats.acked)}</td>
      <td className="is-numeric">{formatInt(stats.failed)}</td>
    </tr>
  );
}

function Result({ result }: { result: StormResult }) {
  const sim = useRunStore((s) => s.snapshot);
  const simSeed = useRunStore((s) => s.options.seed);
  const t = result.topology;
  const simT = sim?.topology.windows.all;
  return (
    <div className="storm-tables" data-testid="real.result">
      <p className="real-caption" data-testid="real.caption">
        <strong>Storm</strong> above: {t.name} on Apache Storm, spouts ran {stormSeconds(result).toFixed(1)} s{t.seed === '' ? '' : `, seed ${t.seed}`}.{' '}
        {sim ? (
          <>
            <span className="real-sim-key">Simulator</span> below: the last simulator run of this document, {(sim.time / 1000).toFixed(1)} s of {sim.clock === 'virtual' ? 'virtual' : 'wall'} time, seed {simSeed}. The runs last different times: “Simulator vs Storm” compares counts per second.
          </>
        ) : (
          'Run it in the simulator too (F5) to see its figures beside Storm’s.'
        )}
      </p>
      <section>
        <h3>Topology stats (all time)</h3>
        <table className="storm-table real-table" data-testid="real.summary">
          <thead>
            <tr>
              <th />
              <th className="is-numeric">Emitted</th>
              <th className="is-numeric">Transferred</th>
              <th className="is-numeric">Complete latency (ms)</th>
              <th className="is-numeric">Acked</th>
              <th className="is-numeric">Failed</th>
            </tr>
          </thead>
          <tbody>
            <SummaryRow label="Storm" stats={t} />
            {simT ? <SummaryRow label="Simulator" stats={simT} sim /> : null}
          </tbody>
        </table>
      </section>
      <section>
        <h3>Spouts (all time)</h3>
        <CompareTable columns={compareColumns('spout')} rows={compareRows(result, sim, 'spout')} testId="real.spouts" />
      </section>
      <section>
        <h3>Bolts (all time)</h3>
        <CompareTable columns={compareColumns('bolt')} rows={compareRows(result, sim, 'bolt')} testId="real.bolts" />
      </section>
      <Plan result={result} />
      <Log result={result} />
      <details className="real-notes">
        <summary>Notes on this run ({result.notes.length})</summary>
        <ul>
          {result.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}

/** Seconds since `since`, ticking while shown. */
function useElapsed(since: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? 0 : Math.max(0, Math.round((now - since) / 1000));
}

export default function RealStormPanel() {
  const s = useRealStorm((x) => x);
  const simSnapshot = useRunStore((x) => x.snapshot);
  const [seconds, setSeconds] = useState<number | null>(null);
  const elapsed = useElapsed(s.status === 'starting' ? s.startedAt : null);
  const chosen = seconds ?? defaultSeconds(simSnapshot);
  const connected = s.connection !== null && s.health !== null;
  // A connection kept in this tab (a reload): checked when the tab is first shown, not before.
  useEffect(() => {
    const { connection, health, problem } = realStormStore().getState();
    if (connection && !health && !problem) void realStormStore().actions.connect(connection);
  }, []);
  return (
    <div className="run-panel real-panel" data-testid="real.panel">
      <div className="run-head real-head">
        {connected ? (
          <span className="real-connection" data-testid="real.connection" data-state="connected">
            <span className="real-dot is-ok" /> Companion {s.connection!.url} · Storm {s.health!.storm} · {s.health!.java.found ? `Java ${s.health!.java.version}` : 'no Java'}
          </span>
        ) : (
          <span className="real-connection" data-testid="real.connection" data-state="disconnected">
            <span className="real-dot" /> Not connected to the Storm companion
          </span>
        )}
        <button type="button" className="btn btn-sm" data-testid="real.connect" onClick={() => openDialog(CONNECT_DIALOG)}>
          {connected ? 'Change…' : 'Connect…'}
        </button>
        <label className="real-seconds" title="How long the spouts run on Storm (the LocalCluster's start and drain come on top)">
          Seconds
          <input className="input" type="number" min={1} max={300} value={chosen} data-testid="real.seconds" onChange={(e) => setSeconds(Math.min(300, Math.max(1, Number(e.target.value) || 1)))} />
        </label>
        {s.status === 'starting' ? (
          <button type="button" className="btn btn-sm" data-testid="real.cancel" onClick={() => void realStormStore().actions.cancel()}>
            Cancel
          </button>
        ) : (
          <button type="button" className="btn btn-sm btn-primary" data-testid="real.run" onClick={() => void runOnRealStorm(chosen)}>
            Run on real Storm
          </button>
        )}
      </div>
      <div className="run-body">
        {s.health && !s.health.java.found ? (
          <p className="real-problem" data-testid="real.java">
            {s.health.java.message}
          </p>
        ) : null}
        {s.problem ? (
          <div className="real-problem" role="alert" data-testid="real.problem" data-kind={s.problem.kind}>
            {s.problem.message}
            {s.problem.kind === 'unreachable' || s.problem.kind === 'refused' ? (
              <div className="real-hint">
                Start it with: <code>{START_COMMAND}</code>, then <button type="button" className="link-button" onClick={() => openDialog(CONNECT_DIALOG)}>paste its URL and token</button>.
              </div>
            ) : null}
          </div>
        ) : null}
        {s.notice ? (
          <pre className="real-notice" data-testid="real.notice">
            {s.notice}
          </pre>
        ) : null}
        {s.status === 'starting' ? (
          <div className="real-progress" data-testid="real.progress" role="status">
            <div className="real-progress-head">
              <span className="real-spinner" /> Running {s.documentName} on real Storm: {elapsed} s (a LocalCluster takes 20–60 s to start, then the spouts run {s.seconds} s and the tuples in flight finish)
            </div>
            <ol className="real-progress-lines">
              {s.progress.slice(-8).map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ol>
          </div>
        ) : null}
        {s.status === 'cancelled' ? (
          <p className="real-note" data-testid="real.cancelled">
            Cancelled: the companion shut the LocalCluster down.
          </p>
        ) : null}
        {s.status === 'failed' && s.message ? (
          <pre className="real-problem" role="alert" data-testid="real.failed">
            {s.message}
          </pre>
        ) : null}
        {s.status === 'done' && s.message ? (
          <p className="real-problem" data-testid="real.ended">
            {s.message}
          </p>
        ) : null}
        {s.result ? <Result result={s.result} /> : null}
        {s.status === 'idle' && !s.problem ? (
          <p className="run-empty" data-testid="real.empty">
            {connected
              ? 'Run the open topology on Apache Storm (a LocalCluster on your machine) and compare each figure with the simulator’s.'
              : `Run the open topology on Apache Storm beside the simulator: start the companion (${START_COMMAND}) and connect. The rest of Storm Studio needs no Java.`}
          </p>
        ) : null}
      </div>
    </div>
  );
}
