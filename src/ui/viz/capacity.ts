/**
 * The capacity colour scale of the live canvas. Capacity is Storm UI's: the fraction of the last
 * 10 minutes an executor spent executing (`executed × execute latency / (1000 × min(uptime, 600 s))`),
 * the component's value being its busiest executor's. Near 1 the executor cannot keep up: its
 * queue grows and, once full, backpressure stops the spouts.
 *
 * Colours are hues (CSS `hsl`), green → amber → red, so the themes pick their own lightness.
 */

export type CapacityTone = 'low' | 'medium' | 'high' | 'saturated';

/** Where the scale's colours sit: capacity → hue (degrees). Linear between stops. */
const CAPACITY_STOPS: readonly { readonly at: number; readonly hue: number; readonly label: string }[] = [
  { at: 0, hue: 142, label: '0' },
  { at: 0.5, hue: 42, label: '0.5' },
  { at: 1, hue: 2, label: '1 saturated' },
];

/**
 * Tone thresholds (also written in the legend and docs/run-views.md). Saturated starts at 0.99:
 * the simulator's capacity is busy time over elapsed time, so an executor that never idles
 * approaches 1 without reaching it (Storm's sampled estimate can exceed 1).
 */
export const CAPACITY_MEDIUM = 0.5;
const CAPACITY_HIGH = 0.8;
const CAPACITY_SATURATED = 0.99;

/**
 * The hue of a capacity: 142 (green) at 0, 42 (amber) at 0.5, 2 (red) at 1 and above.
 *
 * @example
 * capacityHue(0.25) // 92
 */
export function capacityHue(capacity: number): number {
  const c = Number.isFinite(capacity) ? Math.max(0, capacity) : 0;
  const stops = CAPACITY_STOPS;
  if (c >= stops[stops.length - 1]!.at) return stops[stops.length - 1]!.hue;
  for (let i = 1; i < stops.length; i++) {
    const a = stops[i - 1]!;
    const b = stops[i]!;
    if (c <= b.at) return Math.round(a.hue + ((c - a.at) / (b.at - a.at)) * (b.hue - a.hue));
  }
  return stops[stops.length - 1]!.hue;
}

/** low < 0.5 ≤ medium < 0.8 ≤ high < 0.99 ≤ saturated (≈ 1: the executor never idles). */
export function capacityTone(capacity: number): CapacityTone {
  if (capacity >= CAPACITY_SATURATED) return 'saturated';
  if (capacity >= CAPACITY_HIGH) return 'high';
  if (capacity >= CAPACITY_MEDIUM) return 'medium';
  return 'low';
}

/** `0.000`, `0.731`, `1.204` — Storm UI prints capacity with three decimals. */
export function formatCapacity(capacity: number | null): string {
  return capacity === null ? '–' : capacity.toFixed(3);
}

/** A CSS linear-gradient over the scale (for the legend), left = 0, right = 1. */
export function capacityGradient(saturation = 72, lightness = 46): string {
  const steps = [0, 0.25, 0.5, 0.75, 1].map((c) => `hsl(${capacityHue(c)} ${saturation}% ${lightness}%) ${c * 100}%`);
  return `linear-gradient(90deg, ${steps.join(', ')})`;
}
