/**
 * The inspector's "Data source" section of a Sample text or File replay spout: its rate, and for
 * File replay the file (picked or dropped), how it is read and whether it loops. A file is checked
 * before it enters the document; a refused one leaves the document as it was and its errors
 * (file and line) stay under the field.
 */
import { useRef, useState, type DragEvent } from 'react';
import {
  attachReplayFile,
  checkDataFile,
  DATA_FILE_LIMITS,
  dataFileTooLarge,
  dataSourceKind,
  formatForName,
  REPLAY_FORMATS,
  SOURCE_FILE_KEY,
  SOURCE_FORMAT_KEY,
  SOURCE_LOOP_KEY,
  SOURCE_RATE_KEY,
  setComponentConfigKey,
  type ComponentSpec,
  type FormatError,
  type ReplayFormat,
} from '../../model';
import { tryEdit } from '../../store/actions';
import { documentStore, useDocumentStore } from '../../store/document-store';
import { CheckboxField, NumberField, Section, SelectField } from './fields';

const FORMAT_LABELS: Record<ReplayFormat, string> = {
  lines: 'Lines: one tuple per line (field "line")',
  csv: 'CSV: the header row names the fields',
  jsonl: 'JSON lines: one object per line, its keys are the fields',
};

const edit = (f: Parameters<ReturnType<typeof documentStore.getState>['edit']>[0]) => documentStore.getState().edit(f);

/** The section, or nothing for a component that is not a data source. */
export function DataSourceSection({ component: c }: { component: ComponentSpec }) {
  const kind = dataSourceKind(c);
  if (kind === null) return null;
  const rate = c.config[SOURCE_RATE_KEY];
  return (
    <Section title="Data source" testId="inspector.source">
      <div className="field-hint">
        {kind === 'sample-text'
          ? "Stands in for Twitter's sample stream (offline): the bundled text of Alice's Adventures in Wonderland, chapter I (public domain), one sentence per tuple."
          : 'Replays a file kept with this document; the code opens it by name, here and in the exported project.'}
      </div>
      <NumberField
        label="Tuples per second (per task)"
        what="The rate"
        value={typeof rate === 'number' ? rate : null}
        rules={{ min: 0, exclusive: true }}
        testId="inspector.source.rate"
        hint={`${SOURCE_RATE_KEY} in the component's configuration; the code reads it in initialize().`}
        onCommit={(n) => (edit((d) => setComponentConfigKey(d, c.id, SOURCE_RATE_KEY, n)), null)}
      />
      {kind === 'file-replay' ? <ReplayFileFields component={c} /> : null}
    </Section>
  );
}

function ReplayFileFields({ component: c }: { component: ComponentSpec }) {
  const name = typeof c.config[SOURCE_FILE_KEY] === 'string' ? (c.config[SOURCE_FILE_KEY] as string) : '';
  const format = REPLAY_FORMATS.find((f) => f === c.config[SOURCE_FORMAT_KEY]) ?? 'lines';
  const file = useDocumentStore((s) => s.doc.dataFiles?.find((f) => f.name === name));
  const [errors, setErrors] = useState<readonly FormatError[]>([]);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const attach = (fileName: string, bytes: Uint8Array, how: ReplayFormat) => {
    const checked = checkDataFile(fileName, bytes, how);
    if (!checked.ok) return setErrors(checked.errors);
    const refused = tryEdit((d) => attachReplayFile(d, c.id, checked.value, how));
    setErrors(refused ? [{ message: refused, file: fileName }] : []);
  };
  const take = async (picked: File | undefined) => {
    if (!picked) return;
    if (picked.size > DATA_FILE_LIMITS.maxFileBytes) return setErrors([dataFileTooLarge(picked.name, picked.size)]);
    attach(picked.name, new Uint8Array(await picked.arrayBuffer()), formatForName(picked.name));
  };
  const onDrop = (e: DragEvent) => {
    // Not the canvas's drop (which opens topology files).
    e.preventDefault();
    e.stopPropagation();
    setDragging(false);
    void take(e.dataTransfer.files[0]);
  };
  const bytes = file ? new TextEncoder().encode(file.text).length : 0;

  return (
    <>
      <div
        className={`source-drop ${dragging ? 'is-dragging' : ''}`}
        data-testid="inspector.source.drop"
        onDragOver={(e) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          e.stopPropagation();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <div className="source-file" data-testid="inspector.source.file">
          {file ? (
            <>
              <code>{file.name}</code> · {bytes.toLocaleString('en')} bytes
            </>
          ) : name ? (
            <>
              <code>{name}</code> is missing: give it again
            </>
          ) : (
            'No file yet'
          )}
        </div>
        <button type="button" className="btn btn-sm btn-outline" data-testid="inspector.source.choose" onClick={() => input.current?.click()}>
          {file ? 'Replace file…' : 'Choose file…'}
        </button>
        <input
          ref={input}
          type="file"
          hidden
          accept=".txt,.text,.csv,.tsv,.json,.jsonl,.ndjson,.log,.dat,text/plain,text/csv"
          data-testid="inspector.source.input"
          onChange={(e) => {
            void take(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        <div className="field-hint">or drop a text file here (lines, CSV or JSON lines; at most {DATA_FILE_LIMITS.maxFileBytes / 1048576} MB).</div>
      </div>
      {errors.length ? (
        <ul className="source-errors field-error" role="alert" data-testid="inspector.source.errors">
          {errors.map((e, i) => (
            <li key={i}>{e.message}</li>
          ))}
        </ul>
      ) : null}
      <SelectField<ReplayFormat>
        label="Read as"
        value={format}
        options={REPLAY_FORMATS.map((f) => ({ value: f, label: FORMAT_LABELS[f] }))}
        testId="inspector.source.format"
        hint={`${SOURCE_FORMAT_KEY}; the fields of the spout's stream follow the file.`}
        onChange={(how) => (file ? attach(file.name, new TextEncoder().encode(file.text), how) : edit((d) => setComponentConfigKey(d, c.id, SOURCE_FORMAT_KEY, how)))}
      />
      <CheckboxField
        label="Loop: start again at the end of the file"
        checked={c.config[SOURCE_LOOP_KEY] === true}
        testId="inspector.source.loop"
        onChange={(loop) => edit((d) => setComponentConfigKey(d, c.id, SOURCE_LOOP_KEY, loop))}
      />
    </>
  );
}
