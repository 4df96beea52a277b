/** Registers the run views' dock tabs (lazy: their code loads when a tab is first shown). */
import { lazy } from 'react';
import { registerDockTab } from '../dock/dock-tabs';

export function registerRunViews(): void {
  registerDockTab({ id: 'trees', title: 'Tuple trees', order: 50, component: lazy(() => import('../lineage/tuple-trees-panel')) });
  registerDockTab({ id: 'step', title: 'Step', order: 60, component: lazy(() => import('../step/step-panel')) });
  registerDockTab({ id: 'plan', title: 'Plan', order: 70, component: lazy(() => import('../plan/plan-panel')) });
  registerDockTab({ id: 'charts', title: 'Charts', order: 80, component: lazy(() => import('../charts/charts-panel')) });
}
