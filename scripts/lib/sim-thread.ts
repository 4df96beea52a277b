/**
 * A simulation host in a Node worker thread: the command line's counterpart of the app's Web Worker
 * (`workers/sim-worker.ts`), exposing the same host service with comlink through its Node adapter.
 * Python components run on Pyodide in this thread (loaded only when a component runs Python).
 * Before components load the realm is locked down (SES): JavaScript components run in Compartments.
 * Started by {@link threadLink} (thread-link.ts).
 */
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { parentPort } from 'node:worker_threads';
import { createHostService } from '../../workers/sim/service';
import { warmRuntimes } from '../../workers/sim/warm-runtimes';
import { lockdownHost } from '../../workers/sandbox/lockdown';
import { redisServerConnector } from './redis-sync';
import { nodePython } from './runtimes';

if (!parentPort) throw new Error('sim-thread.ts runs in a worker thread (see thread-link.ts).');
const runtimes = warmRuntimes(nodePython);
// Components' redis:// URLs reach the servers that answer there (scripts/lib/redis-sync.ts).
expose(createHostService({ registry: runtimes.registry, recycle: runtimes.recycle, lockdown: lockdownHost, redisConnector: redisServerConnector }), nodeEndpoint(parentPort));
