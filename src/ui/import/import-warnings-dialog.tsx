import type { FormatWarning } from '../../formats';
import { Modal } from '../dialogs/dialog-host';

export const IMPORT_WARNINGS_DIALOG = 'import-warnings';

export interface ImportWarningsProps {
  readonly title: string;
  readonly warnings: readonly FormatWarning[];
}

/** What an import could not read exactly (missing modules, unreadable fields…): warnings, not errors; the topology is open. */
export function ImportWarningsDialog({ props, close }: { props: unknown; close: () => void }) {
  const { title, warnings } = props as ImportWarningsProps;
  return (
    <Modal
      title={title}
      testId="dialog.import-warnings"
      onClose={close}
      footer={
        <button type="button" className="btn btn-primary" data-autofocus data-testid="dialog.import-warnings.ok" onClick={close}>
          OK
        </button>
      }
    >
      <ul className="import-errors is-warning" data-testid="dialog.import-warnings.list">
        {warnings.map((w, i) => (
          <li key={i} data-code={w.code} data-severity="warning">
            {w.file ? <code className="import-error-where">{[w.file, w.line].filter((x) => x !== undefined).join(':')}</code> : null}
            <span className="import-error-message">{w.message}</span>
          </li>
        ))}
      </ul>
      <p className="modal-note">The topology is open; check these points in the inspector and the code.</p>
    </Modal>
  );
}
