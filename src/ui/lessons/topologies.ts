/**
 * The lessons' starting topologies: the book's word count and storm-starter's rolling top words,
 * in their JavaScript versions (they start at once: no Python runtime to load; every component
 * keeps its Python code, one click away in the inspector), plus a bolt too slow for its input.
 */
import { bolt, rollingTopWordsExample, spout, subscribe, topology, wordCountExample, type TopologyDocument } from '../../model';

const inJavaScript = (doc: TopologyDocument, name: string): TopologyDocument => ({
  ...doc,
  name,
  components: doc.components.map((c) => (c.code.javascript === undefined ? c : { ...c, language: 'javascript' as const })),
});

/** Word count in JavaScript (sentences → split ×2 → fields(word) → count ×3). */
export function wordCountLesson(name: string, config: Partial<TopologyDocument['config']> = {}): TopologyDocument {
  const doc = inJavaScript(wordCountExample(), name);
  return { ...doc, config: { ...doc.config, ...config } };
}

/** Rolling top words in JavaScript (tick tuples drive the windows). */
export function rollingLessonTopology(): TopologyDocument {
  return inJavaScript(rollingTopWordsExample(), 'lesson-ticks');
}

const readingsJs = `export default class ReadingsSpout extends Spout {
  static declareOutputFields() {
    return ['sensor', 'value'];
  }

  initialize() {
    this.nextId = 0;
  }

  nextTuple() {
    storm.sleep(0.01);
    this.nextId += 1;
    storm.emit(['sensor-' + (this.nextId % 50), Math.round(Math.random() * 1000)], { id: this.nextId });
  }
}
`;

const enrichJs = `// Looks each reading up in a (simulated) slow service: its cost, 15 ms a call, is set in the
// inspector (Cost per call).
export default class EnrichBolt extends BasicBolt {
  static declareOutputFields() {
    return ['sensor', 'value', 'level'];
  }

  process(tup) {
    const [sensor, value] = tup.values;
    storm.emit([sensor, value, value > 900 ? 'high' : 'normal']);
  }
}
`;

const storeJs = `export default class StoreBolt extends BasicBolt {
  initialize() {
    this.latest = new Map();
  }

  process(tup) {
    this.latest.set(tup.values[0], tup.values[1]);
  }
}
`;

/**
 * Readings at 100 a second into a bolt whose calls cost 15 ms: one executor can do 66 a second,
 * so it is saturated (its queue grows) until it gets 3 executors (1.5 executors' worth of work
 * under 0.7 each). Its 4 tasks let it grow to 4 executors without a new topology.
 */
export function capacityLessonTopology(): TopologyDocument {
  return topology(
    'lesson-capacity',
    [
      spout('readings', { javascript: readingsJs, fields: ['sensor', 'value'], x: 0, y: 120 }),
      bolt('enrich', { javascript: enrichJs, fields: ['sensor', 'value', 'level'], numTasks: 4, costMs: 15, x: 320, y: 120 }),
      bolt('store', { javascript: storeJs, x: 640, y: 120 }),
    ],
    [subscribe('readings', 'enrich'), subscribe('enrich', 'store', { kind: 'fields', fields: ['sensor'] })],
  );
}
