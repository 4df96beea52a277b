import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from 'zustand';
import type { HostSnapshot, StepEvent } from '../../engine';
import { startEngine } from '../../engine/test-kit';
import { wordCountExample } from '../../model/examples/word-count';
import type { RunState } from '../../store/run-state';
import { chartHistory, connectRunViews, resetViz, vizStore } from './live-store';

const IDLE: RunState = { runId: 0, status: 'idle', options: { clock: 'virtual', seed: 1, speed: 1 }, runDocument: null, snapshot: null, loading: null, failure: null, recentEvents: [], logs: [], taskStates: null };

describe('live store fed by the run store', () => {
  let snaps: HostSnapshot[];
  let events: StepEvent[];
  beforeAll(async () => {
    const engine = await startEngine(wordCountExample());
    events = [];
    for (let i = 0; i < 30; i++) events.push(engine.step()!);
    snaps = [];
    for (const t of [1000, 2000, 3000]) {
      engine.runUntil(t);
      snaps.push(engine.snapshot());
    }
  });
  afterEach(() => resetViz());

  it('shows nothing while the run store is idle, then follows its snapshots', () => {
    const run = createStore<RunState>(() => IDLE);
    const stop = connectRunViews(run);
    expect(vizStore.getState().overlay).toBeNull();
    run.setState({ status: 'running', runDocument: wordCountExample(), snapshot: snaps[0]! });
    expect(vizStore.getState().overlay!.time).toBe(1000);
    run.setState({ snapshot: snaps[1]! });
    run.setState({ snapshot: snaps[2]! });
    const overlay = vizStore.getState().overlay!;
    expect(overlay.time).toBe(3000);
    expect(overlay.components.sentences!.emitRate).toBeGreaterThan(95);
    expect(chartHistory()!.data('600', 'throughput').x).toEqual([2, 3]);
    stop();
  });

  it('keeps the last numbers of a stopped run, and forgets them when the store is reset or a new run starts', () => {
    const run = createStore<RunState>(() => ({ ...IDLE, status: 'running', runDocument: wordCountExample(), snapshot: snaps[0]! }));
    const stop = connectRunViews(run);
    run.setState({ status: 'stopped' });
    expect(vizStore.getState().overlay).not.toBeNull();
    // A new start: loading, no snapshot yet.
    run.setState({ status: 'loading', snapshot: null });
    expect(vizStore.getState().overlay).toBeNull();
    expect(chartHistory()).toBeNull();
    run.setState({ status: 'running', snapshot: snaps[1]! });
    expect(vizStore.getState().overlay!.time).toBe(2000);
    run.setState(IDLE);
    expect(vizStore.getState().overlay).toBeNull();
    stop();
  });

  it('starts travelling tuples for new events only', () => {
    const run = createStore<RunState>(() => ({ ...IDLE, status: 'running', runDocument: wordCountExample(), snapshot: snaps[0]! }));
    const stop = connectRunViews(run);
    run.setState({ recentEvents: events.slice(0, 3) });
    const first = vizStore.getState().tokens;
    // The first three events: the spout's first emit (and the events that follow it).
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((t) => t.edge === 'sentences->split' || t.edge === 'split->count')).toBe(true);
    run.setState({ recentEvents: events.slice(0, 3) });
    expect(vizStore.getState().tokens).toBe(first);
    // More events, among them the spout's next emits: new tokens, the first ones kept (their trips are not over).
    run.setState({ recentEvents: events.slice(0, 30) });
    const keys = new Set(first.map((t) => t.key));
    const now = vizStore.getState().tokens;
    expect(now.filter((t) => keys.has(t.key))).toHaveLength(first.length);
    expect(now.filter((t) => !keys.has(t.key) && t.edge === 'sentences->split').length).toBeGreaterThan(0);
    stop();
  });
});
