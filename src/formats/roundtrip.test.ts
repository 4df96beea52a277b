/**
 * Round trips: document → Petrel project → document and document → Flux → document keep the
 * topology's structure, configuration and code, for the examples, hostile names, and random valid
 * topologies (fast-check). What a format cannot express is normalised away explicitly below, so
 * every loss is named.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bolt,
  DEFAULT_STREAM,
  EXAMPLES,
  spout,
  stream,
  subscribe,
  topology,
  TICK_FREQ_KEY,
  validate,
  type ConfigValue,
  type Grouping,
  type TopologyDocument,
} from '../model';
import { HOSTILE, hostileDocument, petrelModule } from './__fixtures__/documents';
import { hasLoneSurrogate } from './escape';
import { importFiles } from './import-files';
import { exportDocument } from './index';
import type { ExportFormat } from './types';

/** The document as the format can carry it; positions and subscription ids are not compared. */
function normalize(doc: TopologyDocument, format: ExportFormat) {
  const subs = doc.subscriptions.map((s) => ({
    from: s.from,
    stream: s.stream,
    to: s.to,
    // Petrel has no partialKey grouping: exported as fields grouping (with a warning).
    grouping: (format === 'petrel' && s.grouping.kind === 'partialKey' ? { kind: 'fields', fields: s.grouping.fields } : s.grouping) as Grouping,
  }));
  const components = doc.components.map((c) => {
    let streams = c.streams.map((s) => ({
      ...s,
      // Neither format carries the direct flag of the default stream (Flux: of any stream); a re-import infers it from direct subscriptions.
      direct: (format === 'flux' || s.id === DEFAULT_STREAM) ? subs.some((x) => x.from === c.id && x.stream === s.id && x.grouping.kind === 'direct') : s.direct,
    }));
    // Flux cannot declare a stream with no fields; Petrel's default stream with no fields is "no default stream" unless subscribed.
    if (format === 'flux') streams = streams.filter((s) => s.fields.length > 0);
    streams = streams.filter((s) => !(s.id === DEFAULT_STREAM && s.fields.length === 0 && !subs.some((x) => x.from === c.id && x.stream === s.id)));
    streams.sort((a, b) => Number(b.id === DEFAULT_STREAM) - Number(a.id === DEFAULT_STREAM));
    return { id: c.id, kind: c.kind, code: c.code.python, parallelism: c.parallelism, numTasks: c.numTasks, streams, config: c.config };
  });
  const custom = Object.fromEntries(Object.entries(doc.config.custom).filter(([k]) => !(format === 'petrel' && k.startsWith('petrel.parallelism.'))));
  return {
    name: doc.name,
    components: components.sort((a, b) => (a.id < b.id ? -1 : 1)),
    subscriptions: subs.map((s) => JSON.stringify(s)).sort(),
    config: { ...doc.config, custom },
  };
}

function roundTrip(doc: TopologyDocument, format: ExportFormat): TopologyDocument {
  const exported = exportDocument(doc, format);
  if (!exported.ok) throw new Error(`export failed: ${JSON.stringify(exported.errors)}`);
  const back = importFiles(exported.value.files.map((f) => ({ path: f.path, content: f.content })));
  if (!back.ok) throw new Error(`import failed: ${JSON.stringify(back.errors)}`);
  return back.value.document;
}

const cases: [string, () => TopologyDocument][] = [...EXAMPLES.map((e) => [e.id, e.create] as [string, () => TopologyDocument]), ['hostile names', hostileDocument]];

describe.each(['petrel', 'flux', 'json'] as const)('round trip through %s', (format) => {
  it.each(cases)('%s keeps structure, config and code', (_, create) => {
    const doc = create();
    expect(normalize(roundTrip(doc, format), format)).toEqual(normalize(doc, format));
  });

  it('keeps random valid topologies', () => {
    fc.assert(
      fc.property(arbitraryTopology, (doc) => {
        expect(validate(doc).filter((d) => d.severity === 'error')).toEqual([]);
        expect(normalize(roundTrip(doc, format), format)).toEqual(normalize(doc, format));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 100) },
    );
  });
});

describe('JSON round trip', () => {
  it('is exact, positions and simulation settings included', () => {
    const doc = hostileDocument();
    expect(roundTrip(doc, 'json')).toEqual(doc);
  });
});

// ---- random valid topologies ----

const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }) },
  { weight: 2, arbitrary: fc.constantFrom(...Object.values(HOSTILE)) },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/) },
);
const name = text.filter((s) => s.trim() !== '' && !s.startsWith('__') && !hasLoneSurrogate(s) && s !== 'default');
const configValue: fc.Arbitrary<ConfigValue> = fc.letrec<{ v: ConfigValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    text.filter((s) => !hasLoneSurrogate(s)),
    fc.integer({ min: -1e9, max: 1e9 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (Object.is(d, -0) ? 0 : d)),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(name.filter((k) => k !== '__proto__'), tie('v'), { maxKeys: 3 }),
  ),
})).v;

const arbitraryTopology: fc.Arbitrary<TopologyDocument> = fc
  .record({
    ids: fc.uniqueArray(name, { minLength: 1, maxLength: 6 }),
    spouts: fc.integer({ min: 1, max: 3 }),
    seed: fc.array(fc.nat(1000), { minLength: 60, maxLength: 60 }),
    streamNames: fc.uniqueArray(name, { minLength: 3, maxLength: 3 }),
    fieldNames: fc.uniqueArray(name, { minLength: 4, maxLength: 4 }),
    custom: fc.dictionary(name.filter((k) => k !== '__proto__' && !k.startsWith('topology.') && !k.startsWith('petrel.')), configValue, { maxKeys: 3 }),
    componentValue: configValue.filter((v) => v !== null),
    topologyName: name,
    workers: fc.integer({ min: 1, max: 4 }),
    ackers: fc.option(fc.integer({ min: 0, max: 3 })),
    pending: fc.option(fc.integer({ min: 1, max: 1000 })),
    debug: fc.boolean(),
  })
  .map((r) => {
    let k = 0;
    const pick = (n: number) => r.seed[k++ % r.seed.length]! % n;
    const spouts = Math.min(r.spouts, r.ids.length);
    const components = r.ids.map((id, i) => {
      const kind = i < spouts ? 'spout' : 'bolt';
      const fields = r.fieldNames.slice(0, pick(4) + (kind === 'spout' ? 1 : 0));
      const extra = r.streamNames.slice(0, pick(3)).map((s) => stream(s, r.fieldNames.slice(pick(2), 2 + pick(2)), pick(3) === 0));
      const streams = [...(fields.length > 0 || pick(2) === 0 ? [stream('default', fields)] : []), ...extra];
      const parallelism = 1 + pick(4);
      const config: Record<string, ConfigValue> = {};
      if (pick(2) === 0) config[TICK_FREQ_KEY] = 1 + pick(10);
      if (pick(3) === 0) config[r.fieldNames[0]!] = r.componentValue;
      const init = { python: petrelModule(kind, `C${i}${kind === 'spout' ? 'Spout' : 'Bolt'}`, fields), streams, parallelism, numTasks: pick(2) === 0 ? parallelism + pick(4) : null, config };
      return kind === 'spout' ? spout(id, init) : bolt(id, init);
    });
    const subs = [];
    for (const b of components.filter((c) => c.kind === 'bolt')) {
      const seen = new Set<string>();
      for (let n = 0; n < 1 + pick(2); n++) {
        const sources = components.filter((c) => c.streams.length > 0);
        const from = sources[pick(sources.length)]!;
        const s = from.streams[pick(from.streams.length)]!;
        if (seen.has(`${from.id}\u0000${s.id}`)) continue;
        seen.add(`${from.id}\u0000${s.id}`);
        const kinds = s.direct ? ['direct'] : ['shuffle', 'global', 'all', 'none', 'localOrShuffle', ...(s.fields.length ? ['fields', 'partialKey'] : [])];
        const kind = kinds[pick(kinds.length)]!;
        const grouping = (kind === 'fields' || kind === 'partialKey' ? { kind, fields: s.fields.slice(0, 1 + pick(s.fields.length)) } : { kind }) as Grouping;
        subs.push(subscribe(from.id, b.id, grouping, s.id));
      }
    }
    return topology(r.topologyName, components, subs, { workers: r.workers, ackers: r.ackers, maxSpoutPending: r.pending, debug: r.debug, custom: r.custom });
  })
  .filter((doc) => validate(doc).every((d) => d.severity !== 'error'));
