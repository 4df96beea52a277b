/**
 * Adding and removing a document's Python packages (pure-Python wheels: src/python/wheels.ts),
 * undoable as every edit. A refused file leaves the document as it was and says why.
 */
import { readWheel, withPackage } from '../python/wheels';
import { documentStore } from './document-store';
import { notify } from './ui-store';

/** What a dropped or picked file gives: its name and bytes. */
export interface PackageFile {
  readonly name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** True when every file is named as a wheel (a drop of wheels adds packages instead of opening a document). */
export const allWheels = (files: readonly { readonly name: string }[]): boolean => files.length > 0 && files.every((f) => f.name.toLowerCase().endsWith('.whl'));

/**
 * Adds wheels to the document, one edit each; returns the refusals (sentences naming the file),
 * empty when every file was added. A wheel of a package the document has replaces it.
 */
export async function addPackageFiles(files: readonly PackageFile[]): Promise<string[]> {
  const refused: string[] = [];
  for (const f of files) {
    const bytes = new Uint8Array(await f.arrayBuffer());
    const doc = documentStore.getState().doc;
    const r = readWheel(f.name, bytes, doc.packages ?? []);
    if (!r.ok) {
      refused.push(r.message);
      continue;
    }
    documentStore.getState().edit((d) => ({ ...d, packages: withPackage(d.packages ?? [], r.value) }));
    notify(`Added ${r.value.file}: components can import ${r.value.modules.join(', ')}.`, 'success');
  }
  return refused;
}

/** Removes the package whose wheel is `file`. */
export function removePackage(file: string): void {
  documentStore.getState().edit((d) => {
    const packages = (d.packages ?? []).filter((p) => p.file !== file);
    if (packages.length > 0) return { ...d, packages };
    const { packages: _dropped, ...rest } = d;
    return rest;
  });
}
