import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../engine';
import { wordCountExample } from '../../model';
import { killConsequence } from './kill-text';

const doc = { ...wordCountExample(), config: { ...wordCountExample().config, workers: 2, messageTimeoutSecs: 5 } };
const plan = buildPlan(doc);
const spoutWorker = plan.executors.find((e) => e.component === 'sentences')!.worker;

describe('killConsequence', () => {
  it('a worker without the spout: trees time out between T and 2T and are replayed', () => {
    const text = killConsequence({ worker: 1 - spoutWorker, plan, doc, untracked: [] });
    expect(text).toContain('time out between T and 2T (T = topology.message.timeout.secs = 5 s)');
    expect(text).not.toContain('ran in this worker');
  });

  it('the spout’s own worker: its pending trees are lost, not replayed', () => {
    const text = killConsequence({ worker: spoutWorker, plan, doc, untracked: [] });
    expect(text).toContain('sentences ran in this worker');
    expect(text).toContain('neither time out nor replay');
    expect(text).not.toContain('fail() replays');
  });

  it('untracked spouts and acking off replay nothing', () => {
    expect(killConsequence({ worker: 1 - spoutWorker, plan, doc, untracked: ['sentences'] })).toContain('nothing is replayed');
    const off = { ...doc, config: { ...doc.config, ackers: 0 } };
    expect(killConsequence({ worker: 0, plan: buildPlan(off), doc: off, untracked: [] })).toContain('Acking is off');
  });
});
