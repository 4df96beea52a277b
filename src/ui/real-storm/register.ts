/**
 * "Run on real Storm": the command (in the toolbar's "All commands" menu and wherever commands are
 * listed), the Real Storm dock tab, the companion's connect dialog, the link the companion prints
 * (`#storm=<url>&token=<token>`), and the rule that a real run belongs to its document. Nothing of
 * it loads or needs Java until the user asks: the tab and the dialog are lazy.
 */
import { lazy } from 'react';
import { documentStore } from '../../store/document-store';
import { notify } from '../../store/ui-store';
import { registerCommand } from '../commands/registry';
import { registerDialog } from '../dialogs/registry';
import { registerDockTab } from '../dock/dock-tabs';
import { CONNECT_DIALOG, connectFromLocation, REAL_STORM_TAB, runOnRealStorm } from './real-storm-actions';
import { bindRealStormToDocument, realStormStore } from './real-storm-store';

let done = false;

export function registerRealStorm(): void {
  if (done) return;
  done = true;
  registerCommand({
    id: 'run.real-storm',
    label: 'Run on real Storm…',
    description: 'Run the topology on Apache Storm 2.8 (a LocalCluster on this machine, through npm run storm -- --serve) and compare its figures with the simulator’s',
    group: 'run',
    icon: 'storm',
    enabled: (s) => s.doc.components.length > 0,
    perform: runOnRealStorm,
  });
  registerDockTab({ id: REAL_STORM_TAB, title: 'Real Storm', order: 90, component: lazy(() => import('./real-storm-panel')) });
  registerDialog(CONNECT_DIALOG, lazy(() => import('./connect-dialog')));
  bindRealStormToDocument(documentStore, realStormStore(), (name) => notify(`The real Storm run of ${name} was cleared: a run belongs to the document it ran.`));
  void connectFromLocation();
  // The link pasted into a tab that already shows the app changes only the hash.
  addEventListener('hashchange', () => void connectFromLocation());
}
