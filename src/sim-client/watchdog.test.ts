import { describe, expect, it } from 'vitest';
import { createWatchArray, WATCH_SEQ, WATCH_TASK } from '../engine/watch';
import { PageWatchdog, SIGINT } from './watchdog';

/** A host whose engine is in call `seq` of task 3 ('spin'), and the watchdog over it. */
function stuckHost(language: 'python' | 'javascript' = 'python') {
  const watch = createWatchArray();
  const interrupt = new Int32Array(new SharedArrayBuffer(4));
  watch[WATCH_SEQ] = 7;
  watch[WATCH_TASK] = 3;
  const dog = new PageWatchdog([{ watch, interrupt }], { taskToComponent: { '3': 'spin' }, languages: { spin: language }, limitMs: 5000, graceMs: 3000 });
  return { watch, interrupt, dog };
}

describe('PageWatchdog', () => {
  it('interrupts a Python call stuck for the limit, once, and names it', () => {
    const { interrupt, dog } = stuckHost();
    expect(dog.check(0)).toBeNull();
    expect(dog.check(4999)).toBeNull();
    expect(interrupt[0]).toBe(0);
    const action = dog.check(5000);
    expect(action).toMatchObject({ kind: 'interrupt', host: 0, task: 3, component: 'spin' });
    expect(action!.message).toBe("component 'spin' (task 3) was stopped after 5 s without returning: Python was interrupted (KeyboardInterrupt) and 'spin' is quarantined for the rest of the run, the run goes on");
    expect(interrupt[0]).toBe(SIGINT);
  });

  it('asks again while the call runs, when Python cleared the buffer without raising (a lost interrupt)', () => {
    const { interrupt, dog } = stuckHost();
    dog.check(0);
    expect(dog.check(5000)?.kind).toBe('interrupt');
    // Pyodide read 0, the watchdog wrote SIGINT, Pyodide wrote its 0: the request is gone.
    interrupt[0] = 0;
    expect(dog.check(5250)).toBeNull();
    expect(interrupt[0]).toBe(SIGINT);
    interrupt[0] = 0;
    expect(dog.check(7999)).toBeNull();
    expect(interrupt[0]).toBe(SIGINT);
  });

  it('ends the host when the same call still runs after the grace period (the code swallows KeyboardInterrupt)', () => {
    const { dog } = stuckHost();
    dog.check(0);
    dog.check(5000);
    const action = dog.check(8000);
    expect(action).toMatchObject({ kind: 'terminate', task: 3, component: 'spin' });
    expect(action!.message).toContain('it did not stop when interrupted (does it catch KeyboardInterrupt?), so its Web Worker was terminated');
  });

  it('leaves the next call alone once the interrupted one returned', () => {
    const { watch, interrupt, dog } = stuckHost();
    dog.check(0);
    dog.check(5000);
    // The call raised and returned; Python took the request; the next call runs.
    interrupt[0] = 0;
    watch[WATCH_SEQ] = 8;
    expect(dog.check(5250)).toBeNull();
    expect(dog.check(8500)).toBeNull();
    expect(interrupt[0]).toBe(0);
    watch[WATCH_TASK] = 0;
    expect(dog.check(9000)).toBeNull();
    expect(interrupt[0]).toBe(0);
  });

  it('terminates a stuck JavaScript call at the limit: it cannot be interrupted', () => {
    const { interrupt, dog } = stuckHost('javascript');
    dog.check(0);
    expect(dog.check(5000)).toMatchObject({ kind: 'terminate', component: 'spin' });
    expect(interrupt[0]).toBe(0);
  });
});
