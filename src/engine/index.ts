/**
 * The simulation engine's public API (pure: runs in Node, in Web Workers and in tests).
 *
 * @example
 * import { Engine, defaultRegistry } from '../engine';
 * const engine = await Engine.create({ document, seed: 7, runtimes: defaultRegistry().resolver() });
 * engine.runUntil(60_000);
 * const snap = engine.snapshot();
 */
export { Engine, type ClockMode, type EngineOptions, type RuntimeResolver, type SliceResult } from './engine';
export type { StepEvent, StepKind, EmitDescription, TupleDescription, AckMessageDescription } from './events';
export { buildPlan, type PhysicalPlan, type PlanExecutor } from './plan';
export { mergeSnapshots, type HostSnapshot, type ComponentStats, type ExecutorStats, type TaskStats, type EdgeStats, type TopologyStats, type WindowStats, type LatencyDistribution } from './snapshot';
export { WINDOWS, type WindowKey, type RawMetrics } from './metrics';
export type { LineageTree, LineageNode, LineageOptions, XorPoint } from './lineage';
export type { LogLine } from './logs';
export { type Transport, type TransportBatch } from './transport';
export { createRing } from './ring';
export type { RingChannels } from './ring-link';
export { createWatchArray, Watchdog, stuckMessage, WATCH_SEQ, type StuckCall } from './watch';
export { Rng, type Seed } from './rng';
export * from './runtime-api';
export { STATE_LIMITS, checkInspectedState, inspectJsInstance, type InspectedState, type StateField, type TaskStates, type TaskStateView } from './task-state';
export { RuntimeRegistry, defaultRegistry, chooseLanguage, type RuntimeFactory, type LanguageChoice } from './runtime/registry';
export { JavaScriptRuntime, compileModule, sesRealm, type SandboxMode } from './runtime/javascript';
