/** Registers the Tests dock tab (lazy: the panel's code loads when the tab is first shown). */
import { lazy } from 'react';
import { registerDockTab } from '../dock/dock-tabs';

export function registerTests(): void {
  registerDockTab({ id: 'tests', title: 'Tests', order: 45, component: lazy(() => import('./tests-panel')) });
}
