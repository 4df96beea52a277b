// Run by lockdown.test.ts in a child process (lockdown is for the whole realm).
import { lockdownHost } from './lockdown';
import { typedArrayPrototypesFrozen } from './gentle-freeze';

// Node's `process`, which the workers' types (a Web Worker's) do not declare.
const newerEngine = Boolean((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.NEWER_ENGINE);

if (newerEngine) {
  // A method this SES does not know, as a newer engine may have: SES deletes it, so the prototype must not be sealed.
  Object.defineProperty(Array.prototype, 'newerMethod', { value() {}, writable: true, configurable: true });
}
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
// What V8 needs for its fast for…of, spread and promise paths: these stay data properties.
const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())) as object;
const isData = (o: object, k: PropertyKey) => 'value' in Object.getOwnPropertyDescriptor(o, k)!;
results.fastPathsKept = [
  isData(Array.prototype, Symbol.iterator),
  isData(iteratorPrototype, Symbol.iterator),
  isData(Promise.prototype, 'constructor'),
  isData(Object.getPrototypeOf(Int8Array.prototype) as object, 'subarray'),
];
results.overrides = c.evaluate(`(() => {
  const e = new TypeError(); e.name = 'Mine';
  const o = {}; o.valueOf = () => 4;
  const a = [1, 2]; Object.defineProperty(a, 'push', { value: () => 0 });
  let assigned; try { [].push = () => 0; assigned = 'allowed'; } catch (x) { assigned = x.constructor.name; }
  let n = 0; for (const v of new Set([...a, 3])) n += v;
  return [e.name, +o, a.push(9), assigned, n].join(' ');
})()`);
if (newerEngine) results.newerMethod = 'newerMethod' in Array.prototype ? 'kept' : 'deleted by SES';
console.log(JSON.stringify(results));
