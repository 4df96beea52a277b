/**
 * Never lose work: the document is written to IndexedDB shortly after every change and read back
 * on startup. The storage is injected (`idb-storage.ts` in the app, a Map in tests).
 */
import { EXAMPLES, MAX_DOCUMENT_BYTES, parseDocument, serializeDocument, type TopologyDocument } from '../model';
import type { DocumentStore } from './document-store';
import type { SaveStatus } from './ui-store';

/** The key/value storage autosave needs (idb-keyval's `get`/`set` shape). */
export interface DocumentStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

export const AUTOSAVE_KEY = 'storm-studio:document';
/** Where an autosave that could not be read is kept, so it is not overwritten by the next save. */
export const UNREADABLE_KEY = 'storm-studio:document:unreadable';

export interface Restored {
  readonly doc: TopologyDocument;
  readonly source: 'autosave' | 'example';
  /** Why the autosave was not used, when there was one. */
  readonly problem?: string;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * The document to start with: the autosaved one (migrated if older), else the first example.
 * An unreadable autosave (damaged, too large, nested too deep, not a document) is copied to
 * {@link UNREADABLE_KEY} before anything overwrites it. Never rejects, so the app always boots.
 */
export async function restoreDocument(storage: DocumentStorage): Promise<Restored> {
  const example = () => EXAMPLES[0]!.create();
  let raw: unknown;
  try {
    raw = await storage.get(AUTOSAVE_KEY);
  } catch (e) {
    return { doc: example(), source: 'example', problem: `The autosaved document could not be read from this browser's storage: ${message(e)}` };
  }
  if (raw === undefined || raw === null) return { doc: example(), source: 'example' };
  let why: string;
  try {
    // parseDocument bounds size and depth before parsing; the catch is for what no bound foresaw.
    const parsed = typeof raw === 'string' ? parseDocument(raw, 'autosave') : null;
    if (parsed?.ok) return { doc: parsed.value, source: 'autosave' };
    why = parsed ? parsed.errors.map((e) => e.message.replace(/\.$/, '')).join('; ') : `expected the document's JSON text, found ${typeof raw}`;
  } catch (e) {
    why = message(e);
  }
  let kept = '';
  try {
    await storage.set(UNREADABLE_KEY, raw);
    kept = ` It is kept in IndexedDB under "${UNREADABLE_KEY}".`;
  } catch {
    // Keeping the copy failed too; the message below still says what happened.
  }
  return {
    doc: example(),
    source: 'example',
    problem: `The autosaved document could not be read (${why}), so the ${EXAMPLES[0]!.title} example was loaded.${kept}`,
  };
}

export interface Autosave {
  /** Writes the current document now (if it changed since the last write). */
  flush(): Promise<void>;
  stop(): void;
}

export interface AutosaveOptions {
  /** Quiet time after the last change before writing. */
  readonly delayMs?: number;
  readonly onStatus?: (status: SaveStatus, message?: string) => void;
}

/** Saves the store's document after each change (debounced); a failed write is retried on the next change. */
export function startAutosave(store: DocumentStore, storage: DocumentStorage, options: AutosaveOptions = {}): Autosave {
  const delay = options.delayMs ?? 400;
  const onStatus = options.onStatus ?? (() => {});
  let saved: TopologyDocument | null = store.getState().doc;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let chain: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    chain = chain.then(async () => {
      const doc = store.getState().doc;
      if (doc !== saved) {
        const text = serializeDocument(doc);
        // A document past the limit could be written but never restored: keep the last good save.
        if (text.length > MAX_DOCUMENT_BYTES) {
          onStatus('error', `The topology is ${(text.length / 1048576).toFixed(1)} MB, over the ${MAX_DOCUMENT_BYTES / 1048576} MB a saved document may be, so it is not autosaved; save a copy with Ctrl+S or make the code smaller.`);
          return;
        }
        try {
          await storage.set(AUTOSAVE_KEY, text);
          saved = doc;
        } catch (e) {
          onStatus('error', `Autosave failed: ${message(e)}. Your work is still here; save a copy with Ctrl+S.`);
          return;
        }
      }
      if (store.getState().doc === saved && timer === null) onStatus('saved');
    });
    return chain;
  };

  const unsubscribe = store.subscribe((state, prev) => {
    if (state.doc === prev.doc) return;
    onStatus('pending');
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => void flush(), delay);
  });

  return {
    flush,
    stop: () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    },
  };
}
