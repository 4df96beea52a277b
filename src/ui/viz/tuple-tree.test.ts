import { beforeAll, describe, expect, it } from 'vitest';
import type { LineageTree } from '../../engine';
import { startEngine } from '../../engine/test-kit';
import { wordCountExample } from '../../model/examples/word-count';
import type { TopologyDocument } from '../../model';
import { xorHex, ZERO64 } from './hex';
import { buildTreeView, treeSummaries, type TupleView } from './tuple-tree';

const failingSplit = `export default class SplitSentenceBolt extends BasicBolt {
  static declareOutputFields() {
    return ['word'];
  }
  process(tup) {
    if (tup.values[0].includes('moon')) throw new FailedException('no moon today');
    for (const word of tup.values[0].split(' ')) storm.emit([word]);
  }
}
`;

/** A manual Bolt that never acks "seven": its trees time out. */
const forgetfulCount = `export default class WordCountBolt extends Bolt {
  static declareOutputFields() {
    return ['word', 'count'];
  }
  process(tup) {
    if (tup.values[0] !== 'seven') storm.ack(tup);
  }
}
`;

function withCode(doc: TopologyDocument, id: string, javascript: string): TopologyDocument {
  return { ...doc, components: doc.components.map((c) => (c.id === id ? { ...c, language: 'javascript', code: { javascript } } : c)) };
}

async function trees(doc: TopologyDocument, until: number): Promise<readonly LineageTree[]> {
  const engine = await startEngine(doc, { lineage: { every: 1, maxPerSecond: 1000, maxTrees: 400 } });
  engine.runUntil(until);
  return engine.snapshot().lineage;
}

const flatten = (vs: readonly TupleView[]): TupleView[] => vs.flatMap((v) => [v, ...flatten(v.children)]);

describe('tuple trees', () => {
  let acked: readonly LineageTree[];
  let failed: readonly LineageTree[];
  let timedOut: readonly LineageTree[];
  beforeAll(async () => {
    acked = await trees(wordCountExample(), 500);
    failed = await trees(withCode(wordCountExample(), 'split', failingSplit), 500);
    const doc = withCode(wordCountExample(), 'count', forgetfulCount);
    timedOut = await trees({ ...doc, config: { ...doc.config, messageTimeoutSecs: 1 } }, 3500);
  });

  it('lists sampled trees newest first with their complete latency', () => {
    const list = treeSummaries(acked);
    expect(list.length).toBeGreaterThan(10);
    expect(list[0]!.emittedAt).toBeGreaterThanOrEqual(list[1]!.emittedAt);
    const done = list.find((s) => s.status === 'acked')!;
    const tree = acked.find((t) => t.root === done.root)!;
    expect(done.latencyMs).toBe(tree.completedAt! - tree.emittedAt);
    expect(done.latencyMs).toBeGreaterThan(0);
    expect(list.some((s) => s.status === 'pending' && s.latencyMs === null)).toBe(true);
  });

  it('draws an acked tree: the sentence, then the words anchored to it, each acked by its count task', () => {
    const tree = acked.find((t) => t.status === 'acked')!;
    const view = buildTreeView(tree, acked);
    expect(view.roots).toHaveLength(1);
    const root = view.roots[0]!;
    expect(root.component).toBe('sentences');
    expect(root.destComponent).toBe('split');
    const words = JSON.parse(root.values)[0].split(' ');
    expect(root.children.map((c) => JSON.parse(c.values)[0])).toEqual(words);
    for (const c of root.children) {
      expect(c.component).toBe('split');
      expect(c.task).toBe(root.dest);
      expect(c.destComponent).toBe('count');
      expect(c.state).toBe('acked');
      expect(c.otherAnchors).toEqual([]);
    }
    expect(view.breakText).toBeNull();
    expect(view.brokeAt).toEqual([]);
  });

  it('steps the XOR to zero, matching every ack to its tuple', () => {
    const tree = acked.find((t) => t.status === 'acked')!;
    const view = buildTreeView(tree);
    const steps = view.xor;
    expect(steps[0]!.op).toBe('init');
    expect(steps[0]!.delta).toBe(view.roots[0]!.id);
    expect(steps.at(-1)!.value).toBe(ZERO64);
    expect(steps.at(-1)!.complete).toBe(true);
    expect(steps.at(-1)!.text).toMatch(/XOR = 0: tree complete$/);
    // Every tuple of the tree acked exactly once, and the deltas XOR to zero.
    const acks = steps.filter((s) => s.op === 'ack');
    expect(new Set(acks.map((s) => s.tuple))).toEqual(new Set(flatten(view.roots).map((t) => t.id)));
    expect(xorHex(...steps.map((s) => s.delta))).toBe(ZERO64);
    const split = acks.find((s) => s.tuple === view.roots[0]!.id)!;
    expect(split.text).toContain(`split task ${view.roots[0]!.dest} acked 0x`);
    expect(split.text).toContain(`with ${view.roots[0]!.children.length} anchored tuples`);
    expect(split.actor).toBe(`split task ${view.roots[0]!.dest}`);
    expect(steps.filter((s) => !s.complete).every((s) => s.value !== ZERO64)).toBe(true);
  });

  it('shows where a failed tree broke and links its replay', () => {
    const tree = failed.find((t) => t.status === 'failed')!;
    const view = buildTreeView(tree, failed);
    expect(view.roots[0]!.values).toContain('moon');
    expect(view.roots[0]!.state).toBe('failed');
    expect(view.roots[0]!.broke).toBe(true);
    expect(view.roots[0]!.children).toEqual([]);
    expect(view.brokeAt).toEqual([view.roots[0]!.id]);
    expect(view.breakText).toMatch(new RegExp(`^Failed: split task ${view.roots[0]!.dest} \\(\\["[a-z ]*moon"\\], 0x[0-9a-f]{4}…[0-9a-f]{4}\\) failed its input tuple; the acker told sentences task 5 to fail message ${tree.messageId}\\.$`));
    expect(view.xor.at(-1)!.op).toBe('fail');
    expect(view.xor.at(-1)!.actor).toBe(`split task ${view.roots[0]!.dest}`);
    expect(view.xor[0]!.actor).toBe('sentences task 5');
    // The spout replays the sentence with the same message id: the replay links both ways.
    expect(view.summary.replayedBy).not.toBeNull();
    const replay = failed.find((t) => t.root === view.summary.replayedBy)!;
    expect(replay.replayOf).toBe(tree.root);
    expect(replay.messageId).toBe(tree.messageId);
    expect(treeSummaries(failed).find((s) => s.root === replay.root)!.replayOf).toBe(tree.root);
  });

  it('links a replay the engine did not link: same spout task and message id, emitted after the failure', () => {
    const original = failed.find((t) => t.status === 'failed')!;
    const later = failed.filter((t) => t.emittedAt > original.completedAt! && t.spoutTask === original.spoutTask && t.messageId !== original.messageId)[0]!;
    const replay: LineageTree = { ...later, root: 'feedfeedfeedfeed', messageId: original.messageId, replayOf: null, emittedAt: original.completedAt! + 5 };
    const unrelated: LineageTree = { ...later, root: 'beefbeefbeefbeef', messageId: original.messageId, spoutTask: original.spoutTask + 1, replayOf: null, emittedAt: original.completedAt! + 6 };
    const early: LineageTree = { ...later, root: 'cafecafecafecafe', messageId: original.messageId, replayOf: null, emittedAt: original.emittedAt - 1, status: 'acked' };
    const withoutLinks = failed.filter((t) => t.messageId !== original.messageId).map((t) => ({ ...t, replayOf: null }));
    const list = treeSummaries([...withoutLinks, original, replay, unrelated, early].map((t) => (t === original ? { ...t, replayOf: null } : t)));
    expect(list.find((s) => s.root === 'feedfeedfeedfeed')!.replayOf).toBe(original.root);
    expect(list.find((s) => s.root === original.root)!.replayedBy).toBe('feedfeedfeedfeed');
    expect(list.find((s) => s.root === 'beefbeefbeefbeef')!.replayOf).toBeNull();
    expect(list.find((s) => s.root === 'cafecafecafecafe')!.replayOf).toBeNull();
  });

  it('shows the tuples never acked in a timed-out tree', () => {
    const tree = timedOut.find((t) => t.status === 'timed-out')!;
    const view = buildTreeView(tree, timedOut);
    const tuples = flatten(view.roots);
    const sevens = tuples.filter((t) => t.values === '["seven"]');
    expect(sevens.length).toBeGreaterThan(0);
    expect(sevens.every((t) => t.state === 'unacked' && t.broke)).toBe(true);
    expect(tuples.filter((t) => t.values !== '["seven"]').every((t) => t.state === 'acked' && !t.broke)).toBe(true);
    expect(view.breakText).toMatch(/^Timed out: count task \d \(\["seven"\], 0x[0-9a-f]{4}…[0-9a-f]{4}\) never acked its tuple within topology\.message\.timeout\.secs/);
    expect(view.xor.at(-1)!.value).not.toBe(ZERO64);
    expect(view.summary.latencyMs).toBeGreaterThanOrEqual(1000);
    expect(view.summary.latencyMs).toBeLessThanOrEqual(2000 + 20);
  });

  it('says a tree was lost with its spout worker', () => {
    const tree: LineageTree = { ...acked.find((t) => t.status === 'pending')!, status: 'lost', completedAt: 1 };
    expect(buildTreeView(tree).breakText).toMatch(/^Lost: the worker of sentences task 5 died/);
  });

  it('keeps a tuple whose anchor was not recorded at the top, naming the anchor', () => {
    const tree = acked.find((t) => t.status === 'acked')!;
    const cut: LineageTree = { ...tree, nodes: tree.nodes.slice(1), truncated: true };
    const view = buildTreeView(cut);
    expect(view.roots.length).toBe(tree.nodes.length - 1);
    expect(view.roots[0]!.otherAnchors).toEqual([tree.nodes[0]!.id]);
    expect(view.summary.truncated).toBe(true);
  });

  it('skips stub trees of other hosts that have no spout yet', () => {
    const stub: LineageTree = { root: 'ab', spout: '', spoutTask: -1, messageId: '', emittedAt: Infinity, completedAt: null, status: 'pending', replayOf: null, nodes: [], truncated: false, xor: [] };
    expect(treeSummaries([stub])).toEqual([]);
  });
});
