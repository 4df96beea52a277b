/**
 * The host's lockdown with the two-step freeze of the typed-array prototypes (gentle-freeze.ts):
 * everything SES freezes is still frozen, nothing can be added to those prototypes, the
 * replacement `Object.freeze` still freezes, and it gives component code no way out.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('lockdownHost()', () => {
  it('freezes the typed-array prototypes in two steps, as frozen as SES leaves the rest', () => {
    const fixture = fileURLToPath(new URL('./lockdown.fixture.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--import', 'tsx', fixture], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({
      prototypesFrozen: true,
      intrinsicsFrozen: true,
      pollute: 'TypeError',
      typedPollute: 'TypeError',
      freezeStillFreezes: true,
      compartmentFreeze: true,
      escape: 'TypeError',
      typedWorks: 7,
      fastPathsKept: [true, true, true, true],
      overrides: 'Mine 4 0 TypeError 6',
    });
  }, 60_000);

  it('leaves a prototype to SES when the engine has a method SES does not know: lockdown still works', () => {
    const fixture = fileURLToPath(new URL('./lockdown.fixture.ts', import.meta.url));
    const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', fixture], { encoding: 'utf8', env: { ...process.env, NEWER_ENGINE: '1' } }));
    expect(out).toMatchObject({ intrinsicsFrozen: true, escape: 'TypeError', fastPathsKept: [false, true, true, true], overrides: 'Mine 4 0 allowed 6', newerMethod: 'deleted by SES' });
  }, 60_000);
});
