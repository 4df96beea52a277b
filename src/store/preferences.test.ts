import { afterEach, describe, expect, it } from 'vitest';
import { PREFERENCES_KEY, readPreferences, syncPreferences, type PreferenceStorage } from './preferences';
import { DEFAULT_UI, uiStore } from './ui-store';

const memory = (initial?: string): PreferenceStorage & { data: Map<string, string> } => {
  const data = new Map<string, string>(initial === undefined ? [] : [[PREFERENCES_KEY, initial]]);
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
};

afterEach(() => uiStore.setState(DEFAULT_UI, true));

describe('preferences', () => {
  it('ignores malformed values and clamps the dock height', () => {
    expect(readPreferences(memory('not json'))).toEqual({});
    expect(readPreferences(memory('{"theme":"purple","dockHeight":5000,"dockTab":"problems"}'))).toEqual({ dockHeight: 900, dockTab: 'problems' });
    expect(readPreferences(undefined)).toEqual({});
  });

  it('remembers the dock height, whether the live legend was seen and the minimap', () => {
    expect(readPreferences(memory('{"dockHeight":null,"legendSeen":true,"minimap":false}'))).toEqual({ legendSeen: true, minimap: false });
    expect(readPreferences(memory('{"dockHeight":420,"legendSeen":"yes","minimap":1}'))).toEqual({ dockHeight: 420 });
    const storage = memory();
    const stop = syncPreferences(storage);
    expect(uiStore.getState().dockHeight).toBeNull();
    uiStore.setState({ dockHeight: 400, legendSeen: true, minimap: false });
    expect(JSON.parse(storage.data.get(PREFERENCES_KEY)!)).toMatchObject({ dockHeight: 400, legendSeen: true, minimap: false });
    stop();
    uiStore.setState(DEFAULT_UI, true);
    syncPreferences(storage)();
    expect(uiStore.getState()).toMatchObject({ dockHeight: 400, legendSeen: true, minimap: false });
  });

  it('applies saved preferences over the fallback and saves changes', () => {
    const storage = memory('{"theme":"dark"}');
    const stop = syncPreferences(storage, { theme: 'light', dockTab: 'problems' });
    expect(uiStore.getState().theme).toBe('dark');
    expect(uiStore.getState().dockTab).toBe('problems');
    uiStore.setState({ theme: 'light' });
    expect(JSON.parse(storage.data.get(PREFERENCES_KEY)!)).toMatchObject({ theme: 'light', dockTab: 'problems' });
    stop();
  });
});
