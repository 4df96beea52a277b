/**
 * The app's companion (npm run storm -- --serve) with a fake runner: no JVM. What it accepts
 * (the token, the app's origin, preflights), what it refuses and why, the bound on the body, one
 * run at a time, cancel; and the real pipeline (runDocument) with a recorded run replayed.
 */
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serializeDocument, withLanguage, wordCountExample, type TopologyDocument } from '../../src/model';
import { createCompanion, newToken, type Companion, type CompanionRunContext, type CompanionRunner } from './companion';
import { replayStorm, runDocument, type RunOutcome } from './run';
import { parseOrigin } from './serve';
import { stormCli } from './test-kit';

const ORIGIN = 'http://127.0.0.1:5173';
const TOKEN = 'a'.repeat(32);
const FIXTURE = join(import.meta.dirname, '__fixtures__', 'word-count-javascript.run.json');

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Record<string, unknown>;
}

/** One HTTP request with exactly the headers given (a browser's Origin, a Host of our choice). */
function call(base: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const app = (extra: Record<string, string> = {}) => ({ Origin: ORIGIN, Authorization: `Bearer ${TOKEN}`, ...extra });
const wordCount = (): TopologyDocument => withLanguage(wordCountExample(), 'javascript');
const runBody = (seconds = 5) => JSON.stringify({ document: serializeDocument(wordCount()), seconds, seed: 7 });

/** A runner the test finishes by hand; records what it was asked. */
function manualRunner() {
  const calls: { doc: TopologyDocument; context: CompanionRunContext; finish: (o: RunOutcome) => void }[] = [];
  const run: CompanionRunner = (doc, context) =>
    new Promise((resolve) => {
      calls.push({ doc, context, finish: resolve });
      context.signal.addEventListener('abort', () => setTimeout(() => resolve({ ok: false, code: 130, message: 'Stopped: the LocalCluster was shut down.' }), 20));
    });
  return { run, calls };
}

let companion: Companion | null = null;

async function start(run: CompanionRunner, maxBodyBytes?: number): Promise<string> {
  companion = createCompanion({ token: TOKEN, origins: [ORIGIN], run, java: async () => ({ found: true, version: 17, message: null }), stormVersion: '2.8.3', ...(maxBodyBytes ? { maxBodyBytes } : {}) });
  return companion.listen(0);
}

afterEach(async () => {
  await companion?.close();
  companion = null;
});

async function until<T>(f: () => Promise<T>, ok: (x: T) => boolean): Promise<T> {
  for (let i = 0; i < 800; i++) {
    const x = await f();
    if (ok(x)) return x;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out');
}

describe('the companion', () => {
  it('makes a fresh 32-hex-digit token each time', () => {
    const a = newToken();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newToken()).not.toBe(a);
  });

  it('listens on 127.0.0.1 only and answers the app with its origin and token', async () => {
    const base = await start(manualRunner().run);
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(companion!.server.address()).toMatchObject({ address: '127.0.0.1' });
    const r = await call(base, 'GET', '/health', app());
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ app: 'storm-studio-companion', storm: '2.8.3', java: { found: true, version: 17, message: null }, busy: false });
    expect(r.headers['access-control-allow-origin']).toBe(ORIGIN);
  });

  it('refuses a missing or wrong token, another origin, no origin, and a foreign Host, with the reason', async () => {
    const base = await start(manualRunner().run);
    const noToken = await call(base, 'GET', '/health', { Origin: ORIGIN });
    expect(noToken.status).toBe(403);
    expect(noToken.body.error).toMatch(/no token/);
    const wrong = await call(base, 'GET', '/health', app({ Authorization: `Bearer ${'b'.repeat(32)}` }));
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toMatch(/wrong token/);
    // The page reads why (CORS headers for the app's origin), so it can say "wrong token".
    expect(wrong.headers['access-control-allow-origin']).toBe(ORIGIN);
    const evil = await call(base, 'GET', '/health', app({ Origin: 'http://evil.example' }));
    expect(evil.status).toBe(403);
    expect(evil.body.error).toMatch(/origin http:\/\/evil\.example is not the app's/);
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const none = await call(base, 'GET', '/health', { Authorization: `Bearer ${TOKEN}` });
    expect(none.status).toBe(403);
    expect(none.body.error).toMatch(/no Origin header/);
    const rebound = await call(base, 'GET', '/health', app({ Host: 'attacker.example:80' }));
    expect(rebound.status).toBe(403);
    expect(rebound.body.error).toMatch(/Host header/);
    // Nothing ran.
    expect((await call(base, 'POST', '/runs', app({ Origin: 'http://evil.example', 'Content-Type': 'application/json' }), runBody())).status).toBe(403);
    expect((await call(base, 'GET', '/health', app())).body.busy).toBe(false);
  });

  it('answers CORS preflights for the app only', async () => {
    const base = await start(manualRunner().run);
    const ask = { 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' };
    const ok = await call(base, 'OPTIONS', '/runs', { Origin: ORIGIN, ...ask, 'Access-Control-Request-Private-Network': 'true' });
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(ok.headers['access-control-allow-headers']).toMatch(/Authorization/);
    expect(ok.headers['access-control-allow-methods']).toMatch(/POST/);
    expect(ok.headers['access-control-allow-private-network']).toBe('true');
    const evil = await call(base, 'OPTIONS', '/runs', { Origin: 'http://evil.example', ...ask });
    expect(evil.status).toBe(403);
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('bounds the request body: declared or streamed, 413 before the run', async () => {
    const { run, calls } = manualRunner();
    const base = await start(run, 2000);
    const big = JSON.stringify({ document: 'x'.repeat(5000), seconds: 1 });
    const declared = await call(base, 'POST', '/runs', app({ 'Content-Type': 'application/json', 'Content-Length': String(big.length) }), big);
    expect(declared.status).toBe(413);
    expect(declared.body.error).toMatch(/at most 2000 are accepted/);
    const streamed = await call(base, 'POST', '/runs', app({ 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }), big);
    expect(streamed.status).toBe(413);
    expect(calls).toHaveLength(0);
  });

  it('refuses bad requests with what is wrong', async () => {
    const base = await start(manualRunner().run);
    const post = (body: string) => call(base, 'POST', '/runs', app({ 'Content-Type': 'application/json' }), body);
    expect((await post('{not json')).body.error).toMatch(/not JSON/);
    expect((await post('{"document": {}}')).body.error).toMatch(/"document" must be the document's JSON text/);
    expect((await post(JSON.stringify({ document: serializeDocument(wordCount()), seconds: -1 }))).body.error).toMatch(/"seconds" must be a number > 0/);
    const broken = await post(JSON.stringify({ document: '{"version": 1, "name": 3}' }));
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatch(/The document cannot be read/);
    expect((await call(base, 'GET', '/nowhere', app())).status).toBe(404);
  });

  it('runs one document at a time (409 when busy), reports progress and the result', async () => {
    const { run, calls } = manualRunner();
    const base = await start(run);
    const first = await call(base, 'POST', '/runs', app({ 'Content-Type': 'application/json' }), runBody(5));
    expect(first.status).toBe(202);
    const id = first.body.id as string;
    await until(async () => calls.length, (n) => n === 1);
    expect(calls[0]!.doc.name).toBe('word-count');
    expect(calls[0]!.context.seconds).toBe(5);
    expect(calls[0]!.context.seed).toBe(7);
    const busy = await call(base, 'POST', '/runs', app({ 'Content-Type': 'application/json' }), runBody());
    expect(busy.status).toBe(409);
    expect(busy.body.error).toMatch(/^Busy: a run .* is in progress/);
    expect((await call(base, 'GET', '/health', app())).body.busy).toBe(true);

    calls[0]!.context.onProgress('starting a LocalCluster');
    calls[0]!.context.onProgress('running for 5.0 s');
    const polled = await call(base, 'GET', `/runs/${id}?since=1`, app());
    expect(polled.body).toMatchObject({ id, state: 'running', progress: ['running for 5.0 s'], progressCount: 2, result: null });
    const json = { plan: { workers: 1 }, components: {} } as unknown as Extract<RunOutcome, { ok: true }>['json'];
    calls[0]!.finish({ ok: true, code: 0, json, text: '', ended: null });
    const done = await until(() => call(base, 'GET', `/runs/${id}`, app()), (r) => r.body.state !== 'running');
    expect(done.body).toMatchObject({ state: 'done', code: 0, result: json });
    // Free again.
    expect((await call(base, 'POST', '/runs', app({ 'Content-Type': 'application/json' }), runBody())).status).toBe(202);
  });

  it('cancels a run: the runner is told (its LocalCluster shut down) and the run ends cancelled', async () => {
    const { run, calls } = manualRunner();
    const base = await start(run);
    const id = (await call(base, 'POST', '/runs', app({ 'Content-Type': 'application/json' }), runBody())).body.id as string;
    await until(async () => calls.length, (n) => n === 1);
    const cancel = await call(base, 'POST', `/runs/${id}/cancel`, app());
    expect(cancel.status).toBe(202);
    expect(calls[0]!.context.signal.aborted).toBe(true);
    const ended = await until(() => call(base, 'GET', `/runs/${id}`, app()), (r) => r.body.state !== 'running');
    expect(ended.body).toMatchObject({ state: 'cancelled', code: 130, message: 'Stopped: the LocalCluster was shut down.' });
    expect(ended.body.progress).toContain('cancelled from the app: shutting the LocalCluster down');
  });

  it('closing the server cancels the run in progress and waits for it', async () => {
    const { run, calls } = manualRunner();
    const base = await start(run);
    await call(base, 'POST', '/runs', app({ 'Content-Type': 'application/json' }), runBody());
    await until(async () => calls.length, (n) => n === 1);
    await companion!.close();
    companion = null;
    expect(calls[0]!.context.signal.aborted).toBe(true);
  });
});

describe('runDocument with a recorded run', () => {
  it('gives what npm run storm --json prints, from the same pipeline', async () => {
    const progress: string[] = [];
    const outcome = await runDocument(wordCount(), { label: 'word-count', seconds: 5, seed: 3, onProgress: (l) => progress.push(l) }, replayStorm(FIXTURE, 1));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.json.plan.tasks).toEqual({ __acker: [1], count: [2, 3, 4], sentences: [5], split: [6, 7] });
    expect(outcome.json.components.count).toMatchObject({ kind: 'bolt', executed: 2204, timeouts: null });
    expect(outcome.json.topology).toMatchObject({ name: 'word-count', clock: 'wall', seed: 3, seconds: 5 });
    expect(progress[0]).toMatch(/replaying a recorded run/);
  });

  it('refuses before the run what real Storm cannot run', async () => {
    const progress: string[] = [];
    // A Python component importing the browser's `js` bridge: real Storm cannot start it.
    const doc = wordCountExample();
    const browserOnly = { ...doc, components: doc.components.map((c) => (c.id === 'split' ? { ...c, code: { ...c.code, python: `import js\n${c.code.python ?? ''}` } } : c)) };
    const outcome = await runDocument(browserOnly, { label: 'word-count', seconds: 5, seed: null, onProgress: (l) => progress.push(l) }, replayStorm(FIXTURE, 1));
    expect(outcome).toMatchObject({ ok: false, code: 2 });
    expect(progress).toEqual([]);
  });

  it('stops when cancelled', async () => {
    const abort = new AbortController();
    const pending = runDocument(wordCount(), { label: 'word-count', seconds: 5, seed: null, onProgress: () => abort.abort(), signal: abort.signal }, replayStorm(FIXTURE, 1000));
    expect(await pending).toMatchObject({ ok: false, code: 130 });
  });
});

describe('npm run storm -- --serve, its arguments', () => {
  it('reads --origin as an origin only', () => {
    expect(parseOrigin('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(parseOrigin('https://studio.example.org/')).toBe('https://studio.example.org');
    expect(parseOrigin('http://127.0.0.1:8080/app')).toBeNull();
    expect(parseOrigin('file:///tmp')).toBeNull();
    expect(parseOrigin('http://user:pw@127.0.0.1:8080')).toBeNull();
    expect(parseOrigin('nonsense')).toBeNull();
  });

  it('refuses bad arguments with the usage, and starts nothing', async () => {
    // In parallel: each starts tsx, slow on a loaded machine.
    const [origin, port, alone] = await Promise.all([stormCli(['--serve', '--origin', 'http://127.0.0.1:8080/app']), stormCli(['--serve', '--port', 'eighty']), stormCli(['example:word-count', '--port', '5000'])]);
    expect(origin.code).toBe(2);
    expect(origin.stderr).toMatch(/--origin must be an origin such as http:\/\/127\.0\.0\.1:5173[\s\S]*--serve \[--port N\]/);
    expect(port.code).toBe(2);
    expect(port.stderr).toMatch(/--port must be a port number/);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/--port and --origin go with --serve/);
  }, 120_000);
});
