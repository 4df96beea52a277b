import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ConfigValue } from '../model';
import { HOSTILE } from './__fixtures__/documents';
import { commentText, hasLoneSurrogate, pyLiteral, pyStr, quoted, shellWord, yamlKey, yamlStr, yamlValue } from './escape';
import { parseModule } from '../python/parse';
import { literal } from '../python/literal';

const strings = [...Object.values(HOSTILE), '', "'", '"', '\\', '\r\n', '\t', '\u0000', '\u007f', '\u2029', '\ufeff', '${a}', '#', ': x', '- y', '~', 'null', 'NO', '0777', '1e3', '😀'];
const samples = fc.sample(fc.string({ unit: 'binary', maxLength: 12 }).filter((s) => !hasLoneSurrogate(s)), { numRuns: 300, seed: 42 });
const all = [...strings, ...samples];

const python = (program: string, input: string) => execFileSync('python3', ['-c', program], { input, encoding: 'utf8' });

describe('escaping', () => {
  it('pyStr: python3 evaluates every literal back to the same text (and so does our reader)', () => {
    const source = all.map((s) => pyStr(s)).join('\n');
    const out = JSON.parse(python('import ast,json,sys; print(json.dumps([ast.literal_eval(l) for l in sys.stdin.read().split("\\n")]))', source)) as string[];
    expect(out).toEqual(all);
    for (const s of all) {
      const stmt = parseModule(`x = ${pyStr(s)}\n`)[0]!;
      expect(stmt.kind === 'assign' && literal(stmt.value)).toEqual({ ok: true, value: s });
    }
    expect(source).toMatch(/^[\x20-\x7e\n]*$/);
  });

  it('pyLiteral: configuration values survive python3', () => {
    const values: ConfigValue[] = [{ a: [1, 2.5, -3, 1e-7, 1e21, true, false, null], [HOSTILE.newline]: { [HOSTILE.quote]: HOSTILE.dunder } }];
    const out = JSON.parse(python('import ast,json,sys; print(json.dumps(ast.literal_eval(sys.stdin.read())))', pyLiteral(values[0]!)));
    expect(out).toEqual(values[0]);
  });

  it('yamlStr and yamlKey: YAML 1.1 (PyYAML), 1.1 and 1.2 (yaml) read the same text back', () => {
    const doc = all.map((s, i) => `${yamlKey(`k${i}${s}`)}: ${yamlStr(s)}`).join('\n') + '\n';
    const expected = Object.fromEntries(all.map((s, i) => [`k${i}${s}`, s]));
    expect(parse(doc, { version: '1.1' })).toEqual(expected);
    expect(parse(doc, { version: '1.2' })).toEqual(expected);
    expect(JSON.parse(python('import json,sys,yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))', doc))).toEqual(expected);
    // Flux substitutes ${…} on every line: no written line may contain it.
    expect(doc).not.toMatch(/\$\{/);
  });

  it('yamlValue: numbers stay numbers in YAML 1.1, strings that look like other things stay strings', () => {
    const value = { n: [0, -1, 2.5, 1e-7, 1e21, 123456789012], s: ['yes', 'on', '1e3', '0x1F', '.inf', 'null', '2024-01-01', '&a', '*a', '!!str'], b: [true, false], z: null };
    const line = yamlValue(value);
    expect(parse(line, { version: '1.1' })).toEqual(value);
    expect(JSON.parse(python('import json,sys,yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))', line))).toEqual(value);
  });

  it('shellWord: bash expands every word to the same text', () => {
    const script = all.filter((s) => !s.includes('\u0000')).map((s) => `printf '%s\\0' ${shellWord(s)}`).join('\n');
    const out = execFileSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(out.split('\u0000').slice(0, -1)).toEqual(all.filter((s) => !s.includes('\u0000')));
  });

  it('commentText and quoted: one printable line, and quoted() parses back', () => {
    for (const s of all) {
      expect(commentText(s)).toMatch(/^[\x20-\x7e]*$/);
      expect(quoted(s)).toMatch(/^[\x20-\x7e]*$/);
      expect(JSON.parse(quoted(s))).toBe(s);
    }
  });
});
