/**
 * Branded identifiers. A brand keeps a component id from being passed where a stream id is
 * expected; only the constructors below cast.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A Storm component id (spout or bolt), shown and exported verbatim. */
export type ComponentId = Brand<string, 'ComponentId'>;
/** A stream id declared by a component (`default` unless named). */
export type StreamId = Brand<string, 'StreamId'>;
/** The id of a subscription (an edge of the designer). Internal to Storm Studio. */
export type SubscriptionId = Brand<string, 'SubscriptionId'>;
/** A Storm task id: 1-based, consecutive within a component; `__system` uses -1. */
export type TaskId = Brand<number, 'TaskId'>;

export const componentId = (id: string): ComponentId => id as ComponentId;
export const streamId = (id: string): StreamId => id as StreamId;
export const subscriptionId = (id: string): SubscriptionId => id as SubscriptionId;
export const taskId = (id: number): TaskId => id as TaskId;

/** Storm's default stream. */
export const DEFAULT_STREAM = streamId('default');
/** The stream of tick tuples (from `__system`, task -1). */
export const TICK_STREAM = streamId('__tick');
export const SYSTEM_COMPONENT = componentId('__system');
export const ACKER_COMPONENT = componentId('__acker');
export const SYSTEM_TASK = taskId(-1);

/** Storm reserves ids that start with two underscores for system components and streams. */
export const isSystemId = (id: string): boolean => id.startsWith('__');

/**
 * The one rule for component and stream ids, shared by the designer, `validate()`, every importer
 * and every exporter: 1 to {@link MAX_ID_LENGTH} characters of ASCII letters, digits, `_`, `-` and
 * `.`, not starting with `-` or `.`. Such an id is a plain YAML scalar, a shell word, a Python
 * string without escapes and part of a file name, so it can be written anywhere as it is; Storm's
 * own rule (no `__` prefix, reserved for system components) comes on top.
 */
export const ID_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
export const MAX_ID_LENGTH = 64;

/** What is wrong with an id under the rule above, or `null`. */
export type IdProblem = 'empty' | 'system' | 'too-long' | 'characters';

/**
 * Checks an id against the id rule.
 *
 * @example
 * idProblem('split-sentence') // null
 * idProblem('a b')            // 'characters'
 */
export function idProblem(id: string): IdProblem | null {
  if (id.trim() === '') return 'empty';
  if (isSystemId(id)) return 'system';
  if (id.length > MAX_ID_LENGTH) return 'too-long';
  if (!ID_PATTERN.test(id)) return 'characters';
  return null;
}

/**
 * An id (or any user text) as a double-quoted string of printable ASCII, for messages shown in a
 * terminal, a log or the inspector: quotes, backslashes, control characters (newlines, escape
 * sequences) and non-ASCII are written as JSON escapes, so no id can end a line or drive a terminal.
 *
 * @example
 * showId('count')      // '"count"'
 * showId('a\nb\u001b') // '"a\\nb\\u001b"'
 */
export function showId(id: string): string {
  let out = '';
  for (const ch of JSON.stringify(id)) {
    const code = ch.charCodeAt(0);
    out += code >= 0x20 && code < 0x7f ? ch : `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return out;
}

/** An id as it is when it follows the id rule, else quoted and escaped like {@link showId}. */
export const bareId = (id: string): string => (idProblem(id) === null ? id : showId(id));
