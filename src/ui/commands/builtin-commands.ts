/** The designer's own commands (toolbar, shortcuts). Other parts register theirs the same way. */
import { topology } from '../../model';
import { moveComponents } from '../../model/operations';
import { copySelection, deleteSelection, loadDocument, pasteClipboard } from '../../store/actions';
import { documentStore, redo, undo } from '../../store/document-store';
import { listImporters } from '../../store/importers';
import { notify, openDialog, requestFitView, select, showDockTab, uiStore } from '../../store/ui-store';
import { layoutPositions } from '../canvas/auto-layout';
import type { Measured } from '../canvas/flow-elements';
import { fitView, getFlowInstance } from '../canvas/flow-instance';
import { pickFiles } from '../io/file-input';
import { downloadDocument } from '../io/save-file';
import { ctrlKey, primary, registerCommand, type Command, type CommandState } from './registry';

const noModifiers = (e: KeyboardEvent) => !e.ctrlKey && !e.metaKey && !e.altKey;
const hasSelection = (s: CommandState) => s.ui.selection.components.length + s.ui.selection.subscriptions.length > 0;

/** Starts an empty topology; the one open is one undo away (the notice says so). */
export function newTopology(): void {
  const previous = documentStore.getState().doc.name;
  loadDocument(topology('new-topology', [], []));
  notify(`Started a new topology. Ctrl+Z brings ${previous} back.`, 'success');
}

/** What "Open…" reads, from the importer registry: its tooltip names every format. */
function openDescription(): string {
  const kinds = listImporters()
    .map((i) => i.label)
    .reverse();
  return `Open ${kinds.join('; ')} (or drop the files on the canvas)`;
}

/** Lays the graph out with ELK (one undo step) and fits it into view. */
async function autoLayout(): Promise<void> {
  const sizes = new Map<string, Measured>();
  for (const n of getFlowInstance()?.getNodes() ?? []) if (n.measured?.width && n.measured.height) sizes.set(n.id, { width: n.measured.width, height: n.measured.height });
  const doc = documentStore.getState().doc;
  const positions = await layoutPositions(doc, sizes);
  // The document may have changed while ELK ran: move only what still exists.
  documentStore.getState().edit((d) => moveComponents(d, positions));
  requestFitView();
}

const BUILTIN_COMMANDS: readonly Command[] = [
  {
    id: 'file.new',
    label: 'New',
    description: 'Start an empty topology (Undo brings the current one back)',
    group: 'file',
    icon: 'newFile',
    shortcut: 'Alt+N',
    keyTest: (e) => e.altKey && !primary(e) && !e.shiftKey && e.key.toLowerCase() === 'n',
    toolbar: { order: 5, priority: 30 },
    perform: newTopology,
  },
  {
    id: 'file.open',
    label: 'Open…',
    group: 'file',
    icon: 'open',
    shortcut: 'Ctrl+O',
    keyTest: ctrlKey('o'),
    inEditable: true,
    toolbar: { order: 10, priority: 60 },
    present: () => ({ description: openDescription() }),
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
    toolbar: { order: 20, priority: 50 },
    perform: () => void downloadDocument(),
  },
  {
    id: 'file.examples',
    label: 'Examples',
    description: 'Open an example topology',
    group: 'file',
    icon: 'examples',
    toolbar: { order: 30, priority: 40 },
    perform: () => openDialog('examples'),
  },
  {
    id: 'edit.undo',
    label: 'Undo',
    group: 'edit',
    icon: 'undo',
    shortcut: 'Ctrl+Z',
    keyTest: ctrlKey('z'),
    toolbar: { order: 10, iconOnly: true, priority: 45 },
    enabled: (s) => s.canUndo,
    perform: () => undo(),
  },
  {
    id: 'edit.redo',
    label: 'Redo',
    group: 'edit',
    icon: 'redo',
    shortcut: 'Ctrl+Shift+Z',
    keyTest: (e) => ctrlKey('z', true)(e) || ctrlKey('y')(e),
    toolbar: { order: 20, iconOnly: true, priority: 44 },
    enabled: (s) => s.canRedo,
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
    enabled: (s) => s.ui.selection.components.length > 0 && !window.getSelection()?.toString(),
    perform: () => void copySelection(),
  },
  {
    id: 'edit.paste',
    label: 'Paste',
    group: 'edit',
    shortcut: 'Ctrl+V',
    keyTest: ctrlKey('v'),
    enabled: (s) => (s.ui.clipboard?.components.length ?? 0) > 0,
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
    toolbar: { order: 10, priority: 20 },
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
    toolbar: { order: 20, priority: 10 },
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
    group: 'view',
    icon: 'moon',
    present: (s) => (s.ui.theme === 'dark' ? { icon: 'sun', description: 'Switch to the light theme' } : { icon: 'moon', description: 'Switch to the dark theme' }),
    perform: () => uiStore.setState((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' })),
  },
];

export function registerBuiltinCommands(): () => void {
  const off = BUILTIN_COMMANDS.map(registerCommand);
  return () => off.forEach((f) => f());
}
