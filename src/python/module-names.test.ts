import { describe, expect, it } from 'vitest';
import { pythonModuleName, pythonModuleNames, type NamedComponent } from './module-names';

const spout = (id: string, python = ''): NamedComponent => ({ id, kind: 'spout', code: { python } });
const bolt = (id: string, python = ''): NamedComponent => ({ id, kind: 'bolt', code: { python } });
const names = (...components: NamedComponent[]) => [...pythonModuleNames(components).values()];

describe('pythonModuleNames', () => {
  it('keeps valid ids and makes the others lower-case identifiers', () => {
    expect(names(bolt('count'), bolt('word-count'), bolt('WordCount'), bolt('2nd.stage'), spout('été'), spout('!!!'), spout('42'))).toEqual([
      'count',
      'word_count',
      'wordcount',
      'bolt_2nd_stage',
      'ete',
      'spout',
      'spout_42',
    ]);
  });

  it('never shadows the standard library, petrel, Pyodide, a project file or a keyword', () => {
    expect(names(bolt('random'), bolt('json'), spout('petrel'), bolt('storm'), bolt('js'), bolt('create'), bolt('class'), bolt('match'))).toEqual([
      'random_bolt',
      'json_bolt',
      'petrel_spout',
      'storm_bolt',
      'js_bolt',
      'create_bolt',
      'class_bolt',
      'match_bolt',
    ]);
  });

  it('never shadows a module the component itself imports', () => {
    expect(names(bolt('redis', 'import redis\n'), bolt('Requests', 'from requests import get\n'))).toEqual(['redis_bolt', 'requests_bolt']);
  });

  it("is another component's module when another component imports its name", () => {
    expect(names(bolt('helper'), bolt('user', 'import helper\n'))).toEqual(['helper', 'user']);
  });

  it('numbers clashes, case-insensitively, in document order', () => {
    expect(names(spout('random'), spout('Random'), bolt('a-b'), bolt('A.B'), bolt('a_b_bolt'))).toEqual(['random_spout', 'random_spout_2', 'a_b', 'a_b_bolt', 'a_b_bolt_bolt']);
  });

  it('gives one component the name the batch gives it, from the names taken before it', () => {
    const taken = new Set(['a_b']);
    expect(pythonModuleName(bolt('A-B'), taken)).toBe('a_b_bolt');
    expect(pythonModuleName(bolt('x'.repeat(80)), taken)).toBe('x'.repeat(60));
  });

  it("uses the module name a component keeps (an imported project's file), before names from ids", () => {
    const kept = (id: string, module: string): NamedComponent => ({ ...bolt(id), module });
    // `rollingcount` keeps its file name; a later component whose id gives the same name is renamed, not the kept one.
    expect(names(bolt('rollingcount'), kept('counter', 'rollingcount'), kept('spout', 'twitterstream'))).toEqual(['rollingcount_bolt', 'rollingcount', 'twitterstream']);
    // A kept name that is not a free module name falls back to the rule.
    expect(names(kept('a', 'random'), kept('b', 'not-an-identifier'), kept('c', 'twitterstream'), kept('d', 'TwitterStream'))).toEqual(['a', 'b', 'twitterstream', 'd']);
  });
});
