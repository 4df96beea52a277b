/**
 * The "Plan" dock tab: Storm's physical plan — workers holding executors holding tasks, with the
 * task ids Storm assigns (acker executors included) — and, during a run, how many tuples each
 * task handled, so a fields grouping's skew shows. Without a run it is the current document's
 * plan, recomputed on every edit; with a run, the running topology's.
 */
import { memo, useMemo } from 'react';
import type { HostSnapshot } from '../../engine';
import type { TopologyDocument } from '../../model';
import { useDocumentStore } from '../../store/document-store';
import { selectDocument } from '../../store/selectors';
import { useDockTabVisible } from '../viz/dock-visible';
import { documentPlan, kindsOf, planView, samePlan, type ExecutorBox, type PlanView, type TaskCell, type WorkerBox } from '../viz/plan-layout';
import { formatCount } from '../viz/rates';
import { useRun } from '../viz/run-binding';
import { formatEngineTime } from '../viz/time';
import { useThrottled } from '../viz/use-throttled';
import './plan.css';

export const PLAN_TAB = 'plan';

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

function Worker({ w }: { w: WorkerBox }) {
  return (
    <section className={`pl-worker ${w.alive === false ? 'is-down' : ''}`} data-testid={`plan.worker.${w.index}`}>
      <header className="pl-worker-head">
        <strong>worker {w.index}</strong>
        <span>port {w.port}</span>
        <span>
          {w.executors.length} executor{w.executors.length === 1 ? '' : 's'} · {w.tasks} task{w.tasks === 1 ? '' : 's'}
        </span>
        {w.alive === false ? <span className="pl-down">down (restarting)</span> : null}
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
  const fromDoc = useDocumentPlanView(doc);
  const fromRun = useRunPlanView(running ? snapshot : null, running ? runDocument : null);
  const shown = fromRun?.view ?? fromDoc.view;
  const differs = fromRun !== null && fromDoc.plan !== null && !samePlan(fromRun.plan, fromDoc.plan);

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
              <Worker key={w.index} w={w} />
            ))}
          </div>
          <p className="pl-foot">
            Storm numbers the tasks of all components, <code>__acker</code> included, in the order of their ids (UTF-16), from 1; an executor runs a contiguous range of one component's tasks (<code>[first last]</code>); executors sorted by first task are dealt to the workers in turn.
          </p>
        </>
      ) : null}
    </div>
  );
}
