import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../model/examples';
import { pythonImports, thirdPartyImports } from './imports';

describe('pythonImports', () => {
  it('finds plain, dotted, aliased and from-imports with their lines', () => {
    const code = 'import os, sys as system\nimport xml.dom.minidom\n\nfrom collections import defaultdict\nfrom redis.client import (\n    Redis,\n)\nimport nltk; import tweepy\n';
    expect(pythonImports(code).map(({ module, line }) => [module, line])).toEqual([
      ['os', 1],
      ['sys', 1],
      ['xml', 2],
      ['collections', 4],
      ['redis', 5],
      ['nltk', 8],
      ['tweepy', 8],
    ]);
  });

  it('ignores comments, strings and relative imports', () => {
    const code = '# import secret\nx = "import nope"\ns = """\nimport nothing\n"""\nfrom . import sibling\nfrom .pkg import thing\nimport real\n';
    expect(pythonImports(code)).toEqual([{ module: 'real', line: 8, guarded: false }]);
  });

  it('indented imports inside functions, classes and blocks count', () => {
    expect(pythonImports('def f():\n    import pymongo\n    return 1\nclass A:\n    if x:\n        import a.b\n').map((i) => i.module)).toEqual(['pymongo', 'a']);
  });

  it('knows which imports a handler of import errors guards', () => {
    const code = `try:
    import ujson as json
except ImportError:
    import json
try:
    import yaml
except (ValueError, ModuleNotFoundError):
    yaml = None
try:
    import lxml
except:
    pass
try:
    import numpy
except KeyError:
    numpy = None
try:
    import pandas
finally:
    pass
try:
    pass
except Exception:
    import simplejson
else:
    import orjson
`;
    expect(pythonImports(code).map(({ module, guarded }) => [module, guarded])).toEqual([
      ['ujson', true],
      ['json', false],
      ['yaml', true],
      ['lxml', true],
      ['numpy', false],
      ['pandas', false],
      ['simplejson', false],
      ['orjson', false],
    ]);
  });

  it('reports the first unguarded import of a module imported both ways', () => {
    expect(pythonImports('try:\n    import nltk\nexcept ImportError:\n    pass\nimport nltk\n')).toEqual([{ module: 'nltk', line: 5, guarded: false }]);
  });

  it('reads nothing from code that does not parse', () => {
    expect(pythonImports('import nltk\ndef f(:\n')).toEqual([]);
  });
});

describe('thirdPartyImports', () => {
  it('leaves out the standard library, petrel and local modules', () => {
    const code = 'import logging, random, time\nfrom petrel import storm\nfrom petrel.emitter import Spout\nimport splitsentence\nimport nltk\n';
    expect(thirdPartyImports(code, ['splitsentence'])).toEqual([{ module: 'nltk', line: 5, guarded: false }]);
  });

  it('finds nothing third-party in the examples', () => {
    for (const e of EXAMPLES) for (const c of e.create().components) expect(thirdPartyImports(c.code.python!), c.id).toEqual([]);
  });
});
