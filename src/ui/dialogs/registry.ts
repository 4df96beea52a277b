/**
 * Dialogs by id: a part registers its dialog once and opens it with `openDialog(id, props)` from
 * `src/store/ui-store.ts` (one dialog at a time; Escape or the close button dismisses it).
 *
 * @example
 * registerDialog('export', lazy(() => import('./export-dialog')));
 * openDialog('export', { format: 'petrel' });
 */
import type { ComponentType } from 'react';

/** A dialog receives the props given to `openDialog` and a `close` callback. */
export type DialogComponent = ComponentType<{ props: unknown; close: () => void }>;

const dialogs = new Map<string, DialogComponent>();

export function registerDialog(id: string, component: DialogComponent): () => void {
  dialogs.set(id, component);
  return () => {
    if (dialogs.get(id) === component) dialogs.delete(id);
  };
}

export const getDialog = (id: string): DialogComponent | undefined => dialogs.get(id);
