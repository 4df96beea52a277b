/**
 * The log panel's lines in Petrel's format `[time][logger][LEVEL]message`. Python components'
 * `logging` lines already come formatted by the runtime (the logger is theirs); other lines (the
 * engine's crash lines, JavaScript `console`) get the component as the logger and the engine's
 * clock as the time: virtual time counts from 2026-01-01T00:00:00Z, as the engine's `time()` does.
 */
import type { LogLevel } from '../../engine/runtime-api';
import type { LogLine } from '../../store/run-store';

export const VIRTUAL_EPOCH_MS = Date.UTC(2026, 0, 1);
const LEVELS: readonly LogLevel[] = ['DEBUG', 'INFO', 'WARNING', 'ERROR'];
const PETREL_PREFIX = /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\]\[/;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2026-01-01 00:00:12,345` (UTC), as Python's logging prints `asctime`. */
export function petrelTime(epochMs: number): string {
  const d = new Date(Math.floor(epochMs));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())},${pad(d.getUTCMilliseconds(), 3)}`;
}

/**
 * A log line as Petrel writes it. `origin` is the epoch time of engine time 0 (virtual time: the
 * engine's epoch; wall time: when the run started).
 *
 * @example
 * petrelLine({ time: 1500, component: 'split', level: 'INFO', message: 'hi', ... }, VIRTUAL_EPOCH_MS)
 * // '[2026-01-01 00:00:01,500][split][INFO]hi'
 */
export function petrelLine(line: Pick<LogLine, 'time' | 'component' | 'level' | 'message'>, origin: number): string {
  if (PETREL_PREFIX.test(line.message)) return line.message;
  return `[${petrelTime(origin + line.time)}][${line.component}][${line.level}]${line.message}`;
}

export interface LogFilter {
  /** A component id, or null for all. */
  readonly component: string | null;
  /** The lowest level shown, or `ALL`: every line whatever its level. */
  readonly level: LogLevel | 'ALL';
  /** Lines containing this text (case-insensitive); empty for all. */
  readonly text: string;
}

export const ALL_LOGS: LogFilter = { component: null, level: 'ALL', text: '' };

/** The Log tab's level menu: every line, then each level and the ones above it. */
export const LEVEL_CHOICES: readonly { readonly value: LogFilter['level']; readonly label: string }[] = [
  { value: 'ALL', label: 'All levels' },
  { value: 'INFO', label: 'INFO and above' },
  { value: 'WARNING', label: 'WARNING and above' },
  { value: 'ERROR', label: 'ERROR only' },
];

/** The lines a filter keeps, in order. */
export function filterLogs(lines: readonly LogLine[], filter: LogFilter): LogLine[] {
  const min = filter.level === 'ALL' ? -Infinity : LEVELS.indexOf(filter.level);
  const text = filter.text.trim().toLowerCase();
  return lines.filter(
    (l) =>
      (filter.component === null || l.component === filter.component) &&
      (min === -Infinity || LEVELS.indexOf(l.level) >= min) &&
      (text === '' || l.message.toLowerCase().includes(text) || l.component.toLowerCase().includes(text)),
  );
}

