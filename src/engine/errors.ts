/** Text of errors thrown by user code, for logs and step descriptions. */
import { ComponentError } from './runtime-api';

/** The traceback (or stack, or text) of anything user code threw. */
export function errorText(e: unknown): string {
  if (e instanceof ComponentError) return e.traceback || e.message;
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`;
  return String(e);
}

export function errorName(e: unknown): string {
  if (e instanceof ComponentError) {
    const m = /^(\w+(?:Error|Exception)?)\b/.exec(e.message);
    return m?.[1] ?? 'Error';
  }
  return e instanceof Error ? e.name : 'Error';
}
