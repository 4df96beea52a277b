/**
 * The tests an exported project carries: the document's test modules (`test_*.py`) next to the
 * component modules (whose own `test()` functions come with them), a `conftest.py`, and the
 * `studio_testing/` folder it puts first on `sys.path` (the `petrel` package with `petrel.mock`,
 * and the `nose.tools` stand-in), so that `python3 -m pytest <files>` runs them without Storm.
 */
import type { TopologyDocument } from '../model';
import { PYTHON_RUNTIME_FILES } from '../python/runtime-files.generated';
import type { ExportFile } from './types';

/** The folder, next to the modules, that holds what the tests import. */
export const TESTING_DIR = 'studio_testing';

const CONFTEST = `"""pytest configuration written by Storm Studio: the components' tests (functions named test or
test_*) and the test modules (test_*.py) run against petrel.mock and nose.tools from ${TESTING_DIR}/,
without Storm. Run: python3 -m pytest <the files listed in README.md>."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '${TESTING_DIR}'))
`;

/** True when a module defines a test function or a unittest case at its top level. */
export function hasTests(code: string): boolean {
  return /^(?:async\s+)?def\s+test\w*\s*\(/m.test(code) || /^class\s+\w+\s*\([^)]*TestCase[^)]*\)/m.test(code);
}

export interface ProjectTests {
  /** Files to add, under `dir` (e.g. `''` or `src/main/resources/resources/`). */
  readonly files: ExportFile[];
  /** The files pytest runs (relative to `dir`), in document order; empty when there are no tests. */
  readonly run: string[];
}

/**
 * The test files of `doc` for a project whose Python modules are in `dir`; `modules` are the
 * component modules written there (file name and code).
 */
export function projectTests(doc: TopologyDocument, modules: readonly { readonly file: string; readonly code: string }[], dir: string): ProjectTests {
  const tests = doc.tests ?? [];
  const run = [...modules.filter((m) => m.file.endsWith('.py') && hasTests(m.code)).map((m) => m.file), ...tests.map((t) => t.file)];
  if (run.length === 0) return { files: [], run };
  const files: ExportFile[] = tests.map((t) => ({ path: `${dir}${t.file}`, content: t.code }));
  files.push({ path: `${dir}conftest.py`, content: CONFTEST });
  for (const [path, content] of Object.entries(PYTHON_RUNTIME_FILES)) {
    if (path.startsWith('petrel/') || path.startsWith('nose/')) files.push({ path: `${dir}${TESTING_DIR}/${path}`, content });
  }
  return { files, run };
}

/** The README section that says how to run the tests (none when there are none). */
export function testsReadme(tests: ProjectTests, dir: string): string[] {
  if (tests.run.length === 0) return [];
  const cd = dir === '' ? '' : `cd ${dir.replace(/\/$/, '')} && `;
  return [
    '## Tests',
    '',
    `The components' tests (functions named \`test\` or \`test_*\`, \`unittest\` cases) and the test modules run with`,
    `pytest, without Storm: \`conftest.py\` puts \`${TESTING_DIR}/\` (\`petrel.mock\`, and \`nose.tools\`' assertions, since nose`,
    'does not run on Python 3.10+) first on `sys.path`. They are what the Tests tab of Storm Studio ran.',
    '',
    '```sh',
    'pip install pytest',
    `${cd}python3 -m pytest -v ${tests.run.join(' ')}`,
    '```',
    '',
  ];
}
