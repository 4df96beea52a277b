/**
 * The teaching layer: the Lessons dock tab and command (also in the Help menu), the first-run
 * Tour (Help → Tour replays it), and the tally of values per task the Plan shows. The lessons'
 * and the tour's code load when first opened.
 */
import { lazy } from 'react';
import { useRunStore } from '../../store/run-store';
import { openDialog, showDockTab } from '../../store/ui-store';
import { registerCommand } from '../commands/registry';
import { registerDialog } from '../dialogs/registry';
import { registerDockTab } from '../dock/dock-tabs';
import { bindTaskValues } from '../tasks/task-values';
import { shouldShowTour, TOUR_DIALOG } from '../tour/tour-state';

let done = false;

export function registerTeaching(): void {
  if (done) return;
  done = true;
  registerDockTab({ id: 'lessons', title: 'Lessons', order: 90, component: lazy(() => import('./lessons-panel')) });
  registerDialog(TOUR_DIALOG, lazy(() => import('../tour/tour')));
  registerCommand({
    id: 'help.tour',
    label: 'Tour',
    description: 'A short tour of the designer and the run views',
    group: 'help',
    icon: 'storm',
    helpMenu: { order: 20 },
    perform: () => openDialog(TOUR_DIALOG),
  });
  registerCommand({
    id: 'help.lessons',
    label: 'Lessons',
    description: 'Six guided lessons on Storm: tasks, groupings, acking, failures, capacity, ticks',
    group: 'help',
    icon: 'book',
    helpMenu: { order: 30 },
    perform: () => showDockTab('lessons'),
  });
  bindTaskValues(useRunStore);
}

/** Opens the tour on the first start (once; never in browser tests unless they ask for it). */
export function maybeStartTour(): void {
  if (shouldShowTour(location.search)) openDialog(TOUR_DIALOG);
}
