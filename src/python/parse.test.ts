import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { literal, moduleConstants } from './literal';
import { analyzeModule } from './module-info';
import { parseModule, PythonSyntaxError, type Stmt } from './parse';
import { tokenize } from './tokenize';

const valueOf = (code: string) => {
  const body = parseModule(code);
  const last = body[body.length - 1] as Extract<Stmt, { kind: 'assign' }>;
  return literal(last.value, moduleConstants(body.slice(0, -1)));
};

describe('the Python reader', () => {
  it('decodes every string-literal form', () => {
    expect(valueOf(`x = 'a' "b" '''c\nd''' r'\\n' '\\x41\\u00e9\\U0001F600\\101\\n' 'e\\\nf'`)).toEqual({ ok: true, value: 'abc\nd\\nAé😀A\nef' });
    expect(valueOf('x = "\\N{BULLET}"\n')).toEqual(expect.objectContaining({ ok: false, reason: expect.stringMatching(/N\{…\} escape/) }));
    expect(valueOf('x = b"raw"\n')).toEqual(expect.objectContaining({ ok: false, reason: expect.stringMatching(/bytes literal/) }));
    expect(valueOf('n = 2\nx = f"{n}"\n')).toEqual(expect.objectContaining({ ok: false, reason: expect.stringMatching(/f-string/) }));
  });

  it('evaluates numbers, containers and arithmetic on constants', () => {
    expect(valueOf('A = 0x1F\nB = 1_000\nx = [A, B // 3, -2.5e-1, 7 % 3, 2 ** 10, (1, True, None), {"k": A + 1}]\n')).toEqual({ ok: true, value: [31, 333, -0.25, 1, 1024, [1, true, null], { k: 32 }] });
    expect(valueOf('x = {"a": 1}["a"]\n')).toEqual(expect.objectContaining({ ok: false }));
    expect(valueOf('x = 1 / 0\n')).toEqual(expect.objectContaining({ ok: false, reason: 'division by zero' }));
  });

  it('parses what it does not evaluate: lambdas with defaults, comprehensions with conditionals, yield from', () => {
    const code = `class A(B, metaclass=M):
    f = lambda x=1, *a, **k: x
    d = {k: v if v else None for k, v in items() if k}
    @decorator(arg)
    async def g(self, a: int = 3, *, b=lambda: 0) -> None:
        x: int = 3
        y = (yield from z)
        async with a as b, c:
            pass
        match x:
            case [1, *rest]:
                pass
        return [i for i in range(3)]
`;
    const body = parseModule(code);
    expect(body).toHaveLength(1);
    expect(body[0]!.kind === 'class' && body[0]!.body.map((s) => s.kind)).toEqual(['assign', 'assign', 'def']);
  });

  it('reports syntax errors with line and column', () => {
    const cases: [string, number, RegExp][] = [
      ["x = 'open\n", 1, /unterminated string literal/],
      ['x = """open\n\n', 1, /unterminated triple-quoted/],
      ['if x:\n        a = 1\n    b = 2\n', 3, /unindent does not match/],
      ['x = (1,\ny = 2\n', 1, /was never closed/],
      ['x = [1, 2)\n', 1, /does not match/],
      ['x = $\n', 1, /invalid character/],
      ['def f(:\n', 1, /never closed/],
      ['x = = 1\n', 1, /unexpected '='/],
    ];
    for (const [code, line, message] of cases) {
      let error: unknown;
      try {
        parseModule(code);
      } catch (e) {
        error = e;
      }
      expect(error, code).toBeInstanceOf(PythonSyntaxError);
      expect((error as PythonSyntaxError).line, code).toBe(line);
      expect((error as PythonSyntaxError).message, code).toMatch(message);
    }
  });

  it('refuses nesting deeper than it reads, without overflowing the stack', () => {
    expect(() => parseModule(`x = ${'['.repeat(5000)}${']'.repeat(5000)}\n`)).toThrow(/nested more than/);
  });

  it('tracks indentation with tabs, continuation lines and comments', () => {
    const types = tokenize('if a:\n\tb = [1,\n  2]  # c\n\n\tc = \\\n  3\n').map((t) => t.type);
    expect(types).toEqual(['name', 'name', 'op', 'newline', 'indent', 'name', 'op', 'op', 'number', 'op', 'number', 'op', 'newline', 'name', 'op', 'number', 'newline', 'dedent', 'end']);
  });

  it('gives every node its span in the source as given, CRLF line endings included', () => {
    for (const eol of ['\n', '\r\n']) {
      const code = `# c${eol}x = (1 +${eol}  2)${eol}def f(a):${eol}    return {'k': [a, "b"]}  # c${eol}`;
      const body = parseModule(code);
      const text = (n: { start: number; end: number }) => code.slice(n.start, n.end);
      expect(body.map(text)).toEqual([`x = (1 +${eol}  2)`, `def f(a):${eol}    return {'k': [a, "b"]}`]);
      const ret = body[1]!.kind === 'def' ? body[1]!.body[0]! : null;
      expect(ret && ret.kind === 'return' && ret.value && text(ret.value)).toBe(`{'k': [a, "b"]}`);
      expect(ret && ret.kind === 'return' && ret.value?.kind === 'dict' && ret.value.entries.map(([k, v]) => [text(k), text(v)])).toEqual([["'k'", '[a, "b"]']]);
      expect(tokenize(code).filter((t) => t.type === 'string').map(text)).toEqual(["'k'", '"b"']);
    }
  });

  it('reads try statements: the handlers and what they catch, else and finally', () => {
    const t = parseModule('try:\n    import a\nexcept (ImportError, KeyError) as e:\n    pass\nexcept* ValueError:\n    pass\nexcept:\n    pass\nelse:\n    b = 1\nfinally:\n    c = 2\n')[0]!;
    expect(t.kind).toBe('try');
    if (t.kind !== 'try') return;
    expect(t.body.map((s) => s.kind)).toEqual(['import']);
    expect(t.handlers.map((h) => [h.line, h.type?.kind ?? null])).toEqual([
      [3, 'tuple'],
      [5, 'name'],
      [7, null],
    ]);
    expect([t.orelse.map((s) => s.kind), t.finalbody.map((s) => s.kind)]).toEqual([['assign'], ['assign']]);
    expect(() => parseModule('try:\n    pass\nx = 1\n')).toThrow(/expected 'except' or 'finally'/);
  });

  it('reads a component module: class, base through local classes, run(), fields and configuration', () => {
    const a = analyzeModule(`from petrel.emitter import BasicBolt
SECS = 5

class Base(BasicBolt):
    def getComponentConfiguration(self):
        """Ticks."""
        return {'topology.tick.tuple.freq.secs': SECS}

class Counter(Base):
    @classmethod
    def declareOutputFields(cls):
        return ['word'] + ['count']

def run():
    Counter().run()
`);
    expect(a.ok && { ...a.info, classes: undefined }).toEqual({
      className: 'Counter',
      classLine: 9,
      base: 'BasicBolt',
      hasRun: true,
      fields: { kind: 'value', value: ['word', 'count'], line: 12 },
      componentConfig: { kind: 'value', value: { 'topology.tick.tuple.freq.secs': 5 }, line: 7 },
      classes: undefined,
    });
    const dynamic = analyzeModule('from petrel.emitter import Spout\nclass S(Spout):\n    def declareOutputFields(self):\n        f = ["a"]\n        return f\n');
    expect(dynamic.ok && dynamic.info.fields).toEqual({ kind: 'unreadable', line: 3, reason: 'declareOutputFields() does more than return a literal' });
    expect(dynamic.ok && dynamic.info.hasRun).toBe(false);
  });

  it('parses every module of the Python standard library on this machine', () => {
    const stdlib = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
    const files = readdirSync(stdlib).filter((f) => f.endsWith('.py'));
    expect(files.length).toBeGreaterThan(100);
    const failures = files.filter((f) => {
      try {
        parseModule(readFileSync(join(stdlib, f), 'utf8'));
        return false;
      } catch {
        return true;
      }
    });
    expect(failures).toEqual([]);
  });
});
