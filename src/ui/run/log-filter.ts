/** The log panel's filter, shared so that other panels can open the log of one component. */
import { createStore, useStore } from 'zustand';
import { showDockTab } from '../../store/ui-store';
import { ALL_LOGS, type LogFilter } from './log-format';

export const logFilterStore = createStore<LogFilter>()(() => ALL_LOGS);

export function useLogFilter<T>(selector: (f: LogFilter) => T): T {
  return useStore(logFilterStore, selector);
}

/** Shows the Log tab filtered to one component (all components when null). */
export function showLogsFor(component: string | null): void {
  logFilterStore.setState({ component });
  showDockTab('logs');
}
