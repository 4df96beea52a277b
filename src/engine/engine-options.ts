/** Options of {@link Engine.create} (see docs/engine.md). */
import type { ComponentSpec, Language, TopologyDocument } from '../model';
import type { LineageOptions } from './lineage';
import type { Seed } from './rng';
import type { ComponentRuntime } from './runtime-api';
import type { RingChannels } from './ring-link';
import type { Transport } from './transport';
import type { RedisConnector } from './datastore/stores';

export type ClockMode = 'virtual' | 'wall';

/** Finds the runtime of a language; undefined when the host has none. */
export type RuntimeResolver = (language: Language) => ComponentRuntime | Promise<ComponentRuntime> | undefined;

export interface EngineOptions {
  readonly document: TopologyDocument;
  /** The run's seed: the same seed replays a virtual-time run event by event. Default 1. */
  readonly seed?: Seed;
  readonly clock?: ClockMode;
  readonly runtimes: RuntimeResolver;
  /** The language to run for each component (default: its own). Lets a Python component run its JavaScript twin. */
  readonly languageOf?: (component: ComponentSpec) => Language;
  /** Storm workers hosted by this engine (default: all). */
  readonly workers?: readonly number[];
  /** Host index of each Storm worker (default: every worker on its own host, this host being the first hosted worker). */
  readonly hostOfWorker?: readonly number[];
  /** Required when another host runs some workers. */
  readonly transport?: Transport;
  /** Messages per transport batch before it is sent (default 512); batches are also sent at the end of each run call. */
  readonly batchSize?: number;
  /**
   * Shared-memory rings to and from the other hosts (`createRing()` in ring.ts, one per direction):
   * messages between hosts are written into them instead of being batched through `transport`,
   * which then only carries the few values the rings do not encode. The host polls them between
   * events; give `idle` a wait that `published` can cut short (e.g. `Atomics.wait`/`notify`).
   */
  readonly rings?: RingChannels;
  /** Wall clock in ms since the epoch (e.g. `performance.timeOrigin + performance.now()`): wall mode and `measureCost`. */
  readonly wallClock?: () => number;
  /** Wall mode: engine time 0 in wall-clock ms (hosts of one run share it). Default: creation time. */
  readonly wallStart?: number;
  /** Wall mode: blocks the thread for up to `ms` when nothing is due (e.g. `Atomics.wait`). Without it `runSlice` returns early. */
  readonly idle?: (ms: number) => void;
  /** Lineage sampling; `false` turns it off. */
  readonly lineage?: Partial<LineageOptions> | false;
  /** Receive-queue capacity per executor (default: `topology.executor.receive.buffer.size` or 32768, rounded up to a power of two). */
  readonly queueCapacity?: number;
  /** Log lines kept (default 10,000). */
  readonly logCapacity?: number;
  /** Virtual cost of one acker message in ms (default 0: the acker's work is not charged). */
  readonly ackerCostMs?: number;
  /**
   * A shared Int32Array (see `watch.ts`): before each call into user code the engine writes the
   * task id and bumps a counter, so a watchdog on another thread can tell which component is stuck.
   */
  readonly watch?: Int32Array;
  /** Virtual mode: the epoch `time()` and `Date.now` start from (ms). Default 2026-01-01T00:00:00Z. */
  readonly virtualEpochMs?: number;
  /**
   * Reaches a real Redis server for a `redis://` URL a component names (`npm run simulate`); absent,
   * every client uses the run's embedded store (src/engine/datastore).
   */
  readonly redisConnector?: RedisConnector;
}

/** What `runSlice` did. */
export interface SliceResult {
  readonly events: number;
  /** ms until the next event when the slice ended waiting, Infinity when nothing is scheduled, 0 when out of budget. */
  readonly nextEventInMs: number;
}
