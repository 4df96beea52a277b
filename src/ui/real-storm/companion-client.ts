/**
 * The page side of the companion (`npm run storm -- --serve`, scripts/storm/companion.ts): its
 * HTTP API over `fetch`, every request with the token, every answer checked before it is used
 * (the companion is a local process, but what it sends is read as untrusted input). Failures
 * become one {@link CompanionError} whose message says what to do.
 */
import { z } from 'zod';

export const START_COMMAND = 'npm run storm -- --serve';

export interface Connection {
  /** `http://127.0.0.1:<port>` as the companion printed it. */
  readonly url: string;
  readonly token: string;
}

export type CompanionProblem = 'unreachable' | 'refused' | 'busy' | 'bad-answer' | 'request';

export class CompanionError extends Error {
  constructor(
    readonly problem: CompanionProblem,
    message: string,
  ) {
    super(message);
    this.name = 'CompanionError';
  }
}

const finite = z.number().finite();
const count = finite.nonnegative();
const latency = finite.nullable();

const componentSchema = z.object({
  kind: z.enum(['spout', 'bolt', 'acker']),
  emitted: count,
  transferred: count,
  executed: count,
  acked: count,
  failed: count,
  completeLatencyMs: latency,
  executeLatencyMs: latency,
  processLatencyMs: latency,
  capacity: latency,
  lastError: z.string().max(100_000).nullable(),
  tasks: z.record(z.string(), z.object({ executed: count, emitted: count })),
});

/** What `npm run storm -- <input> --json` prints (the fields the app shows). */
export const stormResultSchema = z.object({
  plan: z.object({
    workers: z.number().int().nonnegative(),
    tasks: z.record(z.string(), z.array(z.number().int())),
    executors: z.array(z.object({ component: z.string(), tasks: z.tuple([z.number().int(), z.number().int()]), worker: z.number().int().nonnegative() })),
  }),
  components: z.record(z.string(), componentSchema),
  logs: z.array(z.object({ time: finite, component: z.string(), task: z.number().int(), level: z.string(), message: z.string() })).max(20_000),
  topology: z.object({
    name: z.string(),
    seconds: finite,
    /** How long the spouts ran on Storm (activated → deactivated), ms. */
    timeMs: finite.nonnegative(),
    seed: z.union([z.string(), z.number()]),
    emitted: count,
    transferred: count,
    acked: count,
    failed: count,
    completeLatencyMs: latency,
  }),
  notes: z.array(z.string()),
});

export type StormResult = z.infer<typeof stormResultSchema>;
export type StormComponent = z.infer<typeof componentSchema>;

const healthSchema = z.object({
  app: z.literal('storm-studio-companion'),
  storm: z.string(),
  java: z.object({ found: z.boolean(), version: z.number().nullable(), message: z.string().nullable() }),
  busy: z.boolean(),
});
export type CompanionHealth = z.infer<typeof healthSchema>;

const runViewSchema = z.object({
  id: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  progress: z.array(z.string()),
  progressCount: z.number().int().nonnegative(),
  notice: z.string().nullable(),
  result: z.unknown(),
  code: z.number().nullable(),
  message: z.string().nullable(),
});
export type RunView = Omit<z.infer<typeof runViewSchema>, 'result'> & { readonly result: StormResult | null };

/** Checks a URL typed or pasted by the user: the companion listens on 127.0.0.1 (or localhost) over http. */
export function parseCompanionUrl(text: string): string | null {
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'http:' || (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') || !url.port) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** The token the companion prints: 32 hex digits. */
export const isToken = (text: string): boolean => /^[0-9a-f]{32}$/.test(text.trim());

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** A client of one companion. `fetchImpl` is the page's `fetch` (tests pass another). */
export function companionClient(connection: Connection, fetchImpl: Fetch = (input, init) => fetch(input, init)) {
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
    let res: Response;
    try {
      res = await fetchImpl(`${connection.url}${path}`, {
        method,
        mode: 'cors',
        cache: 'no-store',
        headers: { Authorization: `Bearer ${connection.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new CompanionError(
        'unreachable',
        `The Storm companion is not reachable at ${connection.url}: it is not running, or it does not accept this page (${location.origin}). Start it with: ${START_COMMAND}${location.origin.endsWith(':5173') || location.origin === 'http://127.0.0.1:4173' ? '' : ` --origin ${location.origin}`} and paste the URL and token it prints.`,
      );
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw new CompanionError('bad-answer', `${connection.url} answered ${res.status} without JSON: is it the Storm companion (${START_COMMAND})?`);
    }
    const error = typeof json === 'object' && json !== null && typeof (json as { error?: unknown }).error === 'string' ? (json as { error: string }).error : null;
    if (res.status === 403) throw new CompanionError('refused', error ?? 'The companion refused the request.');
    if (res.status === 409) throw new CompanionError('busy', error ?? 'The companion is busy with another run.');
    if (!res.ok) throw new CompanionError('request', error ?? `The companion answered ${res.status}.`);
    return { status: res.status, json };
  };

  const parsed = <T>(schema: z.ZodType<T>, json: unknown, what: string): T => {
    const r = schema.safeParse(json);
    if (!r.success) throw new CompanionError('bad-answer', `The companion's ${what} is not what this app expects (${r.error.issues[0]?.path.join('.') ?? ''}: ${r.error.issues[0]?.message ?? ''}). Update Storm Studio and the companion together.`);
    return r.data;
  };

  return {
    async health(): Promise<CompanionHealth> {
      return parsed(healthSchema, (await call('GET', '/health')).json, 'health answer');
    },
    async start(document: string, seconds: number, seed: string | number): Promise<string> {
      const { json } = await call('POST', '/runs', { document, seconds, seed });
      return parsed(z.object({ id: z.string() }), json, 'answer to the run').id;
    },
    async poll(id: string, since: number): Promise<RunView> {
      const view = parsed(runViewSchema, (await call('GET', `/runs/${encodeURIComponent(id)}?since=${since}`)).json, 'run report');
      return { ...view, result: view.state === 'done' ? parsed(stormResultSchema, view.result, 'result') : null };
    },
    async cancel(id: string): Promise<void> {
      await call('POST', `/runs/${encodeURIComponent(id)}/cancel`);
    },
  };
}

export type CompanionClient = ReturnType<typeof companionClient>;
