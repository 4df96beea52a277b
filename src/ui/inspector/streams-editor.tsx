import { DEFAULT_STREAM, type ComponentSpec, type StreamSpec } from '../../model';
import { addStream, codeStatesFields, removeStream, renameStream, setStreamDirect, setStreamFields } from '../../model/operations';
import { tryEdit } from '../../store/actions';
import { documentStore } from '../../store/document-store';
import { notify } from '../../store/ui-store';
import { Icon } from '../shell/icons';
import { parseFieldList, Section, TextField } from './fields';

function StreamRow({ component: c, stream: s }: { component: ComponentSpec; stream: StreamSpec }) {
  const base = `inspector.stream.${s.id}`;
  const isDefault = s.id === DEFAULT_STREAM;
  const fieldsHint = isDefault
    ? codeStatesFields(c)
      ? 'Kept in sync with declareOutputFields() in the code.'
      : 'declareOutputFields() in the code could not be read: keep it in step by hand.'
    : 'Petrel declares this stream in create.py (builder.addOutputStream).';
  return (
    <div className="stream-row" data-testid={base}>
      <div className="stream-row-head">
        <TextField label="Stream" value={s.id} mono testId={`${base}.id`} inline onCommit={(id) => tryEdit((d) => renameStream(d, c.id, s.id, id))} />
        <label className="checkbox stream-direct" title="A direct stream is consumed with direct grouping; the emitter picks the task (emitDirect).">
          <input type="checkbox" checked={s.direct} data-testid={`${base}.direct`} onChange={(e) => documentStore.getState().edit((d) => setStreamDirect(d, c.id, s.id, e.target.checked))} />
          direct
        </label>
        <button
          type="button"
          className="btn btn-icon btn-sm btn-danger"
          title={`Remove stream "${s.id}"`}
          aria-label={`Remove stream ${s.id}`}
          data-testid={`${base}.remove`}
          onClick={() => {
            const problem = tryEdit((d) => removeStream(d, c.id, s.id));
            if (problem) notify(problem, 'error');
          }}
        >
          <Icon name="close" size={14} />
        </button>
      </div>
      <TextField
        label="Fields"
        value={s.fields.join(', ')}
        mono
        placeholder="no fields"
        testId={`${base}.fields`}
        hint={fieldsHint}
        onCommit={(text) => tryEdit((d) => setStreamFields(d, c.id, s.id, parseFieldList(text)))}
      />
    </div>
  );
}

/** Output streams of a component: id, fields, direct flag; add and remove. */
export function StreamsEditor({ component: c }: { component: ComponentSpec }) {
  return (
    <Section
      title="Output streams"
      testId="inspector.streams"
      aside={
        <button type="button" className="btn btn-sm" data-testid="inspector.add-stream" onClick={() => documentStore.getState().edit((d) => addStream(d, c.id).doc)}>
          <Icon name="plus" size={14} /> Add stream
        </button>
      }
    >
      {c.streams.length === 0 ? <p className="muted">No output stream: this {c.kind} emits nothing downstream.</p> : null}
      {c.streams.map((s) => (
        <StreamRow key={s.id} component={c} stream={s} />
      ))}
    </Section>
  );
}
