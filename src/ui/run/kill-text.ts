/**
 * What killing a worker does to the run's tuple trees, said the way the views will show it: trees
 * of spouts in other workers that lost tuples time out (between T and 2T) and are replayed by the
 * spout's fail(); a spout in the killed worker loses its pending trees with it — the restarted
 * spout starts afresh, so they neither time out nor replay; untracked tuples are simply gone.
 */
import type { PhysicalPlan } from '../../engine';
import type { TopologyDocument } from '../../model';

export interface KillFacts {
  readonly worker: number;
  readonly plan: PhysicalPlan;
  readonly doc: TopologyDocument;
  /** Spouts emitting without message ids (see untracked.ts). */
  readonly untracked: readonly string[];
}

const list = (ids: readonly string[]) => (ids.length === 1 ? ids[0]! : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`);

/** The sentence after "Worker n (port p) was killed at t = …:". */
export function killConsequence({ worker, plan, doc, untracked }: KillFacts): string {
  const spouts = doc.components.filter((c) => c.kind === 'spout').map((c) => String(c.id));
  const here = new Set(plan.executors.filter((e) => e.worker === worker && spouts.includes(e.component)).map((e) => String(e.component)));
  const inside = spouts.filter((s) => here.has(s));
  const tracked = spouts.filter((s) => !here.has(s) && !untracked.includes(s));
  const t = doc.config.messageTimeoutSecs;
  const parts = ['the tuples queued in its executors and in flight are lost.'];
  if (plan.ackers === 0) parts.push('Acking is off (0 ackers), so no tree is tracked: nothing times out or is replayed.');
  else {
    if (tracked.length) parts.push(`Trees of ${list(tracked)} that lost a tuple are never acked: they time out between T and 2T (T = topology.message.timeout.secs = ${t} s) and the spout's fail() replays them (Tuple trees: timed out, replay).`);
    if (inside.length)
      parts.push(
        `${list(inside)} ran in this worker: its pending trees died with it (Tuple trees: lost). The restarted spout starts afresh — its pending message ids are gone — so those trees neither time out nor replay; on a cluster only a source that redelivers (a Kafka offset not committed) brings them back.`,
      );
    const gone = untracked.filter((s) => spouts.includes(s));
    if (gone.length) parts.push(`${list(gone)} emits without message ids: its lost tuples are not tracked, so nothing tells it and nothing is replayed.`);
  }
  parts.push(`Storm's supervisor restarts the worker after ${doc.simulation.workerRestartSecs} s.`);
  return parts.join(' ');
}
