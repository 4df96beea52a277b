/** The page side of the simulation: see types.ts for the contract. */
export type * from './types';
export { createWebWorkerClient } from './client';
export { launchSimulation, hostLayout, combineProgress, SimulationStartError, type LaunchDeps } from './simulation';
export { HostPool, type HostPoolOptions } from './pool';
export { inProcessLink, webWorkerLink, HostDiedError, type HostLink } from './host-link';
export { PageWatchdog, SIGINT, type WatchAction } from './watchdog';
export { runLanguage, runLanguages, runsPython } from './languages';
export { preflight, type PreflightProblem } from './preflight';
