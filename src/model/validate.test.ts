import { describe, expect, it } from 'vitest';
import { DIAGNOSTICS, PYTHON_DIAGNOSTIC_CODES, type DiagnosticCode } from './diagnostics';
import { bolt, spout, stream, subscribe, topology } from './examples/build';
import { EXAMPLES } from './examples';
import { componentId, streamId } from './ids';
import type { ComponentSpec, Subscription, TopologyDocument } from './types';
import { validate } from './validate';

const code = { python: 'x = 1\n' };
const base = () =>
  topology(
    'demo',
    [spout('s', { ...code, fields: ['word'] }), bolt('b', { ...code, fields: ['word', 'n'] })],
    [subscribe('s', 'b', { kind: 'fields', fields: ['word'] })],
  );
const codes = (doc: TopologyDocument) => validate(doc).map((d) => d.code);
const withComponent = (doc: TopologyDocument, id: string, patch: Partial<ComponentSpec>): TopologyDocument => ({
  ...doc,
  components: doc.components.map((c) => (c.id === id ? ({ ...c, ...patch } as ComponentSpec) : c)),
});
const withSub = (doc: TopologyDocument, patch: Partial<Subscription>): TopologyDocument => ({
  ...doc,
  subscriptions: doc.subscriptions.map((s, i) => (i === 0 ? { ...s, ...patch } : s)),
});

describe('validate', () => {
  it('accepts a well-formed topology', () => {
    expect(validate(base())).toEqual([]);
  });

  it.each(EXAMPLES.map((e) => [e.id, e] as const))('accepts the %s example', (_, example) => {
    // The groupings tour's direct emit runs here, and is flagged for real Storm (multilang cannot).
    expect(validate(example.create()).filter((d) => d.code !== 'W_DIRECT_FROM_SHELL')).toEqual([]);
  });

  const cases: [DiagnosticCode, () => TopologyDocument, string][] = [
    ['E_EMPTY_ID', () => withComponent(base(), 'b', { id: componentId('') }), 'component'],
    ['E_SYSTEM_ID', () => withComponent(base(), 'b', { id: componentId('__acker') }), 'component'],
    ['E_DUPLICATE_ID', () => ({ ...base(), components: [...base().components, bolt('b', { ...code })] }), 'component'],
    ['E_PARALLELISM', () => withComponent(base(), 'b', { parallelism: 0 }), 'component'],
    ['E_PARALLELISM', () => withComponent(base(), 'b', { parallelism: 1.5 }), 'component'],
    ['E_NUM_TASKS', () => withComponent(base(), 'b', { numTasks: 0 }), 'component'],
    ['W_TASKS_BELOW_PARALLELISM', () => withComponent(base(), 'b', { parallelism: 4, numTasks: 2 }), 'component'],
    ['E_NO_STREAMS', () => withComponent(base(), 's', { streams: [] }), 'component'],
    ['E_EMPTY_STREAM_ID', () => withComponent(base(), 'b', { streams: [stream('', ['a'])] }), 'component'],
    ['E_SYSTEM_STREAM', () => withComponent(base(), 'b', { streams: [stream('__tick', ['a'])] }), 'component'],
    ['E_DUPLICATE_STREAM', () => withComponent(base(), 'b', { streams: [stream('x', ['a']), stream('x', ['b'])] }), 'component'],
    ['E_DUPLICATE_FIELD', () => withComponent(base(), 'b', { streams: [stream('default', ['a', 'a'])] }), 'component'],
    ['E_EMPTY_FIELD', () => withComponent(base(), 'b', { streams: [stream('default', [''])] }), 'component'],
    ['E_TICK_FREQ', () => withComponent(base(), 'b', { config: { 'topology.tick.tuple.freq.secs': -1 } }), 'component'],
    ['E_COST', () => withComponent(base(), 'b', { costMs: -3 }), 'component'],
    ['E_BOLT_NO_INPUT', () => ({ ...base(), subscriptions: [] }), 'component'],
    ['E_SPOUT_INPUT', () => ({ ...base(), subscriptions: [...base().subscriptions, subscribe('b', 's')] }), 'subscription'],
    ['E_UNKNOWN_SOURCE', () => withSub(base(), { from: componentId('ghost') }), 'subscription'],
    ['E_UNKNOWN_TARGET', () => ({ ...base(), subscriptions: [...base().subscriptions, subscribe('s', 'ghost')] }), 'subscription'],
    ['E_UNKNOWN_STREAM', () => withSub(base(), { stream: streamId('nope') }), 'subscription'],
    ['E_UNKNOWN_FIELD', () => withSub(base(), { grouping: { kind: 'fields', fields: ['sentence'] } }), 'subscription'],
    ['E_UNKNOWN_FIELD', () => withSub(base(), { grouping: { kind: 'partialKey', fields: ['nope'] } }), 'subscription'],
    ['E_NO_GROUPING_FIELDS', () => withSub(base(), { grouping: { kind: 'fields', fields: [] } }), 'subscription'],
    ['E_DIRECT_ON_NON_DIRECT', () => withSub(base(), { grouping: { kind: 'direct' } }), 'subscription'],
    [
      'E_NON_DIRECT_ON_DIRECT',
      () => withComponent(base(), 's', { streams: [stream('default', ['word'], true)] }),
      'subscription',
    ],
    [
      'W_DIRECT_FROM_SHELL',
      () => withSub(withComponent(base(), 's', { streams: [stream('default', ['word'], true)] }), { grouping: { kind: 'direct' } }),
      'subscription',
    ],
    ['E_DUPLICATE_SUBSCRIPTION', () => ({ ...base(), subscriptions: [...base().subscriptions, { ...subscribe('s', 'b'), id: 'other' as never }] }), 'subscription'],
    ['E_TOPOLOGY_NAME', () => ({ ...base(), name: 'my.topology' }), 'topology'],
    ['E_TOPOLOGY_NAME', () => ({ ...base(), name: '' }), 'topology'],
    ['E_WORKERS', () => ({ ...base(), config: { ...base().config, workers: 0 } }), 'topology'],
    ['E_ACKERS', () => ({ ...base(), config: { ...base().config, ackers: -1 } }), 'topology'],
    ['E_MESSAGE_TIMEOUT', () => ({ ...base(), config: { ...base().config, messageTimeoutSecs: 0 } }), 'topology'],
    ['E_MAX_SPOUT_PENDING', () => ({ ...base(), config: { ...base().config, maxSpoutPending: 0 } }), 'topology'],
    ['E_NO_SPOUT', () => ({ ...base(), components: base().components.filter((c) => c.kind !== 'spout'), subscriptions: [] }), 'topology'],
    ['E_NO_CODE', () => withComponent(base(), 'b', { code: {} }), 'component'],
    ['E_DATA_FILE', () => withComponent(base(), 's', { config: { 'source.file': 'gone.csv' } }), 'component'],
    ['E_SOURCE_RATE', () => withComponent(base(), 's', { config: { 'source.rate': -1 } }), 'component'],
    ['E_INVALID_ID', () => withComponent(base(), 'b', { id: componentId('a b') }), 'component'],
    ['E_INVALID_STREAM_ID', () => withComponent(base(), 's', { streams: [stream('a\nb', ['word'])] }), 'component'],
    ['E_LIMIT_PARALLELISM', () => withComponent(base(), 'b', { parallelism: 1e6 }), 'component'],
    ['E_LIMIT_TASKS', () => withComponent(base(), 'b', { numTasks: 1e9 }), 'component'],
    ['E_LIMIT_TOTAL_TASKS', () => withComponent(withComponent(base(), 'b', { numTasks: 6000 }), 's', { numTasks: 6000 }), 'topology'],
    ['E_LIMIT_WORKERS', () => ({ ...base(), config: { ...base().config, workers: 1000 } }), 'topology'],
    ['E_LIMIT_ACKERS', () => ({ ...base(), config: { ...base().config, ackers: 1e6 } }), 'topology'],
    ['E_LIMIT_TICK_FREQ', () => withComponent(base(), 'b', { config: { 'topology.tick.tuple.freq.secs': 1e-9 } }), 'component'],
    ['E_LIMIT_MESSAGE_TIMEOUT', () => ({ ...base(), config: { ...base().config, messageTimeoutSecs: 1e-9 } }), 'topology'],
  ];

  it.each(cases)('reports %s', (code, make, targetKind) => {
    const found = validate(make()).filter((d) => d.code === code);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.severity).toBe(DIAGNOSTICS[code].severity);
    expect(found[0]!.target.kind).toBe(targetKind);
    expect(found[0]!.message.length).toBeGreaterThan(10);
  });

  it('has a test case for every code in the catalogue', () => {
    const tested = new Set(cases.map(([c]) => c));
    // The Python codes are reported with the store's diagnostics, and tested there (src/store/selectors.test.ts).
    expect(Object.keys(DIAGNOSTICS).filter((c) => !tested.has(c as DiagnosticCode) && !PYTHON_DIAGNOSTIC_CODES.has(c as DiagnosticCode))).toEqual([]);
  });

  it('names the component or edge in the message', () => {
    const [d] = validate(withSub(base(), { grouping: { kind: 'fields', fields: ['sentence'] } }));
    expect(d!.message).toContain('s → b');
    expect(d!.message).toContain('"sentence"');
    expect(d!.target).toEqual({ kind: 'subscription', id: 's->b', field: 'grouping' });
  });

  it('allows ids that Storm allows, including odd characters', () => {
    expect(codes(withComponent(base(), 'b', { id: componentId('count words "x"') }))).toContain('E_BOLT_NO_INPUT');
    expect(codes(withComponent(base(), 'b', { id: componentId('count words "x"') }))).not.toContain('E_EMPTY_ID');
  });
});
