import { describe, expect, it } from 'vitest';
import { readDeclaredFields, readTickFrequency, writeDeclaredFields, writeTickFrequency } from './code-sync';
import { EXAMPLES } from './examples';
import { componentTemplate } from './templates';
import { TICK_FREQ_KEY, type Language } from './types';

const py = (body: string) => `from petrel.emitter import BasicBolt


class CountBolt(BasicBolt):
    def __init__(self):
        super(CountBolt, self).__init__(script=__file__)

${body}

    def process(self, tup):
        pass


def run():
    CountBolt().run()
`;

const js = (body: string) => `export default class CountBolt extends BasicBolt {
${body}

  process(tup) {
    storm.emit(tup.values);
  }
}
`;

describe('readDeclaredFields', () => {
  it('reads a Python list of strings', () => {
    expect(readDeclaredFields(py(`    @classmethod\n    def declareOutputFields(cls):\n        return ['word', "count"]`), 'python')).toEqual(['word', 'count']);
  });

  it('reads a Python tuple, an empty list, a trailing comma and a list over several lines', () => {
    expect(readDeclaredFields(py(`    def declareOutputFields(cls):\n        return ('a',)`), 'python')).toEqual(['a']);
    expect(readDeclaredFields(py(`    def declareOutputFields(cls):\n        return []`), 'python')).toEqual([]);
    expect(readDeclaredFields(py(`    def declareOutputFields(cls):\n        return [\n            'a',  # first\n            'b',\n        ]`), 'python')).toEqual(['a', 'b']);
  });

  it('reads a one-line Python method', () => {
    expect(readDeclaredFields(py(`    def declareOutputFields(cls): return ['x']`), 'python')).toEqual(['x']);
  });

  it('reads a JavaScript static method', () => {
    expect(readDeclaredFields(js(`  static declareOutputFields() {\n    return ['word', 'count'];\n  }`), 'javascript')).toEqual(['word', 'count']);
  });

  it('returns null for code it cannot read', () => {
    expect(readDeclaredFields('x = 1\n', 'python')).toBeNull();
    expect(readDeclaredFields(py(`    def declareOutputFields(cls):\n        return FIELDS`), 'python')).toBeNull();
    expect(readDeclaredFields(py(`    def declareOutputFields(cls):\n        return ['a'] + EXTRA`), 'python')).toBeNull();
    expect(readDeclaredFields(py(`    def declareOutputFields(cls):\n        return ['a', name]`), 'python')).toBeNull();
    expect(readDeclaredFields(py(`    def declareOutputFields(cls):\n        return ['a', `), 'python')).toBeNull();
    expect(readDeclaredFields(js(`  static declareOutputFields() {\n    return [\`\${x}\`];\n  }`), 'javascript')).toBeNull();
  });

  it('reads the fields of every example component in both languages', () => {
    for (const example of EXAMPLES) {
      for (const c of example.create().components) {
        const declared = c.streams.find((s) => s.id === 'default')?.fields ?? [];
        for (const language of ['python', 'javascript'] as const) {
          expect(readDeclaredFields(c.code[language]!, language), `${example.id}/${c.id}/${language}`).toEqual(declared);
        }
      }
    }
  });
});

describe('reading Python with the parser', () => {
  it("reads the component class's method, not a helper's nor a docstring's", () => {
    const code = `from petrel.emitter import BasicBolt


class Helper(object):
    def declareOutputFields(cls):
        return ['helper']


class CountBolt(BasicBolt):
    def declareOutputFields(cls):
        """Not this: return ['fake']"""
        return ['word']


def run():
    CountBolt().run()
`;
    expect(readDeclaredFields(code, 'python')).toEqual(['word']);
    expect(writeDeclaredFields(code, 'python', ['w'])).toBe(code.replace("return ['word']", "return ['w']"));
  });

  it('reads a method the component class inherits from a class of the module', () => {
    const code = `from petrel.emitter import Bolt\n\nclass Base(Bolt):\n    def getComponentConfiguration(self):\n        return {'${TICK_FREQ_KEY}': 4}\n\nclass Mine(Base):\n    pass\n\ndef run():\n    Mine().run()\n`;
    expect(readTickFrequency(code, 'python')).toEqual({ kind: 'value', secs: 4 });
  });

  it('reads nothing while the code does not parse, so that nothing is rewritten', () => {
    const broken = py(`    def declareOutputFields(cls):\n        return ['a']\n\n    def getComponentConfiguration(self):\n        return {'${TICK_FREQ_KEY}': 5}\n\n    def f(self:\n        pass`);
    expect(readDeclaredFields(broken, 'python')).toBeNull();
    expect(readTickFrequency(broken, 'python')).toEqual({ kind: 'unreadable' });
    expect(writeTickFrequency(broken, 'python', 3)).toBeNull();
  });

  it('keeps Windows line endings when it rewrites', () => {
    const code = py(`    def declareOutputFields(cls):\n        return ['a']\n\n    def getComponentConfiguration(self):\n        return {'${TICK_FREQ_KEY}': 5}`).replace(/\n/g, '\r\n');
    expect(readDeclaredFields(code, 'python')).toEqual(['a']);
    expect(writeDeclaredFields(code, 'python', ['b'])).toBe(code.replace("['a']", "['b']"));
    expect(writeTickFrequency(code, 'python', 9)).toBe(code.replace(': 5}', ': 9}'));
  });

  it('rewrites a tuple returned without parentheses as one', () => {
    const code = py(`    def declareOutputFields(cls):\n        return 'a', 'b'`);
    expect(readDeclaredFields(code, 'python')).toEqual(['a', 'b']);
    expect(writeDeclaredFields(code, 'python', ['z'])).toContain("return 'z',\n");
    expect(writeDeclaredFields(code, 'python', ['x', 'y'])).toContain("return 'x', 'y'\n");
  });
});

describe('writeDeclaredFields', () => {
  it('rewrites the list and keeps the quote style and everything else', () => {
    const code = py(`    def declareOutputFields(cls):\n        return ["word"]`);
    const out = writeDeclaredFields(code, 'python', ['word', 'count'])!;
    expect(out).toBe(code.replace('["word"]', '["word", "count"]'));
    expect(readDeclaredFields(out, 'python')).toEqual(['word', 'count']);
  });

  it('escapes quotes and backslashes', () => {
    const out = writeDeclaredFields(js(`  static declareOutputFields() {\n    return [];\n  }`), 'javascript', ["it's", 'a\\b'])!;
    expect(readDeclaredFields(out, 'javascript')).toEqual(["it's", 'a\\b']);
  });

  it('keeps a one-element Python tuple a tuple', () => {
    const out = writeDeclaredFields(py(`    def declareOutputFields(cls):\n        return ('a', 'b')`), 'python', ['z'])!;
    expect(out).toContain("return ('z',)");
  });

  it('refuses code it cannot read', () => {
    expect(writeDeclaredFields(py(`    def declareOutputFields(cls):\n        return FIELDS`), 'python', ['a'])).toBeNull();
  });

  it.each(['python', 'javascript'] as const)('round-trips through the %s templates', (language: Language) => {
    for (const kind of ['spout', 'bolt'] as const) {
      const code = componentTemplate(kind, language, 'x', ['a']);
      const out = writeDeclaredFields(code, language, ['p', 'q'])!;
      expect(readDeclaredFields(out, language)).toEqual(['p', 'q']);
    }
  });
});

describe('readTickFrequency', () => {
  it('reads a literal period', () => {
    const code = py(`    def getComponentConfiguration(self):\n        return {'${TICK_FREQ_KEY}': 5}`);
    expect(readTickFrequency(code, 'python')).toEqual({ kind: 'value', secs: 5 });
  });

  it('reads a module-level constant', () => {
    const code = `EVERY = 3\n${py(`    def getComponentConfiguration(self):\n        return {'${TICK_FREQ_KEY}': EVERY}`)}`;
    expect(readTickFrequency(code, 'python')).toEqual({ kind: 'value', secs: 3 });
  });

  it('tells absent, no key and unreadable apart', () => {
    expect(readTickFrequency(py(''), 'python')).toEqual({ kind: 'absent' });
    expect(readTickFrequency(py(`    def getComponentConfiguration(self):\n        return {'other': 1}`), 'python')).toEqual({ kind: 'value', secs: null });
    expect(readTickFrequency(py(`    def getComponentConfiguration(self):\n        return make_conf()`), 'python')).toEqual({ kind: 'unreadable' });
    expect(readTickFrequency(py(`    def getComponentConfiguration(self):\n        return {'${TICK_FREQ_KEY}': a * 2}`), 'python')).toEqual({ kind: 'unreadable' });
  });

  it('reads the rolling top words counters and rankers in both languages', () => {
    const doc = EXAMPLES.find((e) => e.id === 'rolling-top-words')!.create();
    for (const c of doc.components) {
      for (const language of ['python', 'javascript'] as const) {
        const tick = readTickFrequency(c.code[language]!, language);
        const expected = c.config[TICK_FREQ_KEY];
        expect(tick, `${c.id}/${language}`).toEqual(expected === undefined ? { kind: 'absent' } : { kind: 'value', secs: expected });
      }
    }
  });
});

describe('writeTickFrequency', () => {
  it('rewrites a literal, or the constant it names', () => {
    const literal = py(`    def getComponentConfiguration(self):\n        return {'${TICK_FREQ_KEY}': 5}`);
    expect(readTickFrequency(writeTickFrequency(literal, 'python', 10)!, 'python')).toEqual({ kind: 'value', secs: 10 });
    const constant = `EVERY = 3\n${py(`    def getComponentConfiguration(self):\n        return {'${TICK_FREQ_KEY}': EVERY}`)}`;
    const out = writeTickFrequency(constant, 'python', 4)!;
    expect(out.startsWith('EVERY = 4\n')).toBe(true);
    expect(out).toContain(`'${TICK_FREQ_KEY}': EVERY}`);
  });

  it('adds the key to a dict without it, and removes it', () => {
    const code = py(`    def getComponentConfiguration(self):\n        return {'other': 1}`);
    const added = writeTickFrequency(code, 'python', 2)!;
    expect(added).toContain(`return {'${TICK_FREQ_KEY}': 2, 'other': 1}`);
    const removed = writeTickFrequency(added, 'python', null)!;
    expect(removed).toContain(`return {'other': 1}`);
    const only = py(`    def getComponentConfiguration(self):\n        return {'${TICK_FREQ_KEY}': 2}`);
    expect(writeTickFrequency(only, 'python', null)).toContain('return {}');
    expect(writeTickFrequency(writeTickFrequency(only, 'python', null)!, 'python', 7)).toContain(`return {'${TICK_FREQ_KEY}': 7}`);
  });

  it('adds a getComponentConfiguration method to the Python class', () => {
    const code = py(`    @classmethod\n    def declareOutputFields(cls):\n        return ['a']`);
    const out = writeTickFrequency(code, 'python', 60)!;
    expect(readTickFrequency(out, 'python')).toEqual({ kind: 'value', secs: 60 });
    expect(out).toContain(`    def getComponentConfiguration(self):\n        return {'${TICK_FREQ_KEY}': 60}\n`);
    // The method lands inside the class, before the module-level run().
    expect(out.indexOf('getComponentConfiguration')).toBeLessThan(out.indexOf('def run()'));
    expect(readDeclaredFields(out, 'python')).toEqual(['a']);
  });

  it('adds a getComponentConfiguration method to the JavaScript class', () => {
    const code = js(`  static declareOutputFields() {\n    return ['a'];\n  }`);
    const out = writeTickFrequency(code, 'javascript', 2)!;
    expect(readTickFrequency(out, 'javascript')).toEqual({ kind: 'value', secs: 2 });
    expect(out.trimEnd().endsWith(`  getComponentConfiguration() {\n    return { '${TICK_FREQ_KEY}': 2 };\n  }\n}`)).toBe(true);
  });

  it('leaves code without a method alone when clearing, and refuses unreadable code', () => {
    const code = py('');
    expect(writeTickFrequency(code, 'python', null)).toBe(code);
    expect(writeTickFrequency(py(`    def getComponentConfiguration(self):\n        return make_conf()`), 'python', 3)).toBeNull();
  });

  it.each(['python', 'javascript'] as const)('sets and clears the period of the %s templates', (language: Language) => {
    for (const kind of ['spout', 'bolt'] as const) {
      const code = componentTemplate(kind, language, 'x', ['a']);
      const set = writeTickFrequency(code, language, 5)!;
      expect(readTickFrequency(set, language)).toEqual({ kind: 'value', secs: 5 });
      expect(readDeclaredFields(set, language)).toEqual(['a']);
      expect(readTickFrequency(writeTickFrequency(set, language, null)!, language)).toEqual({ kind: 'value', secs: null });
    }
  });
});
