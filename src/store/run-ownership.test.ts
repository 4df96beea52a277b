import { afterEach, describe, expect, it } from 'vitest';
import { EXAMPLES, wordCountExample, withLanguage } from '../model';
import { updateComponent } from '../model/operations';
import { createDocumentStore, undo } from './document-store';
import { bindRunToDocument, clearedRunMessage } from './run-ownership';
import { inProcessClient } from './test-kit';
import { createRunStore } from './run-store';

const client = inProcessClient;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0)) await f();
});

function setup() {
  const documents = createDocumentStore(withLanguage(wordCountExample(), 'javascript'));
  const runs = createRunStore({ client: () => client });
  const cleared: { name: string; wasActive: boolean }[] = [];
  const off = bindRunToDocument(documents, runs, { onCleared: (c) => cleared.push(c) });
  cleanups.push(off, () => runs.getState().stop());
  const start = async () => {
    await runs.getState().start(documents.getState().doc);
    await until(() => runs.getState().snapshot !== null);
  };
  return { documents, runs, cleared, start };
}

async function until(pred: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !pred(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(pred()).toBe(true);
}

describe('a run belongs to the document it ran', () => {
  it('keeps the run through edits of the same document', async () => {
    const { documents, runs, cleared, start } = setup();
    await start();
    documents.getState().edit((d) => updateComponent(d, 'count', { parallelism: 5 }));
    expect(runs.getState().status).toBe('running');
    expect(cleared).toEqual([]);
  });

  it('stops and clears the run when another document is opened', async () => {
    const { documents, runs, cleared, start } = setup();
    await start();
    const runId = runs.getState().runId;
    documents.getState().replace(EXAMPLES[1]!.create());
    const s = runs.getState();
    expect(s).toMatchObject({ status: 'idle', snapshot: null, runDocument: null, failure: null, logs: [], recentEvents: [], kills: [], interrupts: [] });
    expect(s.runId).toBeGreaterThan(runId);
    expect(cleared).toEqual([{ name: 'word-count', wasActive: true }]);
    expect(clearedRunMessage(cleared[0]!)).toBe('The run of word-count was stopped and cleared: a run belongs to the document it ran.');
  });

  it('clears a stopped run too, and nothing when there is none', async () => {
    const { documents, runs, cleared, start } = setup();
    documents.getState().replace(EXAMPLES[1]!.create());
    expect(cleared).toEqual([]);
    undo(documents);
    await start();
    await runs.getState().stop();
    documents.getState().replace(EXAMPLES[2]!.create());
    expect(runs.getState().status).toBe('idle');
    expect(cleared).toEqual([{ name: 'word-count', wasActive: false }]);
  });

  it('undo back across a load clears the run of the loaded document', async () => {
    const { documents, runs, cleared, start } = setup();
    documents.getState().replace(withLanguage(EXAMPLES[1]!.create(), 'javascript'));
    await start();
    undo(documents);
    expect(documents.getState().doc.name).toBe('word-count');
    expect(runs.getState().status).toBe('idle');
    expect(cleared).toEqual([{ name: 'rolling-top-words', wasActive: true }]);
  });
});
