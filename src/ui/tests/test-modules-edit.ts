/** Adding, editing and removing a document's test modules (`test_*.py`), as pure document edits. */
import { TEST_MODULE_FILE, type TestModule, type TopologyDocument } from '../../model';

/** A new test module's text: the book's style (a test function with nose's assertions and petrel.mock). */
export function testModuleTemplate(doc: TopologyDocument, moduleOf: (id: string) => string | undefined): string {
  const spout = doc.components.find((c) => c.kind === 'spout' && c.language === 'python');
  const bolt = doc.components.find((c) => c.kind === 'bolt' && c.language === 'python');
  const cls = (code: string | undefined) => /^class\s+(\w+)/m.exec(code ?? '')?.[1];
  const boltModule = bolt ? moduleOf(bolt.id) : undefined;
  const boltClass = cls(bolt?.code.python);
  const fields = spout?.streams.find((s) => s.id === 'default')?.fields ?? ['value'];
  if (!boltModule || !boltClass) {
    return 'from nose.tools import assert_equal\n\n\ndef test_example():\n    assert_equal(2, 1 + 1)\n';
  }
  return `from nose.tools import assert_equal
from petrel import mock

from ${boltModule} import ${boltClass}


def test_${boltModule}():
    bolt = ${boltClass}()
    spout = mock.MockSpout(${JSON.stringify(fields)}, [
        [${fields.map(() => "''").join(', ')}],
    ])
    result = mock.run_simple_topology(None, [spout, bolt], result_type=mock.LIST)
    assert_equal([], result[bolt])
`;
}

/** The first free `test_<base>.py` name. */
export function freeTestFile(doc: TopologyDocument, base: string): string {
  const taken = new Set((doc.tests ?? []).map((t) => t.file));
  const clean = base.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'topology';
  for (let i = 1; ; i++) {
    const file = `test_${clean}${i === 1 ? '' : `_${i}`}.py`;
    if (!taken.has(file)) return file;
  }
}

export function addTestModule(doc: TopologyDocument, module: TestModule): TopologyDocument {
  if (!TEST_MODULE_FILE.test(module.file)) throw new Error(`${module.file}: a test module is named test_<name>.py`);
  if ((doc.tests ?? []).some((t) => t.file === module.file)) throw new Error(`${module.file} exists already`);
  return { ...doc, tests: [...(doc.tests ?? []), module] };
}

export function setTestModuleCode(doc: TopologyDocument, file: string, code: string): TopologyDocument {
  const tests = doc.tests ?? [];
  if (!tests.some((t) => t.file === file)) return doc;
  return { ...doc, tests: tests.map((t) => (t.file === file ? { ...t, code } : t)) };
}

export function removeTestModule(doc: TopologyDocument, file: string): TopologyDocument {
  const tests = (doc.tests ?? []).filter((t) => t.file !== file);
  if (tests.length === 0) {
    const { tests: _dropped, ...rest } = doc;
    void _dropped;
    return rest;
  }
  return { ...doc, tests };
}
