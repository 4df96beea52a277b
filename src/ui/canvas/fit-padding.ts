/**
 * Where "fit view" may put the nodes: the canvas minus what floats over it — the run legend
 * (top left), the zoom controls (bottom left) and the minimap (bottom right) — so that after a fit
 * no node hides under them. Pure: rectangles in, paddings in px out.
 */

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** The overlays over the canvas now (null when absent or hidden). */
export interface CanvasOverlays {
  readonly legend: Box | null;
  readonly controls: Box | null;
  readonly minimap: Box | null;
}

export interface FitPadding {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/** Space between the nodes and an overlay or the canvas edge (px). */
export const FIT_GAP = 16;
/** The nodes keep at least this share of each dimension whatever the overlays (a tiny canvas still shows them). */
const MIN_SHARE = 0.4;

/**
 * Paddings that keep the fitted nodes clear of the overlays. A corner overlay is avoided by
 * reserving a band along one of its two sides (the legend's height at the top or its width on the
 * left; the minimap's height at the bottom or its width on the right): of the four choices, the
 * one that lets the nodes (`nodes`: their bounds' size in flow units) be drawn largest; without
 * `nodes`, the one that keeps the larger share of the canvas. The controls, a narrow column,
 * always take the left.
 *
 * @example
 * fitPadding({ left: 0, top: 0, right: 850, bottom: 500 }, { legend: { left: 10, top: 10, right: 160, bottom: 44 }, controls: null, minimap: null })
 * // → { top: 60, right: 16, bottom: 16, left: 16 }
 */
export function fitPadding(canvas: Box, overlays: CanvasOverlays, nodes?: { readonly width: number; readonly height: number }): FitPadding {
  const width = canvas.right - canvas.left;
  const height = canvas.bottom - canvas.top;
  const base = { top: FIT_GAP, right: FIT_GAP, bottom: FIT_GAP, left: FIT_GAP };
  if (overlays.controls) base.left = Math.max(base.left, overlays.controls.right - canvas.left + FIT_GAP);
  const legend = overlays.legend ? { top: overlays.legend.bottom - canvas.top + FIT_GAP, left: overlays.legend.right - canvas.left + FIT_GAP } : null;
  const minimap = overlays.minimap ? { bottom: canvas.bottom - overlays.minimap.top + FIT_GAP, right: canvas.right - overlays.minimap.left + FIT_GAP } : null;
  const candidates: FitPadding[] = [];
  for (const l of legend ? (['top', 'left'] as const) : [null]) {
    for (const m of minimap ? (['bottom', 'right'] as const) : [null]) {
      const p = { ...base };
      if (legend && l) p[l] = Math.max(p[l], legend[l]);
      if (minimap && m) p[m] = Math.max(p[m], minimap[m]);
      candidates.push(clampToShare(p, width, height));
    }
  }
  const score = (p: FitPadding) => {
    const w = Math.max(0, width - p.left - p.right);
    const h = Math.max(0, height - p.top - p.bottom);
    return nodes && nodes.width > 0 && nodes.height > 0 ? Math.min(w / nodes.width, h / nodes.height) : Math.min(w / width, h / height);
  };
  let best = candidates[0]!;
  for (const c of candidates) if (score(c) > score(best)) best = c;
  return best;
}

/** Never squeezes the nodes into less than MIN_SHARE of a dimension: gives back overlay room evenly. */
function clampToShare(p: FitPadding, width: number, height: number): FitPadding {
  const fit = (a: number, b: number, size: number): [number, number] => {
    const room = size * (1 - MIN_SHARE);
    if (a + b <= room) return [a, b];
    const scale = room / (a + b);
    return [Math.floor(a * scale), Math.floor(b * scale)];
  };
  const [top, bottom] = fit(p.top, p.bottom, height);
  const [left, right] = fit(p.left, p.right, width);
  return { top, right, bottom, left };
}

/** The paddings as React Flow's `fitView` takes them. */
export function toFlowPadding(p: FitPadding): { top: `${number}px`; right: `${number}px`; bottom: `${number}px`; left: `${number}px` } {
  return { top: `${p.top}px`, right: `${p.right}px`, bottom: `${p.bottom}px`, left: `${p.left}px` };
}
