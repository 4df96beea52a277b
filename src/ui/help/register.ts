/**
 * Help: the "Help and keyboard shortcuts" command (F1 or ?), one command per doc, all listed in
 * the toolbar's Help menu (the "?" button), and the help dialog (its code and the docs load when
 * first opened). A later part adds its own entry to the Help menu ("Tour", "Lessons") by
 * registering a command with `helpMenu: { order }`: orders 10–90 come before the docs (100+).
 */
import { lazy } from 'react';
import { openDialog } from '../../store/ui-store';
import { isEditableTarget, plainKey, primary, registerCommand } from '../commands/registry';
import { registerDialog } from '../dialogs/registry';
import { DOCS } from './docs';
import type { HelpProps } from './help-dialog';

export const HELP_DIALOG = 'help';

/** Opens the help at the shortcuts, or at a doc. */
export function openHelp(props: HelpProps = {}): void {
  openDialog(HELP_DIALOG, props);
}

let done = false;

export function registerHelp(): void {
  if (done) return;
  done = true;
  registerDialog(HELP_DIALOG, lazy(() => import('./help-dialog')));
  registerCommand({
    id: 'help.show',
    label: 'Help and keyboard shortcuts',
    description: 'Every shortcut, and the docs (they are part of the app: they work offline)',
    group: 'help',
    icon: 'help',
    shortcut: 'F1 or ?',
    // F1 works anywhere; "?" only where it does not type a question mark.
    keyTest: (e) => plainKey('F1')(e) || (e.key === '?' && !primary(e) && !e.altKey && !isEditableTarget(e.target)),
    inEditable: true,
    helpMenu: { order: 10 },
    perform: () => openHelp(),
  });
  DOCS.forEach((doc, i) =>
    registerCommand({
      id: `help.doc.${doc.id}`,
      label: doc.title,
      description: `Read ${doc.path} in the app`,
      group: 'help',
      icon: 'book',
      helpMenu: { order: 100 + i },
      perform: () => openHelp({ doc: doc.id }),
    }),
  );
}
