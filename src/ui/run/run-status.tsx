/** Status line (state, engine time, mode, seed), the Python loading indicator and the run's messages. */
import { useDocumentStore } from '../../store/document-store';
import { documentChangedSinceRun, selectKills, useRunStore } from '../../store/run-store';
import { selectDocument } from '../../store/selectors';
import { showDockTab } from '../../store/ui-store';
import { formatEngineTime } from '../viz/time';
import { loadingText } from './loading-text';
import { startRun } from './run-actions';
import { showLogsFor } from './log-filter';
import { formatInt } from '../viz/storm-columns';
import { untrackedSpouts } from '../untracked/untracked';
import { killConsequence } from './kill-text';

const STATUS_TEXT = { idle: 'Not started', loading: 'Loading…', running: 'Running', paused: 'Paused', stopped: 'Stopped', failed: 'Failed' } as const;

function LoadingIndicator() {
  const loading = useRunStore((s) => s.loading);
  if (loading === null) return null;
  const { text, fraction } = loadingText(loading);
  return (
    <div className="run-loading" data-testid="run.loading" data-phase={loading.phase} role="status">
      <span>{text}</span>
      <progress max={1} value={fraction ?? undefined} />
    </div>
  );
}

export function RunStatus() {
  const status = useRunStore((s) => s.status);
  const time = useRunStore((s) => s.snapshot?.time ?? null);
  const events = useRunStore((s) => s.snapshot?.events ?? null);
  const mode = useRunStore((s) => (s.runDocument ? s.options.clock : null));
  const seed = useRunStore((s) => (s.runDocument ? s.options.seed : null));
  const hosts = useRunStore((s) => s.snapshot?.hosts.length ?? null);
  return (
    <div className="run-status" data-testid="run.status" data-status={status}>
      <span className={`run-state is-${status}`} data-testid="run.state">
        {STATUS_TEXT[status]}
      </span>
      {time !== null ? (
        <span className="run-meta" title="Engine time: virtual or wall, since the run started" data-testid="run.time" data-ms={time}>
          t = {formatEngineTime(time)}
        </span>
      ) : null}
      {mode !== null ? (
        <span className="run-meta" data-testid="run.mode" title={mode === 'virtual' ? 'Deterministic: all executors in one Web Worker' : 'Real time: one Web Worker per Storm worker'}>
          {mode === 'virtual' ? 'virtual time' : 'wall time'}
          {hosts !== null ? ` · ${hosts} Web Worker${hosts === 1 ? '' : 's'}` : ''}
        </span>
      ) : null}
      {seed !== null ? (
        <span className="run-meta" data-testid="run.seed-shown">
          seed {seed}
        </span>
      ) : null}
      {events !== null ? <span className="run-meta">{formatInt(events)} events</span> : null}
      <LoadingIndicator />
    </div>
  );
}

/** Why the run failed or was refused, calls the watchdog stopped, and edits made since the start. */
export function RunMessages() {
  const failure = useRunStore((s) => s.failure);
  const interrupts = useRunStore((s) => s.interrupts);
  const warnings = useRunStore((s) => s.warnings);
  const runDocument = useRunStore((s) => s.runDocument);
  const plan = useRunStore((s) => s.snapshot?.plan ?? null);
  // Which spouts emit untracked tuples, as a string so the banner renders only when it changes.
  const untracked = useRunStore((s) => (s.kills.length && s.snapshot ? untrackedSpouts(s.snapshot).map((u) => u.spout).join(',') : ''));
  const status = useRunStore((s) => s.status);
  const kills = useRunStore(selectKills);
  const doc = useDocumentStore(selectDocument);
  const changed = (status === 'running' || status === 'paused') && documentChangedSinceRun(runDocument, doc);
  return (
    <>
      {failure ? (
        <div className="run-banner is-error" role="alert" data-testid="run.failure" data-reason={failure.reason ?? ''}>
          <strong>{failure.reason === 'invalid' || failure.reason === 'imports' || failure.reason === 'load' ? 'Cannot start' : 'The run stopped'}:</strong> {failure.message}
          {failure.reason === 'invalid' ? (
            <button type="button" className="btn btn-sm" onClick={() => showDockTab('problems')}>
              Show problems
            </button>
          ) : null}
          {failure.component && failure.reason !== 'invalid' ? (
            <button type="button" className="btn btn-sm" onClick={() => showLogsFor(failure.component)}>
              Show the log
            </button>
          ) : null}
          {failure.detail && failure.reason !== 'invalid' ? <pre className="run-detail">{failure.detail}</pre> : null}
        </div>
      ) : null}
      {interrupts.map((f, i) => (
        <div key={i} className="run-banner is-warning" role="alert" data-testid="run.interrupt">
          {f.message}.{' '}
          <button type="button" className="btn btn-sm" onClick={() => showLogsFor(f.component)}>
            Show the log
          </button>
        </div>
      ))}
      {kills.map((k, i) => (
        <div key={`k${i}`} className="run-banner is-info" data-testid="run.kill" data-worker={k.worker}>
          Worker {k.worker} (port {6700 + k.worker}) was killed at t = {formatEngineTime(k.time)}:{' '}
          {runDocument && plan
            ? killConsequence({ worker: k.worker, plan, doc: runDocument, untracked: untracked ? untracked.split(',') : [] })
            : 'the tuples queued in its executors and in flight are lost.'}{' '}
          <button type="button" className="btn btn-sm" onClick={() => showLogsFor(null)}>
            Show the log
          </button>
        </div>
      ))}
      {warnings.map((w, i) => (
        <div key={`w${i}`} className="run-banner is-warning" data-testid="run.warning">
          {w.message}
        </div>
      ))}
      {changed ? (
        <div className="run-banner is-info" data-testid="run.changed">
          The document changed since this run started — restart to apply (a Storm topology cannot change once submitted).{' '}
          <button type="button" className="btn btn-sm" onClick={() => void startRun()}>
            Restart
          </button>
        </div>
      ) : null}
    </>
  );
}
