/**
 * How many SIGINT writes it takes to stop `while True: pass` in Pyodide: `npx tsx
 * scripts/bench/interrupt-writes.ts [trials] [--every ms]`. Pyodide reads its interrupt buffer and
 * then clears it, in two steps, so a write that lands between them is lost; the page's watchdog
 * (src/sim-client/watchdog.ts) therefore writes again at every check until the call returns. This
 * prints how many writes each interrupt took, written every `--every` ms (default 50), in a worker
 * thread as the app's hosts run Python.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { every: { type: 'string', default: '50' } } });
const trials = Number(positionals[0] ?? 300);
const everyMs = Number(values.every);

const workerCode = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { loadPyodide } = await import('pyodide');
  const py = await loadPyodide({ indexURL: workerData.indexURL });
  py.setInterruptBuffer(workerData.buffer);
  py.runPython('def spin():\\n    try:\\n        while True:\\n            pass\\n    except KeyboardInterrupt:\\n        return 1\\n');
  const spin = py.globals.get('spin');
  parentPort.on('message', () => {
    workerData.buffer[0] = 0;
    Atomics.store(workerData.started, 0, 1);
    spin();
    parentPort.postMessage('stopped');
  });
  parentPort.postMessage('ready');
})();
`;

const buffer = new Int32Array(new SharedArrayBuffer(4));
const started = new Int32Array(new SharedArrayBuffer(4));
const indexURL = dirname(fileURLToPath(import.meta.resolve('pyodide'))) + '/';
const worker = new Worker(workerCode, { eval: true, workerData: { buffer, started, indexURL } });
const message = () => new Promise<unknown>((resolve) => worker.once('message', resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

await message();
const writes = new Map<number, number>();
for (let i = 0; i < trials; i++) {
  Atomics.store(started, 0, 0);
  let stopped = false;
  const done = message().then(() => (stopped = true));
  worker.postMessage('spin');
  while (Atomics.load(started, 0) === 0) await sleep(1);
  // Somewhere inside the loop, not at its start.
  await sleep(5 + Math.random() * 10);
  let n = 0;
  while (!stopped) {
    Atomics.store(buffer, 0, 2);
    n++;
    await Promise.race([done, sleep(everyMs)]);
  }
  writes.set(n, (writes.get(n) ?? 0) + 1);
}
await worker.terminate();
const rows = [...writes].sort((a, b) => a[0] - b[0]);
console.log(`${trials} interrupts of while True: pass, SIGINT written every ${everyMs} ms until the call returned:`);
for (const [n, count] of rows) console.log(`  ${n} write${n === 1 ? '' : 's'}: ${count}`);
const lost = trials - (writes.get(1) ?? 0);
console.log(`first write lost: ${lost} of ${trials} (${((lost / trials) * 100).toFixed(1)} %)`);
