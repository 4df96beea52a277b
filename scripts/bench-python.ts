/**
 * Micro-benchmark of the Python runtime in Node: `npx tsx scripts/bench-python.ts [--tuples N]`.
 * The measurements live in workers/python/bench.ts (shared with the browser benchmark,
 * scripts/bench-python-browser.ts, and available to `npm run bench`).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { measureEngineWordCount, measurePythonComponents } from '../workers/python/bench';

export { benchWordCount, measureEngineWordCount, measurePythonComponents, type EngineBenchResult, type PythonBenchResult } from '../workers/python/bench';

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const at = process.argv.indexOf('--tuples');
  const tuples = at > 0 ? Number(process.argv[at + 1]) : 200_000;
  const r = await measurePythonComponents(tuples);
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
  console.log(`Pyodide start + first load: ${r.startSeconds.toFixed(2)} s (Node ${process.version})`);
  console.log('component'.padEnd(22) + 'tuples executed/s'.padStart(20) + 'tuples emitted/s'.padStart(20));
  for (const name of Object.keys(r.tuplesPerSecond)) {
    console.log(name.padEnd(22) + fmt(r.tuplesPerSecond[name]!).padStart(20) + fmt(r.emitsPerSecond[name]!).padStart(20));
  }
  console.log('\nword count through the engine (virtual time, acking on): bolt tuples executed per second');
  for (const language of ['python', 'javascript'] as const) {
    const e = await measureEngineWordCount(language);
    console.log(`${language.padEnd(22)}${fmt(e.tuplesPerSecond).padStart(20)}   (${fmt(e.executed)} in ${e.wallSeconds.toFixed(1)} s)`);
  }
}
