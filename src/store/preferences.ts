/**
 * Preferences kept across sessions in `localStorage`: theme, dock tab and height, whether the live
 * legend was seen and the minimap is shown. Small and
 * synchronous (read before the first render, so the theme never flashes); the document itself
 * goes to IndexedDB (see `autosave.ts`).
 */
import { uiStore, type Theme, type UiState } from './ui-store';

export const PREFERENCES_KEY = 'storm-studio:preferences';

export interface Preferences {
  readonly theme: Theme;
  readonly dockTab: string;
  readonly dockHeight: number | null;
  readonly dockCollapsed: boolean;
  readonly legendSeen: boolean;
  readonly minimap: boolean;
}

/** The subset of `Storage` used here (tests pass a Map-backed one). */
export type PreferenceStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Reads saved preferences, ignoring anything malformed (a bad value falls back to the default). */
export function readPreferences(storage: PreferenceStorage | undefined): Partial<Preferences> {
  let raw: unknown;
  try {
    raw = JSON.parse(storage?.getItem(PREFERENCES_KEY) ?? 'null');
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null) return {};
  const r = raw as Record<string, unknown>;
  const out: { -readonly [K in keyof Preferences]?: Preferences[K] } = {};
  if (r.theme === 'light' || r.theme === 'dark') out.theme = r.theme;
  if (typeof r.dockTab === 'string' && r.dockTab !== '') out.dockTab = r.dockTab;
  if (typeof r.dockHeight === 'number' && Number.isFinite(r.dockHeight)) out.dockHeight = Math.min(900, Math.max(120, r.dockHeight));
  if (typeof r.dockCollapsed === 'boolean') out.dockCollapsed = r.dockCollapsed;
  if (typeof r.legendSeen === 'boolean') out.legendSeen = r.legendSeen;
  if (typeof r.minimap === 'boolean') out.minimap = r.minimap;
  return out;
}

const pick = (s: UiState): Preferences => ({
  theme: s.theme,
  dockTab: s.dockTab,
  dockHeight: s.dockHeight,
  dockCollapsed: s.dockCollapsed,
  legendSeen: s.legendSeen,
  minimap: s.minimap,
});

/** Applies saved preferences to the UI store and saves them whenever they change. */
export function syncPreferences(storage: PreferenceStorage | undefined, fallback: Partial<Preferences> = {}): () => void {
  uiStore.setState({ ...fallback, ...readPreferences(storage) });
  let last = JSON.stringify(pick(uiStore.getState()));
  return uiStore.subscribe((s) => {
    const next = JSON.stringify(pick(s));
    if (next === last) return;
    last = next;
    try {
      storage?.setItem(PREFERENCES_KEY, next);
    } catch {
      // Storage full or disabled (private mode): preferences just do not persist.
    }
  });
}
