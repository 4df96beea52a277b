import { describe, expect, it } from 'vitest';
import { speedChoices, speedLabel, SPEEDS } from './speeds';

describe('run speeds', () => {
  it('are one ascending list from 1/1000 to as fast as possible, without duplicates', () => {
    const values = SPEEDS.map((s) => s.value);
    expect(values[0]).toBe(0.001);
    expect(values.at(-1)).toBe(Infinity);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    expect(new Set(values).size).toBe(values.length);
    expect(new Set(SPEEDS.map((s) => s.label)).size).toBe(values.length);
    // What the Step tab offered (1/1000 … 10×, Max) and what the Run panel offered (0.1× … 100×, Max) are all here.
    for (const v of [0.001, 0.01, 0.1, 0.5, 1, 2, 10, 100, Infinity]) expect(values).toContain(v);
  });

  it('label speeds from the list and others', () => {
    expect(speedLabel(0.001)).toBe('1/1000');
    expect(speedLabel(Infinity)).toBe('Max');
    expect(speedLabel(0.25)).toBe('1/4');
    expect(speedLabel(3)).toBe('3×');
  });

  it('add a speed set elsewhere to the choices, in order, so the menu never shows blank', () => {
    expect(speedChoices(10)).toBe(SPEEDS);
    const choices = speedChoices(3);
    expect(choices.map((c) => c.label)).toEqual(['1/1000', '1/100', '1/10', '0.5×', '1×', '2×', '3×', '10×', '100×', 'Max']);
  });
});
