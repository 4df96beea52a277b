/**
 * Folder names of exported projects. (Module names of components, which the simulator shares
 * with the exporters, are in src/python/module-names.ts.)
 */

/** A file-name-safe folder name for a topology name (for the zip and the CLI's output). */
export function folderName(name: string): string {
  const safe = name
    .normalize('NFKD').replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
  return safe === '' ? 'topology' : safe.slice(0, 80);
}
