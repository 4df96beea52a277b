import { dismissNotice, selectNotices, useUi } from '../../store/ui-store';
import { Icon } from './icons';

/** Short messages in the bottom corner; they go away by themselves. */
export function Notices() {
  const notices = useUi(selectNotices);
  return (
    <div className="notices" aria-live="polite" data-testid="notices">
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
