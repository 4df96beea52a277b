/**
 * `npx tsx scripts/bench-redis-browser.ts [calls]`: zincrby per second from a Python component into
 * the run's embedded Redis, in a headless-Chromium Web Worker (also a section of `npm run bench`).
 */
import { measureZincrbyInBrowser } from './bench/redis-browser';

const r = await measureZincrbyInBrowser(Number(process.argv[2] ?? 2_000_000));
console.log(
  `Chromium ${r.chromium}: ${Math.round(r.perSecond).toLocaleString('en-US')} zincrby/s from Python (${r.calls.toLocaleString('en-US')} calls in ${r.seconds.toFixed(2)} s${r.cpuSeconds !== null ? `, ${r.cpuSeconds.toFixed(2)} s of CPU: ${Math.round(r.calls / r.cpuSeconds).toLocaleString('en-US')} per CPU second` : ''}; load ${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)})`,
);
