/** The designer's own commands (toolbar, shortcuts). Other parts register theirs the same way. */
import { moveComponents } from '../../model/operations';
import { copySelection, deleteSelection, pasteClipboard } from '../../store/actions';
import { canRedo, canUndo, documentStore, redo, undo } from '../../store/document-store';
import { notify, openDialog, requestFitView, select, showDockTab, uiStore } from '../../store/ui-store';
import { layoutPositions } from '../canvas/auto-layout';
import type { Measured } from '../canvas/flow-elements';
import { fitView, getFlowInstance } from '../canvas/flow-instance';
import { pickFiles } from '../io/file-input';
import { downloadDocument } from '../io/save-file';
import { ctrlKey, primary, registerCommand, type Command } from './registry';

const noModifiers = (e: KeyboardEvent) => !e.ctrlKey && !e.metaKey && !e.altKey;
const hasSelection = () => {
  const s = uiStore.getState().selection;
  return s.components.length + s.subscriptions.length > 0;
};

/** Lays the graph out with ELK (one undo step) and fits it into view. */
export async function autoLayout(): Promise<void> {
  const sizes = new Map<string, Measured>();
  for (const n of getFlowInstance()?.getNodes() ?? []) if (n.measured?.width && n.measured.height) sizes.set(n.id, { width: n.measured.width, height: n.measured.height });
  const doc = documentStore.getState().doc;
  const positions = await layoutPositions(doc, sizes);
  // The document may have changed while ELK ran: move only what still exists.
  documentStore.getState().edit((d) => moveComponents(d, positions));
  requestFitView();
}

export const BUILTIN_COMMANDS: readonly Command[] = [
  {
    id: 'file.open',
    label: 'Open…',
    description: 'Open a Storm Studio .json document (or drop a file on the canvas)',
    group: 'file',
    icon: 'open',
    shortcut: 'Ctrl+O',
    keyTest: ctrlKey('o'),
    inEditable: true,
    toolbar: { order: 10 },
    perform: pickFiles,
  },
  {
    id: 'file.save',
    label: 'Save',
    description: 'Download the topology as a .json document',
    group: 'file',
    icon: 'save',
    shortcut: 'Ctrl+S',
    keyTest: ctrlKey('s'),
    inEditable: true,
    toolbar: { order: 20 },
    perform: () => void downloadDocument(),
  },
  {
    id: 'file.examples',
    label: 'Examples',
    description: 'Open an example topology',
    group: 'file',
    icon: 'examples',
    toolbar: { order: 30 },
    perform: () => openDialog('examples'),
  },
  {
    id: 'edit.undo',
    label: 'Undo',
    group: 'edit',
    icon: 'undo',
    shortcut: 'Ctrl+Z',
    keyTest: ctrlKey('z'),
    toolbar: { order: 10, iconOnly: true },
    enabled: () => canUndo(),
    perform: () => undo(),
  },
  {
    id: 'edit.redo',
    label: 'Redo',
    group: 'edit',
    icon: 'redo',
    shortcut: 'Ctrl+Shift+Z',
    keyTest: (e) => ctrlKey('z', true)(e) || ctrlKey('y')(e),
    toolbar: { order: 20, iconOnly: true },
    enabled: () => canRedo(),
    perform: () => redo(),
  },
  {
    id: 'edit.delete',
    label: 'Delete',
    description: 'Delete the selected components and subscriptions',
    group: 'edit',
    icon: 'trash',
    shortcut: 'Delete',
    keyTest: (e) => noModifiers(e) && (e.key === 'Delete' || e.key === 'Backspace'),
    enabled: hasSelection,
    perform: deleteSelection,
  },
  {
    id: 'edit.copy',
    label: 'Copy',
    group: 'edit',
    icon: 'copy',
    shortcut: 'Ctrl+C',
    keyTest: ctrlKey('c'),
    // Text selected on the page (an error message, say) is copied as text, not as components.
    enabled: () => uiStore.getState().selection.components.length > 0 && !window.getSelection()?.toString(),
    perform: () => void copySelection(),
  },
  {
    id: 'edit.paste',
    label: 'Paste',
    group: 'edit',
    shortcut: 'Ctrl+V',
    keyTest: ctrlKey('v'),
    enabled: () => (uiStore.getState().clipboard?.components.length ?? 0) > 0,
    perform: () => void pasteClipboard(),
  },
  {
    id: 'edit.select-all',
    label: 'Select all',
    group: 'edit',
    shortcut: 'Ctrl+A',
    keyTest: ctrlKey('a'),
    perform: () => {
      const d = documentStore.getState().doc;
      select(
        d.components.map((c) => c.id),
        d.subscriptions.map((s) => s.id),
      );
    },
  },
  {
    id: 'view.layout',
    label: 'Auto-layout',
    description: 'Arrange the graph left to right (ELK layered)',
    group: 'view',
    icon: 'layout',
    shortcut: 'Shift+L',
    keyTest: (e) => e.shiftKey && !primary(e) && !e.altKey && e.key.toLowerCase() === 'l',
    toolbar: { order: 10 },
    perform: () =>
      autoLayout().catch((e: unknown) => {
        notify(`Auto-layout failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
      }),
  },
  {
    id: 'view.fit',
    label: 'Fit view',
    group: 'view',
    icon: 'fit',
    shortcut: 'Shift+1',
    keyTest: (e) => e.shiftKey && !primary(e) && (e.code === 'Digit1' || e.key === '!'),
    toolbar: { order: 20 },
    perform: fitView,
  },
  {
    id: 'view.problems',
    label: 'Problems',
    group: 'view',
    shortcut: 'Ctrl+Shift+M',
    keyTest: ctrlKey('m', true),
    inEditable: true,
    perform: () => showDockTab('problems'),
  },
  {
    id: 'view.theme',
    label: 'Toggle theme',
    description: 'Switch between the light and dark themes',
    group: 'view',
    icon: 'moon',
    toolbar: { order: 90, iconOnly: true },
    perform: () => uiStore.setState((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' })),
  },
];

export function registerBuiltinCommands(): () => void {
  const off = BUILTIN_COMMANDS.map(registerCommand);
  return () => off.forEach((f) => f());
}
