/**
 * A simulation host in a Web Worker: one per run in virtual time, one per Storm worker in wall
 * time; the page may keep it for the next run when it holds a loaded Pyodide (`recycle`). A thin
 * comlink adapter over the host service (workers/sim/service.ts); the page drives it through
 * src/sim-client. Before components load, the realm is locked down (SES) and the worker's global
 * scope loses storage, network and its channel to the page (workers/sandbox), which comlink keeps
 * through the endpoint captured here.
 */
import { expose } from 'comlink';
import { lockdownHost } from './sandbox/lockdown';
import { captureEndpoint, stripWorkerGlobal } from './sandbox/worker-global';
import { browserRegistry, recycleRuntimes } from './sim/browser-runtimes';
import { createHostService } from './sim/service';

const endpoint = captureEndpoint();

function sandbox(): void {
  const left = stripWorkerGlobal();
  if (left.length > 0) throw new Error(`The simulation worker could not remove ${left.join(', ')} from its global scope.`);
  lockdownHost();
}

expose(createHostService({ registry: browserRegistry, recycle: recycleRuntimes, lockdown: sandbox }), endpoint);
