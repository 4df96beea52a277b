/**
 * Writes `src/python/runtime-files.generated.ts` from `storm/python/`: the Python runtime's files as
 * strings, so that the Pyodide workers and the exporters get them from one source, the same way in
 * Node and in the browser bundle. Run `npm run gen:python` after editing a `.py` file there;
 * `scripts/gen-python-runtime.test.ts` fails while the checked-in module differs from what this writes.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository's root. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** Where the `.py` sources live, relative to the repository's root. */
export const RUNTIME_SOURCE = 'storm/python';
/** The generated module, relative to the repository's root. */
export const RUNTIME_MODULE = 'src/python/runtime-files.generated.ts';

/** Folders of `storm/python` that are not part of the runtime. */
const SKIPPED = new Set(['tests', '__pycache__']);

/** The runtime's `.py` files under `dir`, by path relative to it ('/'-separated), sorted. */
export function runtimeFiles(dir: string): Map<string, string> {
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) walk(path);
      } else if (entry.isFile() && entry.name.endsWith('.py')) found.push(path);
    }
  };
  walk('');
  found.sort();
  return new Map(found.map((path) => [path, readFileSync(join(dir, path), 'utf8')]));
}

/** The text of the generated module for `files`. */
export function generateRuntimeModule(files: ReadonlyMap<string, string>): string {
  const entries = [...files].map(([path, text]) => `  ${JSON.stringify(path)}: ${JSON.stringify(text)},`);
  return `// Generated from ${RUNTIME_SOURCE}/ by scripts/gen-python-runtime.ts (npm run gen:python). Do not edit.

/**
 * The Python runtime's files, by path relative to \`${RUNTIME_SOURCE}/\`: the \`petrel\` package
 * (\`petrel/…\`, the API components use, independent of what runs them) and its hosts (the
 * \`_storm_studio\` package runs components on Pyodide in Storm Studio's workers).
 */
export const PYTHON_RUNTIME_FILES: Readonly<Record<string, string>> = {
${entries.join('\n')}
};
`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const files = runtimeFiles(join(REPO_ROOT, RUNTIME_SOURCE));
  writeFileSync(join(REPO_ROOT, RUNTIME_MODULE), generateRuntimeModule(files));
  console.log(`gen-python-runtime: wrote ${RUNTIME_MODULE} (${files.size} files from ${RUNTIME_SOURCE}/)`);
}
