/**
 * The real-Storm anchor of `npm run bench`:
 *
 * - the example word count (spout without sleep, split ×2, count ×3, acking on) on a Storm 2.8.3
 *   LocalCluster (what `npm run storm` runs), with JavaScript and with Python components: bolt
 *   tuples executed per second, and the wall time to a given count (the cluster's start included);
 * - one Python component through Storm's multilang protocol: `python3 -m petrel.run` (the
 *   exported project's runtime) fed tuples over its stdin as ShellBolt feeds them, acks read back:
 *   per-component throughput, to set next to the same component through Pyodide.
 *
 * The LocalCluster part needs Java 17+ and Maven, the multilang part python3: each says why it is
 * skipped when they are missing.
 */
import { RunDatastores } from '../../src/engine/datastore/stores';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { exportFlux, type ExportBundle } from '../../src/formats';
import { pythonRuntimeFiles } from '../../src/formats/flux/export';
import { RESOURCES_DIR } from '../../src/formats/flux/maven';
import { withLanguage, wordCountExample, type TopologyDocument } from '../../src/model';
import { spout, subscribe, topology } from '../../src/model/examples/build';
import { launch } from '../storm/launch';
import { ensureRunner, type Runner } from '../storm/maven';
import { processGroup } from '../storm/test-kit';
import { findToolchain, which, type Toolchain } from '../storm/toolchain';

export interface LocalClusterResult {
  readonly language: 'javascript' | 'python';
  /** Bolt tuples executed (split + count), counted by Storm. */
  readonly executed: number;
  /** Seconds the spouts ran, and seconds from their start until Storm's counts stopped changing. */
  readonly spoutSeconds: number;
  readonly drainedSeconds: number;
  /** executed / drainedSeconds (a lower bound) and executed / spoutSeconds (an upper bound). */
  readonly tuplesPerSecond: { readonly low: number; readonly high: number };
  /**
   * Bolt tuples executed per second in the steady state: Storm's per-task counters read in the JVM
   * at 3 s after the spouts' start and at their deactivation (start-up and draining left out, as
   * the simulator's figure leaves out its warm-up); null when the run was too short.
   */
  readonly steadyTuplesPerSecond: number | null;
  /** Seconds from the command's start to the spouts' activation (JVM, LocalCluster, workers, shell processes). */
  readonly startSeconds: number;
  /**
   * CPU seconds the JVM and the component processes used from the spouts' activation until the
   * figures were read (sampled every 250 ms from /proc: null where it cannot be read), and
   * executed / that: Storm's bolt tuples per CPU second.
   */
  readonly cpuSeconds: number | null;
  readonly tuplesPerCpuSecond: number | null;
}

/**
 * What a LocalCluster run needs: Java and Maven (and python3 when `python`), the runner built, the
 * document exported as a Storm project; or a string saying why it cannot run here.
 */
async function prepare(doc: TopologyDocument, python: boolean, say: (line: string) => void): Promise<{ tools: Toolchain; runner: Runner; bundle: ExportBundle } | string> {
  const tools = await findToolchain(process.env, { python });
  if (typeof tools === 'string') return tools;
  let runner: Runner;
  try {
    runner = await ensureRunner(tools, say);
  } catch (e) {
    return (e as Error).message;
  }
  const bundle = exportFlux(doc);
  return bundle.ok ? { tools, runner, bundle: bundle.value } : JSON.stringify(bundle.errors);
}

/** CPU seconds so far of every live process in process group `pgid` (the runner JVM and its shell components), by pid. */
function groupCpu(pgid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of processGroup(pgid)) {
    const cpu = cpuSecondsOf(pid);
    if (cpu !== null) out.set(pid, cpu);
  }
  return out;
}

/**
 * The word count on a LocalCluster for `seconds`, every component in `language`, or a string
 * saying why it cannot run here (no Java or Maven, Maven cannot resolve Storm, the run failed).
 */
export async function measureLocalCluster(doc: TopologyDocument, language: 'javascript' | 'python', seconds: number, say: (line: string) => void): Promise<LocalClusterResult | string> {
  const t0 = performance.now();
  const ready = await prepare(withLanguage(doc, language), language === 'python', say);
  if (typeof ready === 'string') return ready;
  const { tools, runner, bundle } = ready;
  let activated = 0;
  let jvm = 0;
  // CPU per process of the group, sampled: the last reading of each process counts (a process that ended keeps its last).
  const atActivation = new Map<number, number>();
  const latest = new Map<number, number>();
  let sampling = false;
  let done = false;
  const sample = () => {
    if (jvm === 0 || done) return;
    for (const [pid, cpu] of groupCpu(jvm)) latest.set(pid, cpu);
  };
  const timer = setInterval(() => {
    if (sampling) sample();
  }, 250);
  const r = await launch({
    tools,
    runner,
    bundle,
    seconds,
    drainSeconds: 10,
    seed: 1,
    ...(seconds > 4 ? { samples: [3, seconds] } : {}),
    onStart: (pid) => (jvm = pid),
    onProgress: (line) => {
      if (line.startsWith('running for')) {
        activated = performance.now();
        sample();
        for (const [pid, cpu] of latest) atActivation.set(pid, cpu);
        sampling = true;
      } else if (line.startsWith('read the figures')) {
        sample();
        done = true;
      }
    },
  });
  clearInterval(timer);
  if (!r.ok) return r.message;
  const cpuSeconds = latest.size > 0 ? [...latest].reduce((total, [pid, cpu]) => total + cpu - (atActivation.get(pid) ?? 0), 0) : null;
  const c = r.run.components;
  const executed = (c.split?.executed ?? 0) + (c.count?.executed ?? 0);
  const { running, deactivated, read } = r.run.times;
  const spoutSeconds = (deactivated - running) / 1000;
  const drainedSeconds = (read - running) / 1000;
  const [a, b] = r.run.samples ?? [];
  const boltsExecuted = (sample: NonNullable<typeof a>) => counted(sample.components, 'split', '__execute-count-') + counted(sample.components, 'count', '__execute-count-');
  const steadyTuplesPerSecond = a && b && b.time > a.time ? (boltsExecuted(b) - boltsExecuted(a)) / ((b.time - a.time) / 1000) : null;
  return {
    steadyTuplesPerSecond,
    language,
    executed,
    spoutSeconds,
    drainedSeconds,
    tuplesPerSecond: { low: executed / drainedSeconds, high: executed / spoutSeconds },
    startSeconds: ((activated || performance.now()) - t0) / 1000,
    cpuSeconds,
    tuplesPerCpuSecond: cpuSeconds ? executed / cpuSeconds : null,
  };
}

export interface ComponentResult {
  readonly component: string;
  readonly tuples: number;
  readonly seconds: number;
  readonly tuplesPerSecond: number;
  /**
   * Tuples per second of the component's CPU time (the python3 process on multilang, this process
   * on Pyodide): what a loaded machine distorts least. Storm's side of multilang (the JVM's
   * ShellBolt, here the feeder) is not counted, so the multilang figure is an upper bound.
   */
  readonly tuplesPerCpuSecond: number;
  readonly emitsPerSecond: number;
}
export type MultilangResult = ComponentResult;

/** CPU seconds (user + system) process `pid` has used, from /proc (Linux), or null. */
function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return null;
  }
}

const ownCpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const SENTENCES = ['the cow jumped over the moon', 'an apple a day keeps the doctor away', 'four score and seven years ago', 'snow white and the seven dwarfs', 'i am at two with nature'];

/**
 * Feeds `tuples` tuples to the word count's Python `split` or `count` bolt running as Storm runs
 * it (`python3 -m petrel.run`, the exported resources/ folder), as fast as it acks them (at most
 * 1000 unacked, as ShellBolt's queue bounds them): the component's throughput on multilang.
 */
export async function measureMultilang(component: 'split' | 'count', tuples: number): Promise<MultilangResult | string> {
  if (!which('python3', process.env.PATH)) return 'python3 is not on the PATH';
  const doc = withLanguage(wordCountExample(), 'python');
  const dir = mkdtempSync(join(tmpdir(), 'bench-multilang-'));
  try {
    for (const f of pythonRuntimeFiles()) {
      const path = join(dir, f.path.slice(RESOURCES_DIR.length + 1));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.content);
    }
    writeFileSync(join(dir, `${component}.py`), doc.components.find((c) => c.id === component)!.code.python!);
    const inputs = component === 'split' ? SENTENCES : SENTENCES.join(' ').split(' ');
    const proc = spawn('python3', ['-m', 'petrel.run', component, `${component}.log`], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
    const send = (m: unknown) => proc.stdin.write(`${JSON.stringify(m)}\nend\n`);
    let buffer = '';
    let acked = 0;
    let emitted = 0;
    let sent = 0;
    let start = 0;
    const window = 1000;
    const pump = () => {
      let chunk = '';
      while (sent < tuples && sent - acked < window) {
        chunk += `${JSON.stringify({ id: String(sent), comp: 'sentences', stream: 'default', task: 5, tuple: [inputs[sent % inputs.length]] })}\nend\n`;
        sent++;
      }
      if (chunk) proc.stdin.write(chunk);
    };
    let cpuStart = 0;
    let cpuEnd = 0;
    const pyCpu = () => (proc.pid === undefined ? 0 : (cpuSecondsOf(proc.pid) ?? 0));
    const done = new Promise<number>((resolve, reject) => {
      let handshook = false;
      proc.on('exit', (code) => reject(new Error(`python3 -m petrel.run ${component} exited with ${code}`)));
      proc.stdout.setEncoding('utf8');
      proc.stdout.on('data', (d: string) => {
        buffer += d;
        for (;;) {
          const end = buffer.indexOf('\nend\n');
          if (end < 0) break;
          const m = JSON.parse(buffer.slice(0, end)) as { command?: string; pid?: number };
          buffer = buffer.slice(end + 5);
          if (!handshook && m.pid !== undefined) {
            handshook = true;
            start = performance.now();
            cpuStart = pyCpu();
            pump();
          } else if (m.command === 'ack') {
            acked++;
            if (acked === tuples) {
              cpuEnd = pyCpu();
              resolve(performance.now() - start);
            }
            else if (sent - acked <= window / 2) pump();
          } else if (m.command === 'emit') emitted++;
        }
      });
    });
    send({ conf: {}, context: { taskid: 2, componentid: component, 'task->component': { '2': component } }, pidDir: dir });
    let ms: number;
    try {
      ms = await done;
    } finally {
      proc.stdin.end();
      proc.kill();
    }
    return { component, tuples, seconds: ms / 1000, tuplesPerSecond: tuples / (ms / 1000), tuplesPerCpuSecond: tuples / (cpuEnd - cpuStart), emitsPerSecond: emitted / (ms / 1000) };
  } catch (e) {
    return (e as Error).message;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same component through Storm Studio's Pyodide runtime (in this process), called as the
 * engine calls it with a task API that only counts: wall and CPU rates over `tuples` tuples after
 * a warm-up, to set next to {@link measureMultilang}.
 */
export async function measurePyodide(component: 'split' | 'count', tuples: number): Promise<ComponentResult> {
  const { createPythonRuntime } = await import('../../workers/python/runtime');
  const doc = withLanguage(wordCountExample(), 'python');
  const runtime = createPythonRuntime({ interruptBuffer: null });
  try {
    const loaded = await runtime.load(doc.components.find((c) => c.id === component)!);
    let emitted = 0;
    const stores = new RunDatastores(() => 0);
    const api = {
      emit: () => {
        emitted++;
        return [] as number[];
      },
      ack() {},
      fail() {},
      log() {},
      reportError() {},
      sleep() {},
      time: () => 0,
      random: () => 0.5,
      datastores: () => stores,
    };
    const task = loaded.create(2, api);
    task.initialize({}, { taskid: 2, componentid: component, 'task->component': { '2': component } });
    const inputs = component === 'split' ? SENTENCES : SENTENCES.join(' ').split(' ');
    const views = inputs.map((v, i) => ({ id: String(i), component: 'sentences', stream: 'default', task: 5, values: [v] }));
    for (let i = 0; i < Math.min(tuples, 5_000); i++) task.process(views[i % views.length]!);
    emitted = 0;
    const cpu0 = ownCpuSeconds();
    const t0 = performance.now();
    for (let i = 0; i < tuples; i++) task.process(views[i % views.length]!);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = ownCpuSeconds() - cpu0;
    return { component, tuples, seconds, tuplesPerSecond: tuples / seconds, tuplesPerCpuSecond: tuples / cpu, emitsPerSecond: emitted / seconds };
  } finally {
    runtime.dispose();
  }
}

export interface StormComponentResult {
  readonly component: string;
  /** Tuples the component executed per second between two readings of Storm's counters. */
  readonly tuplesPerSecond: number;
  readonly tuples: number;
  readonly seconds: number;
  /** What the feeding spouts emitted per second over the same stretch (they must outrun the component). */
  readonly fedPerSecond: number;
  /** CPU seconds of the component's python3 process over the stretch, and tuples per that (null where /proc cannot be read). */
  readonly componentCpuSeconds: number | null;
  readonly tuplesPerComponentCpuSecond: number | null;
}

/** Sum of a component's counters in a sample whose names start with `prefix` (`__execute-count-`, `__emit-count-`). */
function counted(components: Readonly<Record<string, Readonly<Record<string, number>>>>, component: string, prefix: string): number {
  let total = 0;
  for (const [name, n] of Object.entries(components[component] ?? {})) if (name.startsWith(prefix)) total += n;
  return total;
}

/**
 * The word count's `split` or `count` (Python, one task) on a Storm LocalCluster, through Storm's
 * real multilang path (ShellBolt in the JVM, the exported `petrel` runtime in python3), fed by
 * `feeders` Python spouts that emit without ids as fast as Storm's backpressure lets them: the
 * component's executed tuples per second between its counters at 3 s and at `seconds`, read
 * from Storm's per-task metrics in the JVM.
 */
export async function measureComponentOnStorm(component: 'split' | 'count', seconds: number, say: (line: string) => void, feeders = 2): Promise<StormComponentResult | string> {
  const source = withLanguage(wordCountExample(), 'python').components.find((c) => c.id === component)!;
  const field = component === 'split' ? 'sentence' : 'word';
  const inputs = component === 'split' ? SENTENCES : SENTENCES.join(' ').split(' ');
  const feed = `from petrel import storm
from petrel.emitter import Spout

INPUTS = ${JSON.stringify(inputs)}


class Feed(Spout):
    def __init__(self):
        super(Feed, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['${field}']

    def initialize(self, conf, context):
        self._i = 0

    def nextTuple(self):
        for _ in range(100):
            self._i += 1
            storm.emit([INPUTS[self._i % ${inputs.length}]])


def run():
    Feed().run()
`;
  const doc = topology(
    `bench-${component}`,
    [spout('feed', { python: feed, fields: [field], parallelism: feeders }), { ...source, parallelism: 1 }],
    [subscribe('feed', component)],
  );
  const ready = await prepare(doc, true, say);
  if (typeof ready === 'string') return ready;
  const { tools, runner, bundle } = ready;
  let jvm = 0;
  const cpuAt: (number | null)[] = [];
  // The component's python3 process: the one of the JVM's group whose command line names it.
  const componentCpu = (): number | null => {
    for (const pid of processGroup(jvm)) {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        if (cmd.includes('petrel.run') && cmd.includes(component)) return cpuSecondsOf(pid);
      } catch {
        // gone
      }
    }
    return null;
  };
  let timer: NodeJS.Timeout | null = null;
  const r = await launch({
    tools,
    runner,
    bundle,
    seconds,
    drainSeconds: 2,
    seed: 1,
    samples: [3, seconds],
    onStart: (pid) => (jvm = pid),
    onProgress: (line) => {
      // The counters are read at 3 s and at the end; the process's CPU alongside (within the 250 ms the runner's progress takes).
      if (line.startsWith('running for')) {
        timer = setTimeout(() => cpuAt.push(componentCpu()), 3000);
        setTimeout(() => cpuAt.push(componentCpu()), seconds * 1000);
      }
    },
  });
  if (timer) clearTimeout(timer);
  if (!r.ok) return r.message;
  const [a, b] = r.run.samples ?? [];
  if (!a || !b) return 'the runner returned no samples of the counters';
  const tuples = counted(b.components, component, '__execute-count-') - counted(a.components, component, '__execute-count-');
  const fed = counted(b.components, 'feed', '__emit-count-default') - counted(a.components, 'feed', '__emit-count-default');
  const s = (b.time - a.time) / 1000;
  const [c0, c1] = cpuAt;
  const componentCpuSeconds = c0 != null && c1 != null ? c1 - c0 : null;
  return {
    component,
    tuplesPerSecond: tuples / s,
    tuples,
    seconds: s,
    fedPerSecond: fed / s,
    componentCpuSeconds,
    tuplesPerComponentCpuSecond: componentCpuSeconds ? tuples / componentCpuSeconds : null,
  };
}
