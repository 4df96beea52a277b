/**
 * A Python component's log level: what its `logging` calls let through, and DEBUG switches on
 * Petrel's tuple profiling. Set per component (component config) or for the whole topology
 * (topology config) with the key {@link LOG_LEVEL_KEY}; Petrel sets it in `logconfig.ini`.
 */
import type { LogLevel } from '../../src/engine/runtime-api';

/** Config key read by the Python runtime: `DEBUG`, `INFO`, `WARNING` or `ERROR`. */
export const LOG_LEVEL_KEY = 'studio.log.level';

const LEVELS: Readonly<Record<string, number>> = { DEBUG: 10, INFO: 20, WARNING: 30, WARN: 30, ERROR: 40, CRITICAL: 50 };

/** Python's level number for a config value (`'debug'`, `'INFO'`, `10`…), or null if it is not one. */
export function levelNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === 'string') return LEVELS[value.trim().toUpperCase()] ?? null;
  return null;
}

/** The level number of a {@link LogLevel}. */
export function levelOf(level: LogLevel): number {
  return LEVELS[level]!;
}
