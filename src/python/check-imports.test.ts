import { describe, expect, it } from 'vitest';
import { bolt, spout, topology, withLanguage, wordCountExample, EXAMPLES, subscribe } from '../model';
import { checkPythonImports } from './check-imports';

const doc = (code: string, extra: string[] = []) =>
  topology(
    'imports',
    [spout('source', { python: 'import random\n' }), bolt('count', { python: code }), ...extra.map((c, i) => bolt(`helper-${i}`, { python: c }))],
    [subscribe('source', 'count')],
  );

describe('checkPythonImports', () => {
  it('finds nothing to say about the examples', () => {
    for (const example of EXAMPLES) expect(checkPythonImports(example.create())).toEqual([]);
  });

  it("says what Python 3 calls a Python 2 module (the book's Queue, urllib2, ConfigParser)", () => {
    const [queue, urllib2] = checkPythonImports(doc('import Queue\nfrom urllib2 import urlopen\n'));
    expect(queue!.message).toBe(
      "component 'count' imports 'Queue' (line 1), which is not available offline in Storm Studio: it is Python 2's name; Python 3 calls it queue (`import queue as Queue` keeps the code as it is).",
    );
    expect(urllib2!.message).toContain('Python 3 calls it urllib.request');
  });

  it('names the package, the component and the line of a third-party import', () => {
    expect(checkPythonImports(doc('import os\nimport nltk\nfrom tweepy.client import Api\n'))).toEqual([
      {
        component: 'count',
        module: 'nltk',
        line: 2,
        severity: 'error',
        message:
          "component 'count' imports 'nltk' (line 2), which is not available offline in Storm Studio: only the Python standard library, petrel, redis and pymongo are, and the pure-Python packages added to the document from a wheel file (the topology's Packages). Under petrel submit, setup.sh can pip install it.",
      },
      expect.objectContaining({ module: 'tweepy', line: 3, severity: 'error' }),
    ]);
  });

  it("explains standard-library modules that Storm Studio's Python lacks", () => {
    const [removed, missing] = checkPythonImports(doc('import imp\nimport curses\n'));
    expect(removed!.message).toBe(
      "component 'count' imports 'imp' (line 1), which is not available offline in Storm Studio: it was removed from Python before 3.14, the version Storm Studio runs.",
    );
    expect(missing!.message).toContain("it is not part of Pyodide's Python standard library");
  });

  it('warns only about imports inside try: blocks and modules a browser cannot serve', () => {
    const problems = checkPythonImports(doc('try:\n    import ujson as json\nexcept ImportError:\n    import json\nimport socket\n'));
    expect(problems.map((p) => [p.module, p.severity])).toEqual([
      ['ujson', 'warning'],
      ['socket', 'warning'],
    ]);
    expect(problems[0]!.message).toContain('inside try:');
    expect(problems[1]!.message).toBe("component 'count' imports 'socket' (line 5): it imports, but code in a browser cannot open network connections.");
  });

  it('warns only about imports a handler of ImportError guards, not any import inside try:', () => {
    const problems = checkPythonImports(doc('try:\n    import nltk\nexcept KeyError:\n    nltk = None\ntry:\n    import tweepy\nexcept Exception:\n    tweepy = None\n'));
    expect(problems.map((p) => [p.module, p.line, p.severity])).toEqual([
      ['nltk', 2, 'error'],
      ['tweepy', 6, 'warning'],
    ]);
    expect(problems[0]!.message).not.toContain('inside try:');
  });

  it('says nothing of code that does not parse (loading it reports the syntax error)', () => {
    expect(checkPythonImports(doc('import nltk\ndef f(:\n'))).toEqual([]);
  });

  it("treats other components' modules as local, and ignores JavaScript components", () => {
    expect(checkPythonImports(doc('import helper_0\n', ['X = 1\n']))).toEqual([]);
    const js = withLanguage(doc('import nltk\n'), 'javascript');
    expect(checkPythonImports(js)).toEqual([]);
    expect(checkPythonImports(wordCountExample())).toEqual([]);
  });

  it("counts the document's modules as available, by their file names: components' and test modules'", () => {
    const d = { ...doc('import randomsentence\nimport test_words\nimport helper_0\nimport nosuchsibling\n', ['x = 1\n']), tests: [{ file: 'test_words.py', code: 'WORDS = []\n' }] };
    const named = { ...d, components: d.components.map((c) => (c.id === 'source' ? { ...c, module: 'randomsentence' } : c)) };
    expect(checkPythonImports(named).map((p) => [p.module, p.line, p.severity])).toEqual([['nosuchsibling', 4, 'error']]);
  });
});
