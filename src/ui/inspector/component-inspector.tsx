import { LOG_LEVEL_KEY, LOG_LEVEL_NAMES, logLevelName, TICK_FREQ_KEY, type ComponentSpec, type Language, type LogLevelName } from '../../model';
import { codeStatesTick, setLanguage, setLogLevel, setTickFrequency, updateComponent } from '../../model/operations';
import { deleteSelection, renameComponentTo } from '../../store/actions';
import { documentStore, useDocumentStore } from '../../store/document-store';
import { selectComponentDiagnostics } from '../../store/selectors';
import { showDockTab } from '../../store/ui-store';
import { DiagnosticList } from '../shell/diagnostic-list';
import { Icon } from '../shell/icons';
import { NumberField, Section, SelectField, TextField } from './fields';
import { TaskStateLines } from '../tasks/task-state-view';
import { useRun } from '../viz/run-binding';
import { DataSourceSection } from './data-source-section';
import { StreamsEditor } from './streams-editor';

const LANGUAGES: readonly { value: Language; label: string }[] = [
  { value: 'python', label: 'Python (Petrel)' },
  { value: 'javascript', label: 'JavaScript' },
];

const edit = (f: Parameters<ReturnType<typeof documentStore.getState>['edit']>[0]) => documentStore.getState().edit(f);

/** A Python component's log level (`studio.log.level` in its configuration, where the runtime reads it). */
function LogLevelField({ component: c }: { component: ComponentSpec }) {
  const topology = useDocumentStore((s) => logLevelName(s.doc.config.custom[LOG_LEVEL_KEY]));
  const own = logLevelName(c.config[LOG_LEVEL_KEY]);
  return (
    <Section title="Logging">
      <SelectField<LogLevelName | ''>
        label="Log level"
        value={own ?? ''}
        options={[{ value: '', label: topology ? `The topology's (${topology})` : 'INFO (the default)' }, ...LOG_LEVEL_NAMES.map((l) => ({ value: l, label: l }))]}
        testId="inspector.log-level"
        hint="What this component's Python logging lets through (studio.log.level); DEBUG also logs Petrel's tuple profile. The Log tab shows the lines; the exported logconfig.ini keeps the most verbose level."
        onChange={(level) => edit((d) => setLogLevel(d, c.id, level === '' ? null : level))}
      />
    </Section>
  );
}

/** Its tasks' own state (a paused or stopped run's; task-state-view.tsx). */
function RunStateSection({ component }: { component: string }) {
  const shown = useRun((s) => (s.status === 'paused' || s.status === 'stopped') && (s.taskStates?.tasks.some((t) => t.component === component) ?? false));
  if (!shown) return null;
  return (
    <Section title="Task state (this run)">
      <TaskStateLines component={component} />
    </Section>
  );
}

/** The inspector of one spout or bolt. */
export function ComponentInspector({ component: c }: { component: ComponentSpec }) {
  const problems = useDocumentStore(selectComponentDiagnostics(c.id));
  const tick = c.config[TICK_FREQ_KEY];
  const tickValue = typeof tick === 'number' ? tick : null;
  const other = c.language === 'python' ? 'javascript' : 'python';
  return (
    <div className="inspector-body" data-testid="inspector.component" data-component={c.id}>
      <header className={`inspector-title is-${c.kind}`}>
        <span className="inspector-kind-icon">
          <Icon name={c.kind} />
        </span>
        <div>
          <div className="inspector-kind">{c.kind === 'spout' ? 'Spout' : 'Bolt'}</div>
          <div className="inspector-name" data-testid="inspector.title">
            {c.id}
          </div>
        </div>
        <button type="button" className="btn btn-sm btn-outline inspector-code" data-testid="inspector.edit-code" onClick={() => showDockTab('code')}>
          <Icon name="code" size={14} /> Code
        </button>
      </header>
      <DiagnosticList diagnostics={problems} testId="inspector.problems" compact />
      <Section title="Component">
        <TextField
          label="Id"
          value={c.id}
          testId="inspector.id"
          mono
          hint="Storm's component id; subscriptions follow a rename."
          onCommit={(id) => renameComponentTo(c.id, id)}
        />
        <SelectField
          label="Language"
          value={c.language}
          options={LANGUAGES}
          testId="inspector.language"
          hint={c.code[other] !== undefined ? `The ${other === 'python' ? 'Python' : 'JavaScript'} code is kept; switching back restores it.` : undefined}
          onChange={(language) => edit((d) => setLanguage(d, c.id, language))}
        />
      </Section>
      <Section title="Parallelism">
        <div className="field-row">
          <NumberField
            label="Executors"
            what="Parallelism"
            value={c.parallelism}
            rules={{ min: 1, integer: true }}
            testId="inspector.parallelism"
            onCommit={(n) => (edit((d) => updateComponent(d, c.id, { parallelism: n! })), null)}
          />
          <NumberField
            label="Tasks"
            what="The number of tasks"
            value={c.numTasks}
            rules={{ min: 1, integer: true, nullable: true }}
            placeholder={`${c.parallelism} (= executors)`}
            testId="inspector.num-tasks"
            onCommit={(n) => (edit((d) => updateComponent(d, c.id, { numTasks: n })), null)}
          />
        </div>
        <div className="field-hint">
          Parallelism hint = executors (threads). Tasks are fixed for the topology's life; rebalancing moves them between executors.
        </div>
      </Section>
      <DataSourceSection component={c} />
      <StreamsEditor component={c} />
      <Section title="Timing">
        <NumberField
          label="Tick tuples every (s)"
          what="The tick frequency"
          value={tickValue}
          rules={{ min: 0, exclusive: true, nullable: true }}
          placeholder="none"
          testId="inspector.tick"
          hint={
            codeStatesTick(c)
              ? `topology.tick.tuple.freq.secs; kept in sync with getComponentConfiguration() in the code.`
              : `topology.tick.tuple.freq.secs. The code's getComponentConfiguration() could not be read, so update it by hand.`
          }
          onCommit={(n) => (edit((d) => setTickFrequency(d, c.id, n)), null)}
        />
        <NumberField
          label="Simulated cost per call (ms)"
          what="The simulated cost"
          value={c.costMs}
          rules={{ min: 0, nullable: true }}
          placeholder="simulation default"
          testId="inspector.cost"
          hint={`Virtual time one ${c.kind === 'spout' ? 'nextTuple()' : 'process()'} call takes in the simulator. Not exported to Storm.`}
          onCommit={(n) => (edit((d) => updateComponent(d, c.id, { costMs: n })), null)}
        />
      </Section>
      <RunStateSection component={c.id} />
      {c.language === 'python' ? <LogLevelField component={c} /> : null}
      <div className="inspector-footer">
        <button type="button" className="btn btn-danger btn-sm" data-testid="inspector.delete" onClick={deleteSelection}>
          <Icon name="trash" size={14} /> Delete {c.kind}
        </button>
      </div>
    </div>
  );
}
