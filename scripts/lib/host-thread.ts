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
const port = parentPort!;
const send = (m: FromHost) => port.postMessage(m);
const origin = performance.timeOrigin;
const wallClock = () => origin + performance.now();
// A small shared array to block on when nothing is due (Atomics.wait), as a Web Worker would.
const sleeper = new Int32Array(new SharedArrayBuffer(4));

let engine: Engine;
let stopped = false;

async function main(): Promise<void> {
  const started = performance.now();
  const registry = nodeRegistry();
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
    const r = engine.runSlice(Math.min(5, untilWall - wallClock()));
    if (r.events === 0 && r.nextEventInMs > 0) Atomics.wait(sleeper, 0, 0, Math.min(1, r.nextEventInMs));
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
