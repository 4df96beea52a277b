import { serializeDocument } from '../../model';
import { documentStore, flushPendingEdits } from '../../store/document-store';
import { notify } from '../../store/ui-store';
import { downloadBlob } from './download';

/** A file name from the topology name: Storm names cannot hold `/ . : \`, but be safe anyway. */
function documentFileName(name: string): string {
  const base = name.trim().replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  return `${base || 'topology'}.json`;
}

/** Downloads the document as the app's `.json` (what Ctrl+S does). */
export function downloadDocument(): string {
  flushPendingEdits();
  const doc = documentStore.getState().doc;
  const name = documentFileName(doc.name);
  downloadBlob(name, serializeDocument(doc), 'application/json');
  notify(`Saved ${name} to your downloads.`, 'success');
  return name;
}
