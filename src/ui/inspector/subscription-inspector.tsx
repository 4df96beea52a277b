import { findComponent, findStream, GROUPING_KINDS, type Grouping, type GroupingKind, type Subscription } from '../../model';
import { groupingOfKind, updateSubscription } from '../../model/operations';
import { deleteSelection, tryEdit } from '../../store/actions';
import { useDocumentStore } from '../../store/document-store';
import { selectDocument, selectSubscriptionDiagnostics } from '../../store/selectors';
import { notify, select } from '../../store/ui-store';
import { DiagnosticList } from '../shell/diagnostic-list';
import { Icon } from '../shell/icons';
import { Field, Section, SelectField } from './fields';

/** What each grouping does, in Storm's terms (docs/engine.md, "Groupings"). */
const GROUPING_HELP: Record<GroupingKind, string> = {
  shuffle: "Spreads tuples evenly over the bolt's tasks: round-robin over the task list shuffled once.",
  fields: 'Tuples with equal values in the chosen fields always reach the same task (Java hash of the values, mod the task count).',
  global: 'Every tuple goes to a single task: the one with the lowest task id.',
  all: 'Every tuple is copied to every task of the bolt.',
  none: "No preference: Storm sends each tuple to a random task.",
  localOrShuffle: 'Shuffle among the tasks in the same worker when there are any, else among all tasks.',
  direct: 'The emitter chooses the task (emitDirect); the stream must be declared direct.',
  partialKey: 'Like fields, with load balancing: each key has two candidate tasks; the sender picks the one it sent fewer tuples to.',
};

const GROUPING_LABEL: Record<GroupingKind, string> = {
  shuffle: 'shuffle',
  fields: 'fields',
  global: 'global',
  all: 'all',
  none: 'none',
  localOrShuffle: 'local or shuffle',
  direct: 'direct',
  partialKey: 'partial key',
};

function apply(sub: Subscription, patch: { grouping?: Grouping; stream?: string }) {
  const problem = tryEdit((d) => updateSubscription(d, sub.id, patch));
  if (problem) notify(problem, 'error');
}

/** The inspector of one subscription (edge): source stream, grouping, grouping fields. */
export function SubscriptionInspector({ subscription: sub }: { subscription: Subscription }) {
  const doc = useDocumentStore(selectDocument);
  const problems = useDocumentStore(selectSubscriptionDiagnostics(sub.id));
  const source = findComponent(doc, sub.from);
  const stream = source ? findStream(source, sub.stream) : undefined;
  const g = sub.grouping;
  const available = stream?.fields ?? [];
  const chosen = 'fields' in g ? g.fields : [];
  const toggle = (field: string, on: boolean) => {
    if (!('fields' in g)) return;
    const fields = on ? [...g.fields.filter((f) => f !== field), field] : g.fields.filter((f) => f !== field);
    apply(sub, { grouping: { kind: g.kind, fields } });
  };
  const streamOptions = (source?.streams ?? []).map((s) => ({
    value: s.id as string,
    label: `${s.id}${s.direct ? ' (direct)' : ''} — ${s.fields.length ? s.fields.join(', ') : 'no fields'}`,
  }));
  if (!stream) streamOptions.unshift({ value: sub.stream, label: `${sub.stream} (not declared)` });
  return (
    <div className="inspector-body" data-testid="inspector.subscription" data-subscription={sub.id}>
      <header className="inspector-title is-edge">
        <span className="inspector-kind-icon">
          <Icon name="layout" />
        </span>
        <div>
          <div className="inspector-kind">Subscription</div>
          <div className="inspector-name">
            <button type="button" className="link" onClick={() => select([sub.from])}>
              {sub.from}
            </button>{' '}
            →{' '}
            <button type="button" className="link" onClick={() => select([sub.to])}>
              {sub.to}
            </button>
          </div>
        </div>
      </header>
      <DiagnosticList diagnostics={problems} testId="inspector.problems" compact />
      <Section title="Input">
        <SelectField
          label="Source stream"
          value={sub.stream as string}
          options={streamOptions}
          testId="inspector.stream"
          hint={`Streams "${sub.from}" declares.`}
          onChange={(value) => apply(sub, { stream: value })}
        />
        <SelectField<GroupingKind>
          label="Grouping"
          value={g.kind}
          testId="inspector.grouping"
          options={GROUPING_KINDS.map((kind) => ({
            value: kind,
            label: GROUPING_LABEL[kind],
            // Storm reads a direct stream only with direct grouping, and direct grouping only from a direct stream.
            disabled: stream ? (kind === 'direct') !== stream.direct && kind !== g.kind : false,
          }))}
          hint={GROUPING_HELP[g.kind]}
          onChange={(kind) => apply(sub, { grouping: groupingOfKind(kind, g, available) })}
        />
        {'fields' in g ? (
          <Field label={g.kind === 'fields' ? 'Group by fields' : 'Key fields'} hint={chosen.length ? `${g.kind}(${chosen.join(', ')})` : undefined}>
            {available.length === 0 ? (
              <p className="muted">Stream "{sub.stream}" declares no fields to group by.</p>
            ) : (
              <div className="field-chooser" data-testid="inspector.fields">
                {available.map((f) => (
                  <label key={f} className={`chip ${chosen.includes(f) ? 'is-on' : ''}`}>
                    <input type="checkbox" checked={chosen.includes(f)} data-testid={`inspector.field.${f}`} onChange={(e) => toggle(f, e.target.checked)} />
                    <span className="mono">{f}</span>
                  </label>
                ))}
              </div>
            )}
          </Field>
        ) : null}
      </Section>
      <div className="inspector-footer">
        <button type="button" className="btn btn-danger btn-sm" data-testid="inspector.delete" onClick={deleteSelection}>
          <Icon name="trash" size={14} /> Delete subscription
        </button>
      </div>
    </div>
  );
}
