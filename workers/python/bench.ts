/**
 * Benchmarks of the Python runtime, runnable in Node (`scripts/bench-python.ts`) and in a Web
 * Worker (`scripts/bench-python-browser.ts`): the word-count example's Python components called
 * directly through the runtime contract with a TaskApi that only counts (the runtime's own cost
 * per tuple: JS → Python call, Tuple, user code, emits back to JS), and the whole word count
 * through the engine in virtual time next to its JavaScript twin.
 */
import { Engine, defaultRegistry } from '../../src/engine';
import type { TaskApi, TupleView } from '../../src/engine/runtime-api';
import { RunDatastores } from '../../src/engine/datastore/stores';
import { bolt, wordCountExample, type TopologyDocument } from '../../src/model';
import type { RedisReply } from '../../src/engine/datastore/redis-store';
import { createPythonRuntime, type PythonRuntimeOptions } from './runtime';

export interface PythonBenchResult {
  /** Seconds from `createPythonRuntime()` to the first component loaded (Pyodide start included). */
  readonly startSeconds: number;
  /** Component → tuples executed per second (input tuples, i.e. `process`/`nextTuple` calls). */
  readonly tuplesPerSecond: Readonly<Record<string, number>>;
  /** Component → tuples emitted per second. */
  readonly emitsPerSecond: Readonly<Record<string, number>>;
}

function countingApi(): TaskApi & { emitted: number } {
  const none: number[] = [];
  let clock = 0;
  const api = {
    emitted: 0,
    emit() {
      api.emitted++;
      return none;
    },
    ack() {},
    fail() {},
    log() {},
    reportError() {},
    sleep(s: number) {
      clock += s;
    },
    time: () => clock,
    random: () => 0.5,
    datastores: () => stores,
  };
  const stores = new RunDatastores(() => clock);
  return api;
}

const SENTENCES = ['the cow jumped over the moon', 'an apple a day keeps the doctor away', 'four score and seven years ago', 'snow white and the seven dwarfs', 'i am at two with nature'];

/** Runs the word-count example's spout, split and count for `tuples` calls each. */
export async function measurePythonComponents(tuples = 200_000, options: PythonRuntimeOptions = {}): Promise<PythonBenchResult> {
  const doc = wordCountExample();
  const t0 = performance.now();
  const runtime = createPythonRuntime({ interruptBuffer: null, ...options });
  const spec = (id: string) => doc.components.find((c) => c.id === id)!;
  const spoutCode = await runtime.load(spec('sentences'));
  const startSeconds = (performance.now() - t0) / 1000;
  const splitCode = await runtime.load(spec('split'));
  const countCode = await runtime.load(spec('count'));
  const context = (taskid: number, componentid: string) => ({ taskid, componentid, 'task->component': {} });
  const tuplesPerSecond: Record<string, number> = {};
  const emitsPerSecond: Record<string, number> = {};
  const time = (name: string, api: { emitted: number }, n: number, body: (i: number) => void) => {
    for (let i = 0; i < Math.min(n, 20_000); i++) body(i); // warm-up
    api.emitted = 0;
    const start = performance.now();
    for (let i = 0; i < n; i++) body(i);
    const seconds = (performance.now() - start) / 1000;
    tuplesPerSecond[name] = n / seconds;
    emitsPerSecond[name] = api.emitted / seconds;
  };

  const spoutApi = countingApi();
  const spout = spoutCode.create(1, spoutApi);
  spout.initialize({}, context(1, 'sentences'));
  time('sentences (spout)', spoutApi, tuples, () => spout.nextTuple());

  const splitApi = countingApi();
  const split = splitCode.create(2, splitApi);
  split.initialize({}, context(2, 'split'));
  const sentences: TupleView[] = SENTENCES.map((s, i) => ({ id: String(i), component: 'sentences', stream: 'default', task: 1, values: [s] }));
  time('split (BasicBolt)', splitApi, tuples, (i) => split.process(sentences[i % sentences.length]!));

  const countApi = countingApi();
  const count = countCode.create(3, countApi);
  count.initialize({}, context(3, 'count'));
  const words: TupleView[] = SENTENCES.join(' ')
    .split(' ')
    .map((w, i) => ({ id: String(i), component: 'split', stream: 'default', task: 2, values: [w] }));
  time('count (BasicBolt)', countApi, tuples, (i) => count.process(words[i % words.length]!));

  runtime.dispose();
  return { startSeconds, tuplesPerSecond, emitsPerSecond };
}

/** The word-count example with a spout that never sleeps, so the engine runs flat out. */
export function benchWordCount(): TopologyDocument {
  const doc = wordCountExample();
  return {
    ...doc,
    components: doc.components.map((c) =>
      c.id === 'sentences'
        ? { ...c, code: { python: c.code.python!.replace('        time.sleep(0.01)\n', ''), javascript: c.code.javascript!.replace('    storm.sleep(0.01);\n', '') } }
        : c,
    ),
  };
}

export interface EngineBenchResult {
  /** Bolt tuples executed (split + count) per wall-clock second, acking on, virtual time. */
  readonly tuplesPerSecond: number;
  readonly executed: number;
  readonly wallSeconds: number;
  /** CPU seconds over the same measured stretch, when a CPU clock was given; else null. */
  readonly cpuSeconds: number | null;
}

/**
 * Word count through the engine in virtual time with acking, every component in `language`,
 * for about `seconds` of wall time (after a warm-up); the figure `npm run bench` puts next to
 * the JavaScript one. `cpuClock` (CPU seconds of the process, e.g. from `process.cpuUsage()`)
 * also measures the CPU time of the same stretch.
 */
export async function measureEngineWordCount(language: 'python' | 'javascript', seconds = 5, options: PythonRuntimeOptions = {}, cpuClock?: () => number): Promise<EngineBenchResult> {
  const runtime = createPythonRuntime({ interruptBuffer: null, ...options });
  const registry = defaultRegistry().register('python', () => runtime);
  try {
    const engine = await Engine.create({ document: benchWordCount(), seed: 1, runtimes: registry.resolver(), languageOf: () => language });
    const executed = () => {
      const c = engine.snapshot({ maxLogs: 0 }).components;
      return c.split!.windows.all.executed + c.count!.windows.all.executed;
    };
    let t = 0;
    const warmUntil = performance.now() + 1000;
    while (performance.now() < warmUntil) engine.runUntil((t += 50));
    const before = executed();
    const cpu = cpuClock ? cpuClock() : null;
    const start = performance.now();
    while (performance.now() - start < seconds * 1000) engine.runUntil((t += 50));
    const wallSeconds = (performance.now() - start) / 1000;
    const used = cpuClock && cpu !== null ? cpuClock() - cpu : null;
    const n = executed() - before;
    return { tuplesPerSecond: n / wallSeconds, executed: n, wallSeconds, cpuSeconds: used };
  } finally {
    runtime.dispose();
  }
}

const zincrbyBolt = `import redis
from petrel.emitter import BasicBolt

WORDS = ['storm', 'python', 'redis', 'mongo', 'alice', 'rabbit', 'down', 'very', 'well', 'think']


class RankBolt(BasicBolt):
    def __init__(self):
        super(RankBolt, self).__init__(script=__file__)

    def initialize(self, conf, context):
        self.redis = redis.StrictRedis()

    def process(self, tup):
        zincrby = self.redis.zincrby
        n = tup.values[0]
        words = WORDS
        for i in range(n):
            zincrby('word_count', 1, words[i % 10])


def run():
    RankBolt().run()
`;

export interface ZincrbyBenchResult {
  /** `r.zincrby(...)` calls per second from Python code into the run's embedded Redis. */
  readonly perSecond: number;
  readonly calls: number;
  readonly seconds: number;
  /** The top of the sorted set afterwards (checks the calls did what they say). */
  readonly top: RedisReply;
}

/**
 * Times `calls` ZINCRBY from a Python component (redis-py's client over the embedded Redis), after a
 * warm-up; `beforeTimed` runs between the two (a browser bench reads the CPU clocks there).
 */
export async function measureZincrby(calls = 1_000_000, options: PythonRuntimeOptions = {}, beforeTimed?: () => Promise<void>): Promise<ZincrbyBenchResult> {
  const runtime = createPythonRuntime({ interruptBuffer: null, ...options });
  try {
    const api = countingApi();
    const rank = (await runtime.load(bolt('rank', { python: zincrbyBolt }))).create(1, api);
    rank.initialize({}, { taskid: 1, componentid: 'rank', 'task->component': {} });
    const tuple = (n: number): TupleView => ({ id: '1', component: 's', stream: 'default', task: 0, values: [n] });
    rank.process(tuple(50_000));
    await beforeTimed?.();
    const start = performance.now();
    rank.process(tuple(calls));
    const seconds = (performance.now() - start) / 1000;
    const top = api.datastores().redis(null).call(0, ['ZREVRANGE', 'word_count', '0', '1', 'WITHSCORES']);
    return { perSecond: calls / seconds, calls, seconds, top };
  } finally {
    runtime.dispose();
  }
}
