/**
 * A simulation host in a Web Worker: one per run in virtual time, one per Storm worker in wall
 * time; the page may keep it for the next run when it holds a loaded Pyodide (`recycle`). A thin
 * comlink adapter over the host service (workers/sim/service.ts); the page drives it through
 * src/sim-client.
 */
import { expose } from 'comlink';
import { browserRegistry, recycleRuntimes } from './sim/browser-runtimes';
import { createHostService } from './sim/service';

expose(createHostService({ registry: browserRegistry, recycle: recycleRuntimes }));
