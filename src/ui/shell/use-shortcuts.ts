import { useEffect } from 'react';
import { commandForKey, isEnabled, runCommand } from '../commands/registry';

/** Routes key presses to the command registry (`keyTest`); a disabled command leaves the key alone. */
export function useCommandShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const command = commandForKey(e);
      if (!command || !isEnabled(command)) return;
      e.preventDefault();
      void runCommand(command.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
