import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../store/run-store';
import { filterLogs, petrelLine, petrelTime, VIRTUAL_EPOCH_MS } from './log-format';

const line = (seq: number, component: string, level: LogLine['level'], message: string, time = 0): LogLine => ({ seq, time, component, task: 1, level, message, host: 0 });

describe('log format', () => {
  it("writes Petrel's time format in UTC", () => {
    expect(petrelTime(VIRTUAL_EPOCH_MS)).toBe('2026-01-01 00:00:00,000');
    expect(petrelTime(VIRTUAL_EPOCH_MS + 3_723_045.9)).toBe('2026-01-01 01:02:03,045');
  });

  it('formats engine and JavaScript lines, keeps Python lines as the runtime wrote them', () => {
    expect(petrelLine(line(1, 'split', 'INFO', 'hello', 1500), VIRTUAL_EPOCH_MS)).toBe('[2026-01-01 00:00:01,500][split][INFO]hello');
    const py = '[2026-01-01 00:00:05,250][count][INFO]storm seen 100 times';
    expect(petrelLine(line(2, 'count', 'INFO', py, 5250), VIRTUAL_EPOCH_MS)).toBe(py);
    // A traceback keeps its lines.
    expect(petrelLine(line(3, 'count', 'ERROR', 'Caught exception in BasicBolt.run\nTraceback (most recent call last):\n  File "x"', 0), 0)).toBe(
      '[1970-01-01 00:00:00,000][count][ERROR]Caught exception in BasicBolt.run\nTraceback (most recent call last):\n  File "x"',
    );
  });

  it('filters by component, lowest level and text', () => {
    const lines = [line(1, 'a', 'DEBUG', 'x'), line(2, 'a', 'WARNING', 'Boom'), line(3, 'b', 'ERROR', 'boom'), line(4, 'b', 'INFO', 'y')];
    expect(filterLogs(lines, { component: null, level: 'ALL', text: '' })).toHaveLength(4);
    // "All levels" means all, a level the menu does not list included.
    const odd = { ...line(5, 'c', 'INFO', 'z'), level: 'TRACE' } as unknown as LogLine;
    expect(filterLogs([...lines, odd], { component: null, level: 'ALL', text: '' })).toHaveLength(5);
    expect(filterLogs(lines, { component: null, level: 'INFO', text: '' }).map((l) => l.seq)).toEqual([2, 3, 4]);
    expect(filterLogs(lines, { component: 'a', level: 'DEBUG', text: '' }).map((l) => l.seq)).toEqual([1, 2]);
    expect(filterLogs(lines, { component: null, level: 'WARNING', text: '' }).map((l) => l.seq)).toEqual([2, 3]);
    expect(filterLogs(lines, { component: null, level: 'DEBUG', text: 'boom' }).map((l) => l.seq)).toEqual([2, 3]);
  });
});
