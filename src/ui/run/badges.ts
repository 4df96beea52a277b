/** Small counts on the Run and Log tabs. */
import { useRunStore } from '../../store/run-store';

export function useRunBadge() {
  const status = useRunStore((s) => s.status);
  if (status === 'running') return { text: '●', tone: 'neutral' as const };
  if (status === 'failed') return { text: '!', tone: 'error' as const };
  return null;
}

export function useLogBadge() {
  const errors = useRunStore((s) => {
    let n = 0;
    for (const l of s.logs) if (l.level === 'ERROR') n++;
    return n;
  });
  return errors > 0 ? { text: errors > 999 ? '999+' : String(errors), tone: 'error' as const } : null;
}
