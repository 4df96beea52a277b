import type { ComponentId, SubscriptionId } from './ids';

/** What a diagnostic is about: the designer highlights it and the inspector lists it there. */
export type DiagnosticTarget =
  | { readonly kind: 'component'; readonly id: ComponentId; readonly field?: string }
  | { readonly kind: 'subscription'; readonly id: SubscriptionId; readonly field?: string }
  | { readonly kind: 'topology'; readonly field?: string };

/**
 * The error catalogue. Codes are stable: tests, the inspector and the CLI refer to them.
 * `error`s make a topology unrunnable (Storm would reject it); `warning`s run but deserve a look.
 */
export const DIAGNOSTICS = {
  E_EMPTY_ID: { severity: 'error', summary: 'A component id is empty.' },
  E_SYSTEM_ID: { severity: 'error', summary: 'Ids starting with "__" are reserved for Storm system components.' },
  E_DUPLICATE_ID: { severity: 'error', summary: 'Two components have the same id.' },
  E_PARALLELISM: { severity: 'error', summary: 'Parallelism (executors) must be a whole number ≥ 1.' },
  E_NUM_TASKS: { severity: 'error', summary: 'The number of tasks must be a whole number ≥ 1.' },
  W_TASKS_BELOW_PARALLELISM: { severity: 'warning', summary: 'Fewer tasks than executors: Storm caps executors at the task count.' },
  E_NO_STREAMS: { severity: 'error', summary: 'A spout must declare at least one output stream.' },
  E_EMPTY_STREAM_ID: { severity: 'error', summary: 'A stream id is empty.' },
  E_SYSTEM_STREAM: { severity: 'error', summary: 'Stream ids starting with "__" are reserved for Storm system streams.' },
  E_DUPLICATE_STREAM: { severity: 'error', summary: 'A component declares the same stream twice.' },
  E_DUPLICATE_FIELD: { severity: 'error', summary: 'A stream declares the same field twice.' },
  E_EMPTY_FIELD: { severity: 'error', summary: 'A field name is empty.' },
  E_TICK_FREQ: { severity: 'error', summary: 'The tick tuple frequency must be a number of seconds > 0.' },
  E_COST: { severity: 'error', summary: 'The simulated cost per call must be a number of milliseconds ≥ 0.' },
  E_BOLT_NO_INPUT: { severity: 'error', summary: 'A bolt subscribes to nothing, so it never receives a tuple.' },
  E_SPOUT_INPUT: { severity: 'error', summary: 'A spout may not declare inputs.' },
  E_UNKNOWN_SOURCE: { severity: 'error', summary: 'A subscription reads from a component that does not exist.' },
  E_UNKNOWN_TARGET: { severity: 'error', summary: 'A subscription feeds a component that does not exist.' },
  E_UNKNOWN_STREAM: { severity: 'error', summary: 'A subscription reads a stream its source does not declare.' },
  E_UNKNOWN_FIELD: { severity: 'error', summary: 'A grouping names a field the source stream does not declare.' },
  E_NO_GROUPING_FIELDS: { severity: 'error', summary: 'A fields or partialKey grouping needs at least one field.' },
  E_DIRECT_ON_NON_DIRECT: { severity: 'error', summary: 'Direct grouping needs a stream declared direct.' },
  E_NON_DIRECT_ON_DIRECT: { severity: 'error', summary: 'A direct stream can only be consumed with direct grouping.' },
  E_DUPLICATE_SUBSCRIPTION: { severity: 'error', summary: 'A bolt subscribes to the same stream twice.' },
  E_TOPOLOGY_NAME: { severity: 'error', summary: 'Storm topology names must be non-empty and may not contain / . : or \\.' },
  E_WORKERS: { severity: 'error', summary: 'topology.workers must be a whole number ≥ 1.' },
  E_ACKERS: { severity: 'error', summary: 'topology.acker.executors must be a whole number ≥ 0.' },
  E_MESSAGE_TIMEOUT: { severity: 'error', summary: 'topology.message.timeout.secs must be a number > 0.' },
  E_MAX_SPOUT_PENDING: { severity: 'error', summary: 'topology.max.spout.pending must be a whole number ≥ 1.' },
  E_NO_SPOUT: { severity: 'error', summary: 'A topology needs at least one spout.' },
  E_NO_CODE: { severity: 'warning', summary: 'A component has no code in its language.' },
} as const satisfies Record<string, { severity: 'error' | 'warning'; summary: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTICS;

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: 'error' | 'warning';
  /** A sentence naming the component or edge, e.g. `Bolt "count" subscribes to nothing…`. */
  readonly message: string;
  readonly target: DiagnosticTarget;
}

export function diagnostic(code: DiagnosticCode, target: DiagnosticTarget, message: string): Diagnostic {
  return { code, severity: DIAGNOSTICS[code].severity, message, target };
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean => diagnostics.some((d) => d.severity === 'error');
