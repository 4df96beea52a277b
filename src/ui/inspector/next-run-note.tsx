/**
 * Said in the inspector while a run goes on and the document differs from the one it started
 * with: Storm topologies cannot change once submitted, so edits apply on the next run.
 */
import { useDocumentStore } from '../../store/document-store';
import { documentChangedSinceRun, useRunStore } from '../../store/run-store';
import { selectDocument } from '../../store/selectors';
import { startRun } from '../run/run-actions';
import { Icon } from '../shell/icons';

export function NextRunNote() {
  const doc = useDocumentStore(selectDocument);
  const active = useRunStore((s) => s.status === 'running' || s.status === 'paused' || s.status === 'loading');
  const runDocument = useRunStore((s) => s.runDocument);
  if (!active || !documentChangedSinceRun(runDocument, doc)) return null;
  return (
    <div className="inspector-next-run" role="status" data-testid="inspector.next-run">
      <Icon name="clock" size={14} />
      <span>What you change here applies on the next run: a running Storm topology cannot change.</span>
      <button type="button" className="btn btn-sm btn-outline" onClick={() => void startRun()}>
        Restart
      </button>
    </div>
  );
}
