import { describe, expect, it } from 'vitest';
import { FIT_GAP, fitPadding, toFlowPadding } from './fit-padding';

const canvas = { left: 216, top: 48, right: 1066, bottom: 559 }; // 850 × 511, as on a 1440×900 screen with the default dock

describe('fit padding', () => {
  it('is a small margin when nothing floats over the canvas', () => {
    expect(fitPadding(canvas, { legend: null, controls: null, minimap: null })).toEqual({ top: FIT_GAP, right: FIT_GAP, bottom: FIT_GAP, left: FIT_GAP });
  });

  it('keeps the nodes clear of the collapsed legend chip, the controls and the minimap', () => {
    const p = fitPadding(canvas, {
      legend: { left: 231, top: 63, right: 431, bottom: 93 },
      controls: { left: 231, top: 459, right: 259, bottom: 544 },
      minimap: { left: 906, top: 454, right: 1051, bottom: 544 },
    }, { width: 730, height: 90 });
    expect(p.top).toBe(93 - 48 + FIT_GAP);
    expect(p.left).toBe(259 - 216 + FIT_GAP);
    // A wide graph: the minimap's band is taken at the bottom (its width on the right would cost more).
    expect(p.bottom).toBe(559 - 454 + FIT_GAP);
    expect(p.right).toBe(FIT_GAP);
  });

  it('puts a tall legend beside a tall graph and above a wide one', () => {
    const legend = { left: 231, top: 63, right: 463, bottom: 253 }; // expanded: 232 × 190
    const overlays = { legend, controls: null, minimap: null };
    expect(fitPadding(canvas, overlays, { width: 800, height: 100 }).top).toBe(253 - 48 + FIT_GAP);
    const tall = fitPadding(canvas, overlays, { width: 100, height: 800 });
    expect(tall.left).toBe(463 - 216 + FIT_GAP);
    expect(tall.top).toBe(FIT_GAP);
  });

  it('never leaves the nodes less than 40 % of a dimension', () => {
    const short = { left: 0, top: 0, right: 800, bottom: 200 };
    const p = fitPadding(short, { legend: { left: 0, top: 0, right: 790, bottom: 190 }, controls: null, minimap: { left: 0, top: 10, right: 790, bottom: 200 } });
    expect(200 - p.top - p.bottom).toBeGreaterThanOrEqual(80);
    expect(800 - p.left - p.right).toBeGreaterThanOrEqual(320);
  });

  it("is written as React Flow's px paddings", () => {
    expect(toFlowPadding({ top: 60, right: 16, bottom: 16, left: 44 })).toEqual({ top: '60px', right: '16px', bottom: '16px', left: '44px' });
  });
});
