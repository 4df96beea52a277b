/** Text of errors thrown by user code, for logs and step descriptions. */
import { ComponentError } from './runtime-api';

/** The traceback (or stack, or text) of anything user code threw. */
export function errorText(e: unknown): string {
  if (e instanceof ComponentError) return e.traceback || e.message;
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`;
  return String(e);
}

/**
 * One line saying what went wrong, for "Last error": a component error's message (`ValueError:
 * abc`; its traceback starts with `Traceback (most recent call last):`, which says nothing), else
 * the first line of the error's text.
 *
 * @example
 * errorSummary(new ComponentError('count', 3, 'Traceback (most recent call last):\n…', 'ValueError: abc')) // 'ValueError: abc'
 */
export function errorSummary(e: unknown): string {
  const text = e instanceof ComponentError ? e.message || errorText(e) : errorText(e);
  return text.split('\n')[0]!;
}

export function errorName(e: unknown): string {
  if (e instanceof ComponentError) {
    const m = /^(\w+(?:Error|Exception)?)\b/.exec(e.message);
    return m?.[1] ?? 'Error';
  }
  return e instanceof Error ? e.name : 'Error';
}
