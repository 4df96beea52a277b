/**
 * The page's handle on one simulation host: its API as promises, and a way to kill it. In the app a
 * host is a Web Worker wrapped with comlink ({@link webWorkerLink}); the command line wraps worker
 * threads the same way (comlink's Node adapter, scripts/lib/thread-link.ts), both through
 * {@link endpointLink}; tests link the same host service in-process ({@link inProcessLink}).
 */
import { proxy, releaseProxy, transfer, wrap, type Endpoint } from 'comlink';
import type { HostInit, HostLoadProgress, HostReady, SimHostApi } from '../../workers/sim/protocol';

export type AsyncApi<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never };

export interface HostLink {
  readonly api: AsyncApi<SimHostApi>;
  /** Never resolves; rejects when the host dies on its own (an uncaught error in the worker). */
  readonly died: Promise<never>;
  /** Ends the host at once (a call in progress is abandoned). */
  terminate(): void;
  /**
   * The interrupt buffer this host's Pyodide was installed with, when the host comes from a pool
   * (a warm host keeps the one of its first run): the run must pass this one.
   */
  readonly interrupt?: Int32Array | null;
  /** The host comes from a pool and already holds a loaded Pyodide. */
  readonly warm?: boolean;
  /**
   * The run is over with this host: a pool keeps it for the next run when `reusable` and the host
   * holds something worth keeping, else terminates it. Without it, the run stops and terminates it.
   */
  retire?(reusable: boolean): Promise<void>;
}

export class HostDiedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostDiedError';
  }
}

/** Starts a Web Worker running `workers/sim-worker.ts`. */
export function webWorkerLink(index: number): HostLink {
  const worker = new Worker(new URL('../../workers/sim-worker.ts', import.meta.url), { type: 'module', name: `storm-host-${index}` });
  const { link, die } = endpointLink(worker, `The simulation worker ${index}`, () => worker.terminate());
  worker.addEventListener('error', (ev) => {
    ev.preventDefault();
    die(`failed: ${ev.message || 'it could not start'}`);
  });
  worker.addEventListener('messageerror', () => die('sent a message the page could not read'));
  return link;
}

/**
 * A host exposed with comlink at the other end of `endpoint` (a Web Worker, or a worker thread
 * through comlink's Node adapter). `name` starts the sentences that say it died ("The simulation
 * worker 1"); `end` terminates it. The caller reports the host's own failures through `die`.
 */
export function endpointLink(endpoint: Endpoint, name: string, end: () => void): { readonly link: HostLink; die(what: string): void } {
  // comlink's Remote<> turns union results into unions of promises; the plain async shape is the same thing.
  const remote = wrap<SimHostApi>(endpoint) as unknown as AsyncApi<SimHostApi> & { [releaseProxy](): void };
  let kill: (e: Error) => void = () => {};
  const died = new Promise<never>((_, reject) => {
    kill = reject;
  });
  died.catch(() => {});
  let terminated = false;
  // Every call also ends when the host dies, instead of waiting forever for a terminated worker.
  const guard = <T>(p: Promise<T>): Promise<T> => Promise.race([p, died]);
  const api: AsyncApi<SimHostApi> = {
    init: (init: HostInit, ports: Readonly<Record<number, MessagePort>>, onProgress?: (p: HostLoadProgress) => void): Promise<HostReady> =>
      guard(remote.init(init, transfer(ports, Object.values(ports)), onProgress ? proxy(onProgress) : undefined)),
    start: (at) => guard(remote.start(at)),
    pause: (at) => guard(remote.pause(at)),
    resume: (at) => guard(remote.resume(at)),
    step: () => guard(remote.step()),
    setSpeed: (speed, at) => guard(remote.setSpeed(speed, at)),
    setEventStream: (on, max) => guard(remote.setEventStream(on, max)),
    poll: (request) => guard(remote.poll(request)),
    finished: () => guard(remote.finished()),
    killWorker: (w) => guard(remote.killWorker(w)),
    inspectTasks: () => guard(remote.inspectTasks()),
    quarantine: (c, why) => guard(remote.quarantine(c, why)),
    stop: () => guard(remote.stop()),
    recycle: () => guard(remote.recycle()),
  };
  const link: HostLink = {
    api,
    died,
    terminate() {
      if (terminated) return;
      terminated = true;
      kill(new HostDiedError(`${name} was terminated.`));
      remote[releaseProxy]();
      end();
    },
  };
  return { link, die: (what) => kill(new HostDiedError(`${name} ${what}.`)) };
}

/** Links a host service living in this thread (tests, Node). */
export function inProcessLink(service: SimHostApi): HostLink {
  let kill: (e: Error) => void = () => {};
  const died = new Promise<never>((_, reject) => {
    kill = reject;
  });
  died.catch(() => {});
  const call =
    <A extends unknown[], R>(f: (...args: A) => R) =>
    (...args: A): Promise<Awaited<R>> =>
      Promise.race([Promise.resolve().then(() => f(...args)), died]) as Promise<Awaited<R>>;
  const api: AsyncApi<SimHostApi> = {
    init: call(service.init),
    start: call(service.start),
    pause: call(service.pause),
    resume: call(service.resume),
    step: call(service.step),
    setSpeed: call(service.setSpeed),
    setEventStream: call(service.setEventStream),
    poll: call(service.poll),
    finished: call(service.finished),
    killWorker: call(service.killWorker),
    inspectTasks: call(service.inspectTasks),
    quarantine: call(service.quarantine),
    stop: call(service.stop),
    recycle: call(service.recycle),
  };
  let terminated = false;
  return {
    api,
    died,
    terminate() {
      if (terminated) return;
      terminated = true;
      kill(new HostDiedError('The simulation host was terminated.'));
      service.stop();
    },
  };
}
