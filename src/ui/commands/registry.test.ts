import { afterEach, describe, expect, it } from 'vitest';
import { commandForKey, ctrlKey, getCommand, listCommands, registerCommand, runCommand } from './registry';

const key = (init: Partial<KeyboardEvent>) => ({ ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, key: '', target: null, ...init }) as KeyboardEvent;
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

describe('command registry', () => {
  it('registers, finds by key and runs a command; unregistering removes it', async () => {
    let runs = 0;
    const off = registerCommand({ id: 'test.run', label: 'Run', group: 'run', keyTest: ctrlKey('r'), perform: () => void runs++ });
    cleanups.push(off);
    expect(listCommands().map((c) => c.id)).toContain('test.run');
    expect(commandForKey(key({ ctrlKey: true, key: 'R' }))?.id).toBe('test.run');
    expect(commandForKey(key({ ctrlKey: true, shiftKey: true, key: 'r' }))).toBeUndefined();
    expect(commandForKey(key({ key: 'r' }))).toBeUndefined();
    expect(await runCommand('test.run')).toBe(true);
    expect(runs).toBe(1);
    off();
    expect(getCommand('test.run')).toBeUndefined();
  });

  it('does not run a disabled command, and reports a failing one', async () => {
    let enabled = false;
    const errors: unknown[] = [];
    cleanups.push(
      registerCommand({
        id: 'test.fail',
        label: 'Fail',
        group: 'edit',
        enabled: () => enabled,
        perform: () => {
          throw new Error('boom');
        },
      }),
    );
    expect(await runCommand('test.fail', (e) => errors.push(e))).toBe(false);
    enabled = true;
    expect(await runCommand('test.fail', (e) => errors.push(e))).toBe(true);
    expect(String(errors[0])).toBe('Error: boom');
    expect(await runCommand('test.missing')).toBe(false);
  });

  it('replaces a command registered again under the same id', () => {
    cleanups.push(registerCommand({ id: 'test.same', label: 'One', group: 'view', perform: () => {} }));
    cleanups.push(registerCommand({ id: 'test.same', label: 'Two', group: 'view', perform: () => {} }));
    expect(listCommands().filter((c) => c.id === 'test.same').map((c) => c.label)).toEqual(['Two']);
  });
});
