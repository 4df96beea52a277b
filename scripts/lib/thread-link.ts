/**
 * Simulation hosts in Node worker threads, driven exactly as the app drives its Web Workers: the
 * page side of src/sim-client (`launchSimulation`) over a comlink link (comlink's Node adapter) to
 * the host service of workers/sim, started by sim-thread.ts.
 */
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { Worker } from 'node:worker_threads';
import { endpointLink, type HostLink } from '../../src/sim-client/host-link';

/** Worker threads do not inherit tsx's loader: ts-worker.mjs registers it, then imports the entry. */
const BOOT = new URL('./ts-worker.mjs', import.meta.url);
const ENTRY = new URL('./sim-thread.ts', import.meta.url).href;

/** What a host is in the watchdog's messages. */
export const THREAD_NOUN = 'worker thread';

/**
 * Heap of one host thread (MB). Past it the thread ends with ERR_WORKER_OUT_OF_MEMORY, which the
 * simulation reports naming the component whose code was running, instead of Node aborting the
 * whole process. (Pyodide's memory is a WebAssembly buffer, outside this limit.)
 */
export const THREAD_HEAP_MB = 2048;

/** Starts worker thread `index` running a simulation host. */
export function threadLink(index: number, heapMb = THREAD_HEAP_MB): HostLink {
  const worker = new Worker(BOOT, { workerData: { entry: ENTRY }, name: `storm-host-${index}`, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  let ended = false;
  const { link, die } = endpointLink(nodeEndpoint(worker), `The simulation thread ${index}`, () => {
    ended = true;
    void worker.terminate();
  });
  worker.on('error', (e) => die(`failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
  worker.on('exit', (code) => {
    if (!ended) die(`exited (code ${code})`);
  });
  return link;
}
