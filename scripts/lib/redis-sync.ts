/**
 * A synchronous Redis client for `npm run simulate`: component code calls Redis synchronously (as
 * redis-py does), so a helper thread owns the socket and speaks RESP while the simulation thread
 * waits on a shared flag (`Atomics.wait`). {@link redisServerConnector} is the engine's
 * `redisConnector`: a `redis://host:port/db` URL that reaches a server uses it; one that does not
 * leaves the component on the run's embedded Redis.
 */
import { Worker } from 'node:worker_threads';
import { RedisError, type RedisBackend, type RedisReply } from '../../src/engine/datastore/redis-store';
import type { RedisConnector } from '../../src/engine/datastore/stores';

const IDLE = 0;
const REQUEST = 1;
const REPLY = 2;
const DATA_BYTES = 4 << 20;

// The helper thread (CommonJS, evaluated): one connection, one command at a time.
const HELPER = `
const { workerData } = require('node:worker_threads');
const net = require('node:net');
const { sab, host, port } = workerData;
const ctl = new Int32Array(sab, 0, 4);
const data = new Uint8Array(sab, 16);
let buffer = Buffer.alloc(0);
let waiting = null;
let db = -1;
let broken = null;
let replied = null;

function answer(obj) {
  const bytes = Buffer.from(JSON.stringify(obj));
  if (bytes.length > data.length) return answer({ error: 'ERR the reply is larger than ' + data.length + ' bytes' });
  data.set(bytes);
  ctl[1] = bytes.length;
  Atomics.store(ctl, 0, ${REPLY});
  Atomics.notify(ctl, 0);
  const r = replied;
  replied = null;
  if (r) r();
}

function encode(args) {
  let out = '*' + args.length + '\\r\\n';
  for (const a of args) out += '$' + Buffer.byteLength(a) + '\\r\\n' + a + '\\r\\n';
  return out;
}

// Parses one RESP2 reply at offset i; returns [value, next] or null when incomplete.
function parse(b, i) {
  const end = b.indexOf('\\r\\n', i);
  if (end < 0) return null;
  const type = String.fromCharCode(b[i]);
  const line = b.toString('utf8', i + 1, end);
  const next = end + 2;
  if (type === '+') return [line, next];
  if (type === '-') return [{ error: line }, next];
  if (type === ':') return [Number(line), next];
  if (type === '$') {
    const n = Number(line);
    if (n < 0) return [null, next];
    if (b.length < next + n + 2) return null;
    return [b.toString('utf8', next, next + n), next + n + 2];
  }
  if (type === '*') {
    const n = Number(line);
    if (n < 0) return [null, next];
    const items = [];
    let at = next;
    for (let k = 0; k < n; k++) {
      const r = parse(b, at);
      if (r === null) return null;
      items.push(r[0]);
      at = r[1];
    }
    return [items, at];
  }
  throw new Error('bad RESP reply type ' + JSON.stringify(type));
}

const socket = net.connect({ host, port });
socket.setNoDelay(true);
socket.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  while (waiting) {
    const r = parse(buffer, 0);
    if (r === null) return;
    buffer = buffer.subarray(r[1]);
    const w = waiting;
    w.replies.push(r[0]);
    if (w.replies.length < w.expect) continue;
    waiting = null;
    const last = w.replies[w.replies.length - 1];
    const failed = w.replies.find((x) => x && typeof x === 'object' && !Array.isArray(x) && 'error' in x);
    answer(failed ? failed : { value: last });
  }
});
socket.on('error', (e) => fail('cannot reach Redis at ' + host + ':' + port + ' (' + (e.code || e.message) + ')'));
socket.on('close', () => fail('the connection to Redis at ' + host + ':' + port + ' closed'));
function fail(message) {
  broken = message;
  if (waiting) {
    waiting = null;
    answer({ broken: message });
  }
}

async function loop() {
  for (;;) {
    const r = Atomics.waitAsync(ctl, 0, ${IDLE});
    if (r.async) await r.value;
    if (Atomics.load(ctl, 0) !== ${REQUEST}) continue;
    const [wantDb, args] = JSON.parse(Buffer.from(data.subarray(0, ctl[1])).toString('utf8'));
    if (broken) { answer({ broken }); await idle(); continue; }
    let text = '';
    let expect = 1;
    if (wantDb !== db) { text += encode(['SELECT', String(wantDb)]); expect++; db = wantDb; }
    text += encode(args);
    waiting = { replies: [], expect };
    socket.write(text);
    // The caller reads the reply and sets the flag back to idle before the next request.
    await idle();
  }
}
// Resolves once this request is answered and the caller has taken the reply (the flag left REPLY).
async function idle() {
  if (Atomics.load(ctl, 0) !== ${REPLY}) await new Promise((resolve) => (replied = resolve));
  for (;;) {
    const r = Atomics.waitAsync(ctl, 0, ${REPLY});
    if (!r.async) return;
    await r.value;
  }
}
loop();
`;

class SyncRedis implements RedisBackend {
  private readonly ctl: Int32Array;
  private readonly data: Uint8Array;
  private readonly worker: Worker;

  constructor(
    readonly where: string,
    host: string,
    port: number,
    private readonly timeoutMs: number,
  ) {
    const sab = new SharedArrayBuffer(16 + DATA_BYTES);
    this.ctl = new Int32Array(sab, 0, 4);
    this.data = new Uint8Array(sab, 16);
    // Plain CommonJS: no loader (tsx, vitest's) is needed in the helper, nor inherited.
    this.worker = new Worker(HELPER, { eval: true, workerData: { sab, host, port }, execArgv: [] });
    this.worker.unref();
  }

  call(db: number, args: readonly string[]): RedisReply {
    const bytes = Buffer.from(JSON.stringify([db, args]));
    if (bytes.length > this.data.length) throw new RedisError(`ERR the command is larger than ${this.data.length} bytes`);
    this.data.set(bytes);
    this.ctl[1] = bytes.length;
    Atomics.store(this.ctl, 0, REQUEST);
    Atomics.notify(this.ctl, 0);
    const deadline = Date.now() + this.timeoutMs;
    while (Atomics.load(this.ctl, 0) === REQUEST) {
      const left = deadline - Date.now();
      if (left <= 0) throw new RedisError(`ERR no answer from Redis at ${this.where} within ${this.timeoutMs} ms`);
      Atomics.wait(this.ctl, 0, REQUEST, left);
    }
    const reply = JSON.parse(Buffer.from(this.data.subarray(0, this.ctl[1])).toString('utf8')) as { value?: RedisReply; error?: string; broken?: string };
    Atomics.store(this.ctl, 0, IDLE);
    if (reply.broken !== undefined) throw new Error(reply.broken);
    if (reply.error !== undefined) throw new RedisError(reply.error);
    return reply.value ?? null;
  }

  close(): void {
    void this.worker.terminate();
  }
}

/**
 * Connects to the server a `redis://host:port/db` URL names; null when nothing answers PING there
 * within `timeoutMs` (the component then uses the run's embedded Redis).
 */
export function connectRedisSync(url: string, timeoutMs = 15_000): (RedisBackend & { close(): void }) | null {
  const m = /^redis:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+)(?::(\d+))?/.exec(url);
  if (!m) return null;
  const host = m[1]!.replace(/^\[|\]$/g, '');
  const port = m[2] ? Number(m[2]) : 6379;
  const client = new SyncRedis(`redis://${m[1]!}:${port}`, host, port, timeoutMs);
  try {
    if (client.call(0, ['PING']) === 'PONG') return client;
  } catch {
    // nothing there: the embedded store serves this URL
  }
  client.close();
  return null;
}

/** The engine's connector for `npm run simulate`: real servers where they answer. */
export const redisServerConnector: RedisConnector = (url) => connectRedisSync(url);
