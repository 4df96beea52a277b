/**
 * The capacity advisor in the Run tab: from the run's capacity, execute latencies and arrival
 * rates, the executors each bolt needs to stay under 0.7 and why, with one button that applies
 * the advice to the document (undoable) and reruns. When every bolt's capacity is about 0 it says
 * why (each call costs little simulated time) and how to give a bolt a real cost.
 */
import { useMemo } from 'react';
import { documentStore } from '../../store/document-store';
import { notify } from '../../store/ui-store';
import { startRun } from '../run/run-actions';
import { useRun } from '../viz/run-binding';
import { useThrottled } from '../viz/use-throttled';
import { adviseRun, applyAdvice, TARGET_CAPACITY, WARM_MS, zeroCapacityReason, type BoltAdvice } from './advice';
import './advisor.css';

function apply(advice: readonly BoltAdvice[]): void {
  const raised = advice.filter((a) => a.raise);
  documentStore.getState().edit((doc) => applyAdvice(doc, raised));
  notify(`${raised.map((a) => `${a.id}: parallelism ${a.parallelism} → ${a.needed}`).join(', ')} (Ctrl+Z undoes it). Running again.`, 'success');
  void startRun();
}

export function CapacityAdvisor() {
  const snapshot = useThrottled(
    useRun((s) => s.snapshot),
    1000,
  );
  const doc = useRun((s) => s.runDocument);
  const advice = useMemo(() => (snapshot && snapshot.time >= WARM_MS ? adviseRun(snapshot) : null), [snapshot]);
  const zero = useMemo(() => (snapshot && doc ? zeroCapacityReason(snapshot, doc) : null), [snapshot, doc]);
  if (!advice || advice.length === 0) return null;
  if (zero) {
    return (
      <section className="advisor is-zero" data-testid="advisor" data-state="zero">
        <h4>Capacity advisor</h4>
        <p data-testid="advisor.zero">{zero}</p>
      </section>
    );
  }
  const raise = advice.filter((a) => a.raise);
  // The bolts to change, and the busiest of the others (a 50-bolt topology needs no list of 50).
  const shown = [...raise, ...advice.filter((a) => !a.raise).slice(0, 3)];
  return (
    <section className={`advisor ${raise.length ? 'is-raise' : ''}`} data-testid="advisor" data-state={raise.length ? 'raise' : 'ok'}>
      <h4>
        Capacity advisor
        <span className="advisor-target">target: capacity under {TARGET_CAPACITY}</span>
        {raise.length ? (
          <button type="button" className="btn btn-primary btn-sm" data-testid="advisor.apply" onClick={() => apply(advice)}>
            Apply and rerun
          </button>
        ) : null}
      </h4>
      <ul>
        {shown.map((a) => (
          <li key={a.id} data-testid={`advisor.bolt.${a.id}`} data-needed={a.needed} data-raise={a.raise}>
            <b>{a.id}</b>{' '}
            {a.raise ? (
              <span className="advisor-change">
                parallelism {a.parallelism} → {a.needed}
              </span>
            ) : (
              <span className="advisor-ok">parallelism {a.parallelism} is enough</span>
            )}
            <div className="advisor-why">{a.why}.</div>
          </li>
        ))}
      </ul>
    </section>
  );
}
