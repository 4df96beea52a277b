// Storm Studio's JavaScript components on Apache Storm's multilang protocol.
//
//   node storm-studio.mjs <component>.mjs
//
// Storm starts this process for every task of a FluxShellSpout/FluxShellBolt whose command runs it
// (the working directory is the topology jar's resources/ folder). It imports the component module
// (`export default class … extends Spout | BasicBolt | Bolt`, the API of docs/components.md, with
// `Spout`, `BasicBolt`, `Bolt`, `FailedException` and `storm` as globals) and speaks the protocol
// on stdin/stdout: the handshake (pid file in pidDir), `next`/`ack`/`fail`/`activate`/`deactivate`
// answered with `sync` (spouts), tuples answered with `ack`/`fail` and heartbeats with `sync`
// (bolts), `emit` with anchors, stream, direct task and the task ids Storm sends back, `log`,
// `error`. Reading is synchronous, so `storm.emit` returns the task ids as in the simulator: an array
// that waits for Storm's answer only when the code first looks at it. Messages are written together
// when the process next waits for Storm (or sleeps, or exits), and stdin is read blocking.
//
// Differences from the simulator, on purpose: time is real time (`storm.sleep` blocks); Math.random
// is the run's seeded generator only when the configuration has `storm.studio.seed` (what
// `npm run storm --seed` sets), drawing the same numbers per task as the simulator does.
// Standard output belongs to the protocol: `console` writes to Storm's log instead.
import { fstatSync, openSync, readFileSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const SEED_KEY = 'storm.studio.seed';
const LEVELS = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4 };

// ───────────────────────────── the protocol ─────────────────────────────

const chunk = Buffer.alloc(1 << 16);
const sleeper = new Int32Array(new SharedArrayBuffer(4));
let carry = '';
const lines = [];

/**
 * A blocking descriptor of the pipe on `fd`: Node may have made the inherited one non-blocking, and
 * polling it would sleep a millisecond whenever Storm has nothing yet. Opening the pipe again
 * through /proc gives a description of its own, which blocks; anything else keeps `fd`.
 */
function blocking(fd, flags) {
  try {
    if (fstatSync(fd).isFIFO()) return openSync(`/proc/self/fd/${fd}`, flags);
  } catch {
    // not Linux, or not a pipe
  }
  return fd;
}
const IN = blocking(0, 'r');
const OUT = blocking(1, 'a');

/** Messages written since the process last waited for Storm: sent together before it waits. */
let outgoing = [];

function flushOutgoing() {
  if (outgoing.length === 0) return;
  const bytes = Buffer.from(outgoing.join(''), 'utf8');
  outgoing = [];
  let off = 0;
  while (off < bytes.length) {
    try {
      off += writeSync(OUT, bytes, off);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
      Atomics.wait(sleeper, 0, 0, 1);
    }
  }
}

/** The next line from Storm; exits quietly when Storm closes the pipe (the worker is shutting down). */
function readLine() {
  for (;;) {
    if (lines.length > 0) return lines.shift();
    flushOutgoing();
    let n;
    try {
      n = readSync(IN, chunk, 0, chunk.length, null);
    } catch (e) {
      if (e.code === 'EAGAIN') {
        Atomics.wait(sleeper, 0, 0, 1);
        continue;
      }
      if (e.code === 'EOF') n = 0;
      else throw e;
    }
    if (n === 0) process.exit(0);
    const text = carry + chunk.toString('utf8', 0, n);
    const parts = text.split('\n');
    carry = parts.pop();
    lines.push(...parts);
  }
}

/** One message: JSON lines up to a line `end`. */
function readMessage() {
  const body = [];
  for (;;) {
    const line = readLine();
    if (line === 'end') break;
    body.push(line);
  }
  return JSON.parse(body.join('\n'));
}

/** Queues a message; it is written when the process next waits for Storm (or exits: {@link exit}). */
function send(message) {
  outgoing.push(JSON.stringify(message) + '\nend\n');
  if (outgoing.length >= 256) flushOutgoing();
}

/** Exits after writing what is queued. */
function exit(code) {
  flushOutgoing();
  process.exit(code);
}

// Task id lists and commands can interleave (a heartbeat may come before the ids of an emit).
const pendingCommands = [];
// The emits whose task ids Storm has not sent yet, oldest first ({ ids, settled }): Storm answers
// every emit that is not direct with the ids, in order. storm.emit does not wait for them (one round
// trip to the JVM per emit would bound a component to a few thousand emits a second): it returns an
// array that reads them the first time it is looked at.
const awaitingIds = [];
// At most this many emits wait for their ids: Storm's answers must fit the pipe while we write.
const MAX_AWAITING_IDS = 512;

function settleIds(ids) {
  const next = awaitingIds.shift();
  if (next === undefined) return; // ids nobody waits for (cannot happen with Storm): dropped
  next.ids.push(...ids);
  next.settled = true;
}

/** Reads from Storm until `entry`'s ids have arrived, keeping the commands read meanwhile. */
function waitForIds(entry) {
  while (!entry.settled) {
    const m = readMessage();
    if (Array.isArray(m)) settleIds(m);
    else pendingCommands.push(m);
  }
}

/** The task ids of an emit just sent, as an array filled in when it is first looked at. */
function taskIdsOfEmit() {
  if (awaitingIds.length >= MAX_AWAITING_IDS) waitForIds(awaitingIds[0]);
  const entry = { ids: [], settled: false };
  awaitingIds.push(entry);
  const settled = () => {
    if (!entry.settled) waitForIds(entry);
    return entry.ids;
  };
  return new Proxy(entry.ids, {
    get: (_t, key) => {
      const ids = settled();
      const v = Reflect.get(ids, key, ids);
      return typeof v === 'function' ? v.bind(ids) : v;
    },
    set: (_t, key, value) => Reflect.set(settled(), key, value),
    has: (_t, key) => Reflect.has(settled(), key),
    ownKeys: () => Reflect.ownKeys(settled()),
    getOwnPropertyDescriptor: (_t, key) => Reflect.getOwnPropertyDescriptor(settled(), key),
    defineProperty: (_t, key, d) => Reflect.defineProperty(settled(), key, d),
    deleteProperty: (_t, key) => Reflect.deleteProperty(settled(), key),
  });
}

function readCommand() {
  if (pendingCommands.length > 0) return pendingCommands.shift();
  for (;;) {
    const m = readMessage();
    if (!Array.isArray(m)) return m;
    settleIds(m);
  }
}

// ───────────────────────────── randomness ─────────────────────────────

// xoshiro128** seeded like src/engine/rng.ts (`new Rng(seed, 'task', taskId)`), so a seeded run
// draws the same numbers per task as the simulator. storm/node/storm-studio.test.ts checks it.
function seedWords(seed, ...labels) {
  const text = [String(seed), ...labels.map(String)].join('\u0000');
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  if ((h1 | h2 | h3 | h4) === 0) h1 = 1;
  return [h1 | 0, h2 | 0, h3 | 0, h4 | 0];
}

/** A uniform [0, 1) generator with 53 bits, as the simulator's `Rng.random()`. */
export function seededRandom(seed, ...labels) {
  let [a, b, c, d] = seedWords(seed, ...labels);
  const rotl = (x, k) => (x << k) | (x >>> (32 - k));
  const u32 = () => {
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9);
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return r >>> 0;
  };
  return () => ((u32() >>> 5) * 67108864 + (u32() >>> 6)) / 9007199254740992;
}

// ───────────────────────────── the component API ─────────────────────────────

export class Spout {
  static declareOutputFields() {
    return [];
  }
  initialize(_conf, _context) {}
  nextTuple() {}
  ack(_id) {}
  fail(_id) {}
}

export class Bolt {
  static declareOutputFields() {
    return [];
  }
  initialize(_conf, _context) {}
  process(_tup) {}
}

export class BasicBolt {
  static declareOutputFields() {
    return [];
  }
  initialize(_conf, _context) {}
  process(_tup) {}
}

/** Thrown by a BasicBolt's `process` to fail its input tuple (Storm's FailedException). */
export class FailedException extends Error {
  constructor(message = 'FailedException') {
    super(message);
    this.name = 'FailedException';
  }
}

class Tuple {
  constructor(id, component, stream, task, values) {
    this.id = id;
    this.component = component;
    this.stream = stream;
    this.task = task;
    this.values = values;
  }
  isTickTuple() {
    return this.task === -1 && this.stream === '__tick';
  }
  isHeartbeatTuple() {
    return this.task === -1 && this.stream === '__heartbeat';
  }
}

function describe(x) {
  if (typeof x === 'string') return x;
  if (x instanceof Error) return x.stack ?? `${x.name}: ${x.message}`;
  try {
    const json = JSON.stringify(x);
    if (json !== undefined) return json;
  } catch {
    // fall through
  }
  return String(x);
}

/** Runs one component module on the protocol. Returns only by exiting the process. */
export async function main(argv) {
  const file = argv[0];
  if (!file) {
    process.stderr.write('usage: node storm-studio.mjs <component>.mjs\n');
    process.exit(2);
  }
  const moduleFile = basename(file);
  let anchor = null; // the input a BasicBolt is processing: its emits are anchored to it
  let anchorDone = false; // the BasicBolt's code acked or failed its input itself
  let mode = null;
  let componentId = moduleFile.replace(/\.m?js$/, '');

  const log = (level, message) => send({ command: 'log', msg: message, level: LEVELS[level] });
  const emit = (values, options = {}) => {
    if (!Array.isArray(values)) throw new TypeError(`storm.emit expects a list of values, not ${describe(values)}`);
    const m = { command: 'emit', tuple: values };
    if (options.stream !== undefined && options.stream !== null) m.stream = options.stream;
    if (mode === 'spout') {
      if (options.id !== undefined && options.id !== null) m.id = options.id;
    } else {
      const anchors = anchor !== null ? [anchor] : (options.anchors ?? []);
      m.anchors = anchors.map((a) => a.id);
    }
    const direct = options.directTask;
    if (direct !== undefined && direct !== null) {
      m.task = direct;
      send(m);
      return [direct];
    }
    send(m);
    return taskIdsOfEmit();
  };
  const settle = (command, tup) => {
    if (anchor !== null && tup.id === anchor.id) {
      if (anchorDone) return;
      anchorDone = true;
    }
    send({ command, id: tup.id });
  };
  const storm = {
    emit,
    emitDirect: (task, values, options = {}) => emit(values, { ...options, directTask: task }),
    ack: (tup) => settle('ack', tup),
    fail: (tup) => settle('fail', tup),
    log: (message) => log('INFO', describe(message)),
    reportError: (message) => send({ command: 'error', msg: describe(message) }),
    sleep: (seconds) => {
      flushOutgoing(); // what was emitted before the sleep goes now, as Storm's own runtimes send it
      if (seconds > 0) Atomics.wait(sleeper, 0, 0, seconds * 1000);
    },
    time: () => Date.now() / 1000,
    random: () => Math.random(),
    // A data file the project ships next to the modules, by its file name (as in Storm Studio).
    readFile: (name) => {
      if (typeof name !== 'string' || name === '' || basename(name) !== name) throw new TypeError(`storm.readFile expects a file name, not ${describe(name)}`);
      return readFileSync(name, 'utf8');
    },
  };
  const consoleLog = (level) => (...args) => log(level, args.map(describe).join(' '));
  const noTimers = (name) => () => {
    throw new Error(`${name} is not available in Storm components: a component runs only inside the calls Storm makes (use tick tuples, topology.tick.tuple.freq.secs, for periodic work)`);
  };
  Object.assign(globalThis, { Spout, Bolt, BasicBolt, FailedException, storm });
  globalThis.console = { log: consoleLog('INFO'), info: consoleLog('INFO'), debug: consoleLog('DEBUG'), trace: consoleLog('DEBUG'), warn: consoleLog('WARN'), error: consoleLog('ERROR') };

  // The handshake comes first: Storm waits for our pid before it sends anything else.
  const setup = readMessage();
  writeFileSync(`${setup.pidDir}/${process.pid}`, '');
  send({ pid: process.pid });
  const conf = setup.conf ?? {};
  const context = setup.context ?? {};
  if (typeof context.componentid === 'string') componentId = context.componentid;
  if (conf[SEED_KEY] !== undefined && conf[SEED_KEY] !== null) Math.random = seededRandom(conf[SEED_KEY], 'task', context.taskid);
  for (const name of ['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask']) globalThis[name] = noTimers(name);

  const fileUrl = pathToFileURL(resolve(file)).href;
  /** The error as the simulator shows it: the message and the component's own frames. */
  const traceback = (e) => {
    if (!(e instanceof Error)) return `Uncaught ${describe(e)}`;
    const frames = (e.stack ?? '')
      .split('\n')
      .filter((l) => l.includes(fileUrl))
      .map((l) => l.replace(fileUrl, `storm-studio/${componentId}.js`));
    return [`${e.name}: ${e.message}`, ...frames].join('\n');
  };
  const crash = (kind, e, tup) => {
    const text = traceback(e);
    log('ERROR', `Caught exception in ${kind}.run\n${text}`);
    if (tup && !tup.isTickTuple()) log('ERROR', `The error occurred while processing this tuple: ${describe(tup.values).slice(0, 2000)}`);
    send({ command: 'error', msg: text });
    exit(1);
  };

  let instance;
  try {
    const cls = (await import(fileUrl)).default;
    if (typeof cls !== 'function' || !(cls.prototype instanceof Spout || cls.prototype instanceof Bolt || cls.prototype instanceof BasicBolt)) {
      throw new TypeError(`The default export of component "${componentId}" must be a class extending Spout, Bolt or BasicBolt.`);
    }
    instance = new cls();
  } catch (e) {
    crash('component', e, null);
  }
  mode = instance instanceof Spout ? 'spout' : 'bolt';
  const kind = instance instanceof Spout ? 'Spout' : instance instanceof BasicBolt ? 'BasicBolt' : 'Bolt';
  try {
    instance.initialize(conf, context);
  } catch (e) {
    crash(kind, e, null);
  }

  if (mode === 'spout') {
    for (;;) {
      const m = readCommand();
      try {
        if (m.command === 'next') instance.nextTuple();
        else if (m.command === 'ack') instance.ack(m.id);
        else if (m.command === 'fail') instance.fail(m.id);
        else if (m.command === 'activate') instance.activate?.();
        else if (m.command === 'deactivate') instance.deactivate?.();
      } catch (e) {
        crash(kind, e, null);
      }
      send({ command: 'sync' });
    }
  }
  for (;;) {
    const m = readCommand();
    const tup = new Tuple(m.id, m.comp, m.stream, m.task, m.tuple);
    if (tup.isHeartbeatTuple()) {
      send({ command: 'sync' });
      continue;
    }
    if (kind === 'BasicBolt') {
      // Anchored to the input, acked after process, failed on FailedException (once: the code may
      // have acked or failed it itself, which Storm would refuse a second time).
      anchor = tup;
      anchorDone = false;
      let failed = false;
      try {
        instance.process(tup);
      } catch (e) {
        if (!(e instanceof FailedException)) crash(kind, e, tup);
        failed = true;
      }
      storm[failed ? 'fail' : 'ack'](tup);
      anchor = null;
    } else {
      try {
        instance.process(tup);
      } catch (e) {
        crash(kind, e, tup);
      }
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) await main(process.argv.slice(2));
