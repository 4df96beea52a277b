/**
 * An engine host in a worker thread: the Node counterpart of the app's Web Worker entry, a thin
 * adapter over `Engine`. Peer hosts are reached through MessagePorts (`workerData.ports[host]`);
 * batches travel as structured clones with their typed arrays transferred.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { Engine, type TransportBatch } from '../../src/engine';
import type { FromHost, HostInit, ToHost } from './host-protocol';
import { nodeRegistry } from './runtimes';

const { init, ports } = workerData as { init: HostInit; ports: Record<number, MessagePort> };
const self = init.hostOfWorker[init.workers[0] ?? 0] ?? 0;
const port = parentPort!;
const send = (m: FromHost) => port.postMessage(m);
const origin = performance.timeOrigin;
const wallClock = () => origin + performance.now();
// A small shared array to block on when nothing is due (Atomics.wait), as a Web Worker would.
const sleeper = new Int32Array(new SharedArrayBuffer(4));

let engine: Engine;
let stopped = false;
const SPIN_MS = 0.05;

/** Rings to and from the other hosts; after publishing, ring the other host's doorbell if it waits. */
function ringChannels(rings: NonNullable<HostInit['rings']>) {
  const hosts = rings.doorbells.length;
  return {
    out: Array.from({ length: hosts }, (_, h) => rings.out[h] ?? null),
    in: Array.from({ length: hosts }, (_, h) => rings.in[h] ?? null),
    published(host: number) {
      const bell = rings.doorbells[host]!;
      if (Atomics.load(bell, 0) === 1) {
        Atomics.add(bell, 1, 1);
        Atomics.notify(bell, 1);
      }
    },
  };
}

/**
 * Wall mode with rings: nothing is due for `ms`; sleep until then or until another host publishes
 * (it sees the sleeping flag and rings the doorbell). Look for input for a few tens of µs first: a
 * busy host publishes that often, and ringing a sleeping host's doorbell costs it a system call.
 */
function waitForInput(ms: number): void {
  const spinUntil = performance.now() + Math.min(ms, SPIN_MS);
  do {
    if (engine.hasRemoteInput()) return;
  } while (performance.now() < spinUntil);
  if (ms <= SPIN_MS) return;
  const bell = init.rings!.doorbells[self]!;
  const seen = Atomics.load(bell, 1);
  Atomics.store(bell, 0, 1);
  if (!engine.hasRemoteInput()) Atomics.wait(bell, 1, seen, Math.max(0, ms));
  Atomics.store(bell, 0, 0);
}

async function main(): Promise<void> {
  const started = performance.now();
  const registry = nodeRegistry({ interruptBuffer: init.interruptBuffer });
  try {
    engine = await Engine.create({
      document: init.document,
      seed: init.seed,
      clock: init.clock,
      runtimes: registry.resolver(),
      languageOf: (c) => init.languages[c.id] ?? c.language,
      workers: init.workers,
      hostOfWorker: init.hostOfWorker,
      transport: {
        send(to: number, batch: TransportBatch) {
          ports[to]!.postMessage(batch, [batch.ints.buffer as ArrayBuffer, batch.times.buffer as ArrayBuffer]);
        },
      },
      wallClock,
      wallStart: init.wallStart,
      watch: init.watch,
      lineage: init.lineage ? {} : false,
      ...(init.rings ? { rings: ringChannels(init.rings), idle: waitForInput } : {}),
      ...(init.queueCapacity ? { queueCapacity: init.queueCapacity } : {}),
      ...(init.batchSize ? { batchSize: init.batchSize } : {}),
    });
  } catch (e) {
    const traceback = e instanceof Error && 'traceback' in e && typeof e.traceback === 'string' ? e.traceback : '';
    const message = e instanceof Error ? e.message : String(e);
    // The message names the component and line; the traceback adds where, after its first line.
    send({ type: 'failed', message: traceback ? [message, ...traceback.split('\n').slice(1)].join('\n') : message });
    return;
  }
  for (const p of Object.values(ports)) p.on('message', (batch: TransportBatch) => engine.receive(batch));
  send({ type: 'ready', loadMs: performance.now() - started });
}

/** Wall mode: run slices, yielding to the event loop between them so peer batches arrive. */
async function runWall(untilWall: number): Promise<void> {
  while (!stopped && wallClock() < untilWall) {
    // With rings the slice itself waits when nothing is due (waitForInput); without, wait here.
    const r = engine.runSlice(Math.min(5, untilWall - wallClock()));
    if (!init.rings && r.events === 0 && r.nextEventInMs > 0) Atomics.wait(sleeper, 0, 0, Math.min(1, r.nextEventInMs));
    await new Promise((resolve) => setImmediate(resolve));
  }
  engine.flushTransport();
}

port.on('message', (m: ToHost) => {
  switch (m.type) {
    case 'run':
      engine.runUntil(m.until);
      send({ type: 'done', events: engine.eventCount, time: engine.time });
      break;
    case 'runWall':
      if (engine.eventCount === 0) engine.setWallStart(m.start);
      void runWall(m.untilWall).then(() => send({ type: 'done', events: engine.eventCount, time: engine.time }));
      break;
    case 'snapshot':
      send({ type: 'snapshot', snapshot: engine.snapshot({ logsAfter: m.logsAfter, lineage: m.lineage }) });
      break;
    case 'kill':
      engine.killWorker(m.worker);
      break;
    case 'stop':
      stopped = true;
      engine?.dispose();
      port.close();
      for (const p of Object.values(ports)) p.close();
      break;
  }
});

void main();
