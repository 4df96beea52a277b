import { serializeDocument } from '../../model';
import { documentStore, flushPendingEdits } from '../../store/document-store';
import { notify } from '../../store/ui-store';

/** A file name from the topology name: Storm names cannot hold `/ . : \`, but be safe anyway. */
export function documentFileName(name: string): string {
  const base = name.trim().replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  return `${base || 'topology'}.json`;
}

/** Downloads the document as the app's `.json` (what Ctrl+S does). */
export function downloadDocument(): string {
  flushPendingEdits();
  const doc = documentStore.getState().doc;
  const name = documentFileName(doc.name);
  const url = URL.createObjectURL(new Blob([serializeDocument(doc)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  notify(`Saved ${name} to your downloads.`, 'success');
  return name;
}
