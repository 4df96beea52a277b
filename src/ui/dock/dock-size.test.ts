import { describe, expect, it } from 'vitest';
import { clampDockHeight, defaultDockHeight, effectiveDockHeight, keyboardDockHeight, maxDockHeight, MIN_CANVAS, MIN_DOCK } from './dock-size';

// A 1440×900 window: 852 px under the 48 px toolbar.
const AVAILABLE = 852;

describe('dock height', () => {
  it('defaults to 40 % of the space under the toolbar, leaving the canvas the rest', () => {
    expect(defaultDockHeight(AVAILABLE)).toBe(341);
    expect(AVAILABLE - defaultDockHeight(AVAILABLE)).toBeGreaterThan(500);
    expect(effectiveDockHeight(null, AVAILABLE)).toBe(341);
  });

  it('keeps a chosen height between the smallest dock and the smallest canvas', () => {
    expect(effectiveDockHeight(400, AVAILABLE)).toBe(400);
    expect(effectiveDockHeight(5000, AVAILABLE)).toBe(AVAILABLE - MIN_CANVAS);
    expect(effectiveDockHeight(10, AVAILABLE)).toBe(MIN_DOCK);
    // A window made smaller than a remembered height: the canvas keeps its minimum.
    expect(effectiveDockHeight(600, 500)).toBe(500 - MIN_CANVAS);
    // A tiny window: the dock keeps its minimum.
    expect(maxDockHeight(200)).toBe(MIN_DOCK);
    expect(clampDockHeight(300, 200)).toBe(MIN_DOCK);
  });

  it('follows the keyboard of a window splitter', () => {
    expect(keyboardDockHeight(341, 'ArrowUp', false, AVAILABLE)).toBe(357);
    expect(keyboardDockHeight(341, 'ArrowDown', false, AVAILABLE)).toBe(325);
    expect(keyboardDockHeight(341, 'ArrowUp', true, AVAILABLE)).toBe(421);
    expect(keyboardDockHeight(341, 'PageDown', false, AVAILABLE)).toBe(128);
    expect(keyboardDockHeight(341, 'Home', false, AVAILABLE)).toBe(MIN_DOCK);
    expect(keyboardDockHeight(341, 'End', false, AVAILABLE)).toBe(AVAILABLE - MIN_CANVAS);
    expect(keyboardDockHeight(MIN_DOCK, 'ArrowDown', false, AVAILABLE)).toBe(MIN_DOCK);
    expect(keyboardDockHeight(400, 'Enter', false, AVAILABLE)).toBeNull();
    expect(keyboardDockHeight(400, 'a', false, AVAILABLE)).toBeUndefined();
  });
});
