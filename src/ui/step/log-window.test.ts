import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logWindow } from './log-window';

describe('the step log window', () => {
  it('renders only the lines in view and a margin, spacers for the rest', () => {
    const heights = Array.from({ length: 100 }, () => 20);
    // Scrolled to 400 px, 100 px tall, 40 px margin: lines 18 … 26 (360 … 540 px).
    expect(logWindow(heights, 400, 100, 40, false)).toEqual({ first: 18, last: 26, top: 360, bottom: 1460, total: 2000 });
  });

  it('follows the end of the list when it sticks, wherever it was scrolled', () => {
    const heights = Array.from({ length: 100 }, () => 20);
    expect(logWindow(heights, 0, 100, 0, true)).toEqual({ first: 95, last: 99, top: 1900, bottom: 0, total: 2000 });
  });

  it('takes lines of different heights and a list shorter than the view', () => {
    expect(logWindow([20, 60, 20], 0, 500, 0, true)).toEqual({ first: 0, last: 2, top: 0, bottom: 0, total: 100 });
    expect(logWindow([20, 60, 20], 25, 10, 0, false)).toEqual({ first: 1, last: 1, top: 20, bottom: 20, total: 100 });
    expect(logWindow([], 0, 100, 10, true)).toEqual({ first: 0, last: -1, top: 0, bottom: 0, total: 0 });
  });

  it('keeps the scroll height and covers the view for any heights and scroll position', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 80 }), { maxLength: 300 }), fc.nat(30_000), fc.integer({ min: 1, max: 900 }), fc.nat(200), fc.boolean(), (heights, scroll, viewport, overscan, stick) => {
        const w = logWindow(heights, scroll, viewport, overscan, stick);
        const rendered = heights.slice(w.first, w.last + 1).reduce((a, h) => a + h, 0);
        expect(w.top + rendered + w.bottom).toBe(w.total);
        if (heights.length === 0) return;
        // The view (scroll clamped to the list) lies within the rendered lines.
        const from = stick ? Math.max(0, w.total - viewport) : Math.max(0, Math.min(scroll, w.total - viewport));
        expect(w.top).toBeLessThanOrEqual(from);
        expect(w.top + rendered).toBeGreaterThanOrEqual(Math.min(w.total, from + viewport));
      }),
    );
  });
});
