/**
 * Hardens the realm of a simulation host (a Web Worker in the app, a worker thread in the CLI)
 * before any component code runs: SES `lockdown()` (Agoric's `ses` package) freezes every
 * JavaScript intrinsic (`Object.prototype`, `Array.prototype`, `Function.prototype`…) and
 * replaces the constructors reachable from them (`(function(){}).constructor`, the async and
 * generator ones) with inert functions that throw, so code confined to a `Compartment` cannot
 * climb a constructor chain back to this realm's global object. The JavaScript runtime then
 * evaluates each component in its own Compartment (src/engine/runtime/javascript.ts).
 *
 * Pyodide cannot load after lockdown (it adds properties to `Math` functions): a host that runs
 * Python loads Pyodide first (workers/sim/service.ts), then locks down, then loads components.
 * A host locked down without Pyodide is never kept warm (it is cheap to start again).
 */
// Before `ses`: it captures Object.freeze when it loads.
import { sealForFastPaths } from './gentle-freeze';
import 'ses';

let locked = false;

/** Locks the realm down (once; later calls do nothing). */
export function lockdownHost(): void {
  if (locked) return;
  sealForFastPaths();
  lockdown({
    // Component errors keep V8's stacks: the runtime keeps the component's own frames for the log.
    errorTaming: 'unsafe',
    stackFiltering: 'verbose',
    // The engine assigns e.g. `name` on its Error subclasses: keep the common override cases working
    // (except on the prototypes sealForFastPaths() keeps as data properties for V8's sake).
    overrideTaming: 'moderate',
    consoleTaming: 'unsafe',
    localeTaming: 'unsafe',
    domainTaming: 'unsafe',
    // The host reports its own errors (comlink answers, the watchdog): no process-wide traps.
    errorTrapping: 'none',
    unhandledRejectionTrapping: 'none',
    reporting: 'none',
  });
  locked = true;
}

/** Whether this realm has been locked down. */
export function lockedDown(): boolean {
  return locked;
}
