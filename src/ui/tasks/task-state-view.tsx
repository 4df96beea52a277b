/**
 * "What each task keeps": each task's own state — its component instance's fields, e.g. a
 * counting bolt's dict of counts — read when the run is paused, stepped or stopped (the run store
 * reads it; src/engine/task-state.ts says how, without running user code). With a fields grouping
 * each count task holds different words. Shown in the Plan tab, under "What each task holds".
 */
import { useState } from 'react';
import { selectSingleComponent, showDockTab, useUi } from '../../store/ui-store';
import { useRun } from '../viz/run-binding';
import { formatEngineTime } from '../viz/time';
import { componentsWithState, defaultStateComponent, tasksOf } from './task-state';
import { ComponentHeading } from './component-heading';
import './tasks.css';

export function TaskStateView() {
  const status = useRun((s) => s.status);
  const states = useRun((s) => s.taskStates);
  const selected = useUi(selectSingleComponent);
  const [chosen, setChosen] = useState<string | null>(null);
  if (status === 'idle' || status === 'loading') return null;
  if (status === 'running' || states === null) {
    return (
      <section className="tv" data-testid="tasks.state">
        <h4>What each task keeps</h4>
        <p className="tv-note" data-testid="tasks.state.note">
          {status === 'running'
            ? 'Pause or stop the run to see each task’s own state: the fields of its component (e.g. a dict of counts), as they are at that moment.'
            : 'The tasks’ state could not be read when this run ended.'}
        </p>
      </section>
    );
  }
  const components = componentsWithState(states);
  const component = chosen !== null && components.includes(chosen) ? chosen : defaultStateComponent(states, selected);
  if (component === null) return null;
  const tasks = tasksOf(states, component);
  return (
    <section className="tv" data-testid="tasks.state">
      <ComponentHeading title="What each task keeps" component={component} components={components} testId="tasks.state.component" onChoose={setChosen} />
      <p className="tv-note">
        The fields of each {component} task’s component instance at t = {formatEngineTime(states.time)} ({status === 'paused' ? 'paused' : 'when the run stopped'}): every task is its own
        instance, so each keeps its own state — with a fields grouping, each count task counts different words. Read without running the component’s code; long values are cut.
      </p>
      <table className="tv-table ts-table">
        <tbody>
          {tasks.map((t) => (
            <tr key={t.task} data-testid={`tasks.state.${component}.${t.task}`}>
              <th>
                {component} task {t.task}
              </th>
              <td>
                {t.state === null ? (
                  <span className="tv-more">{t.note}</span>
                ) : t.state.fields.length === 0 ? (
                  <span className="tv-more">no fields</span>
                ) : (
                  <dl className="ts-fields">
                    {t.state.fields.map((f) => (
                      <div key={f.name} className="ts-field" data-field={f.name}>
                        <dt title={`${f.type}${f.size === null ? '' : `, ${f.size} item${f.size === 1 ? '' : 's'}`}`}>
                          {t.language === 'python' ? 'self.' : 'this.'}
                          {f.name}
                          {f.size === null ? null : <span className="tv-more"> ({f.size})</span>}
                        </dt>
                        <dd>{f.repr}</dd>
                      </div>
                    ))}
                    {t.state.more > 0 ? <div className="tv-more">+{t.state.more} more fields</div> : null}
                  </dl>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * The inspector's short form for one component: a line per task and field (cut to one line, the
 * whole value in its tooltip), when the run is paused or stopped; the Plan tab has the full view.
 */
export function TaskStateLines({ component }: { component: string }) {
  const status = useRun((s) => s.status);
  const states = useRun((s) => s.taskStates);
  if ((status !== 'paused' && status !== 'stopped') || states === null) return null;
  const tasks = tasksOf(states, component);
  if (tasks.length === 0) return null;
  return (
    <div className="ts-lines" data-testid="inspector.task-state">
      {tasks.map((t) =>
        t.state === null || t.state.fields.length === 0 ? (
          <div key={t.task} className="ts-line">
            <b>task {t.task}</b> <span className="tv-more">{t.state === null ? t.note : 'no fields'}</span>
          </div>
        ) : (
          t.state.fields.map((f) => (
            <div key={`${t.task}.${f.name}`} className="ts-line" title={f.repr} data-task={t.task} data-field={f.name}>
              <b>task {t.task}</b> <code>{f.name}</code> {f.repr}
            </div>
          ))
        ),
      )}
      <button type="button" className="ts-plan-link" data-testid="inspector.task-state.plan" onClick={() => showDockTab('plan')}>
        Every task in the Plan tab
      </button>
    </div>
  );
}
