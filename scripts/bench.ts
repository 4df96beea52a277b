/**
 * The engine benchmark: `npm run bench [-- --quick] [-- --seconds N] [-- --memory-seconds N] [-- --no-python] [-- --no-browser] [-- --no-storm] [-- --storm-seconds N] [-- --json]`.
 *
 * Side by side in one process: word count (sentence spout → split, shuffle → count, fields) with
 * JavaScript components and acking on, in virtual time and in wall time; a bare loop doing the same
 * splitting and counting without the engine, both drawing from the same few thousand distinct
 * sentences (and again from Storm's five sentences, which V8's split cache flatters), measured
 * alike (the same warm-up, then rounds alternating the two, CPU time: bench/rounds.ts); the same
 * topology over 2 worker threads (one per Storm worker, as the app's Web Workers) against 1; the
 * heap over a 60-second run; and the example word count with Python components next to its
 * JavaScript twins. Then the real anchor (bench/storm.ts): the same example word count on a Storm
 * 2.8.3 LocalCluster with JavaScript and Python components, and one Python component through
 * Storm's multilang protocol next to the same component through Pyodide (skipped, saying why,
 * without Java and Maven or python3). Prints a table of bolt tuples executed per second and how
 * each target fares, with the machine's load; and `zincrby` from a Python component into the run's embedded Redis in a
 * headless-Chromium Web Worker (skipped by --no-python or --no-browser).
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { BareLoop } from './bench/bare';
import { FIVE_SENTENCES, REALISTIC_SENTENCES, meanWords } from './bench/corpus';
import { fiftyComponents } from '../e2e/fixtures/viz-topologies';
import { runEventStream, runMemory, runThreads, runWallInProcess, THREAD_COUNTS, virtualWorkload, type EventStreamResult, type MemorySample, type RunResult } from './bench/engine-runs';
import { measurePair, warmUp } from './bench/rounds';
import { measureComponentOnStorm, measureLocalCluster, measureMultilang, measurePyodide, type LocalClusterResult, type MultilangResult, type StormComponentResult } from './bench/storm';

const { values } = parseArgs({
  options: { quick: { type: 'boolean' }, seconds: { type: 'string' }, 'memory-seconds': { type: 'string' }, 'no-python': { type: 'boolean' }, 'no-browser': { type: 'boolean' }, 'no-storm': { type: 'boolean' }, 'storm-seconds': { type: 'string' }, json: { type: 'boolean' } },
});
const stormSeconds = Number(values['storm-seconds'] ?? (values.quick ? 5 : 15));
const seconds = Number(values.seconds ?? (values.quick ? 3 : 8));
const memorySeconds = Number(values['memory-seconds'] ?? (values.quick ? 10 : 60));

const fmt = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '-');
const rate = (r: { executed: number; seconds: number }) => r.executed / r.seconds;
const cpuRate = (r: RunResult) => r.executed / r.cpuSeconds;
const pct = (x: number) => `${(100 * x).toFixed(0)} %`;
const log = (line: string) => {
  if (!values.json) process.stdout.write(line + '\n');
};

const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`;
const loadAtStart = load();
log(`Engine benchmark — ${machine}, load average ${loadAtStart} (1, 5, 15 min)`);
log(`word count: sentences → split ×2 (shuffle) → count ×3 (fields "word"), JavaScript components, acking on; ${seconds} s per run after a 2 s warm-up`);
log(`sentences: ${REALISTIC_SENTENCES.length} distinct (${meanWords(REALISTIC_SENTENCES).toFixed(2)} words each on average), the same list for the engine's spout and the bare loop; second lines: Storm's ${FIVE_SENTENCES.length} sentences\n`);

// The engine and the bare loop measured alike (bench/rounds.ts): the same warm-up, then rounds
// alternating the two, medians; the ratio is the median of the rounds' ratios of CPU rates.
const pairRounds = values.quick ? 3 : 5;
async function engineAgainstBare(sentences: readonly string[]) {
  const v = await virtualWorkload({ sentences });
  const bare = new BareLoop(sentences);
  warmUp([v, bare], 2);
  const before = v.totals();
  const t0 = v.engine.time;
  const m = measurePair(v, bare, { rounds: pairRounds, roundSeconds: seconds / pairRounds });
  const after = v.totals();
  const virtual = { ...m.a, executed: after.executed - before.executed, simulatedSeconds: (v.engine.time - t0) / 1000, acked: after.acked - before.acked, failed: after.failed - before.failed };
  return { virtual, bare: m.b, ratio: m.ratio };
}
const main = await engineAgainstBare(REALISTIC_SENTENCES);
const virtual = main.virtual;
const bare = main.bare;
log(`virtual time:   ${fmt(virtual.rate)} tuples/s, ${fmt(virtual.cpuRate)} per CPU second (${fmt(virtual.executed)} executed, ${virtual.simulatedSeconds.toFixed(0)} s simulated, ${fmt(virtual.acked)} trees acked, ${virtual.failed} failed)`);
log(`bare loop:      ${fmt(bare.rate)} executions/s, ${fmt(bare.cpuRate)} per CPU second   engine / bare × ${main.ratio.toFixed(3)}   (medians of ${pairRounds} rounds alternating the two)`);
const five = await engineAgainstBare(FIVE_SENTENCES);
const virtualFive = five.virtual;
const bareFive = five.bare;
log(`virtual time, ${FIVE_SENTENCES.length} sentences:   ${fmt(virtualFive.rate)} tuples/s, ${fmt(virtualFive.cpuRate)} per CPU second`);
log(`bare loop, ${FIVE_SENTENCES.length} sentences:      ${fmt(bareFive.rate)} executions/s, ${fmt(bareFive.cpuRate)} per CPU second   × ${five.ratio.toFixed(3)}`);
const wall = await runWallInProcess(seconds);
log(`wall time:      ${fmt(rate(wall))} tuples/s (${fmt(wall.executed)} executed, ${fmt(wall.acked!)} trees acked)`);
// The event stream (Step tab, animated canvas): step() per event, every event described, 200 kept per second.
const streamSeconds = Math.max(1, Math.round(seconds / 3));
const stream = await runEventStream(streamSeconds, values.quick ? 1 : 3);
const streamLine = (what: string, r: EventStreamResult, digits: number) =>
  `${what}: ${r.on.toFixed(digits)} simulated s per s with step() per described event (${fmt(r.eventsPerSecond)} events/s) vs ${r.off.toFixed(digits)} with runUntil: × ${(r.on / r.off).toFixed(2)}; describing only the 200 kept per second: ${r.keptOnly.toFixed(digits)}`;
log(streamLine('event stream, word count', stream, 1));
// The 50-component topology of the browser's run-view measure (e2e/fixtures/viz-topologies.ts).
const stream50 = await runEventStream(streamSeconds, values.quick ? 1 : 3, 200, 1, fiftyComponents());
log(streamLine('event stream, 50 components', stream50, 2));

// Threads share the machine with whatever else runs: alternate 1 and 2 a few times, keep the medians.
log(`\nworker threads, wall time: 2 spouts, 4 splits, ${THREAD_COUNTS} counts; topology.workers 1 (one thread) or 2 (one thread each, shared-memory rings between them)`);
const rounds = values.quick ? 1 : 3;
const ones: number[] = [];
const twos: number[] = [];
let shares: readonly number[] = [];
for (let r = 0; r < rounds; r++) {
  const a = await runThreads(1, seconds);
  ones.push(rate(a));
  const b = await runThreads(2, seconds);
  twos.push(rate(b));
  shares = b.workerShare;
  log(`1 worker thread:  ${fmt(rate(a))} tuples/s   2 worker threads: ${fmt(rate(b))} tuples/s   × ${(rate(b) / rate(a)).toFixed(2)}   (bolt tuples per worker: ${b.workerShare.map(pct).join(' / ')})`);
}
const messages = await runThreads(2, seconds, 2, 'messages');
log(`2 worker threads, batches over MessagePorts instead of rings: ${fmt(rate(messages))} tuples/s`);
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const one = { executed: median(ones), seconds: 1 };
const two = { executed: median(twos), seconds: 1 };

log(`\nheap over ${memorySeconds} s of virtual-time running (after a full GC):`);
const memory: MemorySample[] = await runMemory(memorySeconds, Math.max(1, Math.round(memorySeconds / 12)), (s) =>
  log(`  ${String(s.second).padStart(3)} s  ${s.heapMB.toFixed(1).padStart(6)} MB   (${fmt(s.executed)} executed, ${s.simulatedSeconds.toFixed(0)} s simulated)`),
);

// Python last: Pyodide adds ~110 MB to the process, which the heap samples above must not see.
let python: { python: number; javascript: number; pythonCpu: number; javascriptCpu: number } | null = null;
if (!values['no-python']) {
  const { measureEngineWordCount } = await import('../workers/python/bench');
  log(`\nthe example word count (1 spout, split ×2, count ×3), virtual time, acking on, every component in one language:`);
  const cpuClock = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const py = await measureEngineWordCount('python', seconds, {}, cpuClock);
  const pyCpu = py.executed / py.cpuSeconds!;
  log(`  Python (Pyodide):        ${fmt(py.tuplesPerSecond)} tuples/s, ${fmt(pyCpu)} per CPU second`);
  const js = await measureEngineWordCount('javascript', seconds, {}, cpuClock);
  const jsCpu = js.executed / js.cpuSeconds!;
  log(`  JavaScript (its twins):  ${fmt(js.tuplesPerSecond)} tuples/s, ${fmt(jsCpu)} per CPU second`);
  python = { python: py.tuplesPerSecond, javascript: js.tuplesPerSecond, pythonCpu: pyCpu, javascriptCpu: jsCpu };
}

// The real anchor: the same word count on a Storm LocalCluster, and one Python component on multilang vs Pyodide.
const TO_COUNT = 100_000;
const cluster: Partial<Record<'javascript' | 'python', LocalClusterResult>> = {};
const perComponent: { component: string; pyodide: number; multilang: number; pyodideCpu: number; multilangCpu: number; storm: StormComponentResult | null }[] = [];
let stormSkipped: string | null = null;
if (values['no-storm']) stormSkipped = '--no-storm';
else {
  const { benchWordCount } = await import('../workers/python/bench');
  log(`\nreal Apache Storm 2.8.3 (a LocalCluster, as npm run storm runs it): the same example word count, spout without sleep, acking on, ${stormSeconds} s of spout time (load average ${load()})`);
  for (const language of values['no-python'] ? (['javascript'] as const) : (['javascript', 'python'] as const)) {
    const r = await measureLocalCluster(benchWordCount(), language, stormSeconds, (l) => log(`  ${l}`));
    if (typeof r === 'string') {
      stormSkipped = r;
      log(`  skipped: ${r}`);
      break;
    }
    cluster[language] = r;
    log(`  ${language.padEnd(11)} ${r.steadyTuplesPerSecond === null ? '' : `${fmt(r.steadyTuplesPerSecond)} bolt tuples/s in the steady state (Storm's counters at 3 s and at the deactivation); `}${fmt(r.tuplesPerSecond.low)}–${fmt(r.tuplesPerSecond.high)} bolt tuples/s overall (${fmt(r.executed)} executed; over ${r.drainedSeconds.toFixed(1)} s until drained – over ${r.spoutSeconds.toFixed(1)} s of spout time), ${r.tuplesPerCpuSecond === null ? '-' : fmt(r.tuplesPerCpuSecond)} per CPU second of the JVM and its shell processes (${r.cpuSeconds?.toFixed(1) ?? '-'} CPU s); ${r.startSeconds.toFixed(1)} s from the command to the spouts' start`);
  }
  if (!values['no-python'] && !stormSkipped) {
    log(
      `\none Python component alone, the word count's split and count (BasicBolts): Pyodide (this process, a task API that only counts) vs the same component on Storm's multilang: ` +
        `on the LocalCluster (one task, fed by 2 Python spouts as fast as backpressure lets them; its executed tuples per second between Storm's counters at 3 s and at ${stormSeconds} s), ` +
        `and python3 -m petrel.run alone, fed over its stdin as ShellBolt feeds it (its CPU only: the JVM's side of multilang not counted)`,
    );
    for (const component of ['split', 'count'] as const) {
      const p = await measurePyodide(component, 50_000);
      const onStorm = await measureComponentOnStorm(component, Math.max(6, stormSeconds), (l) => log(`  ${l}`));
      const m: MultilangResult | string = await measureMultilang(component, 50_000);
      if (typeof m === 'string' || typeof onStorm === 'string') {
        log(`  ${component}: multilang skipped: ${typeof m === 'string' ? m : onStorm}`);
        continue;
      }
      perComponent.push({ component, pyodide: p.tuplesPerSecond, multilang: m.tuplesPerSecond, pyodideCpu: p.tuplesPerCpuSecond, multilangCpu: m.tuplesPerCpuSecond, storm: onStorm });
      log(
        `  ${component.padEnd(6)} Pyodide ${fmt(p.tuplesPerSecond)} tuples/s (${fmt(p.tuplesPerCpuSecond)} per CPU s)   on Storm ${fmt(onStorm.tuplesPerSecond)} tuples/s (fed ${fmt(onStorm.fedPerSecond)}/s; ` +
          `its python3 ${onStorm.componentCpuSeconds === null ? '-' : `${((onStorm.componentCpuSeconds / onStorm.seconds) * 100).toFixed(0)} % busy`})   × ${(p.tuplesPerSecond / onStorm.tuplesPerSecond).toFixed(2)}   ` +
          `python3 alone ${fmt(m.tuplesPerSecond)} tuples/s (${fmt(m.tuplesPerCpuSecond)} per CPU s)   × ${(p.tuplesPerCpuSecond / m.tuplesPerCpuSecond).toFixed(2)} CPU`,
      );
    }
  }
}

// The run's embedded Redis from Python in a headless-Chromium Web Worker (docs/benchmarks.md).
let redis: import('./bench/redis-browser').RedisBrowserResult | null = null;
if (!values['no-python'] && !values['no-browser']) {
  const { measureZincrbyInBrowser } = await import('./bench/redis-browser');
  log(`\nzincrby from a Python component into the run's Redis, headless Chromium Web Worker:`);
  redis = await measureZincrbyInBrowser(values.quick ? 500_000 : 2_000_000);
  log(`  ${fmt(redis.perSecond)} calls/s (wall)` + (redis.cpuSeconds !== null ? `, ${fmt(redis.calls / redis.cpuSeconds)} per CPU second` : '') + `; load ${redis.load[0].toFixed(1)} → ${redis.load[1].toFixed(1)}`);
}

const ratio = main.ratio;
const ratioFive = five.ratio;
const speedup = rate(two) / rate(one);
const heaps = memory.map((s) => s.heapMB);
const firstHalf = heaps.slice(1, Math.ceil(heaps.length / 2));
const secondHalf = heaps.slice(Math.ceil(heaps.length / 2));
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const growth = avg(secondHalf) - avg(firstHalf);

const rows: [string, string, string, string][] = [
  ['engine, virtual time, 1 thread', fmt(virtual.rate), fmt(virtual.cpuRate), ''],
  ['engine, wall time, 1 thread', fmt(rate(wall)), fmt(cpuRate(wall)), ''],
  ['engine, virtual time, event stream on (sim s/s)', stream.on.toFixed(1), '', `× ${(stream.on / stream.off).toFixed(2)}`],
  ['  … describing only the events kept (sim s/s)', stream.keptOnly.toFixed(1), '', `× ${(stream.keptOnly / stream.off).toFixed(2)}`],
  ['  … event stream off (sim s/s)', stream.off.toFixed(1), '', ''],
  ['50 components, event stream on (sim s/s)', stream50.on.toFixed(2), '', `× ${(stream50.on / stream50.off).toFixed(2)}`],
  ['  … describing only the events kept (sim s/s)', stream50.keptOnly.toFixed(2), '', `× ${(stream50.keptOnly / stream50.off).toFixed(2)}`],
  ['  … event stream off (sim s/s)', stream50.off.toFixed(2), '', ''],
  ['bare loop (no engine)', fmt(bare.rate), fmt(bare.cpuRate), `× ${ratio.toFixed(3)}`],
  [`engine, virtual time, ${FIVE_SENTENCES.length} sentences`, fmt(virtualFive.rate), fmt(virtualFive.cpuRate), ''],
  [`bare loop, ${FIVE_SENTENCES.length} sentences`, fmt(bareFive.rate), fmt(bareFive.cpuRate), `× ${ratioFive.toFixed(3)}`],
  [`engine, wall time, 1 worker thread${rounds > 1 ? ' (median)' : ''}`, fmt(rate(one)), '', ''],
  [`engine, wall time, 2 worker threads${rounds > 1 ? ' (median)' : ''}`, fmt(rate(two)), '', `× ${speedup.toFixed(2)}`],
  ['  … batches over MessagePorts', fmt(rate(messages)), '', ''],
  ...(python ? ([['example word count, Python', fmt(python.python), fmt(python.pythonCpu), ''], ['example word count, JavaScript twins', fmt(python.javascript), fmt(python.javascriptCpu), '']] as [string, string, string, string][]) : []),
  ...(['javascript', 'python'] as const).flatMap((l) => {
    const c = cluster[l];
    return c ? [[`Storm LocalCluster, example word count, ${l === 'python' ? 'Python' : 'JavaScript'}`, c.steadyTuplesPerSecond === null ? `${fmt(c.tuplesPerSecond.low)}–${fmt(c.tuplesPerSecond.high)}` : fmt(c.steadyTuplesPerSecond), c.tuplesPerCpuSecond === null ? '' : fmt(c.tuplesPerCpuSecond), ''] as [string, string, string, string]] : [];
  }),
  ...perComponent.flatMap((p) => [
    [`${p.component} (Python) on Pyodide`, fmt(p.pyodide), fmt(p.pyodideCpu), ''],
    ...(p.storm ? [[`${p.component} (Python) on Storm (ShellBolt)`, fmt(p.storm.tuplesPerSecond), p.storm.tuplesPerComponentCpuSecond === null ? '' : fmt(p.storm.tuplesPerComponentCpuSecond), `× ${(p.pyodide / p.storm.tuplesPerSecond).toFixed(2)}`]] : []),
    [`${p.component} (Python) python3 alone on multilang`, fmt(p.multilang), fmt(p.multilangCpu), `× ${(p.pyodideCpu / p.multilangCpu).toFixed(2)}`],
  ] as [string, string, string, string][]),
];
// Wall time to TO_COUNT bolt tuples: the simulator's rate (its start: well under a second for JavaScript, Pyodide's start for Python) vs Storm's start plus its rate.
const toCount = (['javascript', 'python'] as const).flatMap((l) => {
  const c = cluster[l];
  const sim = python ? python[l] : null;
  const simCpu = python ? python[l === 'python' ? 'pythonCpu' : 'javascriptCpu'] : null;
  // Storm's rate: the steady state where it was measured, else its upper bound (executed over spout time).
  const stormRate = c ? (c.steadyTuplesPerSecond ?? c.tuplesPerSecond.high) : 0;
  return c && sim && simCpu ? [{ language: l, simulatorSeconds: TO_COUNT / sim, stormSeconds: c.startSeconds + TO_COUNT / stormRate, simulatorRatio: sim / stormRate, simulatorUpperRatio: sim / c.tuplesPerSecond.high, simulatorCpuRatio: c.tuplesPerCpuSecond ? simCpu / c.tuplesPerCpuSecond : null }] : [];
});
for (const t of toCount) log(`wall time to ${fmt(TO_COUNT)} bolt tuples, ${t.language}: simulator ${t.simulatorSeconds.toFixed(1)} s (virtual time, after its start) vs Storm ${t.stormSeconds.toFixed(1)} s (its start included)`);
const targets = [
  { what: 'bolt tuples executed/s with acking, virtual time', target: '≥ 2,000,000', value: fmt(virtual.rate), met: virtual.rate >= 2_000_000 },
  { what: `… the same with Storm's ${FIVE_SENTENCES.length} sentences`, target: '≥ 2,000,000', value: fmt(virtualFive.rate), met: virtualFive.rate >= 2_000_000 },
  { what: 'engine (virtual) / bare loop, CPU time, median of the rounds', target: '≥ 0.25', value: ratio.toFixed(3), met: ratio >= 0.25 },
  { what: `engine (virtual) / bare loop, ${FIVE_SENTENCES.length} sentences (V8's split cache helps both)`, target: '(for comparison)', value: ratioFive.toFixed(3), met: true },
  { what: '2 worker threads / 1, wall time', target: '≥ 1.6', value: speedup.toFixed(2), met: speedup >= 1.6 },
  ...(redis
    ? [
        {
          what: 'zincrby/s from a Python component, browser worker, per CPU second (wall: ' + fmt(redis.perSecond) + ' at load ' + redis.load[1].toFixed(0) + ')',
          target: '≥ 200,000',
          value: fmt(redis.cpuSeconds !== null ? redis.calls / redis.cpuSeconds : redis.perSecond),
          met: (redis.cpuSeconds !== null ? redis.calls / redis.cpuSeconds : redis.perSecond) >= 200_000,
        },
      ]
    : []),
  { what: `heap growth, second half vs first half of ${memorySeconds} s`, target: 'flat (< 5 MB)', value: `${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB`, met: Math.abs(growth) < 5 },
  ...toCount.map((t) => ({ what: `simulator (virtual time) / Storm LocalCluster, example word count, ${t.language}, bolt tuples per wall second (Storm's steady state; against its overall upper bound ${t.simulatorUpperRatio.toFixed(2)})`, target: '≥ 5', value: t.simulatorRatio.toFixed(2), met: t.simulatorRatio >= 5 })),
  ...toCount.flatMap((t) => (t.simulatorCpuRatio === null ? [] : [{ what: `… the same per CPU second (Storm: the JVM and its shell processes)`, target: '≥ 5', value: t.simulatorCpuRatio.toFixed(2), met: t.simulatorCpuRatio >= 5 }])),
  ...perComponent.flatMap((p) =>
    p.storm ? [{ what: `Pyodide / Storm's multilang (ShellBolt on the LocalCluster), one Python component (${p.component}), tuples per wall second`, target: '≥ 10', value: (p.pyodide / p.storm.tuplesPerSecond).toFixed(2), met: p.pyodide / p.storm.tuplesPerSecond >= 10 }] : [],
  ),
  ...perComponent.map((p) => ({ what: `Pyodide / python3 -m petrel.run alone (JVM side not counted), one Python component (${p.component}), tuples per CPU second`, target: '(for comparison)', value: (p.pyodideCpu / p.multilangCpu).toFixed(2), met: true })),
];

if (values.json) {
  process.stdout.write(
    JSON.stringify({ machine, load: { start: loadAtStart, end: load() }, seconds, virtual, wall, eventStream: stream, eventStream50: stream50, bare, virtualFive, bareFive, ratio, ratioFive, threads: { one: ones, two: twos, speedup, workerShare: shares, messages: rate(messages) }, memory, python, redis, storm: { skipped: stormSkipped, seconds: stormSeconds, cluster, perComponent, toCount }, targets }, null, 2) + '\n',
  );
} else {
  const w = [48, 18, 18, 10];
  log('\n' + ['run', 'tuples/s (wall)', 'tuples/s (CPU)', ''].map((h, i) => (i === 0 ? h.padEnd(w[i]!) : h.padStart(w[i]!))).join(''));
  for (const r of rows) log(r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join(''));
  log('');
  for (const t of targets) log(`${t.target.startsWith('(') ? '       ' : t.met ? 'met    ' : 'MISSED '} ${t.what}: ${t.value} (target ${t.target})`);
  if (stormSkipped) log(`(real Storm not measured: ${stormSkipped})`);
  log(`load average at the start ${loadAtStart}, at the end ${load()} (1, 5, 15 min; ${cpus().length} cores)`);
}
