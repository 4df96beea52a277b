/**
 * On the live canvas (a line at its bottom, clear of the legend): when every bolt's capacity reads about 0, a line
 * that says so and why; clicking it opens the Run tab, where the capacity advisor explains how to
 * give a bolt a cost.
 */
import { Panel } from '@xyflow/react';
import { useMemo } from 'react';
import { showDockTab } from '../../store/ui-store';
import { useRun } from '../viz/run-binding';
import { useThrottled } from '../viz/use-throttled';
import { zeroCapacityReason } from './advice';
import './advisor.css';

export function ZeroCapacityNote() {
  const snapshot = useThrottled(
    useRun((s) => s.snapshot),
    1000,
  );
  const doc = useRun((s) => s.runDocument);
  const reason = useMemo(() => (snapshot && doc ? zeroCapacityReason(snapshot, doc) : null), [snapshot, doc]);
  if (!reason) return null;
  return (
    <Panel position="bottom-center" className="run-zero-panel">
      <button type="button" className="run-legend-zero" data-testid="canvas.zero-capacity" title={reason} onClick={() => showDockTab('run')}>
        Capacity ≈ 0: each call costs almost nothing here — why? →
      </button>
    </Panel>
  );
}
