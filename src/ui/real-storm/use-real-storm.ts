/** The real Storm run's state in React (the app's store, see real-storm-store.ts). */
import { useStore } from 'zustand';
import { realStormStore, type RealStormState } from './real-storm-store';

export function useRealStorm<T>(selector: (s: RealStormState) => T): T {
  return useStore(realStormStore(), selector);
}
