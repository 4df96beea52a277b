/**
 * What `engine.step()` returns: a structured description of the one event it processed, for the
 * teaching step mode to render. Plain data; times are engine milliseconds.
 */

/** A tuple as the step view shows it. */
export interface TupleDescription {
  readonly id: string;
  readonly component: string;
  readonly task: number;
  readonly stream: string;
  /** Values as JSON, truncated. */
  readonly values: string;
}

/** One emit of the call: where it went. */
export interface EmitDescription {
  readonly stream: string;
  readonly values: string;
  /** Receiving task ids (empty: no subscriber). */
  readonly targets: readonly number[];
  /** Tuple ids created, one per target (tracked tuples only). */
  readonly ids: readonly string[];
}

/** An acker message sent by the call. */
export interface AckMessageDescription {
  readonly op: 'init' | 'ack' | 'fail';
  /** Root id (hex) and the value XORed in (hex). */
  readonly root: string;
  readonly value: string;
  readonly ackerTask: number;
}

interface Base {
  /** When the event happened. */
  readonly time: number;
  /**
   * The other calls of the same event, in order: a spout executor handles every queued ack, fail
   * and timeout, then calls `nextTuple` on each of its tasks; a tick reaches every task of a bolt
   * executor. Absent when the event made one call. Not readonly: the engine adds it once the
   * event's last call is described (building the event again would cost a copy per event).
   */
  also?: readonly StepEvent[];
}

interface CallBase extends Base {
  readonly component: string;
  readonly executor: number;
  readonly task: number;
  readonly emits: readonly EmitDescription[];
  readonly ackerMessages: readonly AckMessageDescription[];
  /** When the executor is free again (time + cost of the call(s)). */
  readonly busyUntil: number;
  /** The error the call raised, if any. */
  readonly error: string | null;
}

export type StepEvent =
  | (CallBase & { readonly kind: 'nextTuple'; readonly emitted: boolean })
  | (CallBase & { readonly kind: 'execute'; readonly input: TupleDescription; readonly acked: readonly string[]; readonly failed: readonly string[] })
  | (CallBase & { readonly kind: 'tick' })
  | (CallBase & {
      readonly kind: 'spout-ack' | 'spout-fail' | 'spout-timeout';
      readonly messageId: string;
      readonly root: string;
      /** Emit → ack (complete latency), or emit → failure. */
      readonly latencyMs: number;
    })
  | (Base & {
      readonly kind: 'acker';
      readonly executor: number;
      readonly task: number;
      readonly updates: readonly { op: 'init' | 'ack' | 'fail'; root: string; value: string; result: 'pending' | 'complete' | 'failed' }[];
      readonly rotated: number;
    })
  | (Base & {
      readonly kind: 'wait';
      readonly component: string;
      readonly executor: number;
      readonly reason: 'max-spout-pending' | 'backpressure';
      readonly until: number;
    })
  | (Base & { readonly kind: 'idle'; readonly component: string; readonly executor: number })
  | (Base & { readonly kind: 'timer'; readonly what: 'tick' | 'rotate' | 'metrics'; readonly component: string | null; readonly executor: number | null })
  | (Base & { readonly kind: 'worker-crash'; readonly worker: number; readonly component: string | null; readonly task: number | null; readonly reason: string })
  | (Base & { readonly kind: 'worker-restart'; readonly worker: number });

export type StepKind = StepEvent['kind'];
