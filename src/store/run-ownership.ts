/**
 * A run belongs to the document it ran. When the document open in the designer becomes another
 * one — a file opened or dropped, an example, New topology, or Undo/Redo back across one of
 * those — the run is stopped (if it still runs) and cleared: every view of it (status, canvas,
 * hover card, tables, tuple trees, step, plan, charts, log) goes back to "no run". Edits to the
 * same document keep the run (they apply at the next start). See docs/run-views.md.
 */
import type { StoreApi } from 'zustand';
import type { DocumentState } from './document-store';
import type { RunActions, RunState } from './run-state';

type RunSource = Pick<StoreApi<RunState & Pick<RunActions, 'clear'>>, 'getState' | 'subscribe'>;
type DocumentSource = Pick<StoreApi<DocumentState>, 'getState' | 'subscribe'>;

export interface RunOwnershipOptions {
  /** Told once a run was cleared because another document was opened (for a notice). */
  readonly onCleared?: (cleared: { readonly name: string; readonly wasActive: boolean }) => void;
}

/** The sentence telling what happened to a cleared run. */
export function clearedRunMessage(cleared: { readonly name: string; readonly wasActive: boolean }): string {
  return cleared.wasActive
    ? `The run of ${cleared.name} was stopped and cleared: a run belongs to the document it ran.`
    : `The last run of ${cleared.name} was cleared: a run belongs to the document it ran.`;
}

/**
 * Watches the document store: a change of `documentId` while a run exists clears the run.
 * Returns the unsubscribe.
 *
 * @example
 * bindRunToDocument(documentStore, useRunStore, { onCleared: (c) => notify(clearedRunMessage(c)) });
 */
export function bindRunToDocument(documents: DocumentSource, runs: RunSource, options: RunOwnershipOptions = {}): () => void {
  // The document each run started from: the one open when its `runId` appeared.
  let owner = documents.getState().documentId;
  const offRuns = runs.subscribe((s, prev) => {
    if (s.runId !== prev.runId) owner = documents.getState().documentId;
  });
  const offDocuments = documents.subscribe((s, prev) => {
    if (s.documentId === prev.documentId || s.documentId === owner) return;
    const run = runs.getState();
    owner = s.documentId;
    if (run.status === 'idle') return;
    const wasActive = run.status === 'running' || run.status === 'paused' || run.status === 'loading';
    const name = run.runDocument?.name ?? prev.doc.name;
    void run.clear();
    options.onCleared?.({ name, wasActive });
  });
  return () => {
    offRuns();
    offDocuments();
  };
}
