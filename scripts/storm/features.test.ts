import { describe, expect, it } from 'vitest';
import { exportFlux } from '../../src/formats';
import { groupingsTourExample, withLanguage, wordCountExample, type TopologyDocument } from '../../src/model';
import { checkFeatures, unimportable } from './features';

function check(doc: TopologyDocument, missing: (modules: readonly string[]) => Set<string> | null = () => new Set()) {
  const bundle = exportFlux(doc);
  if (!bundle.ok) throw new Error(JSON.stringify(bundle.errors));
  return checkFeatures(doc, bundle.value, missing);
}

/** The word count with `line` put first in the code of component `id` (Python). */
function withImport(line: string, id = 'count'): TopologyDocument {
  const doc = wordCountExample();
  return { ...doc, components: doc.components.map((c) => (c.id === id ? { ...c, code: { ...c.code, python: `${line}\n${c.code.python!}` } } : c)) };
}

describe('checkFeatures', () => {
  it('notes a direct emit from a multilang component with the warning the app shows (W_DIRECT_FROM_SHELL)', () => {
    const r = check(withLanguage(groupingsTourExample(), 'javascript'));
    expect(r.blocking).toEqual([]);
    expect(r.notes.filter((n) => /multilang \(Python or JavaScript\) component fails/.test(n))).toHaveLength(1);
  });

  it('runs the Python word count on Storm: nothing blocks, the hash seed is a note', () => {
    const r = check(wordCountExample());
    expect(r.blocking).toEqual([]);
    expect(r.notes).toEqual([expect.stringMatching(/^Python components run with python3 and a random hash seed/)]);
    expect(check(withLanguage(wordCountExample(), 'javascript'))).toEqual({ blocking: [], notes: [] });
  });

  it('blocks a Python component importing what python3 here cannot import; a guarded import is a note', () => {
    const asked: string[][] = [];
    const r = check(withImport('import nltk'), (m) => {
      asked.push([...m]);
      return new Set(m);
    });
    expect(asked).toEqual([['nltk']]);
    expect(r.blocking).toEqual([`"count" imports 'nltk' (line 1), which python3 on this machine cannot import (pip install -r requirements.txt on every machine that runs a Storm worker): the component would fail as it starts.`]);
    const guarded = check(withImport('try:\n    import nltk\nexcept ImportError:\n    nltk = None'), (m) => new Set(m));
    expect(guarded.blocking).toEqual([]);
    expect(guarded.notes[0]).toMatch(/^"count" imports 'nltk' \(line 2\).*; its import is guarded, so the component runs without it\.$/);
    // Installed: nothing to say.
    expect(check(withImport('import nltk')).blocking).toEqual([]);
  });

  it('blocks the browser-only modules of Storm Studio\'s Pyodide', () => {
    const r = check(withImport('import js', 'split'));
    expect(r.blocking).toEqual([`"split" imports 'js' (line 1), which exists only in Storm Studio's browser runtime (Pyodide): the component would fail as it starts.`]);
  });

  it('asks python3 which modules it cannot import', () => {
    expect(unimportable([])).toEqual(new Set());
    expect(unimportable(['json', 'no_such_module_here'])).toEqual(new Set(['no_such_module_here']));
  });
});
