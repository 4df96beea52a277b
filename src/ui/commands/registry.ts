/**
 * Commands as data: one registry feeds the toolbar, the menus, the help's list of shortcuts and
 * the keyboard. A part adds "Run" or "Export…" with one `registerCommand({...})` call; nothing
 * else needs to change. Whether a command is enabled, and a label that depends on the state
 * (Run / Restart), are functions of the app's state ({@link CommandState}), read reactively by
 * the views ({@link useCommandView}): commands are registered once, never again on a change.
 *
 * @example
 * registerCommand({ id: 'run.start', label: 'Run', group: 'run', toolbar: { order: 10 },
 *   shortcut: 'F5', keyTest: (e) => e.key === 'F5', perform: () => startRun(),
 *   present: (s) => ({ label: s.run.status === 'running' ? 'Restart' : 'Run' }) });
 */
import { useSyncExternalStore } from 'react';
import type { TopologyDocument } from '../../model';
import { documentStore } from '../../store/document-store';
import { useRunStore, type RunStoreState } from '../../store/run-store';
import { uiStore, type UiState } from '../../store/ui-store';

export type CommandGroup = 'file' | 'edit' | 'view' | 'run' | 'help' | (string & {});

/** What commands read to decide whether they are enabled and how they are shown. */
export interface CommandState {
  readonly doc: TopologyDocument;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly ui: UiState;
  readonly run: RunStoreState;
}

/** How a command shows now: its label, icon and tooltip, and whether it can run. */
export interface CommandView {
  readonly label: string;
  readonly icon: string | undefined;
  readonly description: string | undefined;
  readonly enabled: boolean;
}

export interface Command {
  /** Stable id, e.g. `file.save`; also the toolbar button's test id (`toolbar.file.save`). */
  readonly id: string;
  /** The command's name (the help lists it); {@link Command.present} may show another for a while. */
  readonly label: string;
  /** Longer help shown as the button's tooltip. */
  readonly description?: string;
  readonly group: CommandGroup;
  /** An icon name from `src/ui/shell/icons.tsx`. */
  readonly icon?: string;
  /** The shortcut as shown to people, e.g. `Ctrl+S`. */
  readonly shortcut?: string;
  /** Whether a key event triggers the command. */
  readonly keyTest?: (event: KeyboardEvent) => boolean;
  /**
   * Whether the shortcut also fires while typing in an input or the code editor (e.g. Ctrl+S).
   * Off by default, so Delete in a text field never deletes a node.
   */
  readonly inEditable?: boolean;
  /**
   * Shown in the toolbar, in `order` within its group. `iconOnly`: never with its label.
   * `priority`: when the window is narrow, buttons of lower priority fold first (to their icon,
   * then into the "More" menu); `essential` buttons keep their label and place.
   */
  readonly toolbar?: { readonly order: number; readonly iconOnly?: boolean; readonly priority?: number; readonly essential?: boolean };
  /** Listed in the Help menu (the toolbar's "?"), in `order`. */
  readonly helpMenu?: { readonly order: number };
  /** Whether the command can run now (default: always). */
  readonly enabled?: (state: CommandState) => boolean;
  /** The label, icon or tooltip for the state now, when they change with it (Pause / Resume). */
  readonly present?: (state: CommandState) => Partial<Pick<CommandView, 'label' | 'icon' | 'description'>>;
  readonly perform: () => void | Promise<void>;
}

const commands = new Map<string, Command>();
let snapshot: readonly Command[] = [];
const listeners = new Set<() => void>();

function changed(): void {
  snapshot = [...commands.values()];
  listeners.forEach((l) => l());
}

/** Adds (or replaces, by id) a command; returns the unregister. */
export function registerCommand(command: Command): () => void {
  commands.set(command.id, command);
  changed();
  return () => {
    if (commands.get(command.id) === command) {
      commands.delete(command.id);
      changed();
    }
  };
}

export const getCommand = (id: string): Command | undefined => commands.get(id);
export const listCommands = (): readonly Command[] => snapshot;

// The state commands read: one object per combination of the stores' states (so views that
// compare it by identity re-render only when a store changed).
let cachedState: CommandState | null = null;
let cachedFrom: readonly unknown[] = [];

/** The app's state as commands read it, now. */
export function commandState(): CommandState {
  const document = documentStore.getState();
  const history = documentStore.temporal.getState();
  const ui = uiStore.getState();
  const run = useRunStore.getState();
  const from = [document, history, ui, run];
  if (cachedState === null || from.some((x, i) => x !== cachedFrom[i])) {
    cachedFrom = from;
    cachedState = { doc: document.doc, canUndo: history.pastStates.length > 0, canRedo: history.futureStates.length > 0, ui, run };
  }
  return cachedState;
}

/** Calls `listener` whenever a store commands read changes. */
export function subscribeCommandState(listener: () => void): () => void {
  const offs = [documentStore.subscribe(listener), documentStore.temporal.subscribe(listener), uiStore.subscribe(listener), useRunStore.subscribe(listener)];
  return () => offs.forEach((off) => off());
}

export const isEnabled = (command: Command, state: CommandState = commandState()): boolean => (command.enabled ? command.enabled(state) : true);

/** How a command shows in `state`. */
export function commandView(command: Command, state: CommandState = commandState()): CommandView {
  const p = command.present?.(state);
  return { label: p?.label ?? command.label, icon: p?.icon ?? command.icon, description: p?.description ?? command.description, enabled: isEnabled(command, state) };
}

const sameView = (a: CommandView, b: CommandView) => a.label === b.label && a.icon === b.icon && a.description === b.description && a.enabled === b.enabled;

/**
 * A command's view, re-rendering the caller only when it changes (a new run status flips Run to
 * Restart; a snapshot that changes nothing the command shows re-renders nothing).
 */
export function useCommandView(command: Command): CommandView {
  const get = viewGetter(command);
  return useSyncExternalStore(subscribeCommandState, get, get);
}

const viewCaches = new WeakMap<Command, () => CommandView>();
function viewGetter(command: Command): () => CommandView {
  let get = viewCaches.get(command);
  if (!get) {
    let last: CommandView | null = null;
    get = () => {
      const next = commandView(command);
      if (last === null || !sameView(last, next)) last = next;
      return last;
    };
    viewCaches.set(command, get);
  }
  return get;
}

/** Runs a command by id if it exists and is enabled; errors surface through `onError`. */
export async function runCommand(id: string, onError: (e: unknown) => void = console.error): Promise<boolean> {
  const command = commands.get(id);
  if (!command || !isEnabled(command)) return false;
  try {
    await command.perform();
  } catch (e) {
    onError(e);
  }
  return true;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The registered commands, re-rendering when one is added or removed. */
export function useCommands(): readonly Command[] {
  return useSyncExternalStore(subscribe, listCommands, listCommands);
}

/** Whether the event's target is somewhere people type (inputs, the code editor, `.nokey`). */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (typeof Element === 'undefined' || !(target instanceof Element)) return false;
  if (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], .monaco-editor, .nokey')) return true;
  return false;
}

/** The command a key event triggers, if any (first registered wins). */
export function commandForKey(event: KeyboardEvent): Command | undefined {
  const editable = isEditableTarget(event.target);
  for (const command of snapshot) {
    if (!command.keyTest || (editable && !command.inEditable)) continue;
    if (command.keyTest(event)) return command;
  }
  return undefined;
}

/** Ctrl on Linux/Windows, Cmd on macOS. */
export const primary = (e: KeyboardEvent): boolean => e.ctrlKey || e.metaKey;

/** `Ctrl+<key>` without Shift/Alt (case-insensitive key). */
export const ctrlKey =
  (key: string, shift = false) =>
  (e: KeyboardEvent): boolean =>
    primary(e) && e.shiftKey === shift && !e.altKey && e.key.toLowerCase() === key.toLowerCase();

/** A key pressed alone (no Ctrl, Alt or Meta; Shift as given), e.g. `F5`. */
export const plainKey =
  (key: string, shift = false) =>
  (e: KeyboardEvent): boolean =>
    e.key === key && e.shiftKey === shift && !e.ctrlKey && !e.metaKey && !e.altKey;
