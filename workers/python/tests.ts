/**
 * Runs a document's Python tests (src/python/test-modules.ts) in a Pyodide interpreter of their
 * own: the `petrel` package (with `petrel.mock`) and the `nose.tools` stand-in on `sys.path`, no
 * simulator host installed (as under nosetests or pytest: a component's `run()` is not called).
 * Used by the Tests tab's worker (tests-worker.ts) and by `npm run test-components` in Node.
 */
import type { PyodideAPI } from 'pyodide';
import { PYTHON_RUNTIME_FILES } from '../../src/python/runtime-files.generated';
import type { TestResult, TestSourceModule } from '../../src/python/test-modules';

const RUNTIME_DIR = '/storm-studio';
/** Where the document's modules are written: tracebacks show `/tests/<module>.py`. */
export const TESTS_DIR = '/tests';

interface RunTests {
  (modulesJson: string, directory: string): string;
  destroy?: () => void;
}

/** A test runner bound to one interpreter; `run` may be called again (each run imports the modules afresh). */
export class PythonTestRunner {
  private readonly runTests: RunTests;

  constructor(py: PyodideAPI) {
    for (const [path, source] of Object.entries(PYTHON_RUNTIME_FILES)) {
      if (path.startsWith('_storm_studio/')) continue;
      const file = `${RUNTIME_DIR}/${path}`;
      py.FS.mkdirTree(file.slice(0, file.lastIndexOf('/')));
      py.FS.writeFile(file, source);
    }
    py.runPython(`import sys\nif ${JSON.stringify(RUNTIME_DIR)} not in sys.path: sys.path.insert(0, ${JSON.stringify(RUNTIME_DIR)})`);
    const module = py.pyimport('_storm_studio_testing') as unknown as { run_tests: RunTests };
    this.runTests = module.run_tests;
  }

  run(modules: readonly TestSourceModule[]): TestResult[] {
    const plain = modules.map(({ module, file, code }) => ({ module, file, code }));
    return JSON.parse(this.runTests(JSON.stringify(plain), TESTS_DIR)) as TestResult[];
  }
}
