/**
 * A host's shared-memory links to the other hosts (see ring.ts): messages are written into the
 * ring of their destination host as they are sent, and published every `publishEvery` messages and
 * at every flush; a full ring keeps the rest in order in a spill list until the reader catches up.
 * Side values (what the rings do not encode) and nothing else go through the message transport.
 */
import { createRing } from './ring';
import { RingReader } from './ring-reader';
import { RingWriter } from './ring-writer';
import type { Transport, TransportBatch } from './transport';
import { K_ACK_INIT, type Tuple } from './tuple';

/** Shared-memory rings between hosts (`EngineOptions.rings`). */
export interface RingChannels {
  /** The ring to each other host, by host index (null for this host). This host writes them. */
  readonly out: readonly (SharedArrayBuffer | null | undefined)[];
  /** The ring from each other host, by host index. This host reads them. */
  readonly in: readonly (SharedArrayBuffer | null | undefined)[];
  /** Called after new records for `host` were published: e.g. wake it if it is waiting. */
  readonly published?: (host: number) => void;
  /**
   * Is `host` waiting for input now? Then a message for it is published at once rather than with
   * the next `publishEvery` (it has nothing else to do).
   */
  readonly waiting?: (host: number) => boolean;
}

export class RingLink {
  private readonly writers: (RingWriter | null)[];
  private readonly readers: (RingReader | null)[];
  /** Messages (or congestion lists) waiting for room in a ring, per host, in order. */
  private readonly spill: (Tuple | number[])[][];
  private readonly unpublished: Int32Array;

  constructor(
    channels: RingChannels,
    private readonly self: number,
    hosts: number,
    private readonly transport: Transport,
    private readonly publishEvery: number,
    /** Takes back a pooled acker message once it is written. */
    private readonly recycle: (t: Tuple) => void,
  ) {
    this.writers = Array.from({ length: hosts }, (_, h) => (h === self || !channels.out[h] ? null : new RingWriter(channels.out[h]!)));
    this.readers = Array.from({ length: hosts }, (_, h) => (h === self || !channels.in[h] ? null : new RingReader(channels.in[h]!)));
    for (let h = 0; h < hosts; h++) {
      if (h !== self && (this.writers[h] === null || this.readers[h] === null)) throw new Error(`rings: host ${self} has no ring to or from host ${h}.`);
    }
    this.spill = Array.from({ length: hosts }, () => []);
    this.unpublished = new Int32Array(hosts);
    this.published = channels.published;
    this.waiting = channels.waiting;
  }

  private readonly published: ((host: number) => void) | undefined;
  private readonly waiting: ((host: number) => boolean) | undefined;

  /** Sends a message to `host`. */
  send(host: number, t: Tuple): void {
    const spill = this.spill[host]!;
    if (spill.length > 0 || !this.writers[host]!.write(t)) {
      spill.push(t);
      return;
    }
    if (t.kind >= K_ACK_INIT) this.recycle(t);
    if (++this.unpublished[host]! >= this.publishEvery || (this.waiting !== undefined && this.waiting(host))) this.publish(host);
  }

  /** Tells every other host which of this host's tasks have full receive queues. */
  congestion(tasks: readonly number[]): void {
    for (let h = 0; h < this.writers.length; h++) {
      const w = this.writers[h];
      if (!w) continue;
      const spill = this.spill[h]!;
      if (spill.length > 0 || !w.writeCongestion(tasks)) spill.push([...tasks]);
      else this.unpublished[h]! += 1;
    }
  }

  /** Writes what was spilled while there is room, and publishes everything written. */
  flush(): void {
    for (let h = 0; h < this.writers.length; h++) {
      const w = this.writers[h];
      if (!w) continue;
      const spill = this.spill[h]!;
      let k = 0;
      for (; k < spill.length; k++) {
        const m = spill[k]!;
        if (Array.isArray(m) ? !w.writeCongestion(m) : !w.write(m)) break;
        if (!Array.isArray(m) && m.kind >= K_ACK_INIT) this.recycle(m);
        this.unpublished[h]! += 1;
      }
      if (k > 0) spill.splice(0, k);
      if (this.unpublished[h]! > 0) this.publish(h);
    }
  }

  /** Messages waiting for room in the rings. */
  get spilled(): number {
    let n = 0;
    for (const s of this.spill) n += s.length;
    return n;
  }

  /** Has another host published records this host has not read? */
  get hasInput(): boolean {
    for (const r of this.readers) if (r !== null && r.pending) return true;
    return false;
  }

  /** Side values from `from` (a transport batch's `ringValues`). */
  addSideValues(from: number, first: number, values: readonly unknown[]): void {
    this.readers[from]?.addSideValues(first, values);
  }

  /** Reads every ring: `each` takes the messages, `congestion` the status of the sending host. */
  poll(make: (kind: number) => Tuple, streams: readonly string[], componentOf: (task: number) => string, each: (t: Tuple) => void, congestion: (from: number, tasks: number[]) => void): number {
    let n = 0;
    for (let h = 0; h < this.readers.length; h++) {
      const r = this.readers[h];
      if (r && r.pending) n += r.read(make, streams, componentOf, each, (tasks) => congestion(h, tasks));
    }
    return n;
  }

  private publish(host: number): void {
    const w = this.writers[host]!;
    // Side values first, so that they are on their way when the reader meets their records.
    const side = w.takeSideValues();
    if (side !== null) {
      // Fresh empty arrays: an adapter may transfer (detach) a batch's buffers.
      const batch: TransportBatch = { from: this.self, ints: new Int32Array(0), times: new Float64Array(0), text: '', extras: [], ringValues: side };
      this.transport.send(host, batch);
    }
    w.publish();
    this.unpublished[host] = 0;
    this.published?.(host);
  }
}

/**
 * The rings of a run with several hosts, as plain data every host receives (structured clone
 * shares the buffers): `rings[from][to]` carries what host `from` sends host `to`, and one doorbell
 * per host (a sleeping flag and a counter, two int32 words each) lets a host that waits for input
 * be woken when another publishes to it.
 */
export interface RingMesh {
  readonly rings: readonly (readonly (SharedArrayBuffer | null)[])[];
  readonly doorbells: SharedArrayBuffer;
}

/**
 * Rings between `hosts` hosts, `words` int32 words each way (4 MB by default).
 *
 * @example
 * const mesh = createRingMesh(2); // given to both hosts, e.g. in their init message
 */
export function createRingMesh(hosts: number, words = 1 << 20): RingMesh {
  return {
    rings: Array.from({ length: hosts }, (_, from) => Array.from({ length: hosts }, (_, to) => (from === to ? null : createRing(words)))),
    doorbells: new SharedArrayBuffer(8 * hosts),
  };
}

/**
 * Host `self`'s channels in a mesh: a message for a host that sleeps is published at once, and
 * publishing to it rings its doorbell (once per sleep: the first to ring lowers its flag).
 */
export function meshChannels(mesh: RingMesh, self: number): RingChannels {
  const bells = new Int32Array(mesh.doorbells);
  return {
    out: mesh.rings[self] ?? [],
    in: mesh.rings.map((row) => row[self] ?? null),
    waiting: (host) => Atomics.load(bells, 2 * host) === 1,
    published(host: number) {
      if (Atomics.compareExchange(bells, 2 * host, 1, 0) === 1) {
        Atomics.add(bells, 2 * host + 1, 1);
        Atomics.notify(bells, 2 * host + 1);
      }
    },
  };
}

/** How long a waiting host looks for input before it sleeps (ms): a busy host publishes about that often. */
const SPIN_MS = 0.05;

/**
 * Host `self`'s wait for the engine's `idle` option: nothing is due for `ms`, so it sleeps until
 * then or until another host publishes to it (`hasInput` tells). It looks for input for a few tens
 * of µs first, because a sleeping host is woken by a system call of the publishing one. Blocks the
 * thread (`Atomics.wait`): for Web Workers and worker threads only, never a page's main thread.
 */
export function meshWait(mesh: RingMesh, self: number, hasInput: () => boolean, now: () => number): (ms: number) => void {
  const bells = new Int32Array(mesh.doorbells);
  const flag = 2 * self;
  const counter = flag + 1;
  return (ms) => {
    const spinUntil = now() + Math.min(ms, SPIN_MS);
    do {
      if (hasInput()) return;
    } while (now() < spinUntil);
    if (ms <= SPIN_MS) return;
    const seen = Atomics.load(bells, counter);
    Atomics.store(bells, flag, 1);
    // Published between the look above and the flag: the publisher did not see the flag.
    if (!hasInput()) Atomics.wait(bells, counter, seen, ms);
    Atomics.store(bells, flag, 0);
  };
}
