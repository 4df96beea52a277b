import { get, set } from 'idb-keyval';
import type { DocumentStorage } from './autosave';

/** The browser's IndexedDB (idb-keyval's default database) as autosave storage. */
export const idbStorage: DocumentStorage = { get: (key) => get(key), set: (key, value) => set(key, value) };
