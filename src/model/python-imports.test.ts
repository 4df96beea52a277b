import { describe, expect, it } from 'vitest';
import { EXAMPLES } from './examples';
import { pythonImports, thirdPartyImports } from './python-imports';

describe('pythonImports', () => {
  it('finds plain, dotted, aliased and from-imports with their lines', () => {
    const code = 'import os, sys as system\nimport xml.dom.minidom\n\nfrom collections import defaultdict\nfrom redis.client import (\n    Redis,\n)\nimport nltk; import tweepy\n';
    expect(pythonImports(code)).toEqual([
      { module: 'os', line: 1 },
      { module: 'sys', line: 1 },
      { module: 'xml', line: 2 },
      { module: 'collections', line: 4 },
      { module: 'redis', line: 5 },
      { module: 'nltk', line: 8 },
      { module: 'tweepy', line: 8 },
    ]);
  });

  it('ignores comments, strings and relative imports', () => {
    const code = '# import secret\nx = "import nope"\ns = """\nimport nothing\n"""\nfrom . import sibling\nfrom .pkg import thing\nimport real\n';
    expect(pythonImports(code)).toEqual([{ module: 'real', line: 8 }]);
  });

  it('indented imports inside functions count', () => {
    expect(pythonImports('def f():\n    import pymongo\n    return 1\n')).toEqual([{ module: 'pymongo', line: 2 }]);
  });
});

describe('thirdPartyImports', () => {
  it('leaves out the standard library, petrel and local modules', () => {
    const code = 'import logging, random, time\nfrom petrel import storm\nfrom petrel.emitter import Spout\nimport splitsentence\nimport nltk\n';
    expect(thirdPartyImports(code, ['splitsentence'])).toEqual([{ module: 'nltk', line: 5 }]);
  });

  it('finds nothing third-party in the examples', () => {
    for (const e of EXAMPLES) for (const c of e.create().components) expect(thirdPartyImports(c.code.python!), c.id).toEqual([]);
  });
});
