/**
 * The app's simulation client: hosts are Web Workers (`workers/sim-worker.ts`), started lazily by
 * each run and terminated when it stops.
 */
import { webWorkerLink } from './host-link';
import { launchSimulation, type LaunchDeps } from './simulation';
import type { SimulationClient } from './types';

export function createWebWorkerClient(deps: Omit<LaunchDeps, 'link' | 'signal'> = {}): SimulationClient {
  return {
    start: (document, options, listener, signal) => launchSimulation(document, options, listener, { ...deps, link: webWorkerLink, ...(signal ? { signal } : {}) }),
  };
}
