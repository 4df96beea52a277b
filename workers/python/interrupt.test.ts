import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Message {
  type: string;
  buffer?: Int32Array;
  result?: { ok: boolean; name?: string; message?: string; stopped?: boolean; traceback?: string; line?: number; emitted?: unknown[] };
  ms?: number;
  logs?: string[];
}

// The runtime runs in a worker_thread, as it runs in a Web Worker in the app; this thread plays
// the watchdog and writes SIGINT (2) into the shared interrupt buffer.
let worker: Worker;
let buffer: Int32Array;
const inbox: Message[] = [];
let waiting: { resolve: (m: Message) => void; reject: (e: Error) => void } | null = null;
let broken: Error | null = null;

function next(): Promise<Message> {
  const m = inbox.shift();
  if (m) return Promise.resolve(m);
  if (broken) return Promise.reject(broken);
  return new Promise((resolve, reject) => (waiting = { resolve, reject }));
}

function stop(e: Error): void {
  broken = e;
  waiting?.reject(e);
  waiting = null;
}

beforeAll(async () => {
  worker = new Worker(new URL('./interrupt-worker.fixture.mjs', import.meta.url));
  worker.on('message', (m: Message) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w.resolve(m);
    } else inbox.push(m);
  });
  worker.on('error', stop);
  worker.on('exit', (code) => stop(new Error(`the worker exited with code ${code}`)));
  const ready = await next();
  expect(ready.type).toBe('ready');
  buffer = ready.buffer!;
}, 120_000);

afterAll(async () => {
  worker.postMessage('close');
  await worker.terminate();
});

describe('interrupting runaway Python', () => {
  it('stops `while True: pass` through the interrupt buffer and names the component and task', async () => {
    expect(buffer).toBeInstanceOf(Int32Array);
    expect(buffer.buffer).toBeInstanceOf(SharedArrayBuffer);
    worker.postMessage('spin');
    expect((await next()).type).toBe('spinning');
    // Let the loop run for a while before the watchdog steps in (not an assertion on timing).
    await new Promise((r) => setTimeout(r, 300));
    // The runtime clears the buffer when a call starts (a stop meant for an earlier call is
    // ignored); on a loaded machine 'spinning' may arrive before the call has begun, so the
    // watchdog here repeats its request until the call ends, as the app's watchdog does.
    const interruptedAt = performance.now();
    Atomics.store(buffer, 0, 2);
    const repeat = setInterval(() => Atomics.store(buffer, 0, 2), 100);
    const done = await next().finally(() => clearInterval(repeat));
    const latency = performance.now() - interruptedAt;
    const r = done.result!;
    expect(r.ok).toBe(false);
    expect(r.name).toBe('PythonComponentError');
    expect(r.message).toBe("KeyboardInterrupt: component 'spinner' (task 7) was stopped");
    expect(r.stopped).toBe(true);
    expect(r.line).toBe(12);
    expect(r.traceback).toContain('line 12, in process');
    expect(r.traceback).toContain('KeyboardInterrupt');
    console.info(`interrupt: loop ran ${done.ms!.toFixed(0)} ms; stopped ${latency.toFixed(1)} ms after the buffer was set`);
  });

  it('leaves the interpreter usable afterwards', async () => {
    worker.postMessage('normal');
    const r = (await next()).result!;
    expect(r).toEqual({ ok: true, emitted: ['FINE'] });
  });

  it('ignores a stop request that arrives after the call it was meant for', async () => {
    Atomics.store(buffer, 0, 2);
    worker.postMessage('normal');
    expect((await next()).result!.ok).toBe(true);
  });
});
