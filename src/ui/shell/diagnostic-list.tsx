import type { Diagnostic } from '../../model';
import { Icon } from './icons';

/** Validation messages, errors first, each with its catalogue code. */
export function DiagnosticList(props: { diagnostics: readonly Diagnostic[]; testId: string; onPick?: (d: Diagnostic) => void; compact?: boolean }) {
  if (props.diagnostics.length === 0) return null;
  const sorted = [...props.diagnostics].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <ul className={`diagnostics ${props.compact ? 'is-compact' : ''}`} data-testid={props.testId}>
      {sorted.map((d, i) => (
        <li key={`${d.code}-${i}`} className={`diagnostic is-${d.severity}`} data-code={d.code}>
          <button type="button" className="diagnostic-button" onClick={() => props.onPick?.(d)} disabled={!props.onPick}>
            <span className="diagnostic-icon">
              <Icon name={d.severity === 'error' ? 'error' : 'warning'} size={14} />
            </span>
            <span className="diagnostic-message">{d.message}</span>
            <code className="diagnostic-code">{d.code}</code>
          </button>
        </li>
      ))}
    </ul>
  );
}
