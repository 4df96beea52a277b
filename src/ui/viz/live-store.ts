/**
 * The run views' live state: the canvas overlay, the chart history and the travelling tokens,
 * derived from the run store's snapshots and events. Views select their own slice (one node its
 * own component, one edge its own rate), so a snapshot re-renders what changed, never the whole
 * canvas. Fed by {@link connectRunViews} from the run store.
 */
import { createStore, useStore } from 'zustand';
import type { HostSnapshot, StepEvent } from '../../engine';
import type { RunState } from '../../store/run-state';
import { ChartHistory } from './history';
import { buildOverlay, type ComponentLive, type EdgeLive, type Overlay } from './overlay';
import { advanceRates, countSample, type RateState } from './rates';
import type { RowCell } from './storm-columns';
import { addTokens, DEFAULT_TOKEN_LIMITS, edgeIndex, tripsOf, type EdgeIndex, type Token } from './tokens';

export interface VizState {
  /** The latest snapshot's overlay; null when no run exists (the designer view is unchanged). */
  readonly overlay: Overlay | null;
  readonly rates: RateState | null;
  /** Bumped when the chart history gains a point. */
  readonly historyVersion: number;
  /** Tuples travelling along edges (animated run). */
  readonly tokens: readonly Token[];
}

const INITIAL: VizState = { overlay: null, rates: null, historyVersion: 0, tokens: [] };

export const vizStore = createStore<VizState>()(() => INITIAL);

export function useViz<T>(selector: (s: VizState) => T): T {
  return useStore(vizStore, selector);
}

let history: ChartHistory | null = null;
let edges: { index: EdgeIndex; taskToComponent: Readonly<Record<string, string>> } | null = null;
let nextTokenKey = 1;
let pruneTimer: ReturnType<typeof setTimeout> | null = null;
/** When the last batch of events arrived (page clock): its events are spread over the time since. */
let lastBatchAt: number | null = null;
/** Longest spread of a batch (ms): after a pause, a batch is not stretched over the pause. */
const MAX_SPREAD_MS = 500;

/** The chart history of the current run (mutable rings; watch `historyVersion`). */
export const chartHistory = (): ChartHistory | null => history;

/** Folds a snapshot into the overlay, rates and chart history. */
function ingestSnapshot(snapshot: HostSnapshot): void {
  const state = vizStore.getState();
  const sample = countSample(snapshot);
  const rates = advanceRates(state.rates, sample, snapshot.raw.time - snapshot.raw.start);
  if (rates.samples.length === 1 && state.rates !== null) history = null; // a new run
  if (history === null || !history.accepts(snapshot)) history = new ChartHistory(snapshot);
  else history.ingest(snapshot);
  edges = { index: edgeIndex(snapshot.meta.edges), taskToComponent: snapshot.plan.taskToComponent };
  const overlay = buildOverlay(snapshot, rates.rates, state.overlay);
  vizStore.setState({ overlay, rates, historyVersion: history.version });
}

/**
 * Starts tokens for the emits of processed events (the animated run). The events of one batch
 * (one poll of the simulation) happened one after the other: their trips are spread over the time
 * since the previous batch (at most {@link MAX_SPREAD_MS}).
 */
function ingestEvents(events: readonly StepEvent[], now = performance.now()): void {
  if (edges === null || events.length === 0) return;
  const trips = tripsOf(events, edges.taskToComponent, edges.index);
  const current = vizStore.getState().tokens;
  const spread = lastBatchAt === null ? 0 : Math.min(MAX_SPREAD_MS, Math.max(0, now - lastBatchAt));
  lastBatchAt = now;
  const tokens = addTokens(current, trips, now, nextTokenKey, DEFAULT_TOKEN_LIMITS, spread);
  nextTokenKey += trips.length;
  if (tokens !== current) vizStore.setState({ tokens });
  schedulePrune();
}

function schedulePrune(): void {
  if (pruneTimer !== null || vizStore.getState().tokens.length === 0) return;
  pruneTimer = setTimeout(() => {
    pruneTimer = null;
    const current = vizStore.getState().tokens;
    const tokens = addTokens(current, [], performance.now(), nextTokenKey);
    if (tokens !== current) vizStore.setState({ tokens });
    schedulePrune();
  }, DEFAULT_TOKEN_LIMITS.tripMs / 2);
}

/** Forgets the run (no overlay: the canvas is the designer's again). */
export function resetViz(): void {
  history = null;
  edges = null;
  lastBatchAt = null;
  if (pruneTimer !== null) clearTimeout(pruneTimer);
  pruneTimer = null;
  vizStore.setState(INITIAL);
}

/** Whether a run's results are shown: a snapshot exists and the store is not idle. */
function runExists(state: Pick<RunState, 'status' | 'snapshot'>): boolean {
  return state.status !== 'idle' && state.snapshot !== null;
}

/** What {@link connectRunViews} needs of the run store (a zustand store of {@link RunState}). */
export interface RunStateSource {
  getState(): RunState;
  subscribe(listener: (state: RunState, previous: RunState) => void): () => void;
}

/**
 * Feeds the run views from the run store: every new snapshot, every new processed event; clears
 * them when the store goes back to idle or drops its snapshot. Returns the unsubscribe.
 */
export function connectRunViews(source: RunStateSource): () => void {
  let lastEvent: StepEvent | undefined;
  const onState = (state: RunState, previous: RunState | null) => {
    if (!runExists(state)) {
      if (vizStore.getState().overlay !== null) resetViz();
      lastEvent = undefined;
      return;
    }
    if (previous !== null && state.runDocument !== previous.runDocument) resetViz();
    if (state.snapshot !== previous?.snapshot && state.snapshot !== null) ingestSnapshot(state.snapshot);
    if (state.recentEvents !== previous?.recentEvents) {
      const events = state.recentEvents;
      const at = lastEvent === undefined ? -1 : events.lastIndexOf(lastEvent);
      const fresh = at >= 0 ? events.slice(at + 1) : events.slice(-DEFAULT_TOKEN_LIMITS.total);
      lastEvent = events[events.length - 1];
      if (fresh.length > 0) ingestEvents(fresh);
    }
  };
  onState(source.getState(), null);
  return source.subscribe((state, previous) => onState(state, previous));
}

// Selectors: each view takes only its own entry.
export const selectComponentLive =
  (id: string) =>
  (s: VizState): ComponentLive | null =>
    s.overlay?.components[id] ?? null;
export const selectEdgeLive =
  (id: string) =>
  (s: VizState): EdgeLive | null =>
    s.overlay?.edges[id] ?? null;
export const selectLive = (s: VizState): boolean => s.overlay !== null;
/** Storm UI's row of a component (changes with every snapshot: only the hover card selects it). */
export const selectStormUiRow =
  (id: string) =>
  (s: VizState): readonly RowCell[] | null =>
    s.overlay?.rows[id] ?? null;
