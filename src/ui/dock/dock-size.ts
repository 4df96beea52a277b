/**
 * How tall the bottom dock is: by default 40 % of the space under the toolbar (on a 1440×900 screen
 * the canvas keeps about 510 px, the graph stays in view), never so tall that the canvas shrinks
 * below {@link MIN_CANVAS} px, never shorter than {@link MIN_DOCK}. The user's height (dragged or
 * set with the keyboard) is remembered in the preferences; `null` means "the default".
 */

/** The dock's share of the space under the toolbar when the user has not chosen a height. */
const DEFAULT_DOCK_FRACTION = 0.4;
/** Smallest dock: the tab bar and a few lines. */
export const MIN_DOCK = 120;
/** Smallest canvas left above the dock. */
export const MIN_CANVAS = 180;
/** Keyboard steps of the resize handle (px): arrows, Shift+arrows. */
const KEY_STEP = 16;
const BIG_KEY_STEP = 80;

/** The largest dock that leaves the canvas {@link MIN_CANVAS} px of `available` (the toolbar excluded). */
export function maxDockHeight(available: number): number {
  return Math.max(MIN_DOCK, Math.round(available - MIN_CANVAS));
}

/** The default dock height for `available` px under the toolbar. */
export function defaultDockHeight(available: number): number {
  return clampDockHeight(Math.round(available * DEFAULT_DOCK_FRACTION), available);
}

/** `height` kept between {@link MIN_DOCK} and {@link maxDockHeight}. */
export function clampDockHeight(height: number, available: number): number {
  return Math.round(Math.min(maxDockHeight(available), Math.max(MIN_DOCK, height)));
}

/** The height to show: the user's (clamped to the window as it is now), or the default. */
export function effectiveDockHeight(chosen: number | null, available: number): number {
  return chosen === null ? defaultDockHeight(available) : clampDockHeight(chosen, available);
}

/**
 * The resize handle's keyboard (a WAI-ARIA window splitter): ↑/↓ grow/shrink the dock by
 * {@link KEY_STEP} px (with Shift, {@link BIG_KEY_STEP}), PageUp/PageDown by a quarter of the
 * space, Home/End to the smallest/largest, Enter back to the default (`null`). `undefined` when the
 * key is not one of these.
 *
 * @example
 * keyboardDockHeight(340, 'ArrowUp', false, 852) // 356
 */
export function keyboardDockHeight(current: number, key: string, shift: boolean, available: number): number | null | undefined {
  const step = shift ? BIG_KEY_STEP : KEY_STEP;
  const page = Math.round(available / 4);
  switch (key) {
    case 'ArrowUp':
      return clampDockHeight(current + step, available);
    case 'ArrowDown':
      return clampDockHeight(current - step, available);
    case 'PageUp':
      return clampDockHeight(current + page, available);
    case 'PageDown':
      return clampDockHeight(current - page, available);
    case 'Home':
      return MIN_DOCK;
    case 'End':
      return maxDockHeight(available);
    case 'Enter':
      return null;
    default:
      return undefined;
  }
}
