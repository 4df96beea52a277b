/**
 * The run part of the app: toolbar commands Run / Pause / Step / Stop with their shortcuts, the
 * Run and Log dock tabs, Python support in the editor, and the run views' binding to the run store.
 */
import { lazy } from 'react';
import { useRunStore, type RunStoreState } from '../../store/run-store';
import { registerCommand, type Command } from '../commands/registry';
import { registerDockTab } from '../dock/dock-tabs';
import { registerMonacoSetup } from '../editor/extensions';
import { setupPythonEditor } from '../editor/python-support';
import { bindRunStore } from '../viz/run-binding';
import { pauseOrResume, startRun, stepRun, stopRun } from './run-actions';
import { useLogBadge, useRunBadge } from './badges';
import { installRunTestApi } from './test-api';

const plainKey = (key: string, shift = false) => (e: KeyboardEvent) => e.key === key && e.shiftKey === shift && !e.ctrlKey && !e.metaKey && !e.altKey;

function runCommands(s: RunStoreState): Command[] {
  const active = s.status === 'running' || s.status === 'paused';
  return [
    {
      id: 'run.start',
      label: active || s.status === 'loading' ? 'Restart' : 'Run',
      description: active ? 'Run the topology again from the start, with the document as it is now' : 'Run the topology in the simulator',
      group: 'run',
      icon: 'play',
      shortcut: 'F5',
      keyTest: plainKey('F5'),
      inEditable: true,
      toolbar: { order: 10 },
      perform: startRun,
    },
    {
      id: 'run.pause',
      label: s.status === 'paused' ? 'Resume' : 'Pause',
      description: s.status === 'paused' ? 'Resume the run' : 'Pause the run (the engine clock stops)',
      group: 'run',
      icon: s.status === 'paused' ? 'play' : 'pause',
      shortcut: 'F6',
      keyTest: plainKey('F6'),
      inEditable: true,
      toolbar: { order: 20, iconOnly: true },
      enabled: () => active,
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
      toolbar: { order: 30, iconOnly: true },
      enabled: () => active && s.options.clock === 'virtual',
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
      toolbar: { order: 40, iconOnly: true },
      enabled: () => active || s.status === 'loading',
      perform: stopRun,
    },
  ];
}

let done = false;

export function registerRun(): void {
  if (done) return;
  done = true;
  // Commands carry their label and enabled state: registering them again when the run's status
  // (or clock) changes is what refreshes the toolbar.
  let key = '';
  const refresh = (s: RunStoreState) => {
    const next = `${s.status}|${s.options.clock}`;
    if (next === key) return;
    key = next;
    for (const c of runCommands(s)) registerCommand(c);
  };
  refresh(useRunStore.getState());
  useRunStore.subscribe(refresh);

  registerDockTab({ id: 'run', title: 'Run', order: 30, component: lazy(() => import('./run-panel')), useBadge: useRunBadge });
  registerDockTab({ id: 'logs', title: 'Log', order: 40, component: lazy(() => import('./log-panel')), useBadge: useLogBadge });
  registerMonacoSetup(setupPythonEditor);
  bindRunStore(useRunStore);
  installRunTestApi();
}
