/**
 * The document store: the `TopologyDocument` is the single source of truth of the designer (the
 * canvas, inspector and editor are views of it). Every change goes through `edit` or `replace`,
 * and zundo records each one, so every document edit is undoable; selection, viewport and other
 * UI state live in `ui-store.ts` and are never part of the history.
 */
import { temporal, type TemporalState } from 'zundo';
import { createStore, useStore, type StoreApi } from 'zustand';
import { EXAMPLES, type TopologyDocument } from '../model';

export interface DocumentState {
  readonly doc: TopologyDocument;
  /**
   * Which document this is: a new number whenever the whole document is replaced (opened, an
   * example, New topology, restored). It is part of the undo history, so undoing back across a
   * load brings the earlier number back: a change of it is a switch to another document (a run
   * belongs to the document it ran, see `run-ownership.ts`). Edits keep it.
   */
  readonly documentId: number;
  /** Applies a pure edit; an edit that returns the same document records nothing. */
  edit(f: (doc: TopologyDocument) => TopologyDocument): void;
  /** Replaces the whole document (undoable: the previous document is one undo away). */
  replace(doc: TopologyDocument): void;
  /** Loads a document without an undo step and forgets the history (startup, restore). */
  load(doc: TopologyDocument): void;
}

type HistoryState = Pick<DocumentState, 'doc' | 'documentId'>;
export type DocumentStore = StoreApi<DocumentState> & { temporal: StoreApi<TemporalState<HistoryState>> };

/** How many edits can be undone. */
export const HISTORY_LIMIT = 300;

/**
 * Edits still held by an editor (the code editor debounces typing) register a flush here; every
 * store action runs them first, so a pending edit lands before the next edit, undo or save.
 */
const pendingFlushes = new Set<() => void>();
let flushing = false;

/** Registers a flush for edits an editor has not yet written into the document; returns the unregister. */
export function registerPendingEdits(flush: () => void): () => void {
  pendingFlushes.add(flush);
  return () => pendingFlushes.delete(flush);
}

/** Writes every pending editor edit into the document now. */
export function flushPendingEdits(): void {
  if (flushing) return;
  flushing = true;
  try {
    for (const flush of pendingFlushes) flush();
  } finally {
    flushing = false;
  }
}

export function createDocumentStore(initial: TopologyDocument): DocumentStore {
  // Ids only grow, whatever undo brings back, so an id names one document for the store's life.
  let lastDocumentId = 1;
  return createStore<DocumentState>()(
    temporal(
      (set, get, api) => ({
        doc: initial,
        documentId: 1,
        edit: (f) => {
          flushPendingEdits();
          const current = get().doc;
          const next = f(current);
          if (next !== current) set({ doc: next });
        },
        replace: (doc) => {
          flushPendingEdits();
          set({ doc, documentId: ++lastDocumentId });
        },
        load: (doc) => {
          set({ doc, documentId: ++lastDocumentId });
          (api as DocumentStore).temporal.getState().clear();
        },
      }),
      {
        partialize: (state): HistoryState => ({ doc: state.doc, documentId: state.documentId }),
        equality: (a, b) => a.doc === b.doc,
        limit: HISTORY_LIMIT,
      },
    ),
  ) as DocumentStore;
}

/** The app's document store. A fresh start holds the first example (word count). */
export const documentStore: DocumentStore = createDocumentStore(EXAMPLES[0]!.create());

/** Loads a document without an undo step and forgets the history (startup, restore). */
export function resetDocument(store: DocumentStore, doc: TopologyDocument): void {
  store.getState().load(doc);
}

export function undo(store: DocumentStore = documentStore): void {
  flushPendingEdits();
  store.temporal.getState().undo();
}

export function redo(store: DocumentStore = documentStore): void {
  flushPendingEdits();
  store.temporal.getState().redo();
}

export const canUndo = (store: DocumentStore = documentStore): boolean => store.temporal.getState().pastStates.length > 0;
export const canRedo = (store: DocumentStore = documentStore): boolean => store.temporal.getState().futureStates.length > 0;

/** React hook over the app's document store. */
export function useDocumentStore<T>(selector: (state: DocumentState) => T): T {
  return useStore(documentStore, selector);
}

/** React hook over the undo history (for enabling Undo/Redo buttons). */
export function useHistory<T>(selector: (state: TemporalState<HistoryState>) => T): T {
  return useStore(documentStore.temporal, selector);
}
