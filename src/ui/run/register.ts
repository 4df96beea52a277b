/**
 * The run part of the app: toolbar commands Run / Pause / Step / Stop with their shortcuts, the
 * Run and Log dock tabs, Python support in the editor, and the run views' binding to the run store.
 */
import { lazy } from 'react';
import { documentStore } from '../../store/document-store';
import { bindRunToDocument, clearedRunMessage } from '../../store/run-ownership';
import { useRunStore } from '../../store/run-store';
import { notify } from '../../store/ui-store';
import { plainKey, registerCommand, type Command, type CommandState } from '../commands/registry';
import { registerDockTab } from '../dock/dock-tabs';
import { registerMonacoSetup } from '../editor/extensions';
import { setupPythonEditor } from '../editor/python-support';
import { bindRunStore } from '../viz/run-binding';
import { pauseOrResume, startRun, stepRun, stopRun } from './run-actions';
import { useLogBadge, useRunBadge } from './badges';
import { logFilterStore } from './log-filter';

const isActive = (s: CommandState) => s.run.status === 'running' || s.run.status === 'paused';

const RUN_COMMANDS: readonly Command[] = [
  {
    id: 'run.start',
    label: 'Run',
    description: 'Run the topology in the simulator',
    group: 'run',
    icon: 'play',
    shortcut: 'F5',
    keyTest: plainKey('F5'),
    inEditable: true,
    toolbar: { order: 10, essential: true },
    present: (s) =>
      isActive(s) || s.run.status === 'loading' ? { label: 'Restart', description: 'Run the topology again from the start, with the document as it is now' } : {},
    perform: startRun,
  },
  {
    id: 'run.pause',
    label: 'Pause',
    description: 'Pause the run (the engine clock stops)',
    group: 'run',
    icon: 'pause',
    shortcut: 'F6',
    keyTest: plainKey('F6'),
    inEditable: true,
    toolbar: { order: 20, iconOnly: true, priority: 90 },
    enabled: isActive,
    present: (s) => (s.run.status === 'paused' ? { label: 'Resume', icon: 'play', description: 'Resume the run' } : {}),
    perform: pauseOrResume,
  },
  {
    id: 'run.step',
    label: 'Step',
    description: 'Process one event and pause (virtual time)',
    group: 'run',
    icon: 'step',
    shortcut: 'F10',
    keyTest: plainKey('F10'),
    inEditable: true,
    toolbar: { order: 30, iconOnly: true, priority: 85 },
    enabled: (s) => isActive(s) && s.run.options.clock === 'virtual',
    perform: stepRun,
  },
  {
    id: 'run.stop',
    label: 'Stop',
    description: 'Stop the run and free its workers (the last results stay)',
    group: 'run',
    icon: 'stop',
    shortcut: 'Shift+F5',
    keyTest: plainKey('F5', true),
    inEditable: true,
    toolbar: { order: 40, iconOnly: true, priority: 95 },
    enabled: (s) => isActive(s) || s.run.status === 'loading',
    perform: stopRun,
  },
];

let done = false;

export function registerRun(): void {
  if (done) return;
  done = true;
  for (const c of RUN_COMMANDS) registerCommand(c);
  // A run belongs to the document it ran: opening another one clears it (and says so).
  bindRunToDocument(documentStore, useRunStore, {
    onCleared: (cleared) => {
      logFilterStore.setState({ component: null });
      notify(clearedRunMessage(cleared));
    },
  });

  registerDockTab({ id: 'run', title: 'Run', order: 30, component: lazy(() => import('./run-panel')), useBadge: useRunBadge });
  registerDockTab({ id: 'logs', title: 'Log', order: 40, component: lazy(() => import('./log-panel')), useBadge: useLogBadge });
  registerDockTab({ id: 'data', title: 'Data', order: 45, component: lazy(() => import('../data/data-panel')) });
  registerMonacoSetup(setupPythonEditor);
  bindRunStore(useRunStore);
}
