import { Suspense, useEffect, useRef, type ReactNode } from 'react';
import { closeDialog, selectDialog, useUi } from '../../store/ui-store';
import { Icon } from '../shell/icons';
import { Notices } from '../shell/notices';
import { getDialog } from './registry';
import './dialogs.css';

/** A modal frame: title, body, footer; Escape and the close button dismiss it. */
export function Modal(props: { title: string; testId: string; children: ReactNode; footer?: ReactNode; wide?: boolean; className?: string; onClose: () => void; tone?: 'error' }) {
  const box = useRef<HTMLDivElement>(null);
  const onClose = useRef(props.onClose);
  useEffect(() => {
    onClose.current = props.onClose;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onClose.current();
      }
    };
    window.addEventListener('keydown', onKey, true);
    (box.current?.querySelector<HTMLElement>('[data-autofocus]') ?? box.current)?.focus();
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div ref={box} tabIndex={-1} className={`modal ${props.wide ? 'is-wide' : ''} ${props.tone === 'error' ? 'is-error' : ''} ${props.className ?? ''}`} role="dialog" aria-modal="true" aria-label={props.title} data-testid={props.testId}>
        <header className="modal-header">
          {props.tone === 'error' ? <Icon name="error" size={18} /> : null}
          <h2 data-testid={`${props.testId}.title`}>{props.title}</h2>
          <button type="button" className="btn btn-icon" aria-label="Close" data-testid="dialog.close" onClick={props.onClose}>
            <Icon name="close" />
          </button>
        </header>
        <div className="modal-body">{props.children}</div>
        {props.footer ? <footer className="modal-footer">{props.footer}</footer> : null}
      </div>
      <Notices inline />
    </div>
  );
}

/** Shows the dialog requested in the UI store, if any. */
export function DialogHost() {
  const request = useUi(selectDialog);
  if (!request) return null;
  const Dialog = getDialog(request.id);
  if (!Dialog) return null;
  return (
    <Suspense fallback={null}>
      <Dialog props={request.props} close={closeDialog} />
    </Suspense>
  );
}
