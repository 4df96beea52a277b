import { describe, expect, it } from 'vitest';
import { applyEdits, findPython2Idioms, fixAllEdits, fixAllPython2, python3Hint } from './python2';

/** The source after the quick fix of its only idiom of `kind`. */
function quickFix(source: string, kind: string): string {
  const found = findPython2Idioms(source).filter((i) => i.kind === kind);
  expect(found, source).toHaveLength(1);
  return applyEdits(source, found[0]!.fix.edits);
}

describe('Python 2 idioms', () => {
  it('dict.iteritems/itervalues/iterkeys → items/values/keys', () => {
    const src = 'for k, v in counts.iteritems():\n    pass\n';
    const [idiom] = findPython2Idioms(src);
    expect(idiom).toMatchObject({ kind: 'dict-iter', line: 1, column: 20, endLine: 1, endColumn: 29, severity: 'error' });
    expect(idiom!.message).toContain('Python 3 calls this items()');
    expect(quickFix(src, 'dict-iter')).toBe('for k, v in counts.items():\n    pass\n');
    expect(quickFix('x = d.itervalues()\n', 'dict-iter')).toBe('x = d.values()\n');
    expect(quickFix('x = list(self.d.iterkeys())\n', 'dict-iter')).toBe('x = list(self.d.keys())\n');
    // Not a call, or a name of one's own: left alone.
    expect(findPython2Idioms('iteritems = 1\nx.iteritems\n')).toEqual([]);
  });

  it('xrange and raw_input → range and input', () => {
    expect(quickFix('for i in xrange(10):\n    pass\n', 'xrange')).toBe('for i in range(10):\n    pass\n');
    expect(findPython2Idioms('for i in xrange(3): pass\n')[0]!.message).toContain('Python 3 calls it range()');
    expect(quickFix('s = raw_input()\n', 'raw_input')).toBe('s = input()\n');
    expect(findPython2Idioms('obj.xrange(3)\nxrange = range\n')).toEqual([]);
  });

  it('print statements → print(...)', () => {
    expect(quickFix('print "Emitting: %s" % word\n', 'print')).toBe('print("Emitting: %s" % word)\n');
    expect(quickFix('if x:\n    print x, y\n', 'print')).toBe('if x:\n    print(x, y)\n');
    expect(quickFix('print x,\n', 'print')).toBe("print(x, end=' ')\n");
    expect(quickFix('print >>sys.stderr, "oops", n\n', 'print')).toBe('print("oops", n, file=sys.stderr)\n');
    expect(quickFix('print x  # a comment\n', 'print')).toBe('print(x)  # a comment\n');
    expect(quickFix('a = 1; print a; b = 2\n', 'print')).toBe('a = 1; print(a); b = 2\n');
    // Python 3's print is not an idiom.
    expect(findPython2Idioms('print("x")\nprint\nprint (x)\nlog.print = 1\n')).toEqual([]);
    expect(findPython2Idioms('print x\n')[0]!.message).toContain('print(...)');
  });

  it('except X, e: → except X as e:', () => {
    expect(quickFix('try:\n    pass\nexcept ValueError, e:\n    pass\n', 'except-comma')).toBe('try:\n    pass\nexcept ValueError as e:\n    pass\n');
    expect(quickFix('try:\n    pass\nexcept (KeyError, IndexError), err:\n    pass\n', 'except-comma')).toBe('try:\n    pass\nexcept (KeyError, IndexError) as err:\n    pass\n');
    expect(findPython2Idioms('try:\n    pass\nexcept ValueError as e:\n    pass\nexcept (A, B):\n    pass\n')).toEqual([]);
    expect(findPython2Idioms('try:\n    pass\nexcept ValueError, e:\n    pass\n')[0]!.message).toContain('except X as e:');
  });

  it('Queue, urllib2, ConfigParser → queue, urllib.request, configparser', () => {
    expect(quickFix('import Queue\nq = Queue.Queue()\n', 'module')).toBe('import queue as Queue\nq = Queue.Queue()\n');
    expect(quickFix('from Queue import Queue, Empty\n', 'module')).toBe('from queue import Queue, Empty\n');
    expect(quickFix('import urllib2\n', 'module')).toBe('import urllib.request as urllib2\n');
    expect(quickFix('import ConfigParser as cp\n', 'module')).toBe('import configparser as cp\n');
    expect(applyEdits('import json, Queue, urllib2\n', findPython2Idioms('import json, Queue, urllib2\n').flatMap((i) => i.fix.edits))).toBe(
      'import json, queue as Queue, urllib.request as urllib2\n',
    );
    expect(findPython2Idioms('import ConfigParser\n')[0]!.message).toBe("Python 2's module ConfigParser: Python 3 calls it configparser.");
    expect(findPython2Idioms('import queue\nfrom urllib import request\n')).toEqual([]);
  });

  it('integer / used as an index or range() argument → //', () => {
    const src = 'mid = items[len(items) / 2]\n';
    const [idiom] = findPython2Idioms(src);
    expect(idiom).toMatchObject({ kind: 'int-division', severity: 'warning', line: 1, column: 24 });
    expect(idiom!.message).toContain('Python 3 calls integer division //');
    expect(quickFix(src, 'int-division')).toBe('mid = items[len(items) // 2]\n');
    expect(quickFix('for i in range(n / 2):\n    pass\n', 'int-division')).toBe('for i in range(n // 2):\n    pass\n');
    // True division where a float is meant, or outside an index: left alone.
    expect(findPython2Idioms('x = a / b\ny = [a / b]\nz = s[a / 2.0]\nf(a / b)\n')).toEqual([]);
  });

  it('dict.has_key(k) → k in d', () => {
    expect(quickFix('if self.counts.has_key(word):\n    pass\n', 'has_key')).toBe('if (word in self.counts):\n    pass\n');
  });

  it('Fix all converts a module, idioms inside others included', () => {
    const book = [
      'import Queue',
      'def report(counts):',
      '    for word, n in counts.iteritems():',
      '        print "Emitting: %s" % [word, n]',
      '    print >>log, counts.itervalues()',
      '    for i in xrange(len(counts) / 2):',
      '        pass',
      '    try:',
      '        pass',
      '    except KeyError, e:',
      '        pass',
      '',
    ].join('\n');
    const fixed = fixAllPython2(book);
    expect(fixed).toBe(
      [
        'import queue as Queue',
        'def report(counts):',
        '    for word, n in counts.items():',
        '        print("Emitting: %s" % [word, n])',
        '    print(counts.values(), file=log)',
        '    for i in range(len(counts) // 2):',
        '        pass',
        '    try:',
        '        pass',
        '    except KeyError as e:',
        '        pass',
        '',
      ].join('\n'),
    );
    expect(findPython2Idioms(fixed)).toEqual([]);
    expect(fixAllPython2(fixed)).toBe(fixed);
    // As one edit, for the editor's single undo step.
    const edits = fixAllEdits(book);
    expect(edits).toHaveLength(1);
    expect(applyEdits(book, edits)).toBe(fixed);
    expect(fixAllEdits(fixed)).toEqual([]);
  });

  it('finds nothing in a module that does not tokenize', () => {
    expect(findPython2Idioms("print 'x\n")).toEqual([]);
  });
});

describe('python3Hint', () => {
  it.each([
    ["AttributeError: 'dict' object has no attribute 'iteritems'", 'Python 3 calls this items().'],
    ["AttributeError: 'dict' object has no attribute 'itervalues'", 'Python 3 calls this values().'],
    ["AttributeError: 'dict' object has no attribute 'has_key'", 'k in d'],
    ["NameError: name 'xrange' is not defined", 'Python 3 calls it range().'],
    ["ModuleNotFoundError: No module named 'Queue'", 'Python 3 calls it queue'],
    ["component 'c' imports 'urllib2' (line 1), which is not available offline", 'Python 3 calls it urllib.request'],
    ["TypeError: 'float' object cannot be interpreted as an integer", 'integer division //'],
    ['TypeError: list indices must be integers or slices, not float', 'integer division //'],
  ])('%s', (message, hint) => {
    expect(python3Hint(message)).toContain(hint);
  });

  it('says nothing about other errors', () => {
    expect(python3Hint("AttributeError: 'dict' object has no attribute 'foo'")).toBeNull();
    expect(python3Hint("ModuleNotFoundError: No module named 'nltk'")).toBeNull();
  });
});
