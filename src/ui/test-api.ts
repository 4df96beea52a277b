/**
 * A typed API on `window.__stormStudio` for browser tests (Playwright) and debugging. It is
 * installed in development, and in test builds (`vite build --mode test`, what `npm run test:e2e`
 * builds) when the URL has a `test` query parameter (`/?test`), which is how the e2e suite opens
 * the app. Production builds do not contain it (see `src/main.tsx`). It reads and drives the same
 * stores the UI uses; it never bypasses them.
 *
 * @example
 * await page.goto('/?test');
 * const doc = await page.evaluate(() => window.__stormStudio!.getDocument());
 */
import { parseDocument, serializeDocument, type Diagnostic, type FormatError, type TopologyDocument } from '../model';
import { loadDocument } from '../store/actions';
import type { Autosave } from '../store/autosave';
import { canRedo, canUndo, documentStore, flushPendingEdits, redo, undo } from '../store/document-store';
import { diagnosticIndex } from '../store/selectors';
import { select, uiStore, type SaveStatus, type Selection } from '../store/ui-store';
import { listCommands, runCommand } from './commands/registry';
import { editorHandle } from './editor/extensions';

export interface StormStudioTestApi {
  getDocument(): TopologyDocument;
  /** Loads a document (object or JSON text) through the app's parser, as "Open…" would; undoable. */
  loadDocument(doc: TopologyDocument | string): { ok: true } | { ok: false; errors: readonly FormatError[] };
  getDiagnostics(): readonly Diagnostic[];
  getSelection(): Selection;
  select(components: readonly string[], subscriptions?: readonly string[]): void;
  undo(): void;
  redo(): void;
  canUndo(): boolean;
  canRedo(): boolean;
  /** Writes pending editor edits into the document and the document into IndexedDB. */
  flushSaves(): Promise<void>;
  getSaveStatus(): SaveStatus;
  /** The code editor's text (through its model, not the DOM), or null when no editor is open. */
  getEditorText(): string | null;
  getEditorComponent(): string | null;
  listCommands(): string[];
  /** Every registered command with a shortcut, as the help lists them. */
  listShortcuts(): { id: string; shortcut: string }[];
  runCommand(id: string): Promise<boolean>;
}

declare global {
  interface Window {
    __stormStudio?: StormStudioTestApi;
  }
}

export function installTestApi(autosave: Autosave): void {
  window.__stormStudio = {
    getDocument: () => documentStore.getState().doc,
    loadDocument: (doc) => {
      const r = parseDocument(typeof doc === 'string' ? doc : serializeDocument(doc), 'test');
      if (!r.ok) return { ok: false, errors: r.errors };
      loadDocument(r.value);
      return { ok: true };
    },
    getDiagnostics: () => diagnosticIndex(documentStore.getState().doc).all,
    getSelection: () => uiStore.getState().selection,
    select: (components, subscriptions = []) => select([...components], [...subscriptions]),
    undo: () => undo(),
    redo: () => redo(),
    canUndo: () => canUndo(),
    canRedo: () => canRedo(),
    flushSaves: async () => {
      flushPendingEdits();
      await autosave.flush();
    },
    getSaveStatus: () => uiStore.getState().save.status,
    getEditorText: () => editorHandle()?.text() ?? null,
    getEditorComponent: () => editorHandle()?.componentId() ?? null,
    listCommands: () => listCommands().map((c) => c.id),
    listShortcuts: () => listCommands().flatMap((c) => (c.shortcut ? [{ id: c.id, shortcut: c.shortcut }] : [])),
    runCommand: (id) => runCommand(id),
  };
}
