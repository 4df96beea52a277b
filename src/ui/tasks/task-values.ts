/**
 * What each task holds: the values that reached each bolt task in the run's sampled tuple trees
 * (one tree in 100), gathered over the whole run — the snapshots keep only the latest 20 trees —
 * so fields grouping's routing ("count task 4 has "the": 12") and its skew show.
 */
import { createStore, useStore } from 'zustand';
import type { HostSnapshot, LineageTree } from '../../engine';
import type { RunState } from '../../store/run-state';

/** Component → task → values (as JSON) → times received. */
export type TaskValues = ReadonlyMap<string, ReadonlyMap<number, ReadonlyMap<string, number>>>;

/** Tuples remembered per run, to count each once (the same tree comes in many snapshots). */
const MAX_SEEN = 100_000;

export class TaskValueTally {
  private readonly seen = new Set<string>();
  private readonly values = new Map<string, Map<number, Map<string, number>>>();
  /** Sampled tuples counted. */
  tuples = 0;

  /** Adds the tuples of these trees not counted yet; returns whether anything was added. */
  add(trees: readonly LineageTree[]): boolean {
    let added = false;
    for (const tree of trees) {
      for (const node of tree.nodes) {
        const key = `${node.id}>${node.dest}`;
        if (this.seen.has(key) || this.seen.size >= MAX_SEEN) continue;
        this.seen.add(key);
        let tasks = this.values.get(node.destComponent);
        if (!tasks) this.values.set(node.destComponent, (tasks = new Map()));
        let values = tasks.get(node.dest);
        if (!values) tasks.set(node.dest, (values = new Map()));
        values.set(node.values, (values.get(node.values) ?? 0) + 1);
        this.tuples++;
        added = true;
      }
    }
    return added;
  }

  view(): TaskValues {
    return this.values;
  }
}

interface TaskValuesState {
  readonly runId: number;
  readonly values: TaskValues;
  readonly tuples: number;
  /** Bumped when the tally changes (the maps are mutable). */
  readonly version: number;
}

export const taskValuesStore = createStore<TaskValuesState>()(() => ({ runId: 0, values: new Map(), tuples: 0, version: 0 }));
export const useTaskValues = <T>(selector: (s: TaskValuesState) => T): T => useStore(taskValuesStore, selector);

interface RunLike {
  getState(): RunState;
  subscribe(listener: (s: RunState, prev: RunState) => void): () => void;
}

/** Tallies the sampled trees of every snapshot of the run store (bound once at startup). */
export function bindTaskValues(runStore: RunLike): () => void {
  let tally = new TaskValueTally();
  let runId = -1;
  const ingest = (snapshot: HostSnapshot | null, id: number) => {
    if (id !== runId || (snapshot === null && tally.tuples > 0)) {
      runId = id;
      tally = new TaskValueTally();
      taskValuesStore.setState({ runId: id, values: tally.view(), tuples: 0, version: 0 });
    }
    if (snapshot && tally.add(snapshot.lineage)) taskValuesStore.setState((s) => ({ values: tally.view(), tuples: tally.tuples, version: s.version + 1 }));
  };
  return runStore.subscribe((s, prev) => {
    if (s.snapshot !== prev.snapshot || s.runId !== prev.runId) ingest(s.snapshot, s.runId);
  });
}
