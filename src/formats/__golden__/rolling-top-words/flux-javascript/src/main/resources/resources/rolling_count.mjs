const WINDOW_SECS = 9;
const EMIT_EVERY_SECS = 3;
const SLOTS = WINDOW_SECS / EMIT_EVERY_SECS;

// Counts each word over a sliding window of WINDOW_SECS, advanced by tick tuples.
export default class RollingCountBolt extends Bolt {
  static declareOutputFields() {
    return ['word', 'count', 'window'];
  }

  initialize(conf, context) {
    this.slots = new Map();
    this.head = 0;
  }

  process(tup) {
    if (tup.isTickTuple()) {
      for (const [word, slots] of this.slots) {
        storm.emit([word, slots.reduce((a, b) => a + b, 0), WINDOW_SECS]);
      }
      this.head = (this.head + 1) % SLOTS;
      for (const [word, slots] of this.slots) {
        slots[this.head] = 0;
        if (slots.every((n) => n === 0)) this.slots.delete(word);
      }
    } else {
      const word = tup.values[0];
      if (!this.slots.has(word)) this.slots.set(word, new Array(SLOTS).fill(0));
      this.slots.get(word)[this.head] += 1;
      storm.ack(tup);
    }
  }

  getComponentConfiguration() {
    return { 'topology.tick.tuple.freq.secs': EMIT_EVERY_SECS };
  }
}
