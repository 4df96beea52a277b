import { describe, expect, it } from 'vitest';
import { wordCountExample } from '../model';
import { petrelCompletions, registerPetrelCompletions, type MonacoCompletionApi } from './completions';

const code = wordCountExample().components.find((c) => c.id === 'count')!.code.python!;
const labels = (prefix: string, text = code) => petrelCompletions(prefix, text).map((c) => c.label);

describe('petrelCompletions', () => {
  it('offers the classes to extend and the modules of petrel', () => {
    expect(labels('from petrel.emitter import ')).toEqual(['Spout', 'BasicBolt', 'Bolt']);
    expect(labels('from petrel.emitter import Spout, Ba')).toEqual(['Spout', 'BasicBolt', 'Bolt']);
    expect(labels('from petrel import ')).toEqual(['storm', 'emitter']);
    expect(labels('from petrel.storm import ')).toContain('FailedException');
    expect(labels('class WordCount(')).toEqual(['Spout', 'BasicBolt', 'Bolt']);
  });

  it('offers the storm functions, emit as a snippet', () => {
    expect(labels('        storm.')).toEqual(['emit', 'emitDirect', 'emitMany', 'ack', 'ackId', 'fail', 'reportError', 'log', 'FailedException', 'Tuple']);
    const emit = petrelCompletions('        storm.em', code)[0]!;
    expect(emit).toMatchObject({ label: 'emit', insertText: 'emit([${1:values}])', snippet: true });
  });

  it("offers emit's keywords inside the call, not elsewhere", () => {
    expect(labels("        storm.emit([word], ")).toEqual(['stream=', 'anchors=', 'id=', 'directTask=', 'need_task_ids=']);
    expect(labels("        storm.emitDirect(3, [word], st")).toContain('stream=');
    expect(labels('        storm.emit([word, ')).toEqual([]); // inside the values list
    expect(labels('        print(word, ')).toEqual([]);
  });

  it("offers the tuple fields on process()'s parameter, whatever its name", () => {
    expect(labels('        word = tup.')).toEqual(['values', 'id', 'component', 'stream', 'task', 'is_tick_tuple', 'is_heartbeat_tuple']);
    const renamed = code.replace('def process(self, tup)', 'def process(self, t)');
    expect(labels('        if t.is', renamed)).toContain('is_tick_tuple');
    expect(labels('        x.')).toEqual([]);
  });

  it('offers the context keys, with or without the opening quote', () => {
    expect(petrelCompletions("        n = context[", code).map((c) => c.insertText)).toEqual(["'taskid'", "'componentid'", "'task->component'"]);
    expect(petrelCompletions("        n = context['ta", code).map((c) => c.insertText)).toEqual(['taskid', 'componentid', 'task->component']);
  });

  it('offers the methods Storm calls at class-body level', () => {
    expect(labels('    ')).toContain('def process');
    expect(labels('    def ne')).toContain('def nextTuple');
    expect(labels('        x')).toEqual([]);
  });
});

describe('registerPetrelCompletions', () => {
  it('registers a python provider that maps kinds, snippets and the word range', () => {
    let provider: Parameters<MonacoCompletionApi['languages']['registerCompletionItemProvider']>[1] | null = null;
    let language = '';
    const monaco: MonacoCompletionApi = {
      languages: {
        CompletionItemKind: { Module: 8, Class: 5, Function: 1, Method: 0, Field: 3, Keyword: 17, Snippet: 27 },
        CompletionItemInsertTextRule: { InsertAsSnippet: 4 },
        registerCompletionItemProvider(id, p) {
          language = id;
          provider = p;
          return { dispose() {} };
        },
      },
    };
    registerPetrelCompletions(monaco);
    expect(language).toBe('python');
    const line = '        storm.em';
    const model = { getLineContent: () => line, getValue: () => code, getWordUntilPosition: () => ({ startColumn: 15, endColumn: 17 }) };
    const { suggestions } = provider!.provideCompletionItems(model, { lineNumber: 20, column: line.length + 1 });
    expect(suggestions[0]).toEqual({
      label: 'emit',
      kind: 1,
      insertText: 'emit([${1:values}])',
      insertTextRules: 4,
      detail: expect.any(String),
      documentation: expect.any(String),
      range: { startLineNumber: 20, endLineNumber: 20, startColumn: 15, endColumn: 17 },
    });
  });
});
