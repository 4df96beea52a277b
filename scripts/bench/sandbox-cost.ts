/**
 * The sandbox's cost (issue 12): `npx tsx scripts/bench/sandbox-cost.ts [--seconds N] [--runs N] [--no-python] [--no-js]`.
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
 *
 * `--builtins` adds what component code meets of the language itself: a few one-line operations
 * (string and regular-expression splits, a regex replace, `for…of` and spread over an array,
 * iterating a Map, stores into an array, a typed array's `length`), compiled with `new Function` before and in a Compartment after, each in
 * operations per CPU second.
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Engine, defaultRegistry, sesRealm } from '../../src/engine';
import { median, round, warmUp } from './rounds';
import { virtualWorkload } from './engine-runs';

const { values } = parseArgs({ options: { side: { type: 'string' }, what: { type: 'string' }, seconds: { type: 'string' }, runs: { type: 'string' }, 'no-python': { type: 'boolean' }, 'no-js': { type: 'boolean' }, builtins: { type: 'boolean' } } });
const seconds = Number(values.seconds ?? 4);

/** One line of component code each, run on a 14-word sentence. */
const BUILTINS: Readonly<Record<string, string>> = {
  "split(' ')": `return s.split(' ').length;`,
  'split(/\\s+/)': `return s.split(/\\s+/).length;`,
  "replace(/o/g, '0')": `return s.replace(/o/g, '0').length;`,
  'for…of + spread over an array': `let n = 0; for (const w of words) n += w.length; return n + [...words].length;`,
  'for…of over a Map': `let n = 0; for (const [k, v] of counts) n += v; return n;`,
  'stores into an array': `const a = [0, 0, 0, 0, 0, 0, 0, 0]; for (let i = 0; i < 8; i++) a[i] = i + s.length; return a[3];`,
  "a typed array's length": `const t = new Int32Array(8); let n = 0; for (let i = 0; i < 8; i++) n += t.length; return n;`,
};

/** Operations per CPU second of each line in `BUILTINS`, compiled the way `side` compiles components. */
async function builtins(side: 'before' | 'after'): Promise<Record<string, number>> {
  if (side === 'after') (await import('../../workers/sandbox/lockdown')).lockdownHost();
  const ses = sesRealm();
  const compile = (body: string) =>
    (ses ? new ses.Compartment({ __options__: true, globals: {} }).evaluate(`(function (s, words, counts) { ${body} })`) : new Function('s', 'words', 'counts', body)) as (s: string, words: string[], counts: Map<string, number>) => number;
  const s = 'the cow jumped over the moon and an apple a day keeps the doctor away';
  const words = s.split(' ');
  const counts = new Map(words.map((w, i) => [w, i]));
  const out: Record<string, number> = {};
  for (const [name, body] of Object.entries(BUILTINS)) {
    const f = compile(body);
    let calls = 0;
    let sink = 0;
    const w = { step: () => { for (let i = 0; i < 1000; i++) sink += f(s, words, counts); calls += 1000; }, executed: () => calls };
    warmUp([w], 0.3);
    out[name] = median([0, 1, 2].map(() => round(w, seconds / 4)).map((r) => r.executed / r.cpuSeconds));
    if (sink === -1) out[name] = 0;
  }
  return out;
}

async function child(side: 'before' | 'after', what: 'js' | 'python' | 'builtins'): Promise<void> {
  let out: { cpuRate: number; sandboxed: boolean; builtins?: Record<string, number> };
  if (what === 'builtins') {
    out = { cpuRate: 0, builtins: await builtins(side), sandboxed: sesRealm() !== null };
  } else if (what === 'js') {
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

interface ChildResult {
  readonly cpuRate: number;
  readonly sandboxed: boolean;
  readonly builtins?: Record<string, number>;
}

function spawnSide(side: string, what: string): ChildResult {
  const text = execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--side', side, '--what', what, '--seconds', String(seconds)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(text.trim().split('\n').pop()!) as ChildResult;
}

if (values.side) {
  await child(values.side as 'before' | 'after', values.what as 'js' | 'python' | 'builtins');
} else {
  const runs = Number(values.runs ?? 3);
  const whats = ['js', 'python'].filter((w) => !values[`no-${w}` as 'no-js' | 'no-python']);
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
  if (values.builtins) {
    const sides = { before: [] as Record<string, number>[], after: [] as Record<string, number>[] };
    for (let i = 0; i < runs; i++) for (const side of i % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const)) sides[side].push(spawnSide(side, 'builtins').builtins!);
    process.stdout.write(`\ncomponent code, operations per CPU second (medians of ${runs} processes per side):\n`);
    for (const name of Object.keys(BUILTINS)) {
      const b = median(sides.before.map((r) => r[name]!));
      const a = median(sides.after.map((r) => r[name]!));
      process.stdout.write(`  ${name.padEnd(32)} before ${Math.round(b).toLocaleString('en-US').padStart(11)}  after ${Math.round(a).toLocaleString('en-US').padStart(11)}  after/before ${(a / b).toFixed(3)}\n`);
    }
  }
}
