/**
 * UI state that is not the document: selection, theme, dock, dialogs, notices, autosave status,
 * the in-app clipboard. None of it is in the undo history.
 */
import { createStore, useStore } from 'zustand';
import type { Clipboard } from '../model/operations';

export type Theme = 'light' | 'dark';

export interface Selection {
  readonly components: readonly string[];
  readonly subscriptions: readonly string[];
}

export interface Notice {
  readonly id: number;
  readonly kind: 'info' | 'success' | 'error';
  readonly message: string;
}

/** A dialog to show: its registered id and its props (see `src/ui/dialogs/registry.ts`). */
export interface DialogRequest {
  readonly id: string;
  readonly props?: unknown;
}

export type SaveStatus = 'saved' | 'pending' | 'error';

export interface UiState {
  readonly selection: Selection;
  readonly theme: Theme;
  readonly dockTab: string;
  /** The dock's height in px as the user set it; null = the default (40 % of the space, see `src/ui/dock/dock-size.ts`). */
  readonly dockHeight: number | null;
  readonly dockCollapsed: boolean;
  /** The live canvas's legend was shown expanded once: from then on it starts as a small chip. */
  readonly legendSeen: boolean;
  /** Whether the canvas shows its minimap (it also hides itself while the canvas is short). */
  readonly minimap: boolean;
  readonly dialog: DialogRequest | null;
  readonly notices: readonly Notice[];
  readonly save: { readonly status: SaveStatus; readonly message?: string };
  readonly clipboard: Clipboard | null;
  /** How many times the clipboard was pasted (each paste lands a little further). */
  readonly pasteCount: number;
  /** Bumped to ask the canvas to fit the view (after a load or an auto-layout). */
  readonly fitViewRequest: number;
}

const EMPTY_SELECTION: Selection = { components: [], subscriptions: [] };

export const DEFAULT_UI: UiState = {
  selection: EMPTY_SELECTION,
  theme: 'light',
  dockTab: 'code',
  dockHeight: null,
  dockCollapsed: false,
  legendSeen: false,
  minimap: true,
  dialog: null,
  notices: [],
  save: { status: 'saved' },
  clipboard: null,
  pasteCount: 0,
  fitViewRequest: 0,
};

export const uiStore = createStore<UiState>()(() => DEFAULT_UI);

export function useUi<T>(selector: (s: UiState) => T): T {
  return useStore(uiStore, selector);
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Selects exactly these components and subscriptions (no-op when unchanged). */
export function select(components: readonly string[] = [], subscriptions: readonly string[] = []): void {
  const current = uiStore.getState().selection;
  if (sameList(current.components, components) && sameList(current.subscriptions, subscriptions)) return;
  uiStore.setState({ selection: { components, subscriptions } });
}

export const clearSelection = (): void => select([], []);

export function openDialog(id: string, props?: unknown): void {
  uiStore.setState({ dialog: { id, props } });
}

export function closeDialog(): void {
  uiStore.setState({ dialog: null });
}

export function showDockTab(id: string): void {
  uiStore.setState({ dockTab: id, dockCollapsed: false });
}

export function requestFitView(): void {
  uiStore.setState((s) => ({ fitViewRequest: s.fitViewRequest + 1 }));
}

let nextNotice = 1;
const NOTICE_MS = { info: 4000, success: 3000, error: 8000 } as const;

/** Shows a short message in the corner; it goes away by itself. */
export function notify(message: string, kind: Notice['kind'] = 'info'): number {
  const id = nextNotice++;
  uiStore.setState((s) => ({ notices: [...s.notices.slice(-3), { id, kind, message }] }));
  setTimeout(() => dismissNotice(id), NOTICE_MS[kind]);
  return id;
}

export function dismissNotice(id: number): void {
  uiStore.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

// Selectors.
export const selectSelection = (s: UiState): Selection => s.selection;
export const selectTheme = (s: UiState): Theme => s.theme;
export const selectDialog = (s: UiState): DialogRequest | null => s.dialog;
export const selectNotices = (s: UiState): readonly Notice[] => s.notices;
export const selectSaveStatus = (s: UiState) => s.save;
/** The single selected component, if exactly one component (and nothing else) is selected. */
export const selectSingleComponent = (s: UiState): string | null =>
  s.selection.components.length === 1 && s.selection.subscriptions.length === 0 ? s.selection.components[0]! : null;
/** The single selected subscription, if exactly one edge (and nothing else) is selected. */
export const selectSingleSubscription = (s: UiState): string | null =>
  s.selection.subscriptions.length === 1 && s.selection.components.length === 0 ? s.selection.subscriptions[0]! : null;
