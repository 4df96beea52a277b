/**
 * The run views' access to the run store (`src/store/run-store.ts`), bound once at startup by
 * {@link bindRunStore}. Until then (or in tests) the views see an idle run. Keeping the binding
 * here lets the views depend only on the {@link RunState}/{@link RunActions} contract.
 */
import { useSyncExternalStore } from 'react';
import type { RunActions, RunState } from '../../store/run-state';
import { connectRunViews } from './live-store';

export interface RunStoreLike {
  getState(): RunState & RunActions;
  subscribe(listener: (state: RunState & RunActions, previous: RunState & RunActions) => void): () => void;
}

const IDLE: RunState = {
  runId: 0,
  status: 'idle',
  options: { clock: 'virtual', seed: 1, speed: 1 },
  runDocument: null,
  snapshot: null,
  loading: null,
  failure: null,
  recentEvents: [],
  logs: [],
  taskStates: null,
};

let store: RunStoreLike | null = null;
let unbind: (() => void) | null = null;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

/** Binds the run views to the app's run store (once, at startup); returns the unbind. */
export function bindRunStore(runStore: RunStoreLike): () => void {
  unbind?.();
  store = runStore;
  const disconnect = connectRunViews(runStore);
  const unsubscribe = runStore.subscribe(notify);
  unbind = () => {
    disconnect();
    unsubscribe();
    store = null;
    unbind = null;
    notify();
  };
  notify();
  return unbind;
}

/** The run store's actions, or null when no run store is bound. */
export function runActions(): RunActions | null {
  return store ? store.getState() : null;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Selects from the run state (an idle state when no run store is bound). The selector must return
 * stored values or primitives (a fresh object each call would re-render forever).
 */
export function useRun<T>(selector: (s: RunState) => T): T {
  return useSyncExternalStore(
    subscribe,
    () => selector(store ? store.getState() : IDLE),
    () => selector(IDLE),
  );
}
