import { describe, expect, it } from 'vitest';
import { startEngine } from '../../engine/test-kit';
import { wordCountExample } from '../../model';
import { setCode } from '../../model/operations';
import { addMessageIds, messageIdChange, untrackedSpouts } from './untracked';

const bookSpoutPy = `import random
import time

from petrel import storm
from petrel.emitter import Spout


class RandomSentenceSpout(Spout):
    @classmethod
    def declareOutputFields(cls):
        return ['sentence']

    def nextTuple(self):
        time.sleep(0.25)
        storm.emit([random.choice(['a b', 'c d'])])


def run():
    RandomSentenceSpout().run()
`;

describe('untracked spouts', () => {
  it('the Python change adds an id from a counter to every plain emit', () => {
    const change = addMessageIds(bookSpoutPy, 'python')!;
    expect(change.before).toBe("storm.emit([random.choice(['a b', 'c d'])])");
    expect(change.after).toBe("storm.emit([random.choice(['a b', 'c d'])], id=next(_message_ids))");
    expect(change.code.startsWith('import itertools\n')).toBe(true);
    expect(change.code).toContain('_message_ids = itertools.count(1)');
    expect(change.code.indexOf('_message_ids = ')).toBeLessThan(change.code.indexOf('class RandomSentenceSpout'));
    expect(addMessageIds(change.code, 'python')).toBeNull();
  });

  it('a spout emitting without ids is found from the run, and the change makes its tuples tracked', async () => {
    const doc = wordCountExample();
    const spout = doc.components.find((c) => c.id === 'sentences')!;
    const js = spout.code.javascript!.replace('storm.emit([sentence], { id: this.nextId });', 'storm.emit([sentence]);');
    const untracked = setCode({ ...doc, components: doc.components.map((c) => ({ ...c, language: 'javascript' as const })) }, 'sentences', 'javascript', js);
    const engine = await startEngine(untracked);
    engine.runUntil(3000);
    const snapshot = engine.snapshot();
    expect(untrackedSpouts(snapshot)).toEqual([{ spout: 'sentences', emitted: snapshot.components.sentences!.windows.all.emitted, ackersOff: false }]);
    expect(snapshot.lineage).toHaveLength(0);

    const change = messageIdChange(untracked.components.find((c) => c.id === 'sentences')!)!;
    expect(change.after).toBe('storm.emit([sentence], { id: ++lastMessageId })');
    const tracked = setCode(untracked, 'sentences', 'javascript', change.code);
    const again = await startEngine(tracked);
    again.runUntil(3000);
    const after = again.snapshot();
    expect(untrackedSpouts(after)).toEqual([]);
    expect(after.components.sentences!.windows.all.acked).toBeGreaterThan(0);
  });
});
