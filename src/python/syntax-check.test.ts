import { describe, expect, it } from 'vitest';
import { checkSyntax } from './syntax-check';
import { pythonComponentProblems } from './component-problems';

describe('checkSyntax', () => {
  it.each([
    ['break outside a loop (the book\'s chapter-4 module)', 'def f():\n    pass\nbreak\n', 3, 1, "'break' outside loop"],
    ['break in a function outside its loop', 'for x in y:\n    def f():\n        break\n', 3, 9, "'break' outside loop"],
    ['break in a loop\'s else', 'while x:\n    pass\nelse:\n    break\n', 4, 5, "'break' outside loop"],
    ['continue outside a loop', 'if x:\n    continue\n', 2, 5, "'continue' not properly in loop"],
    ['return outside a function', 'x = 1\nreturn x\n', 2, 1, "'return' outside function"],
    ['return in a class body', 'class A:\n    return 1\n', 2, 5, "'return' outside function"],
    ['yield outside a function', 'yield 1\n', 1, 1, "'yield' outside function"],
    ['a Python 2 print statement', 'x = 1\nprint "x"\n', 2, 1, "Missing parentheses in call to 'print'. Did you mean print(...)?"],
    ['two expressions side by side', 'x = 1 2\n', 1, 7, 'invalid syntax'],
    ['an unclosed bracket', 'x = (1,\n', 1, 5, "'(' was never closed"],
    ['a missing colon', 'def f()\n    pass\n', 1, 8, "expected ':'"],
    ['a loop header without its colon', 'x = 1\nfor word in words\n    pass\n', 2, 18, "expected ':'"],
    ['a keyword as an operand', 'x = if\n', 1, 5, 'invalid syntax'],
    ['an unterminated string', "x = 'abc\n", 1, 5, 'unterminated string literal'],
  ])('%s', (_what, code, line, column, message) => {
    expect(checkSyntax(code)).toEqual({ line, column, message: expect.stringContaining(message) as string });
  });

  it('accepts what Python compiles', () => {
    for (const code of [
      'for x in y:\n    if x:\n        break\n    else:\n        continue\n',
      'while True:\n    try:\n        break\n    finally:\n        pass\n',
      'async def f():\n    async for x in y:\n        break\n',
      'def g():\n    yield 1\n    return\n',
      'print("x")\nprint\nprint (x)\nx = 1 if y else 2\ny = [a for a in b if a not in c]\n',
      "match x:\n    case [a, b] if a > b:\n        pass\ntype X = int\nf = lambda a, b=1: a\nz = a if b else lambda v=v: v\nt = u'x' r'y'\n",
      'x: int = 3\nx += 1\nglobal g\nimport a.b as c\nfrom . import d\nraise E from e\nassert x, "m"\ndel x\nnot x\n',
    ]) {
      expect(checkSyntax(code), code).toBeNull();
    }
  });
});

describe('pythonComponentProblems', () => {
  const c = (id: string, python: string, kind: 'spout' | 'bolt' = 'bolt') => ({ id, kind, language: 'python', code: { python } });

  it('names the component, its module file and the line', () => {
    const problems = pythonComponentProblems({ components: [c('word-count', 'import json\n\nfor x in y:\n    pass\nbreak\n')] });
    expect(problems).toEqual([
      { component: 'word-count', kind: 'syntax', file: 'word_count.py', line: 5, column: 1, severity: 'error', message: "Bolt 'word-count': SyntaxError in word_count.py, line 5: 'break' outside loop" },
    ]);
  });

  it('reports unavailable imports of modules that compile, and lets components import each other', () => {
    const problems = pythonComponentProblems({ components: [c('helper', 'X = 1\n'), c('count', 'import helper\nimport nltk\n')] });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ component: 'count', kind: 'import', file: 'count.py', line: 2, severity: 'error' });
    expect(problems[0]!.message).toContain("imports 'nltk' (line 2)");
  });

  it('ignores JavaScript components and empty modules', () => {
    expect(pythonComponentProblems({ components: [{ id: 'js', kind: 'bolt', language: 'javascript', code: { python: 'break\n' } }, c('empty', '  \n')] })).toEqual([]);
  });
});
