import { describe, expect, it } from 'vitest';
import { hasTests } from '../../formats/test-files';
import { withLanguage, wordCountExample } from '../../model';
import { pythonModuleNames } from '../../python/module-names';
import { testSourceModules } from '../../python/test-modules';
import { addTestModule, freeTestFile, removeTestModule, setTestModuleCode, testModuleTemplate } from './test-modules-edit';

describe('test modules of a document', () => {
  it('are added, edited and removed; names are test_<name>.py and unique', () => {
    const doc = wordCountExample();
    expect(freeTestFile(doc, 'Word Count')).toBe('test_word_count.py');
    const a = addTestModule(doc, { file: 'test_word_count.py', code: 'x' });
    expect(freeTestFile(a, 'word count')).toBe('test_word_count_2.py');
    expect(() => addTestModule(a, { file: 'test_word_count.py', code: '' })).toThrow('exists already');
    expect(() => addTestModule(a, { file: 'helpers.py', code: '' })).toThrow('test_<name>.py');
    const b = setTestModuleCode(a, 'test_word_count.py', 'y');
    expect(b.tests).toEqual([{ file: 'test_word_count.py', code: 'y' }]);
    expect(setTestModuleCode(b, 'test_other.py', 'z')).toBe(b);
    const c = removeTestModule(b, 'test_word_count.py');
    expect('tests' in c).toBe(false);
  });

  it('the template imports a bolt by its module name and runs it with petrel.mock', () => {
    const doc = wordCountExample();
    const names = pythonModuleNames(doc.components);
    const code = testModuleTemplate(doc, (id) => names.get(id));
    expect(code).toContain('from split import SplitSentenceBolt');
    expect(code).toContain("mock.MockSpout([\"sentence\"], [\n        [''],\n    ])");
    expect(hasTests(code)).toBe(true);
  });

  it('the modules tests run from: Python components by module name, then test modules', () => {
    const doc = { ...wordCountExample(), tests: [{ file: 'test_a.py', code: 'def test(): pass\n' }] };
    expect(testSourceModules(doc).map((m) => [m.file, m.component])).toEqual([
      ['sentences.py', 'sentences'],
      ['split.py', 'split'],
      ['count.py', 'count'],
      ['test_a.py', null],
    ]);
    expect(testSourceModules(withLanguage(doc, 'javascript')).map((m) => m.file)).toEqual(['test_a.py']);
  });

  it('hasTests: a top-level test function or TestCase class', () => {
    expect(hasTests('def test():\n    pass\n')).toBe(true);
    expect(hasTests('def test_x(a):\n    pass\n')).toBe(true);
    expect(hasTests('class T(unittest.TestCase):\n    pass\n')).toBe(true);
    expect(hasTests('class C:\n    def test(self):\n        pass\n')).toBe(false);
    expect(hasTests('def testing_helper():\n    pass\n')).toBe(true);
    expect(hasTests('def run():\n    pass\n')).toBe(false);
  });
});
