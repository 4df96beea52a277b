import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXAMPLES, serializeDocument } from '../model';
import { updateComponent } from '../model/operations';
import { AUTOSAVE_KEY, restoreDocument, startAutosave, UNREADABLE_KEY, type DocumentStorage } from './autosave';
import { createDocumentStore } from './document-store';
import type { SaveStatus } from './ui-store';

class MemoryStorage implements DocumentStorage {
  readonly data = new Map<string, unknown>();
  failWrites = false;
  writes = 0;
  async get(key: string) {
    return this.data.get(key);
  }
  async set(key: string, value: unknown) {
    if (this.failWrites) throw new Error('QuotaExceededError');
    this.writes++;
    this.data.set(key, value);
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('restoreDocument', () => {
  it('starts with the word count example when nothing is saved', async () => {
    const r = await restoreDocument(new MemoryStorage());
    expect(r.source).toBe('example');
    expect(r.doc.name).toBe('word-count');
    expect(r.problem).toBeUndefined();
  });

  it('restores what autosave wrote, after a simulated reload', async () => {
    vi.useFakeTimers();
    const storage = new MemoryStorage();
    const store = createDocumentStore(EXAMPLES[0]!.create());
    const autosave = startAutosave(store, storage, { delayMs: 100 });
    store.getState().edit((d) => updateComponent(d, 'count', { parallelism: 6 }));
    expect(storage.writes).toBe(0);
    await vi.advanceTimersByTimeAsync(150);
    expect(storage.writes).toBe(1);
    autosave.stop();
    const r = await restoreDocument(storage);
    expect(r.source).toBe('autosave');
    expect(r.doc).toEqual(store.getState().doc);
  });

  it('migrates an autosave written by an older version', async () => {
    const storage = new MemoryStorage();
    const v1 = { ...JSON.parse(serializeDocument(EXAMPLES[0]!.create())), version: 1 };
    v1.components = v1.components.map((c: { code: Record<string, string>; language: string }) => ({ ...c, code: c.code[c.language] }));
    delete v1.simulation;
    storage.data.set(AUTOSAVE_KEY, JSON.stringify(v1));
    const r = await restoreDocument(storage);
    expect(r.source).toBe('autosave');
    expect(r.doc.version).toBe(2);
  });

  it('keeps an unreadable autosave aside and says so', async () => {
    const storage = new MemoryStorage();
    storage.data.set(AUTOSAVE_KEY, '{"version": 2, "name": ');
    const r = await restoreDocument(storage);
    expect(r.source).toBe('example');
    expect(r.problem).toMatch(/could not be read \(Not valid JSON \(line 1/);
    expect(r.problem).toContain(UNREADABLE_KEY);
    expect(storage.data.get(UNREADABLE_KEY)).toBe('{"version": 2, "name": ');
  });

  it('reports storage that cannot be read', async () => {
    const storage: DocumentStorage = { get: () => Promise.reject(new Error('blocked')), set: () => Promise.resolve() };
    const r = await restoreDocument(storage);
    expect(r.source).toBe('example');
    expect(r.problem).toMatch(/blocked/);
  });
});

describe('startAutosave', () => {
  it('writes once after a burst of edits and reports pending then saved', async () => {
    vi.useFakeTimers();
    const storage = new MemoryStorage();
    const store = createDocumentStore(EXAMPLES[0]!.create());
    const statuses: SaveStatus[] = [];
    const autosave = startAutosave(store, storage, { delayMs: 100, onStatus: (s) => statuses.push(s) });
    for (let i = 1; i <= 5; i++) {
      store.getState().edit((d) => updateComponent(d, 'count', { parallelism: i + 3 }));
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(storage.writes).toBe(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(storage.writes).toBe(1);
    expect(statuses.at(-1)).toBe('saved');
    expect(statuses).toContain('pending');
    autosave.stop();
  });

  it('flush writes at once', async () => {
    const storage = new MemoryStorage();
    const store = createDocumentStore(EXAMPLES[0]!.create());
    const autosave = startAutosave(store, storage, { delayMs: 60_000 });
    store.getState().edit((d) => updateComponent(d, 'count', { parallelism: 8 }));
    await autosave.flush();
    expect(JSON.parse(storage.data.get(AUTOSAVE_KEY) as string).components[2].parallelism).toBe(8);
    autosave.stop();
  });

  it('reports a failed write and retries on the next change', async () => {
    const storage = new MemoryStorage();
    storage.failWrites = true;
    const store = createDocumentStore(EXAMPLES[0]!.create());
    const statuses: [SaveStatus, string | undefined][] = [];
    const autosave = startAutosave(store, storage, { delayMs: 60_000, onStatus: (s, m) => statuses.push([s, m]) });
    store.getState().edit((d) => updateComponent(d, 'count', { parallelism: 8 }));
    await autosave.flush();
    expect(statuses.at(-1)![0]).toBe('error');
    expect(statuses.at(-1)![1]).toMatch(/QuotaExceededError/);
    storage.failWrites = false;
    store.getState().edit((d) => updateComponent(d, 'count', { parallelism: 9 }));
    await autosave.flush();
    expect(statuses.at(-1)![0]).toBe('saved');
    expect(storage.writes).toBe(1);
    autosave.stop();
  });
});
