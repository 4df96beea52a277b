/**
 * Designer actions: document edits (always through the document store, so they are undoable)
 * together with the UI changes that go with them (selection, notices, dialogs).
 */
import type { ComponentKind, DataSourceKind, FormatError, Language, Position, Result, TopologyDocument } from '../model';
import { addDataSource } from '../model/data-sources';
import {
  addComponent,
  connect,
  copyComponents,
  pasteComponents,
  removeElements,
  renameComponent,
} from '../model/operations';
import { documentStore } from './document-store';
import { importFiles, type ImportFile } from './importers';
import { clearSelection, notify, openDialog, requestFitView, select, uiStore } from './ui-store';

/** The dialog showing import errors (registered by the UI). */
export const IMPORT_ERRORS_DIALOG = 'import-errors';

export interface ImportErrorsProps {
  readonly title: string;
  readonly errors: readonly FormatError[];
  /** What happened to the document (default: it was left as it was). */
  readonly note?: string;
}

const doc = (): TopologyDocument => documentStore.getState().doc;

/** Applies an edit that may be refused; returns the refusal (a sentence) or null when applied. */
export function tryEdit(f: (doc: TopologyDocument) => Result<TopologyDocument, string>): string | null {
  const r = f(doc());
  if (!r.ok) return r.errors.join(' ');
  documentStore.getState().edit(() => r.value);
  return null;
}

/** Replaces the document (undoable), clears the selection and fits the view. */
export function loadDocument(next: TopologyDocument): void {
  documentStore.getState().replace(next);
  clearSelection();
  requestFitView();
}

/**
 * Opens files through the importer registry: the document is replaced on success (undoable);
 * on failure a dialog lists every error with file and line, and the current document stays.
 */
export async function openFiles(files: readonly ImportFile[]): Promise<Result<TopologyDocument, FormatError>> {
  const result = await importFiles(files);
  const names = files.map((f) => f.name).join(', ');
  if (result.ok) {
    loadDocument(result.value);
    // A dialog the importer opened (its warnings) already says what was opened.
    if (uiStore.getState().dialog === null) notify(`Opened ${names}.`, 'success');
  } else {
    const props: ImportErrorsProps = { title: `Could not open ${names || 'the file'}`, errors: result.errors };
    openDialog(IMPORT_ERRORS_DIALOG, props);
  }
  return result;
}

/** The language new components get: JavaScript when every component is JavaScript, else Python. */
function languageForNewComponents(d: TopologyDocument = doc()): Language {
  return d.components.length > 0 && d.components.every((c) => c.language === 'javascript') ? 'javascript' : 'python';
}

/** Adds a data source spout (Sample text, File replay) at `position` and selects it. */
export function addDataSourceAt(kind: DataSourceKind, position: Position, language: Language = languageForNewComponents()): string {
  const r = addDataSource(doc(), kind, position, language);
  documentStore.getState().edit(() => r.doc);
  select([r.id]);
  return r.id;
}

/** Adds a spout or bolt at `position` and selects it. */
export function addComponentAt(kind: ComponentKind, position: Position, language: Language = languageForNewComponents()): string {
  const r = addComponent(doc(), kind, position, language);
  documentStore.getState().edit(() => r.doc);
  select([r.id]);
  return r.id;
}

/** Subscribes `to` to a stream of `from` and selects the new edge; a refusal is shown as a notice. */
export function connectComponents(from: string, to: string, stream?: string): string | null {
  const r = connect(doc(), from, to, stream);
  if (!r.ok) {
    notify(r.errors.join(' '), 'error');
    return null;
  }
  documentStore.getState().edit(() => r.value.doc);
  select([], [r.value.id]);
  return r.value.id;
}

/** Deletes the selected components (with their edges) and edges, in one undo step. */
export function deleteSelection(): void {
  const { components, subscriptions } = uiStore.getState().selection;
  if (components.length === 0 && subscriptions.length === 0) return;
  documentStore.getState().edit((d) => removeElements(d, components, subscriptions));
  clearSelection();
}

/** Copies the selected components (and the edges between them) to the in-app clipboard. */
export function copySelection(): number {
  const ids = uiStore.getState().selection.components;
  if (ids.length === 0) return 0;
  uiStore.setState({ clipboard: copyComponents(doc(), ids), pasteCount: 0 });
  notify(`Copied ${ids.length === 1 ? `"${ids[0]}"` : `${ids.length} components`}.`);
  return ids.length;
}

/** Pastes the clipboard with new unique ids, a little offset, and selects the copies. */
export function pasteClipboard(): string[] {
  const { clipboard, pasteCount } = uiStore.getState();
  if (!clipboard || clipboard.components.length === 0) return [];
  const step = 40 * (pasteCount + 1);
  const r = pasteComponents(doc(), clipboard, { x: step, y: step });
  documentStore.getState().edit(() => r.doc);
  uiStore.setState({ pasteCount: pasteCount + 1 });
  select(r.ids);
  return r.ids;
}

/** Renames a component, keeping subscriptions and the selection consistent; returns the refusal or null. */
export function renameComponentTo(from: string, to: string): string | null {
  const problem = tryEdit((d) => renameComponent(d, from, to));
  if (problem) return problem;
  const sel = uiStore.getState().selection;
  if (sel.components.includes(from)) select(sel.components.map((c) => (c === from ? to : c)), sel.subscriptions);
  return null;
}
