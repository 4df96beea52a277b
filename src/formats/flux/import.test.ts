import { describe, expect, it } from 'vitest';
import { findComponent } from '../../model';
import { petrelModule } from '../__fixtures__/documents';
import { moduleOf, parseFlux } from './import';

/** A Flux file in the style of Storm's flux-examples: shell components next to Java ones. */
const MIXED = `---
name: "shell-topology"
config:
  topology.workers: 1
  my.setting: [1, 2]

spouts:
  - id: "sentence-spout"
    className: "org.apache.storm.flux.wrappers.spouts.FluxShellSpout"
    constructorArgs:
      - ["node", "randomsentence.js"]
      - ["sentence"]
    parallelism: 1

bolts:
  - id: "splitsentence"
    className: "org.apache.storm.flux.wrappers.bolts.FluxShellBolt"
    constructorArgs:
      - ["python3", "splitsentence.py"]
    configMethods:
      - name: "setDefaultStream"
        args:
          - ["word"]
      - name: "setNamedStream"
        args: ["lengths", ["word", "length"]]
      - name: "addComponentConfig"
        args: ["topology.tick.tuple.freq.secs", 4]
    config:
      topology.tuple.compression.enable: true
    parallelism: 2
    numTasks: 4
    cpuLoad: 100

  - id: "count"
    className: "org.apache.storm.testing.TestWordCounter"
    parallelism: 3

streams:
  - name: "spout --> split"
    from: "sentence-spout"
    to: "splitsentence"
    grouping:
      type: SHUFFLE
  - from: "splitsentence"
    to: "count"
    grouping:
      type: FIELDS
      args: ["word"]
  - from: "count"
    to: "count"
    grouping:
      type: FIELDS
      streamId: "totals"
      args: ["word", "total"]
`;

describe('parseFlux', () => {
  it('reads shell and Java components, config methods and streams', () => {
    const r = parseFlux(MIXED, 'multilang.yaml', new Map([['resources/splitsentence.py', petrelModule('bolt', 'SplitBolt', ['word'])]]));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const doc = r.value.document;
    expect(doc.name).toBe('shell-topology');
    expect(doc.config.custom).toEqual({ 'my.setting': [1, 2] });
    const split = findComponent(doc, 'splitsentence')!;
    expect([split.parallelism, split.numTasks]).toEqual([2, 4]);
    expect(split.streams.map((s) => [s.id, s.fields])).toEqual([
      ['default', ['word']],
      ['lengths', ['word', 'length']],
    ]);
    expect(split.config).toEqual({ 'topology.tuple.compression.enable': true, 'topology.tick.tuple.freq.secs': 4 });
    expect(split.code.python).toMatch(/class SplitBolt/);
    // The Java bolt gets the streams its subscribers read.
    expect(findComponent(doc, 'count')!.streams).toEqual([{ id: 'totals', fields: ['word', 'total'], direct: false }]);
    expect(r.value.warnings.map((w) => [w.code, w.line])).toEqual([
      ['W_UNREADABLE', 11],
      ['W_IGNORED', 32],
      ['W_JAVA_COMPONENT', 35],
    ]);
  });

  it('finds a module next to the Flux file, in resources/ or in a Maven project\'s src/main/resources/resources/', () => {
    expect(moduleOf(['python3', '-m', 'petrel.run', 'count', 'count.log'])).toEqual({ file: 'count.py', language: 'python' });
    expect(moduleOf(['python', 'lib/split.py'])).toEqual({ file: 'split.py', language: 'python' });
    expect(moduleOf(['node', 'storm-studio.mjs', 'lib/split.mjs'])).toEqual({ file: 'split.mjs', language: 'javascript' });
    expect(moduleOf(['node', 'x.js'])).toBeNull();
    const js = 'name: t\nspouts:\n  - id: s\n    className: org.apache.storm.flux.wrappers.spouts.FluxShellSpout\n    constructorArgs: [["node", "storm-studio.mjs", "s.mjs"], ["a"]]\n';
    const fromMaven = parseFlux(js, 'p/flux.yaml', new Map([['p/src/main/resources/resources/s.mjs', 'export default class S extends Spout {}\n']]));
    expect(fromMaven.ok && fromMaven.value.document.components[0]).toMatchObject({ language: 'javascript', code: { javascript: 'export default class S extends Spout {}\n' } });
    const yaml = 'name: t\nspouts:\n  - id: s\n    className: org.apache.storm.flux.wrappers.spouts.FluxShellSpout\n    constructorArgs: [["python3", "s.py"], ["a"]]\n';
    const r = parseFlux(yaml, 'project/t.yaml', new Map([['project/s.py', 'X = 1\n']]));
    expect(r.ok && r.value.document.components[0]!.code.python).toBe('X = 1\n');
    const missing = parseFlux(yaml, 't.yaml');
    expect(missing.ok && missing.value.warnings[0]!.code).toBe('W_MISSING_MODULE');
  });

  it('reads partialKey groupings through their Fields component, and direct streams', () => {
    const yaml = `name: pk
components:
  - id: keys
    className: org.apache.storm.tuple.Fields
    constructorArgs: [["k"]]
spouts:
  - id: s
    className: org.apache.storm.flux.wrappers.spouts.FluxShellSpout
    constructorArgs: [["python3", "s.py"], ["k"]]
    configMethods: [{name: setNamedStream, args: [d, [k]]}]
bolts:
  - id: b
    className: org.apache.storm.flux.wrappers.bolts.FluxShellBolt
    constructorArgs: [["python3", "b.py"]]
streams:
  - from: s
    to: b
    grouping: {type: CUSTOM, customClass: {className: org.apache.storm.grouping.PartialKeyGrouping, constructorArgs: [{ref: keys}]}}
  - from: s
    to: b
    grouping: {type: DIRECT, streamId: d}
`;
    const r = parseFlux(yaml, 'pk.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.document.subscriptions.map((s) => s.grouping)).toEqual([{ kind: 'partialKey', fields: ['k'] }, { kind: 'direct' }]);
    expect(findComponent(r.value.document, 's')!.streams[1]).toEqual({ id: 'd', fields: ['k'], direct: true });
  });

  it('warns about ${…} substitutions it keeps as text', () => {
    const r = parseFlux('name: t\nconfig:\n  host: "${ENV-HOST}"\n', 't.yaml');
    expect(r.ok && r.value.warnings).toContainEqual(expect.objectContaining({ code: 'W_FLUX_SUBSTITUTION', line: 3 }));
  });

  const shell = (extra: string) => `name: t\nspouts:\n  - id: s\n    className: org.apache.storm.flux.wrappers.spouts.FluxShellSpout\n    constructorArgs: [["python3", "s.py"], ["a"]]\n${extra}`;
  it.each([
    ['a list at the top', '- a\n', 1, /must be a mapping/],
    ['topologySource', 'name: t\ntopologySource:\n  className: x.Y\n', 2, /Java code/],
    ['includes', 'name: t\nincludes:\n  - resource: true\n    file: x.yaml\n', 2, /includes/],
    ['an unknown top-level key', 'name: t\nbolt: []\n', 2, /Unknown Flux key "bolt"/],
    ['a component without id', 'spouts:\n  - className: x.Y\n', 2, /id must be a string and is missing/],
    ['a duplicate id', shell('bolts:\n  - id: s\n    className: x.Y\n'), 7, /declared twice/],
    ['an unknown source', shell('bolts:\n  - id: b\n    className: x.Y\nstreams:\n  - from: ghost\n    to: b\n    grouping: {type: SHUFFLE}\n'), 10, /"ghost", which is not a declared/],
    ['an unknown grouping type', shell('bolts:\n  - id: b\n    className: x.Y\nstreams:\n  - from: s\n    to: b\n    grouping: {type: RANDOM}\n'), 12, /Unknown grouping type "RANDOM"/],
    ['a custom grouping class', shell('bolts:\n  - id: b\n    className: x.Y\nstreams:\n  - from: s\n    to: b\n    grouping: {type: CUSTOM, customClass: {className: my.Grouping}}\n'), 12, /cannot simulate/],
    ['a missing Fields reference', shell('bolts:\n  - id: b\n    className: x.Y\nstreams:\n  - from: s\n    to: b\n    grouping: {type: CUSTOM, customClass: {className: org.apache.storm.grouping.PartialKeyGrouping, constructorArgs: [{ref: nope}]}}\n'), 12, /No component "nope"/],
    ['FIELDS without args', shell('bolts:\n  - id: b\n    className: x.Y\nstreams:\n  - from: s\n    to: b\n    grouping: {type: FIELDS}\n'), 12, /list of strings/],
    ['a parallelism of 0', shell('    parallelism: 0\n'), 6, /whole number ≥ 1/],
    ['a shell bolt listed as a spout', 'spouts:\n  - id: s\n    className: org.apache.storm.flux.wrappers.bolts.FluxShellBolt\n    constructorArgs: [["python3", "s.py"]]\n', 3, /listed under spouts/],
    ['a command that is not a list of strings', 'spouts:\n  - id: s\n    className: org.apache.storm.flux.wrappers.spouts.FluxShellSpout\n    constructorArgs: ["python3 s.py"]\n', 4, /command of "s" must be a list of strings/],
    ['an unknown component key', shell('    paralelism: 2\n'), 6, /Unknown key "paralelism"/],
    ['a mistyped topology.workers', 'name: t\nconfig:\n  topology.workers: "2"\n', 3, /must be a number/],
    ['a tag', 'name: !!python/name:os.system t\n', 1, /tags are not allowed/],
  ])('refuses %s, naming the file and line', (_, yaml, line, message) => {
    const r = parseFlux(yaml, 'bad.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toEqual(expect.objectContaining({ file: 'bad.yaml', line }));
    expect(r.errors[0]!.message).toMatch(message);
  });

  it('refuses an alias bomb', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(10).fill(`*${'abcdefghi'[i - 1]}`).join(', ')}]`);
    const r = parseFlux(`name: t\nconfig:\n  bomb:\n${lines.map((l) => `    ${l}`).join('\n')}\n`, 'bomb.yaml');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]!.message).toMatch(/alias bomb/);
  });
});
