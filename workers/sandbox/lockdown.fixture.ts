// Run by lockdown.test.ts in a child process (lockdown is for the whole realm).
import { lockdownHost } from './lockdown';
import { typedArrayPrototypesFrozen } from './gentle-freeze';

lockdownHost();
const results: Record<string, unknown> = {};
results.prototypesFrozen = typedArrayPrototypesFrozen();
results.intrinsicsFrozen = [Object.prototype, Array.prototype, Function.prototype, Math, JSON, Object.getPrototypeOf(Uint8Array.prototype)].every((o) => Object.isFrozen(o));
try {
  (Object.prototype as Record<string, unknown>).polluted = 1;
  results.pollute = 'allowed';
} catch (e) {
  results.pollute = (e as Error).constructor.name;
}
try {
  Object.defineProperty(Object.getPrototypeOf(Int32Array.prototype), 'evil', { value: 1 });
  results.typedPollute = 'allowed';
} catch (e) {
  results.typedPollute = (e as Error).constructor.name;
}
const o = Object.freeze({ a: 1 });
results.freezeStillFreezes = Object.isFrozen(o);
const c = new Compartment({});
results.compartmentFreeze = c.evaluate('const x = Object.freeze({ b: [1] }); Object.isFrozen(x) && !Object.isFrozen(x.b)');
results.escape = c.evaluate(`(() => { try { return typeof Object.freeze.constructor('return globalThis')().process; } catch (e) { return e.constructor.name; } })()`);
const ta = new Int32Array(4);
ta[1] = 7;
results.typedWorks = ta[1];
console.log(JSON.stringify(results));
