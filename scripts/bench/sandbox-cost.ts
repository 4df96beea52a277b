/**
 * The sandbox's cost (issue 12): `npx tsx scripts/bench/sandbox-cost.ts [--seconds N] [--runs N] [--no-python]`.
 *
 * The engine's word count (JavaScript components, virtual time, bench/word-count.ts) and the
 * example word count in Python, each measured in child processes alternating the two sides
 * (before, after, after, before, …) so that the machine's load falls on both:
 * - before: the realm as it was (no SES lockdown; JavaScript components compiled with `new Function`);
 * - after: as the simulation hosts run now (Pyodide loaded first, then `lockdown()`; each JavaScript
 *   component in its own Compartment).
 * The figure is bolt tuples executed per second of this process's CPU time (user + system), the
 * median of each process's rounds; the Python runtime's in-interpreter barrier (sandbox.py) is on
 * both sides: it acts on imports only, never per tuple.
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Engine, defaultRegistry, sesRealm } from '../../src/engine';
import { median, round, warmUp } from './rounds';
import { virtualWorkload } from './engine-runs';

const { values } = parseArgs({ options: { side: { type: 'string' }, what: { type: 'string' }, seconds: { type: 'string' }, runs: { type: 'string' }, 'no-python': { type: 'boolean' } } });
const seconds = Number(values.seconds ?? 4);

async function child(side: 'before' | 'after', what: 'js' | 'python'): Promise<void> {
  let out: { cpuRate: number; sandboxed: boolean };
  if (what === 'js') {
    if (side === 'after') (await import('../../workers/sandbox/lockdown')).lockdownHost();
    const w = await virtualWorkload();
    warmUp([w], 2);
    const rounds = [0, 1, 2].map(() => round(w, seconds));
    out = { cpuRate: median(rounds.map((r) => r.executed / r.cpuSeconds)), sandboxed: sesRealm() !== null };
  } else {
    const { createPythonRuntime } = await import('../../workers/python/runtime');
    const { benchWordCount } = await import('../../workers/python/bench');
    const runtime = createPythonRuntime({ interruptBuffer: null });
    await runtime.preload();
    if (side === 'after') (await import('../../workers/sandbox/lockdown')).lockdownHost();
    const engine = await Engine.create({ document: benchWordCount(), seed: 1, runtimes: defaultRegistry().register('python', () => runtime).resolver(), languageOf: () => 'python' });
    const executed = () => {
      const c = engine.snapshot({ maxLogs: 0 }).components;
      return c.split!.windows.all.executed + c.count!.windows.all.executed;
    };
    let t = 0;
    const w = { step: () => void engine.runUntil((t += 50)), executed };
    warmUp([w], 2);
    const rounds = [0, 1, 2].map(() => round(w, seconds));
    out = { cpuRate: median(rounds.map((r) => r.executed / r.cpuSeconds)), sandboxed: sesRealm() !== null };
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

function spawnSide(side: string, what: string): { cpuRate: number; sandboxed: boolean } {
  const text = execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--side', side, '--what', what, '--seconds', String(seconds)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(text.trim().split('\n').pop()!) as { cpuRate: number; sandboxed: boolean };
}

if (values.side) {
  await child(values.side as 'before' | 'after', values.what as 'js' | 'python');
} else {
  const runs = Number(values.runs ?? 3);
  const whats = values['no-python'] ? ['js'] : ['js', 'python'];
  for (const what of whats) {
    const before: number[] = [];
    const after: number[] = [];
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? ['before', 'after'] : ['after', 'before'];
      for (const side of order) {
        const r = spawnSide(side, what);
        if (r.sandboxed !== (side === 'after')) throw new Error(`${what} ${side}: sandboxed is ${r.sandboxed}`);
        (side === 'before' ? before : after).push(r.cpuRate);
        process.stdout.write(`${what} ${side}: ${Math.round(r.cpuRate).toLocaleString('en-US')} tuples per CPU second\n`);
      }
    }
    const b = median(before);
    const a = median(after);
    process.stdout.write(`${what}: before ${Math.round(b).toLocaleString('en-US')}, after ${Math.round(a).toLocaleString('en-US')} tuples per CPU second (medians of ${runs}); after/before = ${(a / b).toFixed(3)}\n`);
  }
}
