/** Registers "Export…" (command, toolbar button, Ctrl+E) and its dialog. */
import { lazy } from 'react';
import { openDialog } from '../../store/ui-store';
import { ctrlKey, registerCommand } from '../commands/registry';
import { registerDialog } from '../dialogs/registry';

export const EXPORT_DIALOG = 'export';

let done = false;

export function registerExport(): void {
  if (done) return;
  done = true;
  registerDialog(EXPORT_DIALOG, lazy(() => import('./export-dialog')));
  registerCommand({
    id: 'file.export',
    label: 'Export…',
    description: 'Export as a Storm project (Maven, Flux), a Petrel project or a .json document (preview, zip download)',
    group: 'file',
    icon: 'export',
    shortcut: 'Ctrl+E',
    keyTest: ctrlKey('e'),
    inEditable: true,
    toolbar: { order: 25, priority: 35 },
    perform: () => openDialog(EXPORT_DIALOG),
  });
}
