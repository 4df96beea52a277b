/**
 * Test documents for the format tests: hostile names everywhere a value is written, and every
 * feature Petrel or Flux cannot express. Only tests import this file.
 */
import { bolt, spout, stream, subscribe, topology, TICK_FREQ_KEY, type TopologyDocument } from '../../model';
import { pyList } from '../escape';

/** A minimal Petrel module whose class declares `fields` on the default stream. */
export function petrelModule(kind: 'spout' | 'bolt', cls: string, fields: readonly string[], extra = ''): string {
  const base = kind === 'spout' ? 'Spout' : 'BasicBolt';
  const method = kind === 'spout' ? 'def nextTuple(self):\n        pass' : 'def process(self, tup):\n        storm.emit(tup.values)';
  return `from petrel import storm
from petrel.emitter import ${base}


class ${cls}(${base}):
    def __init__(self):
        super(${cls}, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ${pyList(fields)}
${extra}
    ${method}


def run():
    ${cls}().run()
`;
}

/** Names that would break or inject code into Python, YAML, shell or Markdown if written raw. */
export const HOSTILE = {
  quote: `it's "quoted"`,
  newline: 'line1\nimport os\nos.system("echo pwned")',
  dunder: "__import__('os').system('id')",
  backslash: 'back\\slash\\',
  anchor: '&anchor *alias !!python/object:os.system',
  subst: '${user.home} `whoami` $(id)',
  shell: "a'; rm -rf / #",
  unicode: 'café ☕ \u2028 \u0085 \u00a0 😀',
  yamlish: 'yes',
  hash: 'x # not a comment',
};

/** A document whose ids, fields, streams and config values are all hostile. */
export function hostileDocument(): TopologyDocument {
  const h = HOSTILE;
  const source = `spout ${h.dunder}`;
  return topology(
    `hostile ${h.quote} ${h.subst} ${h.shell}`,
    [
      spout(source, {
        python: petrelModule('spout', 'EvilSpout', [h.quote, h.newline, h.dunder]),
        streams: [stream('default', [h.quote, h.newline, h.dunder]), stream(h.anchor, [h.backslash, h.subst])],
      }),
      bolt(h.newline, { python: petrelModule('bolt', 'NewlineBolt', [h.unicode]), fields: [h.unicode], parallelism: 2, numTasks: 4, config: { [TICK_FREQ_KEY]: 5, [h.hash]: h.shell } }),
      bolt(h.subst, { python: petrelModule('bolt', 'SubstBolt', []), streams: [], parallelism: 3 }),
      bolt('yes', { python: petrelModule('bolt', 'YesBolt', []), streams: [] }),
    ],
    [
      subscribe(source, h.newline, { kind: 'fields', fields: [h.newline] }),
      subscribe(source, h.subst, { kind: 'partialKey', fields: [h.backslash] }, h.anchor),
      subscribe(h.newline, 'yes', { kind: 'localOrShuffle' }),
    ],
    {
      workers: 2,
      ackers: 1,
      maxSpoutPending: 100,
      custom: { [h.quote]: h.newline, [h.subst]: [h.anchor, 1.5, true, null], nested: { [h.yamlish]: h.backslash, code: h.dunder, tiny: 1e-7, big: 1e21 }, 'nimbus.host': 'localhost' },
    },
  );
}

/** Every feature Petrel cannot express, in one valid document. */
export function inexpressibleDocument(): TopologyDocument {
  const doc = topology(
    'inexpressible',
    [
      spout('src', { python: petrelModule('spout', 'SrcSpout', ['k', 'v']), fields: ['k', 'v'], numTasks: 3, costMs: 2 }),
      bolt('js', { javascript: 'export default class JsBolt extends BasicBolt { process(tup) {} }', fields: ['k'], language: 'javascript' }),
      bolt('both', { python: petrelModule('bolt', 'BothBolt', []), javascript: 'export default class BothBolt extends BasicBolt { process(tup) {} }', streams: [], language: 'javascript' }),
      bolt('pk', { python: petrelModule('bolt', 'PkBolt', []), streams: [] }),
    ],
    [subscribe('src', 'js'), subscribe('src', 'both'), subscribe('src', 'pk', { kind: 'partialKey', fields: ['k'] })],
    { custom: { 'petrel.parallelism.pk': 4, 'petrel.parallelism.ghost': 2 } },
  );
  return { ...doc, simulation: { ...doc.simulation, onError: 'fail-tuple', defaultCostMs: 1 } };
}
