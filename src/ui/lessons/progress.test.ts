import { describe, expect, it } from 'vitest';
import { shouldShowTour, markTourSeen, TOUR_KEY } from '../tour/tour-state';
import { LESSON_KEY_PREFIX, readProgress } from './progress';

function memoryStorage(entries: Record<string, string> = {}): Storage {
  const m = new Map(Object.entries(entries));
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

describe('lesson progress', () => {
  it('reads what was saved, per lesson', () => {
    const store = memoryStorage({ [`${LESSON_KEY_PREFIX}anatomy`]: JSON.stringify({ met: { parallelism: 'count runs 4 executors' }, answers: { 'count-tasks': '3-6' } }) });
    expect(readProgress('anatomy', store)).toEqual({ met: { parallelism: 'count runs 4 executors' }, answers: { 'count-tasks': '3-6' } });
    expect(readProgress('ticks', store)).toEqual({ met: {}, answers: {} });
  });

  it('a broken or foreign value reads as no progress', () => {
    for (const raw of ['{not json', '42', '"x"', JSON.stringify({ met: [1, 2], answers: { a: 3, b: 'ok' } })]) {
      const p = readProgress('anatomy', memoryStorage({ [`${LESSON_KEY_PREFIX}anatomy`]: raw }));
      expect(p.met).toEqual({});
      expect(Object.values(p.answers).every((v) => typeof v === 'string')).toBe(true);
    }
  });
});

describe('the tour', () => {
  it('shows once on a first start, and never in browser tests unless asked', () => {
    const store = memoryStorage();
    expect(shouldShowTour('', store)).toBe(true);
    expect(shouldShowTour('?test', store)).toBe(false);
    expect(shouldShowTour('?test&tour', store)).toBe(true);
    markTourSeen('skipped', store);
    expect(store.getItem(TOUR_KEY)).toBe('skipped');
    expect(shouldShowTour('', store)).toBe(false);
    expect(shouldShowTour('', undefined)).toBe(false);
  });
});
