import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NODE_RUNTIME } from '../src/formats/flux/node-runtime.generated';
import { currentNodeRuntimeModule, NODE_RUNTIME_MODULE, NODE_RUNTIME_SOURCE } from './gen-node-runtime';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

describe('the generated Node runtime module', () => {
  it('is what npm run gen:node writes from storm/node (run it after editing the .mjs)', () => {
    expect(readFileSync(join(ROOT, NODE_RUNTIME_MODULE), 'utf8')).toBe(currentNodeRuntimeModule());
  });

  it('holds the runtime byte for byte', () => {
    expect(NODE_RUNTIME).toBe(readFileSync(join(ROOT, NODE_RUNTIME_SOURCE), 'utf8'));
  });
});
