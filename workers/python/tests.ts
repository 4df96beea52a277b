/**
 * Runs a document's Python tests (src/python/test-modules.ts) in a Pyodide interpreter of their
 * own: the `petrel` package (with `petrel.mock`) and the `nose.tools` stand-in on `sys.path`, no
 * simulator host installed (as under nosetests or pytest: a component's `run()` is not called).
 * Used by the Tests tab's worker (tests-worker.ts) and by `npm run test-components` in Node.
 */
import type { PyodideAPI } from 'pyodide';
import { PYTHON_RUNTIME_FILES } from '../../src/python/runtime-files.generated';
import type { PythonPackage } from '../../src/model';
import type { TestResult, TestSourceModule } from '../../src/python/test-modules';
import { wheelBytes } from '../../src/python/wheels';

const RUNTIME_DIR = '/storm-studio';
/** Where the document's modules are written: tracebacks show `/tests/<module>.py`. */
export const TESTS_DIR = '/tests';

/** Where the document's wheels are written for a run (the runner unpacks them into a folder of the run). */
const WHEELS_DIR = '/tmp/storm-studio-test-wheels';

interface RunTests {
  (modulesJson: string, directory: string, wheelsJson: string): string;
  destroy?: () => void;
}

/** A test runner bound to one interpreter; `run` may be called again (each run imports the modules afresh). */
export class PythonTestRunner {
  private readonly runTests: RunTests;

  constructor(private readonly py: PyodideAPI) {
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

  /** Runs the tests of `modules`, with the document's `packages` importable (as the simulator installs them). */
  run(modules: readonly TestSourceModule[], packages: readonly PythonPackage[] = []): TestResult[] {
    const plain = modules.map(({ module, file, code }) => ({ module, file, code }));
    this.py.FS.mkdirTree(WHEELS_DIR);
    const wheels = packages.map((p) => {
      const path = `${WHEELS_DIR}/${p.file}`;
      this.py.FS.writeFile(path, wheelBytes(p));
      return path;
    });
    return JSON.parse(this.runTests(JSON.stringify(plain), TESTS_DIR, JSON.stringify(wheels))) as TestResult[];
  }
}
