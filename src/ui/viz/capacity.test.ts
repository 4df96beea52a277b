import { describe, expect, it } from 'vitest';
import { capacityGradient, capacityHue, capacityTone, formatCapacity } from './capacity';

describe('capacity colour scale', () => {
  it('goes from green through amber to red', () => {
    expect(capacityHue(0)).toBe(142);
    expect(capacityHue(0.25)).toBe(92);
    expect(capacityHue(0.5)).toBe(42);
    expect(capacityHue(0.75)).toBe(22);
    expect(capacityHue(1)).toBe(2);
  });

  it('is monotonic: more capacity is never greener', () => {
    let last = Infinity;
    for (let c = 0; c <= 1.5; c += 0.01) {
      const h = capacityHue(c);
      expect(h).toBeLessThanOrEqual(last);
      last = h;
    }
  });

  it('stays red beyond 1 and treats junk as idle', () => {
    expect(capacityHue(3.2)).toBe(2);
    expect(capacityHue(-1)).toBe(142);
    expect(capacityHue(Number.NaN)).toBe(142);
  });

  it('names the tones, ≈ 1 being saturated', () => {
    expect(capacityTone(0)).toBe('low');
    expect(capacityTone(0.49)).toBe('low');
    expect(capacityTone(0.5)).toBe('medium');
    expect(capacityTone(0.8)).toBe('high');
    expect(capacityTone(0.989)).toBe('high');
    expect(capacityTone(0.995)).toBe('saturated');
    expect(capacityTone(1)).toBe('saturated');
    expect(capacityTone(1.7)).toBe('saturated');
  });

  it('formats like Storm UI', () => {
    expect(formatCapacity(0.7314)).toBe('0.731');
    expect(formatCapacity(null)).toBe('–');
  });

  it('builds the legend gradient from the same hues', () => {
    expect(capacityGradient()).toBe('linear-gradient(90deg, hsl(142 72% 46%) 0%, hsl(92 72% 46%) 25%, hsl(42 72% 46%) 50%, hsl(22 72% 46%) 75%, hsl(2 72% 46%) 100%)');
  });
});
