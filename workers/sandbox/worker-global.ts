/**
 * The simulation Web Worker holds nothing but the simulation: once Pyodide has loaded (it fetches
 * its files) and before any component loads, the worker's global scope loses what would reach
 * the page's origin or the network — storage (IndexedDB, Cache Storage, the origin's file system,
 * locks), the network (`fetch`, XHR, WebSocket, WebTransport, EventSource), other contexts
 * (`BroadcastChannel`, nested workers, `importScripts`) and the worker's own channel to the page
 * (`postMessage`, `onmessage`). Comlink keeps the channel through the endpoint captured here first.
 *
 * JavaScript components cannot name the worker's global at all (each runs in a SES Compartment);
 * this is for Python, whose Pyodide `js` bridge would otherwise reach it (its import is blocked in
 * Python, workers/python + storm/python/_storm_studio/sandbox.py): a second wall, not the first.
 */
import type { Endpoint } from 'comlink';

/** Names removed from the worker's global object and every prototype on its chain. */
export const REMOVED_GLOBALS = [
  'indexedDB',
  'caches',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'WebTransport',
  'EventSource',
  'BroadcastChannel',
  'Worker',
  'SharedWorker',
  'importScripts',
  'postMessage',
  'onmessage',
  'onmessageerror',
  'navigator',
  'Request',
  'Response',
  'IDBFactory',
  'CacheStorage',
  'StorageManager',
  'FileSystemHandle',
  'FileSystemDirectoryHandle',
  'FileSystemFileHandle',
  'LockManager',
] as const;

interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener: Endpoint['addEventListener'];
  removeEventListener: Endpoint['removeEventListener'];
}

/** The worker's channel to the page, captured before {@link stripWorkerGlobal} removes it from the global scope. */
export function captureEndpoint(scope: WorkerScope = globalThis as unknown as WorkerScope): Endpoint {
  const post = scope.postMessage.bind(scope);
  const add = scope.addEventListener.bind(scope);
  const remove = scope.removeEventListener.bind(scope);
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) => post(message, transfer ?? []),
    addEventListener: add,
    removeEventListener: remove,
  };
}

/** Removes {@link REMOVED_GLOBALS} from `scope` and its prototype chain; returns the names that stay reachable (none expected). */
export function stripWorkerGlobal(scope: object = globalThis): string[] {
  for (let o: object | null = scope; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const name of REMOVED_GLOBALS) {
      if (Object.prototype.hasOwnProperty.call(o, name)) Reflect.deleteProperty(o, name);
    }
  }
  return REMOVED_GLOBALS.filter((name) => (scope as Record<string, unknown>)[name] !== undefined);
}
