/**
 * Whether the first-run tour has been seen (`storm-studio:tour` in localStorage). Browser tests
 * open the app at `/?test` on a fresh profile: the tour stays away unless the URL asks for it
 * (`?test&tour`), so it covers nothing another test clicks.
 */
import { localStore } from './local-storage';

export const TOUR_DIALOG = 'tour';
export const TOUR_KEY = 'storm-studio:tour';

export function shouldShowTour(search: string, store = localStore()): boolean {
  const params = new URLSearchParams(search);
  if (params.has('test') && !params.has('tour')) return false;
  if (!store) return false;
  try {
    return store.getItem(TOUR_KEY) === null;
  } catch {
    return false;
  }
}

/** Remembers the tour as seen (finished or skipped). */
export function markTourSeen(how: 'done' | 'skipped', store = localStore()): void {
  try {
    store?.setItem(TOUR_KEY, how);
  } catch {
    // A blocked storage shows the tour again next time: harmless.
  }
}
