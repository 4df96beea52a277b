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
