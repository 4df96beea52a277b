/**
 * The "Tuple trees" dock tab: the sampled spout tuples of the run (pending, acked, failed, timed
 * out, replayed) and, for the one selected, its tree of anchored tuples, where it broke, and the
 * acker's XOR value stepping to zero.
 */
import { useMemo, useRef, useState } from 'react';
import type { LineageTree } from '../../engine';
import { useDockTabVisible } from '../viz/dock-visible';
import type { RunState } from '../../store/run-state';
import { useRun } from '../viz/run-binding';
import { formatDuration, formatEngineTime } from '../viz/time';
import { buildTreeView, treeSummaries, type TreeStatus, type TreeSummary } from '../viz/tuple-tree';
import { HexId, TreeDiagram } from './tree-diagram';
import { UntrackedHint } from '../untracked/untracked-hint';
import { XorSteps } from './xor-steps';
import './lineage.css';

const TREES_TAB = 'trees';

const NO_TREES: readonly LineageTree[] = [];
const STATUS_TEXT: Record<TreeStatus, string> = { pending: 'pending', acked: 'acked', failed: 'failed', 'timed-out': 'timed out', lost: 'lost' };
type Filter = 'all' | TreeStatus | 'replays';
const FILTERS: readonly Filter[] = ['all', 'acked', 'pending', 'failed', 'timed-out', 'lost', 'replays'];

function matches(s: TreeSummary, f: Filter): boolean {
  if (f === 'all') return true;
  if (f === 'replays') return s.replayOf !== null || s.replayedBy !== null;
  return s.status === f;
}

export function StatusChip({ status, testId }: { status: TreeStatus; testId?: string }) {
  return (
    <span className={`tt-status is-${status}`} data-testid={testId} data-status={status}>
      {STATUS_TEXT[status]}
    </span>
  );
}

/**
 * The spouts' totals (what the Spouts table counts), beside the sample this tab lists: a tree
 * counted failed or timed out there is listed here only if it was sampled.
 */
function spoutTotals(s: RunState): string {
  const spouts = Object.values(s.snapshot?.components ?? {}).filter((c) => c.kind === 'spout');
  if (spouts.length === 0) return '';
  const sum = (f: (w: (typeof spouts)[number]['windows']['all']) => number) => spouts.reduce((n, c) => n + f(c.windows.all), 0);
  const failed = sum((w) => w.failed);
  const timeouts = sum((w) => w.timeouts);
  const lost = Object.values(s.snapshot?.components ?? {}).reduce((n, c) => n + c.windows.all.lost, 0);
  return `Spouts table (all time): ${sum((w) => w.acked).toLocaleString('en-US')} acked, ${failed.toLocaleString('en-US')} failed (${timeouts.toLocaleString('en-US')} timed out)${lost ? `; ${lost.toLocaleString('en-US')} tuples lost with a dead worker` : ''}. Listed here: a sample, one tree in 100 (at most 10 a second), the latest 20.`;
}

function TreeList({ list, selected, onSelect }: { list: readonly TreeSummary[]; selected: string | null; onSelect: (root: string) => void }) {
  return (
    <ul className="tt-list" data-testid="trees.list" role="listbox" aria-label="Sampled tuple trees">
      {list.map((s) => (
        <li key={s.root}>
          <button
            type="button"
            role="option"
            aria-selected={s.root === selected}
            className={`tt-item ${s.root === selected ? 'is-selected' : ''}`}
            data-testid={`trees.item.${s.root}`}
            data-status={s.status}
            onClick={() => onSelect(s.root)}
          >
            <StatusChip status={s.status} />
            <HexId id={s.root} className="tt-item-root" />
            <span className="tt-item-msg" title="The spout's message id">
              {s.spout}:{s.spoutTask} · id {s.messageId}
            </span>
            <span className="tt-item-latency" title={s.status === 'acked' ? 'Complete latency' : 'Emit → outcome'}>
              {formatDuration(s.latencyMs)}
            </span>
            {s.replayOf !== null ? <span className="tt-item-flag" title="This tree replays an earlier one">replay</span> : null}
            {s.replayedBy !== null ? <span className="tt-item-flag" title="The spout replayed this tuple">replayed</span> : null}
          </button>
        </li>
      ))}
    </ul>
  );
}

function TreeDetail({ tree, all, frozen, onSelect }: { tree: LineageTree; all: readonly LineageTree[]; frozen: boolean; onSelect: (root: string) => void }) {
  const view = useMemo(() => buildTreeView(tree, all), [tree, all]);
  const [highlight, setHighlight] = useState<string | null>(null);
  const s = view.summary;
  return (
    <div className="tt-detail" data-testid="trees.detail">
      <div className="tt-head">
        <StatusChip status={s.status} testId="trees.detail.status" />
        <span className="tt-head-title">
          Tree <HexId id={s.root} /> — message id <code>{s.messageId}</code> from {s.spout} task {s.spoutTask}
        </span>
        <span className="tt-head-meta">
          emitted at {formatEngineTime(s.emittedAt)}
          {s.latencyMs !== null ? ` · ${s.status === 'acked' ? 'complete latency' : 'ended after'} ${formatDuration(s.latencyMs)}` : ''} · {s.tuples} tuple{s.tuples === 1 ? '' : 's'}
          {s.truncated ? ' (truncated: only the first tuples are recorded)' : ''}
        </span>
        {s.replayOf !== null ? (
          <button type="button" className="btn btn-sm btn-outline" data-testid="trees.replay-of" onClick={() => onSelect(s.replayOf!)}>
            replay of <HexId id={s.replayOf} />
          </button>
        ) : null}
        {s.replayedBy !== null ? (
          <button type="button" className="btn btn-sm btn-outline" data-testid="trees.replayed-by" onClick={() => onSelect(s.replayedBy!)}>
            replayed as <HexId id={s.replayedBy} />
          </button>
        ) : null}
      </div>
      {frozen ? <p className="tt-note">This tree left the sample (only the latest trees are kept); it is shown as last seen.</p> : null}
      {view.breakText ? (
        <p className="tt-break" data-testid="trees.break">
          {view.breakText}
        </p>
      ) : null}
      <div className="tt-body">
        <section className="tt-section tt-section-xor">
          <h4>Acker XOR for this tree, message by message (0 = every tuple acked)</h4>
          <XorSteps steps={view.xor} onHover={setHighlight} />
        </section>
        <section className="tt-section">
          <h4>Tuples (spout tuple → anchored tuples)</h4>
          {view.roots.length ? <TreeDiagram roots={view.roots} highlight={highlight} /> : <p className="tt-empty">No tuple recorded yet.</p>}
        </section>
      </div>
    </div>
  );
}

/** The panel of one run: a new run (or a cleared one) starts with no tree selected and nothing remembered. */
export default function TupleTreesPanel() {
  const runId = useRun((s) => s.runId);
  return <RunTrees key={runId} />;
}

function RunTrees() {
  const visible = useDockTabVisible(TREES_TAB);
  // Hidden panels stay mounted: they select nothing that changes then.
  const lineage = useRun((s) => (visible ? (s.snapshot?.lineage ?? NO_TREES) : NO_TREES));
  const hasRun = useRun((s) => s.status !== 'idle');
  const totals = useRun((s) => (visible ? spoutTotals(s) : ''));
  const [filter, setFilter] = useState<Filter>('all');
  const [selected, setSelected] = useState<string | null>(null);
  const lastSeen = useRef(new Map<string, LineageTree>());
  const list = useMemo(() => treeSummaries(lineage), [lineage]);
  const shown = list.filter((s) => matches(s, filter));
  let tree = selected === null ? undefined : lineage.find((t) => t.root === selected);
  const frozen = tree === undefined && selected !== null && lastSeen.current.has(selected);
  if (tree !== undefined) lastSeen.current.set(tree.root, tree);
  else if (frozen) tree = lastSeen.current.get(selected!);

  if (!hasRun && lineage.length === 0) {
    return (
      <div className="tt-panel-empty" data-testid="trees.empty">
        <p>Run the topology to see its tuple trees.</p>
        <p>Storm tracks every spout tuple emitted with a message id as a tree: the tuples anchored to it, acked one by one. The acker XORs their ids; when the value is 0 the tree is complete and the spout's ack is called. One tree in 100 (at most 10 per second) is sampled here.</p>
      </div>
    );
  }
  return (
    <div className="tt-panel" data-testid="trees.panel">
      <div className="tt-side">
        <div className="tt-filters" role="toolbar" aria-label="Filter trees">
          {FILTERS.map((f) => (
            <button key={f} type="button" className={`tt-filter ${f === filter ? 'is-active' : ''}`} data-testid={`trees.filter.${f}`} onClick={() => setFilter(f)}>
              {f === 'all' ? `all ${list.length}` : f === 'replays' ? 'replays' : STATUS_TEXT[f]}
            </button>
          ))}
        </div>
        {totals ? (
          <p className="tt-totals" data-testid="trees.totals">
            {totals}
          </p>
        ) : null}
        {shown.length ? <TreeList list={shown} selected={selected} onSelect={setSelected} /> : <p className="tt-empty">No sampled tree{filter === 'all' ? ' yet' : ' with this status'}.</p>}
        {list.length === 0 ? <UntrackedHint /> : null}
      </div>
      {tree ? <TreeDetail tree={tree} all={lineage} frozen={frozen} onSelect={setSelected} /> : <div className="tt-detail tt-detail-empty">Select a tree to draw it.</div>}
    </div>
  );
}
