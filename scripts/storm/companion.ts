/**
 * The app's companion: `npm run storm -- --serve` lets the page run the open document on real
 * Storm. An HTTP server on 127.0.0.1 only, for one page: every request must come from the app's
 * origin (the browser's `Origin` header) and carry the token printed at the start
 * (`Authorization: Bearer <token>`); anything else is refused with 403 and the reason. CORS
 * preflights are answered for the app's origins only (the page is cross-origin isolated: its
 * `fetch` in cors mode needs `Access-Control-Allow-Origin`).
 *
 *   GET  /health            → { app, storm, java: { found, version, message }, busy }
 *   POST /runs              { document: "<the document's JSON text>", seconds, seed }
 *                           → 202 { id } | 409 busy | 413 body too large | 400 bad request
 *   GET  /runs/<id>?since=N → { id, state, progress: lines from N, progressCount, notice, result, code, message }
 *   POST /runs/<id>/cancel  → 202; the LocalCluster is shut down, the run ends "cancelled"
 *
 * One run at a time. The run itself is {@link runDocument}'s (what `npm run storm -- <input> --json`
 * prints is the `result`); the server gets it as a function, so tests give it a fake.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INPUT_LIMITS, parseDocument, type TopologyDocument } from '../../src/model';
import { formatErrors } from '../lib/load-input';
import type { RunOutcome } from './run';

/** The origins of the app's dev server (`npm start`, `npm run dev`) and of `npm run preview`. */
export const DEFAULT_ORIGINS: readonly string[] = ['http://127.0.0.1:5173', 'http://localhost:5173', 'http://127.0.0.1:4173'];
/** A document at its size limit, as JSON text inside the request's JSON, with room for escapes. */
export const MAX_BODY_BYTES = INPUT_LIMITS.maxDocumentBytes * 2 + 4096;
/** Progress lines kept per run (the newest). */
const MAX_PROGRESS = 500;
/** The longest run the app may ask for. */
export const MAX_SECONDS = 300;

/** A fresh token: 32 hex digits from the system's cryptographic random source. */
export const newToken = (): string => randomBytes(16).toString('hex');

export interface CompanionRunContext {
  readonly seconds: number;
  readonly seed: string | number | null;
  readonly onProgress: (line: string) => void;
  readonly onNotice: (text: string) => void;
  readonly signal: AbortSignal;
}

/** Runs a document on Storm (the real one: {@link runDocument} with {@link realStorm}). */
export type CompanionRunner = (doc: TopologyDocument, context: CompanionRunContext) => Promise<RunOutcome>;

export interface JavaStatus {
  readonly found: boolean;
  /** Java's major version when found. */
  readonly version: number | null;
  /** What is missing and how to install it, when not found. */
  readonly message: string | null;
}

export interface CompanionOptions {
  readonly token: string;
  /** Origins the page may be served from (exact `scheme://host:port`). */
  readonly origins: readonly string[];
  readonly run: CompanionRunner;
  /** Java and Maven on this machine (asked on every /health; cache it). */
  readonly java: () => Promise<JavaStatus>;
  readonly stormVersion: string;
  readonly maxBodyBytes?: number;
  /** Told of each run's start and end, for the terminal. */
  readonly onEvent?: (line: string) => void;
}

type RunState = 'running' | 'done' | 'failed' | 'cancelled';

interface ActiveRun {
  readonly id: string;
  state: RunState;
  progress: string[];
  /** Progress lines dropped from the front (so `since` stays a count of every line). */
  dropped: number;
  notice: string | null;
  result: unknown;
  code: number | null;
  message: string | null;
  readonly abort: AbortController;
  readonly finished: Promise<void>;
}

export interface Companion {
  readonly server: Server;
  /** Starts listening on 127.0.0.1 (port 0: a free one); resolves to the base URL. */
  listen(port: number): Promise<string>;
  /** Cancels the run in progress (if any) and waits until it ended (its LocalCluster shut down). */
  cancelActive(): Promise<void>;
  /** Cancels the run in progress, waits for it, closes the server. */
  close(): Promise<void>;
}

class Refused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Compares in constant time (the token must not leak through timing). */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads the body, refusing it past `limit` bytes (413) without reading the rest. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > limit) {
      reject(new Refused(413, `The request body is ${declared} bytes; at most ${limit} are accepted.`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Refused(413, `The request body is over ${limit} bytes; at most ${limit} are accepted.`));
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The run's seconds and seed from the request, or a 400 saying what is wrong. */
function runParameters(body: Record<string, unknown>): { seconds: number; seed: string | number | null } {
  const seconds = body.seconds === undefined ? 10 : body.seconds;
  if (typeof seconds !== 'number' || !(seconds > 0) || seconds > MAX_SECONDS) throw new Refused(400, `"seconds" must be a number > 0 and ≤ ${MAX_SECONDS}, not ${JSON.stringify(seconds)}.`);
  const seed = body.seed ?? null;
  if (seed !== null && !(typeof seed === 'string' && seed.length <= 100) && !Number.isSafeInteger(seed)) throw new Refused(400, `"seed" must be a whole number or a short text, not ${JSON.stringify(seed)}.`);
  return { seconds, seed: seed as string | number | null };
}

/** The companion server (not yet listening). */
export function createCompanion(options: CompanionOptions): Companion {
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  let active: ActiveRun | null = null;
  let runs = 0;
  let port = 0;

  const corsHeaders = (origin: string): Record<string, string> => ({ 'Access-Control-Allow-Origin': origin, Vary: 'Origin', 'Cross-Origin-Resource-Policy': 'cross-origin' });

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
    res.end(text);
  };

  /** The origin if the page may talk to this server; otherwise why not (403). */
  const checkOrigin = (req: IncomingMessage): string => {
    // DNS rebinding: a page of another site resolving its name to 127.0.0.1 sends its own Host.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) throw new Refused(403, `Refused: the Host header "${host}" is not this companion's (127.0.0.1:${port}).`);
    const origin = req.headers.origin;
    if (origin === undefined) throw new Refused(403, 'Refused: the request has no Origin header. The companion answers the Storm Studio page only.');
    if (!options.origins.includes(origin)) throw new Refused(403, `Refused: the origin ${origin} is not the app's (${options.origins.join(', ')}). Start the companion with --origin ${origin} to allow it.`);
    return origin;
  };

  const checkToken = (req: IncomingMessage) => {
    const header = req.headers.authorization ?? '';
    const m = /^Bearer ([^\s]+)$/.exec(header);
    if (!m) throw new Refused(403, 'Refused: the request has no token (Authorization: Bearer <token>). Paste the token the companion printed.');
    if (!sameSecret(m[1]!, options.token)) throw new Refused(403, 'Refused: wrong token. Paste the token the companion printed when it started (a new one on every start).');
  };

  const runView = (run: ActiveRun, since: number) => ({
    id: run.id,
    state: run.state,
    progress: run.progress.slice(Math.max(0, since - run.dropped)),
    progressCount: run.dropped + run.progress.length,
    notice: run.notice,
    result: run.result,
    code: run.code,
    message: run.message,
  });

  const runsById = new Map<string, ActiveRun>();

  const startRun = (doc: TopologyDocument, seconds: number, seed: string | number | null): ActiveRun => {
    const abort = new AbortController();
    const id = `run-${++runs}-${randomBytes(4).toString('hex')}`;
    const record = { id, state: 'running', progress: [], dropped: 0, notice: null, result: null, code: null, message: null, abort } as Omit<ActiveRun, 'finished'> as ActiveRun;
    const progress = (line: string) => {
      record.progress.push(line);
      if (record.progress.length > MAX_PROGRESS) {
        record.progress.shift();
        record.dropped++;
      }
    };
    options.onEvent?.(`${id}: ${doc.name}, ${seconds} s${seed === null ? '' : `, seed ${seed}`}`);
    const finished = options
      .run(doc, { seconds, seed, onProgress: progress, onNotice: (text) => (record.notice = text), signal: abort.signal })
      .then(
        (outcome) => {
          record.code = outcome.code;
          if (outcome.ok) {
            record.state = 'done';
            record.result = outcome.json;
            record.message = outcome.ended;
          } else {
            record.state = outcome.code === 130 || abort.signal.aborted ? 'cancelled' : 'failed';
            record.message = outcome.message;
          }
        },
        (e: unknown) => {
          record.state = abort.signal.aborted ? 'cancelled' : 'failed';
          record.code = 1;
          record.message = `The run on Storm failed: ${e instanceof Error ? e.message : String(e)}`;
        },
      )
      .finally(() => {
        if (active === record) active = null;
        options.onEvent?.(`${id}: ${record.state}${record.message ? ` (${record.message.split('\n')[0]})` : ''}`);
      });
    (record as { finished: Promise<void> }).finished = finished;
    // Only the latest finished run is kept besides the active one.
    for (const old of runsById.keys()) if (runsById.get(old) !== active) runsById.delete(old);
    runsById.set(id, record);
    active = record;
    return record;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const origin = checkOrigin(req);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (req.method === 'OPTIONS') {
      const headers: Record<string, string> = {
        ...corsHeaders(origin),
        'Access-Control-Allow-Methods': 'GET, POST',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type',
        'Access-Control-Max-Age': '600',
      };
      // Chrome's Private Network Access asks before a public page reaches 127.0.0.1.
      if (req.headers['access-control-request-private-network'] === 'true') headers['Access-Control-Allow-Private-Network'] = 'true';
      res.writeHead(204, headers);
      res.end();
      return;
    }
    const cors = corsHeaders(origin);
    checkToken(req);
    const path = url.pathname;
    if (req.method === 'GET' && path === '/health') {
      send(res, 200, { app: 'storm-studio-companion', storm: options.stormVersion, java: await options.java(), busy: active !== null }, cors);
      return;
    }
    if (req.method === 'POST' && path === '/runs') {
      if (active !== null) {
        // Drain nothing: the answer comes before the body is read.
        send(res, 409, { error: `Busy: a run (${active.id}) is in progress. One run at a time: wait for it, or cancel it.`, id: active.id }, cors);
        req.resume();
        return;
      }
      const text = await readBody(req, limit);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (e) {
        throw new Refused(400, `The request is not JSON: ${(e as Error).message}`);
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Refused(400, 'The request must be a JSON object { document, seconds, seed }.');
      const fields = body as Record<string, unknown>;
      if (typeof fields.document !== 'string') throw new Refused(400, '"document" must be the document\'s JSON text (what Save writes).');
      const { seconds, seed } = runParameters(fields);
      const parsed = parseDocument(fields.document, 'document');
      if (!parsed.ok) throw new Refused(400, `The document cannot be read:\n${formatErrors(parsed.errors)}`);
      // Checked again now: another request may have started a run while this body was read.
      if (active !== null) {
        send(res, 409, { error: `Busy: a run (${(active as ActiveRun).id}) is in progress. One run at a time: wait for it, or cancel it.` }, cors);
        return;
      }
      const run = startRun(parsed.value, seconds, seed);
      send(res, 202, { id: run.id }, cors);
      return;
    }
    const m = /^\/runs\/([\w-]+)(\/cancel)?$/.exec(path);
    const run = m ? runsById.get(m[1]!) : undefined;
    if (m && !run) throw new Refused(404, `No run ${m[1]} (the companion keeps the current and the last run only).`);
    if (run && req.method === 'GET' && !m![2]) {
      const since = Number(url.searchParams.get('since') ?? 0);
      send(res, 200, runView(run, Number.isSafeInteger(since) && since >= 0 ? since : 0), cors);
      return;
    }
    if (run && req.method === 'POST' && m![2]) {
      if (run.state === 'running') {
        run.progress.push('cancelled from the app: shutting the LocalCluster down');
        run.abort.abort();
      }
      send(res, 202, { id: run.id, state: run.state }, cors);
      return;
    }
    throw new Refused(404, `No such endpoint: ${req.method} ${path}.`);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const status = e instanceof Refused ? e.status : 500;
      const message = e instanceof Error ? e.message : String(e);
      // Refusals name the reason; the page may read it only when it came from the app's origin.
      const origin = req.headers.origin;
      const headers = origin !== undefined && options.origins.includes(origin) ? corsHeaders(origin) : {};
      // A body over the limit is not read further: the connection closes once the answer is sent.
      if (status === 413) res.on('finish', () => req.destroy());
      if (!res.headersSent) send(res, status, { error: message }, { ...headers, Connection: 'close' });
    });
  });

  const cancelActive = async () => {
    const run = active;
    if (!run) return;
    run.abort.abort();
    await run.finished;
  };

  return {
    server,
    listen: (wanted: number) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(wanted, '127.0.0.1', () => {
          port = (server.address() as AddressInfo).port;
          resolve(`http://127.0.0.1:${port}`);
        });
      }),
    cancelActive,
    close: async () => {
      await cancelActive();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
