/**
 * The bottom dock's tabs. Adding a tab is one registration:
 *
 * @example
 * registerDockTab({ id: 'logs', title: 'Logs', order: 40, component: lazy(() => import('./logs-panel')) });
 */
import { useSyncExternalStore, type ComponentType } from 'react';

export interface DockTab {
  /** Stable id; the tab button's test id is `dock.tab.<id>`, the panel's `dock.panel.<id>`. */
  readonly id: string;
  readonly title: string;
  /** Position among the tabs, left to right. */
  readonly order: number;
  /** The panel (may be `React.lazy`; it is rendered only while its tab is shown). */
  readonly component: ComponentType;
  /** A small count shown on the tab (e.g. the number of problems), re-read on every render. */
  readonly useBadge?: () => { readonly text: string; readonly tone: 'error' | 'warning' | 'neutral' } | null;
}

let tabs: readonly DockTab[] = [];
const listeners = new Set<() => void>();

/** Adds (or replaces, by id) a dock tab; returns the unregister. */
export function registerDockTab(tab: DockTab): () => void {
  tabs = [...tabs.filter((t) => t.id !== tab.id), tab].sort((a, b) => a.order - b.order);
  listeners.forEach((l) => l());
  return () => {
    tabs = tabs.filter((t) => t !== tab);
    listeners.forEach((l) => l());
  };
}

export const listDockTabs = (): readonly DockTab[] => tabs;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useDockTabs(): readonly DockTab[] {
  return useSyncExternalStore(subscribe, listDockTabs, listDockTabs);
}
