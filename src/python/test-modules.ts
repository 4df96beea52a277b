/**
 * The Python modules a document's tests run from (the Tests tab, `npm run test-components`, the
 * exported projects): every Python component's module under the name the simulator and the
 * exporters give it (so that `from randomsentence import RandomSentenceSpout` imports it), then the
 * document's test modules (`test_*.py`). Nose's and pytest's discovery find `test` / `test_*`
 * functions and `unittest.TestCase` methods in all of them.
 */
import { pythonModuleNames, type NamedComponent } from './module-names';

/** What the tests need of a document (a `TopologyDocument` is one). */
export interface TestableDocument {
  readonly components: readonly (NamedComponent & { readonly language: string })[];
  readonly tests?: readonly { readonly file: string; readonly code: string }[];
}

export interface TestSourceModule {
  /** The Python module name. */
  readonly module: string;
  /** Its file, `<module>.py`. */
  readonly file: string;
  readonly code: string;
  /** The component whose code this is; null for a test module. */
  readonly component: string | null;
}

/**
 * @example
 * testSourceModules(wordCountExample()).map((m) => m.file) // ['sentences.py', 'split.py', 'count.py']
 */
export function testSourceModules(doc: TestableDocument): TestSourceModule[] {
  const names = pythonModuleNames(doc.components);
  const out: TestSourceModule[] = [];
  for (const c of doc.components) {
    const code = c.code.python;
    if (c.language !== 'python' || code === undefined || code.trim() === '') continue;
    const module = names.get(c.id)!;
    out.push({ module, file: `${module}.py`, code, component: c.id });
  }
  for (const t of doc.tests ?? []) out.push({ module: t.file.slice(0, -'.py'.length), file: t.file, code: t.code, component: null });
  return out;
}

/** One test's outcome, as `storm/python/_storm_studio_testing.py` reports it. */
export interface TestResult {
  readonly module: string;
  readonly file: string;
  /** `test`, `test_x`, `Case.test_x`, or `<import>` when the module could not be imported. */
  readonly test: string;
  readonly status: 'pass' | 'fail' | 'error' | 'skip';
  /** The exception's last line (`AssertionError: …`), or a skip's reason. */
  readonly message: string;
  readonly traceback: string;
  /** Where it failed in the document's files: the file (`<module>.py`) and 1-based line. */
  readonly at: string | null;
  readonly line: number | null;
  /** What the test printed (stdout and stderr). */
  readonly output: string;
  readonly seconds: number;
}

/** Counts by status. */
export function summarizeTests(results: readonly TestResult[]): Record<TestResult['status'], number> {
  const counts = { pass: 0, fail: 0, error: 0, skip: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}
