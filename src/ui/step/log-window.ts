/**
 * The step log's window: which lines of a long list to render so that the rows in view (and a
 * margin around them) exist and the rest are two spacers. Lines keep the height they were
 * measured at; lines never rendered count with an estimate. Pure: the panel measures, this
 * computes.
 */

export interface LogWindow {
  /** First and last line (indexes into the list) to render; `last < first` when there is none. */
  readonly first: number;
  readonly last: number;
  /** Spacer heights above and below the rendered lines (px). */
  readonly top: number;
  readonly bottom: number;
  /** Height of the whole list (px). */
  readonly total: number;
}

/**
 * Lines `first … last` cover `[scrollTop − overscan, scrollTop + viewport + overscan]`. With
 * `stick`, the window is the end of the list (the log follows the newest line), whatever
 * `scrollTop` says.
 *
 * @example
 * logWindow([20, 20, 20, 20], 0, 30, 0, true) // → lines 2 and 3: first 2, last 3, top 40, bottom 0
 */
export function logWindow(heights: readonly number[], scrollTop: number, viewport: number, overscan: number, stick: boolean): LogWindow {
  let total = 0;
  for (const h of heights) total += h;
  const from = (stick ? Math.max(0, total - viewport) : Math.max(0, Math.min(scrollTop, total - viewport))) - overscan;
  const to = from + overscan + viewport + overscan;
  let first = heights.length;
  let last = -1;
  let top = 0;
  let y = 0;
  for (let i = 0; i < heights.length; i++) {
    const h = heights[i]!;
    if (y + h > from && y < to) {
      if (first === heights.length) {
        first = i;
        top = y;
      }
      last = i;
    }
    y += h;
  }
  if (last < 0) return { first: 0, last: -1, top: 0, bottom: total, total };
  let below = 0;
  for (let i = last + 1; i < heights.length; i++) below += heights[i]!;
  return { first, last, top, bottom: below, total };
}
