/**
 * Runs a topology's Python tests headless, as the Tests tab does:
 *
 *   npm run test-components -- <input> [--json]
 *
 * `<input>` is what `npm run simulate` takes (a Storm Studio document, a Petrel project folder or
 * its create.py, a Flux file, a zip, `example:<id>`). The tests are the functions named `test` or
 * `test_*` and the `unittest.TestCase` methods in the Python components' modules and in the
 * document's test modules (`test_*.py`), run on Pyodide with `petrel.mock` and `nose.tools`.
 * Prints one line per test (and each failure's traceback), or one JSON object with `--json`:
 * `{ name, summary: {pass, fail, error, skip}, results: [...] }` (see TestResult in
 * src/python/test-modules.ts). Exit status: 0 every test passed (or was skipped), 1 a test failed
 * or a module could not be imported, 2 bad usage or input.
 */
import { summarizeTests, testSourceModules, type TestResult } from '../src/python/test-modules';
import { loadPyodideRuntime } from '../workers/python/pyodide-loader';
import { PythonTestRunner } from '../workers/python/tests';
import { commandLine, readDocument, type CommandLine } from './lib/cli';

const USAGE = 'usage: npm run test-components -- <document.json | petrel-folder | create.py | flux.yaml | project.zip | example:<id>> [--json]';

const cli: CommandLine = commandLine(USAGE);

const MARK: Record<TestResult['status'], string> = { pass: 'ok', fail: 'FAIL', error: 'ERROR', skip: 'skip' };

async function main(): Promise<number> {
  const args = cli.parse({ allowPositionals: true, options: { json: { type: 'boolean' } } });
  if (!args) return 0;
  const input = cli.input(args.positionals, 'the topology whose tests to run');
  const doc = await readDocument(input);
  if (!doc) return 2;
  const modules = testSourceModules(doc);
  const runner = new PythonTestRunner(await loadPyodideRuntime());
  const results = runner.run(modules, doc.packages ?? []);
  const summary = summarizeTests(results);
  if (args.values.json) {
    process.stdout.write(JSON.stringify({ name: doc.name, summary, results }, null, 2) + '\n');
  } else {
    for (const r of results) {
      const where = r.at ? ` (${r.at}:${r.line})` : '';
      process.stdout.write(`${MARK[r.status].padEnd(5)} ${r.module}.${r.test}${r.status === 'pass' ? '' : `: ${r.message}${where}`}\n`);
    }
    for (const r of results.filter((x) => x.status === 'fail' || x.status === 'error')) {
      process.stdout.write(`\n=== ${r.module}.${r.test} ===\n${r.traceback}${r.output ? `--- output ---\n${r.output}` : ''}`);
    }
    const counts = Object.entries(summary).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s === 'pass' ? 'passed' : s === 'fail' ? 'failed' : s === 'error' ? 'errors' : 'skipped'}`);
    process.stdout.write(`\n${results.length === 0 ? `No tests in ${modules.length} module${modules.length === 1 ? '' : 's'} (functions named test or test_*, unittest.TestCase methods).` : `${results.length} test${results.length === 1 ? '' : 's'}: ${counts.join(', ')}`}\n`);
  }
  return summary.fail + summary.error > 0 ? 1 : 0;
}

process.exitCode = await main();
