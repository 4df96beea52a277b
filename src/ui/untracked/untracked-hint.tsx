/**
 * Where a learner looks when a spout emits without a message id (the Run tab, where Acked stays 0
 * and latency reads "–", and Tuple trees, empty): why, in Storm's terms, and a one-click change
 * that shows the `id=` it adds and applies it (undoable).
 */
import { useMemo } from 'react';
import { setCode } from '../../model/operations';
import { documentStore, useDocumentStore } from '../../store/document-store';
import { notify } from '../../store/ui-store';
import { useRun } from '../viz/run-binding';
import { useThrottled } from '../viz/use-throttled';
import { messageIdChange, untrackedSpouts, type Untracked } from './untracked';
import './untracked.css';

function SpoutHint({ u }: { u: Untracked }) {
  const spec = useDocumentStore((s) => s.doc.components.find((c) => c.id === u.spout));
  const change = useMemo(() => (spec ? messageIdChange(spec) : null), [spec]);
  if (u.ackersOff) {
    return (
      <div className="untracked" data-testid={`untracked.${u.spout}`}>
        <strong>{u.spout} emitted {u.emitted.toLocaleString('en-US')} tuples, none tracked:</strong> acking is off (topology.acker.executors = 0), so Storm tracks no tuple tree: nothing is acked, timed out or
        replayed, and there is no complete latency. Set the ackers in the topology settings to track them.
      </div>
    );
  }
  return (
    <div className="untracked" data-testid={`untracked.${u.spout}`}>
      <p>
        <strong>
          {u.spout} emitted {u.emitted.toLocaleString('en-US')} tuples without a message id,
        </strong>{' '}
        so Storm does not track them: no acker follows their tree, so Acked stays 0, the complete latency is “–”, Tuple trees has none to sample, and a lost tuple is never replayed
        (at-most-once). Storm’s reliability API: a spout that emits with a message id gets <code>ack(id)</code> when the whole tree is processed and <code>fail(id)</code> when it fails or times
        out.
      </p>
      {change ? (
        <div className="untracked-change">
          <code className="is-before">{change.before}</code>
          <span aria-hidden="true">→</span>
          <code className="is-after" data-testid={`untracked.${u.spout}.after`}>
            {change.after}
          </code>
          <button
            type="button"
            className="btn btn-primary btn-sm"
            data-testid={`untracked.${u.spout}.apply`}
            onClick={() => {
              documentStore.getState().edit((d) => setCode(d, u.spout, spec!.language, change.code));
              notify(`${u.spout} now emits with a message id${change.count > 1 ? ` (${change.count} calls)` : ''}; Ctrl+Z undoes it. Run again to see its tuple trees.`, 'success');
            }}
          >
            Add a message id
          </button>
        </div>
      ) : null}
    </div>
  );
}

export function UntrackedHint() {
  const snapshot = useThrottled(
    useRun((s) => s.snapshot),
    1000,
  );
  const untracked = useMemo(() => (snapshot ? untrackedSpouts(snapshot) : []), [snapshot]);
  if (untracked.length === 0) return null;
  return (
    <section className="untracked-list" data-testid="untracked">
      {untracked.map((u) => (
        <SpoutHint key={u.spout} u={u} />
      ))}
    </section>
  );
}
