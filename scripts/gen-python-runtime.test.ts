import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PYTHON_RUNTIME_FILES } from '../src/python/runtime-files.generated';
import { generateRuntimeModule, REPO_ROOT, RUNTIME_MODULE, RUNTIME_SOURCE, runtimeFiles } from './gen-python-runtime';

describe('the generated Python runtime module', () => {
  it(`is what ${RUNTIME_SOURCE}/ holds now (run npm run gen:python after editing a .py file)`, () => {
    const expected = generateRuntimeModule(runtimeFiles(join(REPO_ROOT, RUNTIME_SOURCE)));
    expect(readFileSync(join(REPO_ROOT, RUNTIME_MODULE), 'utf8') === expected, `${RUNTIME_MODULE} is stale: run npm run gen:python`).toBe(true);
  });

  it('holds the petrel package and the Pyodide host, not the tests', () => {
    const paths = Object.keys(PYTHON_RUNTIME_FILES);
    expect(paths).toEqual(expect.arrayContaining(['petrel/__init__.py', 'petrel/storm.py', 'petrel/emitter.py', 'petrel/host.py', '_storm_studio/__init__.py']));
    expect(paths.filter((p) => p.startsWith('tests/') || !p.endsWith('.py'))).toEqual([]);
    expect(PYTHON_RUNTIME_FILES['petrel/storm.py']).toBe(readFileSync(join(REPO_ROOT, RUNTIME_SOURCE, 'petrel/storm.py'), 'utf8'));
  });
});
