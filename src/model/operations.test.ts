import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDeclaredFields, readTickFrequency } from './code-sync';
import { bolt, spout, stream, subscribe, topology } from './examples/build';
import { EXAMPLES } from './examples';
import {
  addComponent,
  addStream,
  componentIdProblem,
  connect,
  copyComponents,
  moveComponents,
  pasteComponents,
  removeElements,
  removeStream,
  renameComponent,
  renameStream,
  setCode,
  setLanguage,
  setLogLevel,
  setStreamDirect,
  setStreamFields,
  setTickFrequency,
  uniqueComponentId,
  updateSubscription,
} from './operations';
import { findComponent } from './topology';
import { TICK_FREQ_KEY, type TopologyDocument } from './types';
import { validate } from './validate';

const wordCount = () => EXAMPLES[0]!.create();
const unwrap = <T>(r: { ok: true; value: T } | { ok: false; errors: readonly string[] }): T => {
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.value;
};
const errors = (doc: TopologyDocument) => validate(doc).filter((d) => d.severity === 'error');

describe('addComponent', () => {
  it('adds a spout and a bolt with unique ids, template code and a default stream', () => {
    let doc = wordCount();
    const a = addComponent(doc, 'spout', { x: 10.4, y: 20.6 }, 'python');
    doc = a.doc;
    const b = addComponent(doc, 'bolt', { x: 0, y: 0 }, 'javascript');
    doc = b.doc;
    const c = addComponent(doc, 'bolt', { x: 0, y: 0 }, 'javascript');
    expect([a.id, b.id, c.id]).toEqual(['new-spout', 'new-bolt', 'new-bolt-2']);
    const s = findComponent(a.doc, 'new-spout')!;
    expect(s.position).toEqual({ x: 10, y: 21 });
    expect(s.code.python).toContain('class NewSpout(Spout)');
    expect(readDeclaredFields(s.code.python!, 'python')).toEqual(['value']);
    expect(findComponent(b.doc, 'new-bolt')!.code.javascript).toContain('class NewBolt extends BasicBolt');
  });

  it('never names a class after the Petrel base class it extends', () => {
    const a = addComponent(wordCount(), 'bolt', { x: 0, y: 0 }, 'python', 'basic');
    expect(findComponent(a.doc, 'basic')!.code.python).toContain('class BasicComponentBolt(BasicBolt)');
  });
});

describe('component ids', () => {
  it('rejects empty, reserved, duplicate and unsafe ids with a sentence', () => {
    const doc = wordCount();
    expect(componentIdProblem(doc, '')).toMatch(/empty/);
    expect(componentIdProblem(doc, '__acker')).toMatch(/reserved/);
    expect(componentIdProblem(doc, 'count')).toBe('A component named "count" already exists.');
    expect(componentIdProblem(doc, 'count', 'count')).toBeNull();
    expect(componentIdProblem(doc, "it's")).toMatch(/not a usable id/);
    expect(componentIdProblem(doc, 'a b')).toMatch(/not a usable id/);
    expect(componentIdProblem(doc, 'x'.repeat(65))).toMatch(/at most 64/);
    expect(componentIdProblem(doc, 'word_count.v2-final')).toBeNull();
  });

  it('numbers copies after the stem', () => {
    const doc = wordCount();
    expect(uniqueComponentId(doc, 'split')).toBe('split-2');
    expect(uniqueComponentId(doc, 'split', new Set(['split-2']))).toBe('split-3');
    expect(uniqueComponentId(doc, 'fresh')).toBe('fresh');
  });
});

describe('renameComponent', () => {
  it('rewrites both ends of the subscriptions', () => {
    const doc = unwrap(renameComponent(wordCount(), 'split', 'splitter'));
    expect(doc.subscriptions.map((s) => [s.from, s.to])).toEqual([
      ['sentences', 'splitter'],
      ['splitter', 'count'],
    ]);
    expect(errors(doc)).toEqual([]);
  });

  it('refuses duplicates and leaves the document alone', () => {
    const doc = wordCount();
    const r = renameComponent(doc, 'split', 'count');
    expect(r).toEqual({ ok: false, errors: ['A component named "count" already exists.'] });
  });

  it('keeps every example valid under any sequence of renames (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(10), fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/)), { maxLength: 8 }), (renames) => {
        let doc = EXAMPLES[1]!.create();
        for (const [i, name] of renames) {
          const target = doc.components[i % doc.components.length]!;
          const r = renameComponent(doc, target.id, name);
          if (r.ok) doc = r.value;
        }
        expect(errors(doc)).toEqual([]);
        expect(new Set(doc.components.map((c) => c.id)).size).toBe(doc.components.length);
      }),
    );
  });
});

describe('removeElements', () => {
  it('removes a component with its edges, or a single edge', () => {
    const doc = wordCount();
    const a = removeElements(doc, ['split']);
    expect(a.components.map((c) => c.id)).toEqual(['sentences', 'count']);
    expect(a.subscriptions).toEqual([]);
    const b = removeElements(doc, [], ['split->count']);
    expect(b.components).toHaveLength(3);
    expect(b.subscriptions.map((s) => s.id)).toEqual(['sentences->split']);
    expect(removeElements(doc, [], [])).toBe(doc);
  });
});

describe('connect', () => {
  it('subscribes with shuffle on the first non-direct stream', () => {
    let doc = wordCount();
    doc = addComponent(doc, 'bolt', { x: 0, y: 0 }, 'python').doc;
    const r = unwrap(connect(doc, 'count', 'new-bolt'));
    const sub = r.doc.subscriptions.find((s) => s.id === r.id)!;
    expect(sub).toMatchObject({ from: 'count', to: 'new-bolt', stream: 'default', grouping: { kind: 'shuffle' } });
    expect(errors(r.doc)).toEqual([]);
  });

  it('uses direct grouping on a direct stream', () => {
    const doc = EXAMPLES[2]!.create();
    const r = unwrap(connect(doc, 'router', 'alerts'));
    expect(r.doc.subscriptions.find((s) => s.id === r.id)).toMatchObject({ stream: 'assign', grouping: { kind: 'direct' } });
  });

  it('refuses a spout target, a missing stream and a duplicate', () => {
    const doc = wordCount();
    expect(connect(doc, 'split', 'sentences')).toEqual({ ok: false, errors: ['"sentences" is a spout: spouts may not subscribe to streams.'] });
    expect(connect(doc, 'split', 'count')).toEqual({ ok: false, errors: ['"count" already subscribes to stream "default" of "split".'] });
    expect(connect(doc, 'split', 'count', 'nope')).toEqual({ ok: false, errors: ['"split" does not declare stream "nope".'] });
    const bare = topology('t', [spout('s', { python: 'x', streams: [] }), bolt('b', { python: 'x' })], []);
    expect(connect(bare, 's', 'b')).toEqual({ ok: false, errors: ['"s" declares no output stream: add one in its inspector first.'] });
  });
});

describe('updateSubscription', () => {
  it('sets a fields grouping', () => {
    const doc = unwrap(updateSubscription(wordCount(), 'sentences->split', { grouping: { kind: 'fields', fields: ['sentence'] } }));
    expect(doc.subscriptions[0]!.grouping).toEqual({ kind: 'fields', fields: ['sentence'] });
  });

  it('switching stream keeps only fields the new stream declares and follows directness', () => {
    const doc = topology(
      't',
      [spout('s', { python: 'x', streams: [stream('default', ['a', 'b']), stream('other', ['b', 'c']), stream('d', ['a'], true)] }), bolt('b', { python: 'x' })],
      [subscribe('s', 'b', { kind: 'fields', fields: ['a', 'b'] })],
    );
    const moved = unwrap(updateSubscription(doc, 's->b', { stream: 'other' }));
    expect(moved.subscriptions[0]).toMatchObject({ stream: 'other', grouping: { kind: 'fields', fields: ['b'] } });
    const direct = unwrap(updateSubscription(doc, 's->b', { stream: 'd' }));
    expect(direct.subscriptions[0]).toMatchObject({ stream: 'd', grouping: { kind: 'direct' } });
    const back = unwrap(updateSubscription(direct, 's->b', { stream: 'default' }));
    expect(back.subscriptions[0]).toMatchObject({ stream: 'default', grouping: { kind: 'shuffle' } });
    expect(updateSubscription(doc, 's->b', { stream: 'zzz' }).ok).toBe(false);
  });
});

describe('streams', () => {
  it('renaming a stream re-points its readers', () => {
    const doc = unwrap(renameStream(EXAMPLES[2]!.create(), 'clicks', 'errors', 'failures'));
    expect(doc.subscriptions.find((s) => s.to === 'alerts')!.stream).toBe('failures');
    expect(errors(doc)).toEqual([]);
    expect(renameStream(doc, 'clicks', 'failures', 'default')).toEqual({ ok: false, errors: ['"clicks" already declares a stream "default".'] });
    expect(renameStream(doc, 'clicks', 'failures', '__x').ok).toBe(false);
  });

  it('refuses to remove a stream that is read, names the readers, and removes an unread one', () => {
    const doc = EXAMPLES[2]!.create();
    expect(removeStream(doc, 'clicks', 'errors')).toEqual({ ok: false, errors: ['Stream "errors" of "clicks" is read by "alerts": delete that edge first.'] });
    const freed = removeElements(doc, [], ['clicks:errors->alerts']);
    expect(findComponent(unwrap(removeStream(freed, 'clicks', 'errors')), 'clicks')!.streams.map((s) => s.id)).toEqual(['default']);
  });

  it('adds default first, then numbered streams', () => {
    const doc = EXAMPLES[2]!.create();
    const a = addStream(doc, 'audit');
    expect(a.stream).toBe('default');
    const b = addStream(a.doc, 'audit');
    const c = addStream(b.doc, 'audit');
    expect([b.stream, c.stream]).toEqual(['stream', 'stream-2']);
  });

  it('editing the default stream fields rewrites declareOutputFields in both languages', () => {
    const doc = unwrap(setStreamFields(wordCount(), 'count', 'default', ['word', 'total']));
    const c = findComponent(doc, 'count')!;
    expect(readDeclaredFields(c.code.python!, 'python')).toEqual(['word', 'total']);
    expect(readDeclaredFields(c.code.javascript!, 'javascript')).toEqual(['word', 'total']);
    expect(setStreamFields(doc, 'count', 'default', ['a', 'a'])).toEqual({ ok: false, errors: ['Field "a" is listed twice.'] });
  });

  it('making a stream direct moves its readers to direct grouping, and back', () => {
    const doc = setStreamDirect(wordCount(), 'split', 'default', true);
    expect(doc.subscriptions[1]!.grouping).toEqual({ kind: 'direct' });
    expect(errors(doc)).toEqual([]);
    expect(setStreamDirect(doc, 'split', 'default', false).subscriptions[1]!.grouping).toEqual({ kind: 'shuffle' });
  });
});

describe('code and document stay in sync', () => {
  it('typing new declared fields updates the default stream', () => {
    const doc = wordCount();
    const code = findComponent(doc, 'split')!.code.python!.replace("return ['word']", "return ['word', 'length']");
    const next = setCode(doc, 'split', 'python', code);
    expect(findComponent(next, 'split')!.streams[0]!.fields).toEqual(['word', 'length']);
  });

  it('unreadable declared fields leave the stream alone', () => {
    const doc = wordCount();
    const code = findComponent(doc, 'split')!.code.python!.replace("return ['word']", 'return FIELDS');
    const next = setCode(doc, 'split', 'python', code);
    expect(findComponent(next, 'split')!.streams[0]!.fields).toEqual(['word']);
    expect(findComponent(next, 'split')!.code.python).toBe(code);
  });

  it('the tick period follows getComponentConfiguration, and the code follows the inspector', () => {
    const doc = EXAMPLES[1]!.create();
    const ranker = findComponent(doc, 'total-rankings')!;
    const edited = setCode(doc, 'total-rankings', 'python', ranker.code.python!.replace(`'${TICK_FREQ_KEY}': 2`, `'${TICK_FREQ_KEY}': 7`));
    expect(findComponent(edited, 'total-rankings')!.config[TICK_FREQ_KEY]).toBe(7);
    const set = setTickFrequency(edited, 'total-rankings', 9);
    const c = findComponent(set, 'total-rankings')!;
    expect(c.config[TICK_FREQ_KEY]).toBe(9);
    expect(readTickFrequency(c.code.python!, 'python')).toEqual({ kind: 'value', secs: 9 });
    expect(readTickFrequency(c.code.javascript!, 'javascript')).toEqual({ kind: 'value', secs: 9 });
    const cleared = findComponent(setTickFrequency(set, 'total-rankings', null), 'total-rankings')!;
    expect(cleared.config[TICK_FREQ_KEY]).toBeUndefined();
    expect(readTickFrequency(cleared.code.python!, 'python')).toEqual({ kind: 'value', secs: null });
  });

  it('setting a tick on a component without getComponentConfiguration adds the method', () => {
    const doc = setTickFrequency(wordCount(), 'count', 30);
    const c = findComponent(doc, 'count')!;
    expect(readTickFrequency(c.code.python!, 'python')).toEqual({ kind: 'value', secs: 30 });
    // And code without the method means no tick: deleting the method clears it.
    const back = setCode(doc, 'count', 'python', wordCount().components[2]!.code.python!);
    expect(findComponent(back, 'count')!.config[TICK_FREQ_KEY]).toBeUndefined();
  });

  it('switching language keeps the other code and aligns the new one', () => {
    let doc = unwrap(setStreamFields(wordCount(), 'split', 'default', ['token']));
    doc = setLanguage(doc, 'split', 'javascript');
    const c = findComponent(doc, 'split')!;
    expect(c.language).toBe('javascript');
    expect(readDeclaredFields(c.code.javascript!, 'javascript')).toEqual(['token']);
    expect(c.code.python).toBe(findComponent(unwrap(setStreamFields(wordCount(), 'split', 'default', ['token'])), 'split')!.code.python);
    const fresh = addComponent(wordCount(), 'bolt', { x: 0, y: 0 }, 'python');
    const switched = findComponent(setLanguage(fresh.doc, fresh.id, 'javascript'), fresh.id)!;
    expect(switched.code.javascript).toContain('extends BasicBolt');
    expect(switched.code.python).toBeDefined();
  });
});

describe('copy and paste', () => {
  it('pastes with new ids, offset positions and the inner subscriptions re-pointed', () => {
    const doc = wordCount();
    const clip = copyComponents(doc, ['split', 'count']);
    expect(clip.subscriptions.map((s) => s.id)).toEqual(['split->count']);
    const r = pasteComponents(doc, clip, { x: 40, y: 40 });
    expect(r.ids).toEqual(['split-2', 'count-2']);
    expect(findComponent(r.doc, 'split-2')!.position).toEqual({ x: 360, y: 160 });
    expect(r.doc.subscriptions.at(-1)).toMatchObject({ from: 'split-2', to: 'count-2', grouping: { kind: 'fields', fields: ['word'] } });
  });

  it('never creates duplicate ids, whatever is pasted how often (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.subarray(['sentences', 'split', 'count']), { minLength: 1, maxLength: 6 }), (rounds) => {
        let doc = wordCount();
        for (const ids of rounds) doc = pasteComponents(doc, copyComponents(doc, ids), { x: 10, y: 10 }).doc;
        const ids = doc.components.map((c) => c.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(doc.subscriptions.map((s) => s.id)).size).toBe(doc.subscriptions.length);
        for (const s of doc.subscriptions) expect(ids).toContain(s.from);
      }),
    );
  });
});

describe('moveComponents', () => {
  it('moves and rounds, returning the same document when nothing moved', () => {
    const doc = wordCount();
    expect(moveComponents(doc, new Map([['split', { x: 320, y: 120 }]]))).toBe(doc);
    expect(findComponent(moveComponents(doc, new Map([['split', { x: 1.6, y: 2.2 }]])), 'split')!.position).toEqual({ x: 2, y: 2 });
  });
});

describe('setLogLevel', () => {
  it('sets and removes a component log level, and records nothing when it is unchanged', () => {
    const doc = wordCount();
    const debug = setLogLevel(doc, 'count', 'DEBUG');
    expect(debug.components.find((c) => c.id === 'count')!.config).toEqual({ 'studio.log.level': 'DEBUG' });
    expect(setLogLevel(debug, 'count', 'DEBUG')).toBe(debug);
    expect(setLogLevel(debug, 'count', null).components.find((c) => c.id === 'count')!.config).toEqual({});
    expect(setLogLevel(doc, 'count', null)).toBe(doc);
  });
});
