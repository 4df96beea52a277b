import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../model';
import { setStreamFields, updateComponent } from '../model/operations';
import { canRedo, canUndo, createDocumentStore, flushPendingEdits, HISTORY_LIMIT, redo, registerPendingEdits, resetDocument, undo } from './document-store';

const fresh = () => createDocumentStore(EXAMPLES[0]!.create());
const parallelism = (store: ReturnType<typeof fresh>, id: string) => store.getState().doc.components.find((c) => c.id === id)!.parallelism;

describe('document store', () => {
  it('undoes and redoes every edit, one step each', () => {
    const store = fresh();
    const start = store.getState().doc;
    store.getState().edit((d) => updateComponent(d, 'count', { parallelism: 5 }));
    store.getState().edit((d) => updateComponent(d, 'split', { parallelism: 4 }));
    expect([parallelism(store, 'split'), parallelism(store, 'count')]).toEqual([4, 5]);
    undo(store);
    expect([parallelism(store, 'split'), parallelism(store, 'count')]).toEqual([2, 5]);
    undo(store);
    expect(store.getState().doc).toBe(start);
    expect(canUndo(store)).toBe(false);
    redo(store);
    redo(store);
    expect([parallelism(store, 'split'), parallelism(store, 'count')]).toEqual([4, 5]);
    expect(canRedo(store)).toBe(false);
  });

  it('records nothing for an edit that changes nothing', () => {
    const store = fresh();
    store.getState().edit((d) => d);
    store.getState().edit((d) => updateComponent(d, 'count', { parallelism: 3 }));
    expect(canUndo(store)).toBe(false);
  });

  it('a new edit after undo drops the redo future', () => {
    const store = fresh();
    store.getState().edit((d) => updateComponent(d, 'count', { parallelism: 5 }));
    undo(store);
    store.getState().edit((d) => updateComponent(d, 'count', { parallelism: 7 }));
    expect(canRedo(store)).toBe(false);
    expect(parallelism(store, 'count')).toBe(7);
  });

  it('replacing the document is undoable; resetting it is not', () => {
    const store = fresh();
    const before = store.getState().doc;
    const other = EXAMPLES[1]!.create();
    const first = store.getState().documentId;
    store.getState().replace(other);
    const second = store.getState().documentId;
    expect(second).not.toBe(first);
    // Undo back across the replace brings the earlier document back, id included.
    undo(store);
    expect(store.getState().doc).toBe(before);
    expect(store.getState().documentId).toBe(first);
    redo(store);
    expect(store.getState().documentId).toBe(second);
    undo(store);
    // A new document never reuses an id the history held.
    store.getState().replace(EXAMPLES[2]!.create());
    expect([first, second]).not.toContain(store.getState().documentId);
    store.getState().edit((d) => updateComponent(d, 'sessions', { parallelism: 3 }));
    expect(store.getState().documentId).not.toBe(first);
    resetDocument(store, other);
    expect(store.getState().doc).toBe(other);
    expect(canUndo(store)).toBe(false);
    expect(canRedo(store)).toBe(false);
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    const store = fresh();
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) store.getState().edit((d) => updateComponent(d, 'count', { parallelism: 10 + i }));
    expect(store.temporal.getState().pastStates).toHaveLength(HISTORY_LIMIT);
  });

  it('lands a pending editor edit before the next edit or undo', () => {
    const store = fresh();
    let pending: string[] | null = ['word', 'length'];
    const unregister = registerPendingEdits(() => {
      if (!pending) return;
      const fields = pending;
      pending = null;
      store.getState().edit((d) => {
        const r = setStreamFields(d, 'split', 'default', fields);
        return r.ok ? r.value : d;
      });
    });
    try {
      // Undo first writes the pending edit, then undoes it: the typing is what Ctrl+Z takes back.
      undo(store);
      expect(store.getState().doc.components[1]!.streams[0]!.fields).toEqual(['word']);
      redo(store);
      expect(store.getState().doc.components[1]!.streams[0]!.fields).toEqual(['word', 'length']);
      pending = ['x'];
      store.getState().edit((d) => updateComponent(d, 'count', { parallelism: 9 }));
      expect(store.getState().doc.components[1]!.streams[0]!.fields).toEqual(['x']);
      undo(store);
      expect(store.getState().doc.components[1]!.streams[0]!.fields).toEqual(['x']);
      expect(parallelism(store, 'count')).toBe(3);
      flushPendingEdits();
    } finally {
      unregister();
    }
  });
});
