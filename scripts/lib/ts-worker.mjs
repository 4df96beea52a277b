// Starts a worker thread on a TypeScript entry (`workerData.entry`, a file URL): worker threads do
// not inherit tsx's loader, so register it here first. Works under `tsx` and plain `node`.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
