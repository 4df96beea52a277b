/**
 * Inspector form fields. Each keeps a draft while it is edited and commits on Enter or blur; a
 * value the commit refuses stays in the field with the reason under it (the document is not
 * touched), and Escape puts the current value back.
 */
import { useId, useState, type ReactNode } from 'react';

/** A commit returns the reason the value is refused, or null when it was applied. */
export type Commit<T> = (value: T) => string | null;

export function Field(props: { label: string; htmlFor?: string; hint?: ReactNode; error?: string | null; errorTestId?: string; children: ReactNode; inline?: boolean }) {
  return (
    <div className={`field ${props.inline ? 'field-inline' : ''}`}>
      <label className="field-label" htmlFor={props.htmlFor}>
        {props.label}
      </label>
      <div className="field-control">{props.children}</div>
      {props.error ? (
        <div className="field-error" role="alert" data-testid={props.errorTestId}>
          {props.error}
        </div>
      ) : props.hint ? (
        <div className="field-hint">{props.hint}</div>
      ) : null}
    </div>
  );
}

interface DraftProps<T> {
  readonly label: string;
  readonly value: T;
  readonly onCommit: Commit<T>;
  readonly testId: string;
  readonly hint?: ReactNode;
  readonly placeholder?: string;
  readonly mono?: boolean;
  readonly inline?: boolean;
}

function useDraft(text: string) {
  const [draft, setDraft] = useState(text);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState(text);
  // The document changed underneath (undo, another panel): show the new value.
  if (shown !== text) {
    setShown(text);
    setDraft(text);
    setError(null);
  }
  return { draft, setDraft, error, setError };
}

function DraftInput(props: { id: string; text: string; parse: (text: string) => string | null; testId: string; placeholder?: string; mono?: boolean; label: string; hint?: ReactNode; inline?: boolean }) {
  const { draft, setDraft, error, setError } = useDraft(props.text);
  const commit = () => {
    if (draft === props.text) {
      setError(null);
      return;
    }
    setError(props.parse(draft));
  };
  return (
    <Field label={props.label} htmlFor={props.id} hint={props.hint} error={error} errorTestId={`${props.testId}.error`} inline={props.inline}>
      <input
        id={props.id}
        className={`input ${props.mono ? 'mono' : ''} ${error ? 'is-invalid' : ''}`}
        value={draft}
        placeholder={props.placeholder}
        spellCheck={false}
        autoComplete="off"
        data-testid={props.testId}
        aria-invalid={error ? true : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(props.text);
            setError(null);
          }
        }}
      />
    </Field>
  );
}

export function TextField(props: DraftProps<string>) {
  const id = useId();
  return <DraftInput id={id} text={props.value} parse={(t) => props.onCommit(t.trim())} testId={props.testId} placeholder={props.placeholder} mono={props.mono} label={props.label} hint={props.hint} inline={props.inline} />;
}

export interface NumberRules {
  /** Smallest accepted value. */
  readonly min: number;
  /** Whole numbers only. */
  readonly integer?: boolean;
  /** Strictly greater than `min`. */
  readonly exclusive?: boolean;
  /** Empty means `null` (e.g. "one per executor"); otherwise empty is refused. */
  readonly nullable?: boolean;
}

/** Why `text` is not a number allowed by `rules` (naming the setting), or the number. */
export function parseNumber(text: string, rules: NumberRules, what: string): { value: number | null } | { error: string } {
  const t = text.trim();
  if (t === '') return rules.nullable ? { value: null } : { error: `${what} is required.` };
  const n = Number(t);
  const kind = rules.integer ? 'a whole number' : 'a number';
  const bound = `${rules.exclusive ? '>' : '≥'} ${rules.min}`;
  if (!Number.isFinite(n) || (rules.integer && !Number.isInteger(n))) return { error: `${what} must be ${kind} ${bound}; "${t}" is not.` };
  if (rules.exclusive ? n <= rules.min : n < rules.min) return { error: `${what} must be ${kind} ${bound}.` };
  return { value: n };
}

export function NumberField(props: DraftProps<number | null> & { rules: NumberRules; what?: string }) {
  const id = useId();
  const text = props.value === null ? '' : String(props.value);
  const parse = (t: string) => {
    const r = parseNumber(t, props.rules, props.what ?? props.label);
    return 'error' in r ? r.error : props.onCommit(r.value);
  };
  return <DraftInput id={id} text={text} parse={parse} testId={props.testId} placeholder={props.placeholder} mono label={props.label} hint={props.hint} inline={props.inline} />;
}

export function SelectField<T extends string>(props: {
  label: string;
  value: T;
  options: readonly { value: T; label: string; disabled?: boolean }[];
  onChange: (value: T) => void;
  testId: string;
  hint?: ReactNode;
  inline?: boolean;
}) {
  const id = useId();
  return (
    <Field label={props.label} htmlFor={id} hint={props.hint} inline={props.inline}>
      <select id={id} className="select" value={props.value} data-testid={props.testId} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function CheckboxField(props: { label: string; checked: boolean; onChange: (checked: boolean) => void; testId: string; hint?: ReactNode }) {
  return (
    <div className="field">
      <label className="checkbox">
        <input type="checkbox" checked={props.checked} data-testid={props.testId} onChange={(e) => props.onChange(e.target.checked)} />
        {props.label}
      </label>
      {props.hint ? <div className="field-hint">{props.hint}</div> : null}
    </div>
  );
}

/** A titled group of fields. */
export function Section(props: { title: string; children: ReactNode; aside?: ReactNode; testId?: string }) {
  return (
    <section className="section" data-testid={props.testId}>
      <header className="section-header">
        <h3>{props.title}</h3>
        {props.aside}
      </header>
      <div className="section-body">{props.children}</div>
    </section>
  );
}

/** Comma-separated field names: `word, count` → `['word', 'count']` (an empty text is no fields). */
export function parseFieldList(text: string): string[] {
  const t = text.trim();
  return t === '' ? [] : t.split(',').map((f) => f.trim());
}
