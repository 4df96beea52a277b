import { dismissNotice, selectDialog, selectNotices, useUi } from '../../store/ui-store';
import { Icon } from './icons';

/**
 * Short messages at the bottom of the window; they go away by themselves. While a dialog is open
 * they show under it, inside its backdrop (`inline`), so they never cover its buttons.
 */
export function Notices({ inline = false }: { inline?: boolean }) {
  const notices = useUi(selectNotices);
  const dialog = useUi(selectDialog);
  if ((dialog !== null) !== inline) return null;
  return (
    <div className={`notices ${inline ? 'is-inline' : ''}`} aria-live="polite" data-testid="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice is-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
          <Icon name={n.kind === 'error' ? 'error' : n.kind === 'success' ? 'check' : 'storm'} size={15} />
          <span>{n.message}</span>
          <button type="button" className="btn btn-icon btn-sm" aria-label="Dismiss" onClick={() => dismissNotice(n.id)}>
            <Icon name="close" size={13} />
          </button>
        </div>
      ))}
    </div>
  );
}
