import { describe, expect, it } from 'vitest';
import { fitToolbar, fitWidth, type FitItem } from './toolbar-fit';

const item = (id: string, group: string, full: number, compact: number, priority: number, essential = false): FitItem => ({ id, group, full, compact, priority, essential });
const ITEMS = [
  item('file.open', 'file', 80, 30, 60),
  item('file.examples', 'file', 100, 30, 40),
  item('edit.undo', 'edit', 30, 30, 45),
  item('view.layout', 'view', 110, 30, 20),
  item('view.fit', 'view', 90, 30, 10),
  item('run.start', 'run', 80, 30, 100, true),
  item('run.stop', 'run', 30, 30, 95),
];
const GAP = 15;
const full = fitWidth(ITEMS, {}, GAP); // 520 + 4 groups × 15 = 580

describe('fitToolbar', () => {
  it('keeps every label while they fit', () => {
    expect(full).toBe(580);
    expect(Object.values(fitToolbar(ITEMS, 580, GAP))).toEqual(Array(7).fill('full'));
  });

  it('folds labels lowest priority first, then hides into the menu, never the essential button', () => {
    expect(fitToolbar(ITEMS, 520, GAP)).toMatchObject({ 'view.fit': 'compact', 'view.layout': 'full', 'file.open': 'full' });
    expect(fitToolbar(ITEMS, 440, GAP)).toMatchObject({ 'view.fit': 'compact', 'view.layout': 'compact', 'file.examples': 'full' });
    expect(fitToolbar(ITEMS, 380, GAP)).toMatchObject({ 'file.examples': 'compact', 'file.open': 'full' });
    const narrow = fitToolbar(ITEMS, 200, GAP);
    expect(narrow['run.start']).toBe('full');
    expect(narrow['view.fit']).toBe('hidden');
    expect(fitWidth(ITEMS, narrow, GAP)).toBeLessThanOrEqual(200);
    // A group whose buttons are all in the menu takes no separator.
    expect(Object.entries(narrow).filter(([, f]) => f !== 'hidden').map(([id]) => id)).toEqual(['file.open', 'run.start', 'run.stop']);
  });

  it('returns the narrowest forms when even they do not fit', () => {
    const forms = fitToolbar(ITEMS, 10, GAP);
    expect(forms['run.start']).toBe('full');
    expect(Object.values(forms).filter((f) => f !== 'hidden')).toEqual(['full']);
  });
});
