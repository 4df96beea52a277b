/**
 * The user docs the help dialog shows: README.md and every docs/*.md, bundled with the app (each
 * a chunk of its own, loaded when opened; the screenshots they show are the app's files too), so
 * the help works offline and never fetches anything from elsewhere.
 */

export interface DocEntry {
  /** `readme`, or the file's name without `.md` (`run-views`). */
  readonly id: string;
  readonly title: string;
  /** The file's path in the repository (`docs/run-views.md`). */
  readonly path: string;
}

const docLoaders = import.meta.glob<string>('../../../docs/*.md', { query: '?raw', import: 'default' });
const readmeLoader = import.meta.glob<string>('../../../README.md', { query: '?raw', import: 'default' });
const imageLoaders = import.meta.glob<string>('../../../docs/screenshots/*.png', { query: '?url', import: 'default' });

/** Titles of the docs the app knows; a doc added later is listed under its file name. */
const TITLES: Readonly<Record<string, string>> = {
  readme: 'Overview',
  components: 'Component API',
  'run-views': 'Run views',
  lessons: 'Lessons, the tour, the capacity advisor',
  engine: 'The simulator',
  python: 'Python components',
  formats: 'Export and import formats',
  hosting: 'Hosting',
  benchmarks: 'Benchmarks',
};
const ORDER = Object.keys(TITLES);

const repoPath = (key: string) => key.replace(/^(\.\.\/)+/, '');
const idOf = (path: string) => (path === 'README.md' ? 'readme' : path.replace(/^docs\//, '').replace(/\.md$/, ''));
const titleOf = (id: string) => TITLES[id] ?? id.charAt(0).toUpperCase() + id.slice(1).replace(/-/g, ' ');

const loaders = new Map<string, () => Promise<string>>();
for (const [key, load] of Object.entries({ ...readmeLoader, ...docLoaders })) loaders.set(idOf(repoPath(key)), load);

/** Every doc, the known ones first in reading order. */
export const DOCS: readonly DocEntry[] = [...loaders.keys()]
  .sort((a, b) => {
    const i = (id: string) => (ORDER.includes(id) ? ORDER.indexOf(id) : ORDER.length);
    return i(a) - i(b) || a.localeCompare(b);
  })
  .map((id) => ({ id, title: titleOf(id), path: id === 'readme' ? 'README.md' : `docs/${id}.md` }));

/** A doc's Markdown. */
export async function loadDoc(id: string): Promise<string> {
  const load = loaders.get(id);
  if (!load) throw new Error(`There is no doc "${id}".`);
  return load();
}

/** `a/b/../c.md` → `a/c.md`. */
function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

/** Where a link of a doc leads. */
export type DocLink = { readonly kind: 'doc'; readonly id: string; readonly anchor: string | null } | { readonly kind: 'external'; readonly href: string } | { readonly kind: 'file'; readonly path: string };

/**
 * Resolves a link written in the doc at `fromPath`: another doc (opened in the dialog), a web
 * address (opened in a new tab), or a file of the repository that is not a doc (shown as text).
 *
 * @example
 * resolveDocLink('engine.md#acking', 'docs/run-views.md') // { kind: 'doc', id: 'engine', anchor: 'acking' }
 */
export function resolveDocLink(href: string, fromPath: string): DocLink {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return { kind: 'external', href };
  const [target = '', anchor = null] = href.split('#', 2) as [string, string | undefined];
  if (target === '') return { kind: 'doc', id: idOf(fromPath), anchor };
  const dir = fromPath.includes('/') ? fromPath.slice(0, fromPath.lastIndexOf('/') + 1) : '';
  const path = normalize(dir + target);
  const id = idOf(path);
  return loaders.has(id) && (path === 'README.md' || path.startsWith('docs/')) ? { kind: 'doc', id, anchor: anchor ?? null } : { kind: 'file', path };
}

/** The URL of an image a doc shows (its path relative to the doc), or null when the app has no such file. */
export async function docImageUrl(src: string, fromPath: string): Promise<string | null> {
  const dir = fromPath.includes('/') ? fromPath.slice(0, fromPath.lastIndexOf('/') + 1) : '';
  const path = normalize(dir + src);
  const entry = Object.entries(imageLoaders).find(([key]) => repoPath(key) === path);
  return entry ? entry[1]() : null;
}
