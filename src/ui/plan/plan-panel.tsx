/**
 * The "Plan" dock tab: Storm's physical plan — workers holding executors holding tasks, with the
 * task ids Storm assigns (acker executors included) — and, during a run, how many tuples each
 * task handled, so a fields grouping's skew shows. Without a run it is the current document's
 * plan, recomputed on every edit; with a run, the running topology's, where each worker can be
 * killed (teaching faults): the box shows it dead until Storm's supervisor restarts it.
 */
import { memo, useMemo, useState } from 'react';
import type { HostSnapshot } from '../../engine';
import type { TopologyDocument } from '../../model';
import { useDocumentStore } from '../../store/document-store';
import { selectDocument } from '../../store/selectors';
import { useDockTabVisible } from '../viz/dock-visible';
import { documentPlan, kindsOf, planView, samePlan, type ExecutorBox, type PlanView, type TaskCell, type WorkerBox } from '../viz/plan-layout';
import { formatCount } from '../viz/rates';
import { runActions, useRun } from '../viz/run-binding';
import { formatEngineTime } from '../viz/time';
import { useThrottled } from '../viz/use-throttled';
import { TaskStateView } from '../tasks/task-state-view';
import { TaskValuesView } from '../tasks/task-values-view';
import { faultDigest, parseDigest, type WorkerFault } from './worker-faults';
import './plan.css';

const PLAN_TAB = 'plan';

const ROLE_TEXT = { spout: 'spout', bolt: 'bolt', acker: 'acker (system)' } as const;

// Props are primitives, so a task whose numbers did not change is not rendered again.
const Task = memo(function Task({ id, count, share, pending, role }: { id: number; count: number | null; share: number; pending: number | null; role: ExecutorBox['role'] }) {
  const what = role === 'spout' ? 'emitted' : 'executed';
  return (
    <div className="pl-task" data-testid={`plan.task.${id}`} data-count={count ?? undefined} title={count === null ? `Task ${id}` : `Task ${id}: ${count.toLocaleString('en-US')} tuples ${what}${pending !== null ? `, ${pending} pending` : ''}`}>
      <span className="pl-task-id">{id}</span>
      {count !== null ? (
        <>
          <span className="pl-task-bar">
            <span style={{ width: `${share * 100}%` }} />
          </span>
          <span className="pl-task-count">{formatCount(count)}</span>
        </>
      ) : null}
    </div>
  );
});

function taskProps(t: TaskCell) {
  return { id: t.id, count: t.count, share: Math.round(t.share * 200) / 200, pending: t.pending };
}

function Executor({ e }: { e: ExecutorBox }) {
  return (
    <div className={`pl-executor is-${e.role} ${e.state === 'dead' ? 'is-dead' : ''}`} data-testid={`plan.executor.${e.id}`} data-component={e.component} data-tasks={e.tasks.map((t) => t.id).join(',')}>
      <div className="pl-executor-head" title={`Executor ${e.label} of ${e.component} (${ROLE_TEXT[e.role]})${e.state ? `: ${e.state}` : ''}`}>
        <span className="pl-executor-comp">{e.component}</span>
        <span className="pl-executor-id">{e.label}</span>
      </div>
      <div className="pl-tasks">
        {e.tasks.map((t) => (
          <Task key={t.id} {...taskProps(t)} role={e.role} />
        ))}
      </div>
    </div>
  );
}

/** Alive, dead (and when the supervisor restarts it), or alive again; only during a run. */
function WorkerState({ w, fault, restartSecs }: { w: WorkerBox; fault: WorkerFault | undefined; restartSecs: number | null }) {
  if (w.alive === null) return null;
  const testId = `plan.state.${w.index}`;
  if (w.alive === false) {
    const when = fault?.restartAt != null ? `at t = ${formatEngineTime(fault.restartAt)}` : restartSecs !== null ? `after ${restartSecs} s` : 'soon';
    return (
      <span className="pl-down" data-testid={testId} data-state="dead" title={fault ? `Died at t = ${formatEngineTime(fault.diedAt)}: ${fault.cause}` : undefined}>
        dead{fault ? ` (${fault.cause === 'killed' ? 'killed' : 'crashed'})` : ''} — restarting: Storm's supervisor starts it again {when}
      </span>
    );
  }
  if (fault && fault.restartedAt !== null) {
    return (
      <span className="pl-alive is-again" data-testid={testId} data-state="alive" data-restarted="true" title={`Died at t = ${formatEngineTime(fault.diedAt)}: ${fault.cause}`}>
        alive again — restarted at t = {formatEngineTime(fault.restartedAt)}
        {fault.deaths > 1 ? ` (${fault.deaths} deaths)` : ''}
      </span>
    );
  }
  return (
    <span className="pl-alive" data-testid={testId} data-state="alive">
      alive
    </span>
  );
}

interface KillProps {
  /** A run is going (running or paused): workers may be killed. */
  readonly canKill: boolean;
  readonly restartSecs: number | null;
  readonly timeoutSecs: number | null;
}

function KillButton({ w, restartSecs, timeoutSecs }: { w: WorkerBox } & Omit<KillProps, 'canKill'>) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const kill = () => {
    const actions = runActions();
    if (!actions) return;
    setBusy(true);
    setError(null);
    actions
      .killWorker(w.index)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  return (
    <>
      <button
        type="button"
        className="btn btn-sm pl-kill"
        data-testid={`plan.kill.${w.index}`}
        disabled={busy}
        onClick={kill}
        title={`Kill worker ${w.index}'s process, as when it crashes: the tuples queued in its executors and in flight are lost, so their trees time out${timeoutSecs !== null ? ` (after ${timeoutSecs} s)` : ''} and the spouts replay them; Storm's supervisor restarts it${restartSecs !== null ? ` after ${restartSecs} s` : ''}.`}
      >
        Kill worker
      </button>
      {error ? (
        <span className="pl-kill-error" role="alert" data-testid={`plan.kill-error.${w.index}`}>
          {error}
        </span>
      ) : null}
    </>
  );
}

function Worker({ w, fault, kill }: { w: WorkerBox; fault: WorkerFault | undefined; kill: KillProps }) {
  return (
    <section className={`pl-worker ${w.alive === false ? 'is-down' : ''}`} data-testid={`plan.worker.${w.index}`} data-alive={w.alive === null ? undefined : String(w.alive)}>
      <header className="pl-worker-head">
        <strong>worker {w.index}</strong>
        <span>port {w.port}</span>
        <span>
          {w.executors.length} executor{w.executors.length === 1 ? '' : 's'} · {w.tasks} task{w.tasks === 1 ? '' : 's'}
        </span>
        <WorkerState w={w} fault={fault} restartSecs={kill.restartSecs} />
        {kill.canKill && w.alive === true ? <KillButton w={w} restartSecs={kill.restartSecs} timeoutSecs={kill.timeoutSecs} /> : null}
      </header>
      {w.executors.length ? (
        <div className="pl-executors">
          {w.executors.map((e) => (
            <Executor key={e.id} e={e} />
          ))}
        </div>
      ) : (
        <p className="pl-empty">No executor: more workers than executors.</p>
      )}
    </section>
  );
}

function Skew({ view }: { view: PlanView }) {
  const shown = view.skew.filter((s) => s.role !== 'acker' && s.maxOverMean !== null);
  if (shown.length === 0) return null;
  return (
    <p className="pl-skew" data-testid="plan.skew">
      Busiest task vs. the mean:{' '}
      {shown.map((s, i) => (
        <span key={s.component} className={s.maxOverMean! >= 1.25 ? 'is-uneven' : ''}>
          {i > 0 ? ', ' : ''}
          {s.component} {s.maxOverMean!.toFixed(2)}×
        </span>
      ))}
      {' '}(1.00× = even; fields grouping sends each key to one task, so uneven keys make uneven tasks)
    </p>
  );
}

function useDocumentPlanView(doc: TopologyDocument) {
  return useMemo(() => {
    const r = documentPlan(doc);
    return r.ok ? { plan: r.plan, view: planView(r.plan, kindsOf(doc), null, 'document'), error: null } : { plan: null, view: null, error: r.reason };
  }, [doc]);
}

function useRunPlanView(snapshot: HostSnapshot | null, runDocument: TopologyDocument | null) {
  return useMemo(() => {
    if (!runDocument) return null;
    const r = snapshot ? { ok: true as const, plan: snapshot.plan } : documentPlan(runDocument);
    return r.ok ? { plan: r.plan, view: planView(r.plan, kindsOf(runDocument), snapshot, 'run') } : null;
  }, [snapshot, runDocument]);
}

export default function PlanPanel() {
  const visible = useDockTabVisible(PLAN_TAB);
  const doc = useDocumentStore(selectDocument);
  // The run's plan while it is loading, running or paused; the document's once it is stopped.
  const running = useRun((s) => s.status === 'loading' || s.status === 'running' || s.status === 'paused');
  // Per-task counts need not move at every snapshot: once a second is enough.
  const snapshot = useThrottled(
    useRun((s) => (visible ? s.snapshot : null)),
    1000,
  );
  const runDocument = useRun((s) => s.runDocument);
  const canKill = useRun((s) => s.status === 'running' || s.status === 'paused');
  // Deaths and restarts, from the engine's log lines (a string, so the panel renders only when one happens).
  const digest = useRun((s) => (visible && running ? faultDigest(s.logs) : ''));
  const faults = useMemo(() => parseDigest(digest), [digest]);
  const fromDoc = useDocumentPlanView(doc);
  const fromRun = useRunPlanView(running ? snapshot : null, running ? runDocument : null);
  const shown = fromRun?.view ?? fromDoc.view;
  const differs = fromRun !== null && fromDoc.plan !== null && !samePlan(fromRun.plan, fromDoc.plan);
  const kill: KillProps = {
    canKill: canKill && fromRun !== null,
    restartSecs: runDocument?.simulation.workerRestartSecs ?? null,
    timeoutSecs: runDocument?.config.messageTimeoutSecs ?? null,
  };

  return (
    <div className="pl-panel" data-testid="plan.panel">
      <div className="pl-bar">
        <span className={`pl-source is-${shown?.source ?? 'document'}`} data-testid="plan.source" data-source={shown?.source ?? 'document'}>
          {fromRun ? `Plan of the running topology${snapshot ? ` at ${formatEngineTime(snapshot.time)}` : ''}` : 'Plan of the current document (no run): it follows your edits'}
        </span>
        {shown ? (
          <span className="pl-summary">
            {shown.workers.length} worker{shown.workers.length === 1 ? '' : 's'} · {shown.executors} executors · tasks 1–{shown.totalTasks} · {shown.ackers} acker{shown.ackers === 1 ? '' : 's'}
            {shown.source === 'run' ? ' · bars: tuples per task (bolts executed, spouts emitted), all time' : ''}
          </span>
        ) : null}
        <span className="pl-legend">
          <i className="is-spout" /> spout <i className="is-bolt" /> bolt <i className="is-acker" /> acker
        </span>
      </div>
      {differs ? (
        <p className="pl-note" data-testid="plan.differs">
          The document has changed since the run started: its plan differs ({fromDoc.plan!.maxTask} tasks over {fromDoc.plan!.workers} worker{fromDoc.plan!.workers === 1 ? '' : 's'}). It applies at the next start.
        </p>
      ) : null}
      {!fromRun && fromDoc.error ? <p className="pl-note is-error">{fromDoc.error}</p> : null}
      {shown ? (
        <>
          <Skew view={shown} />
          <div className="pl-workers">
            {shown.workers.map((w) => (
              <Worker key={w.index} w={w} fault={fromRun ? faults.get(w.index) : undefined} kill={kill} />
            ))}
          </div>
          <p className="pl-foot">
            Storm numbers the tasks of all components, <code>__acker</code> included, in the order of their ids (UTF-16), from 1; an executor runs a contiguous range of one component's tasks (<code>[first last]</code>); executors sorted by first task are dealt to the workers in turn.
          </p>
          <TaskValuesView />
          <TaskStateView />
        </>
      ) : null}
    </div>
  );
}
