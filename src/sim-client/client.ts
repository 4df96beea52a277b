/**
 * The app's simulation client: hosts are Web Workers (`workers/sim-worker.ts`), started lazily by
 * the first run that needs them. A host that holds a loaded Pyodide is kept warm for the next run
 * (see pool.ts); the others are terminated when their run ends.
 */
import { webWorkerLink } from './host-link';
import { HostPool } from './pool';
import { launchSimulation, type LaunchDeps } from './simulation';
import type { SimulationClient } from './types';

export function createWebWorkerClient(deps: Omit<LaunchDeps, 'link' | 'signal'> = {}): SimulationClient {
  const shared = deps.shared ?? (typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated !== false);
  const pool = new HostPool({ create: webWorkerLink, shared });
  if (typeof document !== 'undefined') {
    document.addEventListener('visibilitychange', () => pool.setHidden(document.visibilityState === 'hidden'));
  }
  return {
    async start(document, options, listener, signal) {
      // The previous run's hosts finish their reset first, so that this run finds them warm.
      await pool.settled();
      return launchSimulation(document, options, listener, { ...deps, shared, link: (i) => pool.link(i), ...(signal ? { signal } : {}) });
    },
  };
}
