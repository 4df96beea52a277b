/**
 * Commands as data: one registry feeds the toolbar, menus and keyboard shortcuts. A later part
 * adds "Run" or "Export…" with one `registerCommand({...})` call; nothing else needs to change.
 *
 * @example
 * registerCommand({ id: 'run.start', label: 'Run', group: 'run', toolbar: { order: 10 },
 *   shortcut: 'F5', keyTest: (e) => e.key === 'F5', perform: () => startRun() });
 */
import { useSyncExternalStore } from 'react';

export type CommandGroup = 'file' | 'edit' | 'view' | 'run' | 'help' | (string & {});

export interface Command {
  /** Stable id, e.g. `file.save`; also the toolbar button's test id (`toolbar.file.save`). */
  readonly id: string;
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
  /** Shown in the toolbar, in `order` within its group. */
  readonly toolbar?: { readonly order: number; readonly iconOnly?: boolean };
  readonly enabled?: () => boolean;
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

/** Runs a command by id if it exists and is enabled; errors surface through `onError`. */
export async function runCommand(id: string, onError: (e: unknown) => void = console.error): Promise<boolean> {
  const command = commands.get(id);
  if (!command || (command.enabled && !command.enabled())) return false;
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
