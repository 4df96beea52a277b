/**
 * The page side of "Run on real Storm": the companion's answers checked, the link and the pasted
 * text read, the run followed to its end, cancelled, and cleared when another document opens; and
 * the side-by-side tables from a recorded Storm run and a simulator snapshot.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostSnapshot } from '../../engine';
import { withLanguage, wordCountExample } from '../../model';
import { createDocumentStore } from '../../store/document-store';
import { stormJson } from '../../../scripts/storm/figures';
import type { StormRun } from '../../../scripts/storm/figures';
import { companionClient, CompanionError, parseCompanionUrl, stormResultSchema, type CompanionClient, type RunView, type StormResult } from './companion-client';
import { comparePlan, compareRows, stormSeconds } from './compare';
import { connectionFromHash, connectionFromText, defaultSeconds } from './real-storm-actions';
import { bindRealStormToDocument, createRealStormStore, POLL_MS } from './real-storm-store';

const TOKEN = '0123456789abcdef0123456789abcdef';
const run = JSON.parse(readFileSync(join(import.meta.dirname, '../../../scripts/storm/__fixtures__/word-count-javascript.run.json'), 'utf8')) as StormRun;
const result: StormResult = stormResultSchema.parse(stormJson(run, { name: 'word-count', clock: 'wall', seed: 3, seconds: 5, languages: {}, notes: ['a note'] }));

/** A simulator snapshot with the components' all-time counts (what compare reads). */
function simSnapshot(timeMs: number, counts: Record<string, Partial<Record<'emitted' | 'transferred' | 'executed' | 'acked' | 'failed', number>>>): HostSnapshot {
  const components = Object.fromEntries(
    Object.entries(counts).map(([id, c]) => {
      const w = { spanMs: timeMs, emitted: 0, transferred: 0, executed: 0, acked: 0, failed: 0, executeLatencyMs: 1, processLatencyMs: 2, completeLatencyMs: 3, capacity: 0.5, ticks: 0, timeouts: 0, nextTupleCalls: 0, throttledMs: 0, maxPendingMs: 0, emptyWaitMs: 0, lost: 0, ...c };
      const none = { count: 0, meanMs: null, p50Ms: null, p99Ms: null };
      return [id, { id, kind: id === 'sentences' ? 'spout' : 'bolt', executors: 1, tasks: [1], windows: { '600': w, '10800': w, '86400': w, all: w }, latency: { '600': { execute: none, process: none, complete: none }, all: { execute: none, process: none, complete: none } }, queued: 0, pending: 0, lastError: null }];
    }),
  );
  const executors = result.plan.executors.map((e, id) => ({ id, component: e.component, tasks: e.tasks, worker: e.worker }));
  return { time: timeMs, clock: 'virtual', components, plan: { workers: 1, executors } } as unknown as HostSnapshot;
}

describe('reading what the companion printed', () => {
  it('takes the URL and token from its link, or from its lines pasted whole', () => {
    expect(connectionFromHash(`#storm=${encodeURIComponent('http://127.0.0.1:41234')}&token=${TOKEN}`)).toEqual({ url: 'http://127.0.0.1:41234', token: TOKEN });
    expect(connectionFromHash(`#storm=${encodeURIComponent('http://evil.example:80')}&token=${TOKEN}`)).toBeNull();
    expect(connectionFromHash('#storm=http%3A%2F%2F127.0.0.1%3A41234&token=short')).toBeNull();
    expect(connectionFromText(`Storm Studio companion on http://127.0.0.1:41234\ntoken: ${TOKEN}\nOpen the app connected: http://127.0.0.1:5173/#storm=http%3A%2F%2F127.0.0.1%3A41234&token=${TOKEN}`)).toEqual({ url: 'http://127.0.0.1:41234', token: TOKEN });
    expect(connectionFromText(`http://127.0.0.1:5173/#storm=http%3A%2F%2F127.0.0.1%3A999&token=${TOKEN}`)).toEqual({ url: 'http://127.0.0.1:999', token: TOKEN });
  });

  it('accepts only a companion on 127.0.0.1 or localhost over http', () => {
    expect(parseCompanionUrl(' http://127.0.0.1:41234/ ')).toBe('http://127.0.0.1:41234');
    expect(parseCompanionUrl('http://localhost:41234')).toBe('http://localhost:41234');
    expect(parseCompanionUrl('https://127.0.0.1:41234')).toBeNull();
    expect(parseCompanionUrl('http://192.168.1.2:41234')).toBeNull();
    expect(parseCompanionUrl('http://127.0.0.1')).toBeNull();
    expect(parseCompanionUrl('nonsense')).toBeNull();
  });

  it('runs the real run as long as the simulator ran (whole seconds, 5–60), 10 s without one', () => {
    expect(defaultSeconds(null)).toBe(10);
    expect(defaultSeconds({ time: 12_400 } as HostSnapshot)).toBe(12);
    expect(defaultSeconds({ time: 900 } as HostSnapshot)).toBe(5);
    expect(defaultSeconds({ time: 3_600_000 } as HostSnapshot)).toBe(60);
  });
});

describe('the companion client', () => {
  beforeEach(() => vi.stubGlobal('location', { origin: 'http://127.0.0.1:5173' }));
  afterEach(() => vi.unstubAllGlobals());
  const answer = (status: number, body: unknown) => async () => new Response(JSON.stringify(body), { status });

  it('says how to start the companion when it is not reachable', async () => {
    const client = companionClient({ url: 'http://127.0.0.1:1', token: TOKEN }, async () => {
      throw new TypeError('Failed to fetch');
    });
    const e = await client.health().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CompanionError);
    expect((e as CompanionError).problem).toBe('unreachable');
    expect((e as Error).message).toMatch(/not reachable at http:\/\/127\.0\.0\.1:1.*Start it with: npm run storm -- --serve and paste/);
  });

  it('passes the companion\'s refusal and busy answers on, and checks what it answers', async () => {
    const refused = companionClient({ url: 'http://127.0.0.1:2', token: TOKEN }, answer(403, { error: 'Refused: wrong token.' }));
    await expect(refused.health()).rejects.toMatchObject({ problem: 'refused', message: 'Refused: wrong token.' });
    const busy = companionClient({ url: 'http://127.0.0.1:2', token: TOKEN }, answer(409, { error: 'Busy: a run (run-1) is in progress.' }));
    await expect(busy.start('{}', 5, 1)).rejects.toMatchObject({ problem: 'busy' });
    const odd = companionClient({ url: 'http://127.0.0.1:2', token: TOKEN }, answer(200, { app: 'something else' }));
    await expect(odd.health()).rejects.toMatchObject({ problem: 'bad-answer' });
    const badResult = companionClient({ url: 'http://127.0.0.1:2', token: TOKEN }, answer(200, { id: 'r', state: 'done', progress: [], progressCount: 0, notice: null, result: { plan: 1 }, code: 0, message: null }));
    await expect(badResult.poll('r', 0)).rejects.toMatchObject({ problem: 'bad-answer' });
  });

  it('sends the token and the document', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const client = companionClient({ url: 'http://127.0.0.1:3', token: TOKEN }, async (url, init) => {
      seen.push({ url, init });
      return new Response(JSON.stringify({ id: 'run-1' }), { status: 202 });
    });
    expect(await client.start('{"name":"x"}', 7, 3)).toBe('run-1');
    expect(seen[0]!.url).toBe('http://127.0.0.1:3/runs');
    expect((seen[0]!.init!.headers as Record<string, string>).Authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(seen[0]!.init!.body as string)).toEqual({ document: '{"name":"x"}', seconds: 7, seed: 3 });
  });
});

/** A fake companion: runs finish when the test says so. */
function fakeCompanion() {
  const views: RunView[] = [];
  const cancelled: string[] = [];
  const started: { document: string; seconds: number; seed: string | number }[] = [];
  const client: CompanionClient = {
    health: async () => ({ app: 'storm-studio-companion', storm: '2.8.3', java: { found: true, version: 17, message: null }, busy: false }),
    start: async (document, seconds, seed) => {
      started.push({ document, seconds, seed });
      return 'run-1';
    },
    poll: async () => views.shift() ?? { id: 'run-1', state: 'running', progress: [], progressCount: 0, notice: null, result: null, code: null, message: null },
    cancel: async (id) => void cancelled.push(id),
  };
  return { client, views, cancelled, started };
}

describe('the real run store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('follows a run from Storm starting to its result', async () => {
    const fake = fakeCompanion();
    const store = createRealStormStore({ client: () => fake.client, now: () => 0, setTimer: (f, ms) => setTimeout(f, ms) });
    expect(await store.actions.connect({ url: 'http://127.0.0.1:4', token: TOKEN })).toBe(true);
    await store.actions.run(withLanguage(wordCountExample(), 'javascript'), 5, 3);
    expect(store.getState()).toMatchObject({ status: 'starting', runId: 'run-1', seconds: 5, documentName: 'word-count' });
    expect(JSON.parse(fake.started[0]!.document).name).toBe('word-count');
    fake.views.push({ id: 'run-1', state: 'running', progress: ['starting a LocalCluster'], progressCount: 1, notice: null, result: null, code: null, message: null });
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(store.getState().progress).toEqual(['starting a LocalCluster']);
    fake.views.push({ id: 'run-1', state: 'done', progress: ['reading the figures'], progressCount: 2, notice: null, result, code: 0, message: null });
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(store.getState()).toMatchObject({ status: 'done', progress: ['starting a LocalCluster', 'reading the figures'], result });
  });

  it('a run belongs to its document: opening another cancels and clears it', async () => {
    const fake = fakeCompanion();
    const store = createRealStormStore({ client: () => fake.client, now: () => 0, setTimer: (f, ms) => setTimeout(f, ms) });
    await store.actions.connect({ url: 'http://127.0.0.1:4', token: TOKEN });
    const documents = createDocumentStore(withLanguage(wordCountExample(), 'javascript'));
    const cleared: string[] = [];
    bindRealStormToDocument(documents, store, (name) => cleared.push(name));
    await store.actions.run(documents.getState().doc, 5, 1);
    // An edit of the same document keeps it.
    documents.getState().edit((d) => ({ ...d, name: 'renamed' }));
    expect(store.getState().status).toBe('starting');
    documents.getState().replace({ ...wordCountExample(), name: 'other' });
    expect(store.getState()).toMatchObject({ status: 'idle', result: null, runId: null, progress: [] });
    expect(fake.cancelled).toEqual(['run-1']);
    expect(cleared).toEqual(['word-count']);
    // The connection stays; the old run's polls are ignored.
    fake.views.push({ id: 'run-1', state: 'done', progress: [], progressCount: 0, notice: null, result, code: 0, message: null });
    await vi.advanceTimersByTimeAsync(POLL_MS * 2);
    expect(store.getState()).toMatchObject({ status: 'idle', result: null });
    expect(store.getState().connection).not.toBeNull();
  });

  it('a Cancel clicked before the companion has accepted the run cancels it once it has', async () => {
    const fake = fakeCompanion();
    let accept!: (id: string) => void;
    fake.client.start = () => new Promise((resolve) => (accept = resolve));
    const store = createRealStormStore({ client: () => fake.client, now: () => 0, setTimer: (f, ms) => setTimeout(f, ms) });
    await store.actions.connect({ url: 'http://127.0.0.1:4', token: TOKEN });
    const running = store.actions.run(wordCountExample(), 5, 1);
    await store.actions.cancel();
    expect(store.getState()).toMatchObject({ status: 'starting', runId: null });
    expect(store.getState().progress.at(-1)).toMatch(/cancelling/);
    expect(fake.cancelled).toEqual([]);
    accept('run-1');
    await running;
    expect(fake.cancelled).toEqual(['run-1']);
    fake.views.push({ id: 'run-1', state: 'cancelled', progress: [], progressCount: 0, notice: null, result: null, code: 130, message: null });
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(store.getState().status).toBe('cancelled');
  });

  it('says when the companion went away mid-run', async () => {
    const fake = fakeCompanion();
    const store = createRealStormStore({ client: () => fake.client, now: () => 0, setTimer: (f, ms) => setTimeout(f, ms) });
    await store.actions.connect({ url: 'http://127.0.0.1:4', token: TOKEN });
    await store.actions.run(wordCountExample(), 5, 1);
    fake.client.poll = async () => {
      throw new CompanionError('unreachable', 'The Storm companion is not reachable');
    };
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(store.getState()).toMatchObject({ status: 'failed', problem: { kind: 'unreachable' } });
  });
});

describe('Storm beside the simulator', () => {
  it('puts each of Storm\'s figures above the simulator\'s, and compares the counts per second', () => {
    expect(stormSeconds(result)).toBeCloseTo(5.001, 2);
    // The simulator: 10 s, twice Storm's rate for count, the same for split.
    const sim = simSnapshot(10_000, { sentences: { emitted: 688, transferred: 688, acked: 688 }, split: { emitted: 4408, transferred: 4408, executed: 688, acked: 688 }, count: { emitted: 8816, executed: 8816, acked: 8816 } });
    const bolts = compareRows(result, sim, 'bolt');
    expect(bolts.map((r) => r.id)).toEqual(['count', 'split']);
    const count = bolts[0]!;
    expect(count.cells.executed).toEqual({ storm: '2,204', sim: '8,816' });
    expect(count.cells.executors).toEqual({ storm: '3', sim: '1' });
    expect(count.cells.id).toEqual({ storm: 'count', sim: null });
    expect(count.cells.vs!.storm).toBe('emitted +100 % per second');
    expect(count.far).toBe(true);
    const split = bolts[1]!;
    expect(split.cells.vs!.storm).toBe('same counts per second');
    expect(split.far).toBe(false);
    const spouts = compareRows(result, sim, 'spout');
    expect(spouts[0]!.cells.emitted).toEqual({ storm: '344', sim: '688' });
    expect(Object.keys(spouts[0]!.cells)).toContain('complete');
  });

  it('without a simulator run: Storm\'s figures alone', () => {
    const rows = compareRows(result, null, 'bolt');
    expect(rows[0]!.cells.executed).toEqual({ storm: '2,204', sim: null });
    expect(rows[0]!.verdict).toBe('');
  });

  it('shows the real plan by worker and whether it is the simulator\'s', () => {
    const plan = comparePlan(result, null);
    expect(plan.workers).toHaveLength(1);
    expect(plan.workers[0]!.map((e) => `${e.component}[${e.tasks.join('-')}]`)).toEqual(['__acker[1-1]', 'count[2-2]', 'count[3-3]', 'count[4-4]', 'sentences[5-5]', 'split[6-6]', 'split[7-7]']);
    expect(plan.sameAsSimulator).toBeNull();
    expect(comparePlan(result, simSnapshot(1000, {})).sameAsSimulator).toBe(true);
  });
});
