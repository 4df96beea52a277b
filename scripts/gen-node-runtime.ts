/**
 * Writes `src/formats/flux/node-runtime.generated.ts` from `storm/node/storm-studio.mjs`: the Node
 * runtime of JavaScript components on Storm's multilang protocol, as a string the Storm project
 * export ships in the topology jar's `resources/`, the same way in Node and in the browser bundle.
 * Run `npm run gen:node` after editing the `.mjs`; `scripts/gen-node-runtime.test.ts` fails while
 * the checked-in module differs from what this writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** The runtime's source and the generated module, relative to the repository's root. */
export const NODE_RUNTIME_SOURCE = 'storm/node/storm-studio.mjs';
export const NODE_RUNTIME_MODULE = 'src/formats/flux/node-runtime.generated.ts';

/** The text of the generated module for the runtime's source. */
export function generateNodeRuntimeModule(source: string): string {
  return `// Generated from ${NODE_RUNTIME_SOURCE} by scripts/gen-node-runtime.ts (npm run gen:node). Do not edit.

/** The Node runtime of JavaScript components on Storm's multilang protocol (\`node storm-studio.mjs <component>.mjs\`). */
export const NODE_RUNTIME = ${JSON.stringify(source)};
`;
}

/** The module as it should be now. */
export function currentNodeRuntimeModule(): string {
  return generateNodeRuntimeModule(readFileSync(join(ROOT, NODE_RUNTIME_SOURCE), 'utf8'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  writeFileSync(join(ROOT, NODE_RUNTIME_MODULE), currentNodeRuntimeModule());
  console.log(`gen-node-runtime: wrote ${NODE_RUNTIME_MODULE} from ${NODE_RUNTIME_SOURCE}`);
}
