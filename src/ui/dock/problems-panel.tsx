import type { Diagnostic } from '../../model';
import { useDocumentStore } from '../../store/document-store';
import { selectDiagnostics } from '../../store/selectors';
import { clearSelection, select, showDockTab } from '../../store/ui-store';
import { revealInEditor } from '../editor/extensions';
import { getFlowInstance } from '../canvas/flow-instance';
import { DiagnosticList } from '../shell/diagnostic-list';
import { Icon } from '../shell/icons';

/** Selects what a diagnostic is about and brings it into view. */
function revealDiagnostic(d: Diagnostic): void {
  const t = d.target;
  if (t.kind === 'component') {
    select([t.id]);
    void getFlowInstance()?.fitView({ nodes: [{ id: t.id }], maxZoom: 1.2, padding: 0.6, duration: 0 });
    // A problem in the code (a Python syntax error, an import): open the code at its line.
    if (t.line !== undefined) {
      revealInEditor(t.id, t.line, t.column ?? 1);
      showDockTab('code');
    }
  } else if (t.kind === 'subscription') select([], [t.id]);
  else clearSelection();
}

/** The "Problems" dock tab: every validation message; clicking one selects what it is about. */
export function ProblemsPanel() {
  const index = useDocumentStore(selectDiagnostics);
  if (index.all.length === 0) {
    return (
      <div className="problems-empty" data-testid="problems.empty">
        <Icon name="check" size={18} />
        <span>No problems: Storm would accept this topology.</span>
      </div>
    );
  }
  return (
    <div className="problems">
      <DiagnosticList diagnostics={index.all} testId="problems.list" onPick={revealDiagnostic} />
    </div>
  );
}

/** The badge on the Problems tab: the error count (or the warning count when there are no errors). */
export function useProblemsBadge() {
  const index = useDocumentStore(selectDiagnostics);
  if (index.errors) return { text: String(index.errors), tone: 'error' as const };
  if (index.warnings) return { text: String(index.warnings), tone: 'warning' as const };
  return null;
}
