/**
 * The real Storm run of the open document: the companion connection (its URL and token, kept in
 * sessionStorage only: gone when the tab closes), the run's progress while Storm starts, and its
 * result. Like a simulator run, a real run belongs to the document it ran: when another document
 * is opened the run is cancelled (if it still runs) and cleared ({@link bindRealStormToDocument}).
 */
import type { StoreApi } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { serializeDocument, type TopologyDocument } from '../../model';
import type { DocumentState } from '../../store/document-store';
import { CompanionError, companionClient, type CompanionClient, type CompanionHealth, type CompanionProblem, type Connection, type StormResult } from './companion-client';

export type RealRunStatus = 'idle' | 'starting' | 'done' | 'failed' | 'cancelled';

export interface RealStormState {
  readonly connection: Connection | null;
  readonly health: CompanionHealth | null;
  /** Why the companion could not be used (not running, refused, busy…), with what to do. */
  readonly problem: { readonly kind: CompanionProblem; readonly message: string } | null;
  readonly status: RealRunStatus;
  /** The companion's id of the run. */
  readonly runId: string | null;
  readonly progress: readonly string[];
  /** What real Storm does not do as Storm Studio does (listed before the run). */
  readonly notice: string | null;
  readonly result: StormResult | null;
  /** Why the run failed, or how Storm ended it early. */
  readonly message: string | null;
  /** The document's name and the run's seconds, for the views. */
  readonly documentName: string | null;
  readonly seconds: number;
  /** The page's clock when the run was sent (for the elapsed time shown while Storm starts). */
  readonly startedAt: number | null;
}

const SESSION_KEY = 'storm-studio.companion';
/** Time between two polls of a run. */
export const POLL_MS = 1000;

const INITIAL: RealStormState = { connection: null, health: null, problem: null, status: 'idle', runId: null, progress: [], notice: null, result: null, message: null, documentName: null, seconds: 10, startedAt: null };

function session(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** The connection saved in this tab (sessionStorage), if any. */
export function savedConnection(): Connection | null {
  try {
    const raw = JSON.parse(session()?.getItem(SESSION_KEY) ?? 'null') as Partial<Connection> | null;
    return raw && typeof raw.url === 'string' && typeof raw.token === 'string' ? { url: raw.url, token: raw.token } : null;
  } catch {
    return null;
  }
}

export interface RealStormDeps {
  readonly client: (connection: Connection) => CompanionClient;
  readonly now: () => number;
  readonly setTimer: (f: () => void, ms: number) => unknown;
}

const defaultDeps: RealStormDeps = { client: (c) => companionClient(c), now: () => Date.now(), setTimer: (f, ms) => setTimeout(f, ms) };

export function createRealStormStore(deps: RealStormDeps = defaultDeps) {
  const store = createStore<RealStormState>()(() => ({ ...INITIAL, connection: savedConnection() }));
  /** Increases on every run and clear: polls of an older run stop. */
  let generation = 0;
  /** The generation whose Cancel came before the companion returned the run's id. */
  let cancelBeforeId = -1;

  const problemOf = (e: unknown) => (e instanceof CompanionError ? { kind: e.problem, message: e.message } : { kind: 'request' as const, message: e instanceof Error ? e.message : String(e) });

  const poll = (gen: number, client: CompanionClient, id: string) => {
    deps.setTimer(async () => {
      if (gen !== generation) return;
      const s = store.getState();
      let view;
      try {
        view = await client.poll(id, s.progress.length);
      } catch (e) {
        if (gen !== generation) return;
        // The companion went away mid-run (Ctrl-C): the run is over.
        store.setState({ status: 'failed', problem: problemOf(e), message: null });
        return;
      }
      if (gen !== generation) return;
      const progress = [...s.progress, ...view.progress].slice(-500);
      if (view.state === 'running') {
        store.setState({ progress, notice: view.notice });
        poll(gen, client, id);
        return;
      }
      store.setState({ status: view.state === 'done' ? 'done' : view.state, progress, notice: view.notice, result: view.result, message: view.message });
    }, POLL_MS);
  };

  const actions = {
    /** Checks the companion at `connection` and keeps it (this tab only) when it answers. */
    async connect(connection: Connection): Promise<boolean> {
      store.setState({ connection, problem: null });
      try {
        const health = await deps.client(connection).health();
        session()?.setItem(SESSION_KEY, JSON.stringify(connection));
        store.setState({ health });
        return true;
      } catch (e) {
        store.setState({ health: null, problem: problemOf(e) });
        return false;
      }
    },
    /** Forgets the connection (and the saved token). */
    disconnect(): void {
      session()?.removeItem(SESSION_KEY);
      store.setState({ connection: null, health: null, problem: null });
    },
    /** Sends `doc` to the companion and follows the run until it ends. */
    async run(doc: TopologyDocument, seconds: number, seed: string | number): Promise<void> {
      const connection = store.getState().connection;
      if (!connection) throw new Error('Not connected to the Storm companion.');
      const gen = ++generation;
      store.setState({ status: 'starting', problem: null, runId: null, progress: [], notice: null, result: null, message: null, documentName: doc.name, seconds, startedAt: deps.now() });
      const client = deps.client(connection);
      try {
        const id = await client.start(serializeDocument(doc), seconds, seed);
        if (gen !== generation) {
          void client.cancel(id).catch(() => {});
          return;
        }
        store.setState({ runId: id });
        // Cancel was clicked while the document was on its way: cancel now; polling reports the end.
        if (cancelBeforeId === gen) await actions.cancel();
        poll(gen, client, id);
      } catch (e) {
        if (gen !== generation) return;
        store.setState({ status: 'failed', problem: problemOf(e) });
      }
    },
    /** Asks the companion to cancel the run (it shuts the LocalCluster down); polling reports the end. */
    async cancel(): Promise<void> {
      const { connection, runId, status } = store.getState();
      if (!connection || status !== 'starting') return;
      if (!runId) {
        cancelBeforeId = generation;
        store.setState({ progress: [...store.getState().progress, 'cancelling: waiting for the companion to accept the run'] });
        return;
      }
      try {
        await deps.client(connection).cancel(runId);
      } catch (e) {
        store.setState({ problem: problemOf(e) });
      }
    },
    /** Cancels the run if it still runs, and forgets it (the connection stays). */
    clear(): void {
      const { connection, runId, status } = store.getState();
      generation++;
      if (connection && runId && status === 'starting') void deps.client(connection).cancel(runId).catch(() => {});
      store.setState({ status: 'idle', problem: null, runId: null, progress: [], notice: null, result: null, message: null, documentName: null, startedAt: null });
    },
  };
  return Object.assign(store, { actions });
}

export type RealStormStore = ReturnType<typeof createRealStormStore>;

/**
 * A real run belongs to the document it ran: a change of the open document (another file, an
 * example, New, Undo across a load) cancels and clears it. Returns the unsubscribe.
 */
export function bindRealStormToDocument(documents: Pick<StoreApi<DocumentState>, 'subscribe'>, real: RealStormStore, onCleared?: (name: string) => void): () => void {
  return documents.subscribe((s, prev) => {
    if (s.documentId === prev.documentId) return;
    const state = real.getState();
    if (state.status === 'idle') return;
    real.actions.clear();
    onCleared?.(state.documentName ?? prev.doc.name);
  });
}

/** The app's store (created on first use). */
let appStore: RealStormStore | null = null;
export function realStormStore(): RealStormStore {
  return (appStore ??= createRealStormStore());
}
