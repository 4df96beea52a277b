/**
 * A simulation host in a Web Worker: one per run in virtual time, one per Storm worker in wall
 * time. A thin comlink adapter over the host service (workers/sim/service.ts); the page drives it
 * through src/sim-client.
 */
import { expose } from 'comlink';
import { browserRegistry } from './sim/browser-runtimes';
import { createHostService } from './sim/service';

expose(createHostService({ registry: browserRegistry }));
