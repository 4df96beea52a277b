import type { FormatError } from '../../model';
import type { ImportErrorsProps } from '../../store/actions';
import { Modal } from './dialog-host';

/** `broken.json:5:3` (as much of it as is known). */
export function errorLocation(e: FormatError): string {
  return [e.file, e.line, e.line !== undefined ? e.column : undefined].filter((x) => x !== undefined).join(':');
}

/** The errors of a file that could not be opened; the current document is untouched. */
export function ImportErrorsDialog({ props, close }: { props: unknown; close: () => void }) {
  const { title, errors, note } = props as ImportErrorsProps;
  return (
    <Modal
      title={title}
      testId="dialog.import-errors"
      tone="error"
      onClose={close}
      footer={
        <button type="button" className="btn btn-primary" data-autofocus onClick={close}>
          OK
        </button>
      }
    >
      <ul className="import-errors" data-testid="dialog.import-errors.list">
        {errors.map((e, i) => (
          <li key={i}>
            {errorLocation(e) ? <code className="import-error-where">{errorLocation(e)}</code> : null}
            <span className="import-error-message">{e.message}</span>
            {e.path ? <span className="import-error-path">at {e.path}</span> : null}
          </li>
        ))}
      </ul>
      <p className="modal-note">{note ?? 'Nothing was changed: your current topology is still open.'}</p>
    </Modal>
  );
}
