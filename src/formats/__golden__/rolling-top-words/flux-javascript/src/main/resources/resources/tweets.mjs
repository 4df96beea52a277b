const WORDS = ('storm stream tuple spout bolt acker nimbus worker executor task topology grouping ' +
  'shuffle fields replay timeout tick window ranking latency').split(' ');
const WEIGHTS = WORDS.map((_, i) => 1 / (i + 1));
const TOTAL = WEIGHTS.reduce((a, b) => a + b, 0);

function pick() {
  let r = Math.random() * TOTAL;
  for (let i = 0; i < WORDS.length; i++) {
    r -= WEIGHTS[i];
    if (r < 0) return WORDS[i];
  }
  return WORDS[WORDS.length - 1];
}

export default class TweetSpout extends Spout {
  static declareOutputFields() {
    return ['tweet'];
  }

  initialize(conf, context) {
    this.nextId = 0;
    this.pending = new Map();
  }

  nextTuple() {
    storm.sleep(0.02);
    const n = 3 + Math.floor(Math.random() * 6);
    const words = [];
    for (let i = 0; i < n; i++) {
      const w = pick();
      words.push(Math.random() < 0.2 ? '#' + w : w);
    }
    const tweet = words.join(' ');
    this.nextId += 1;
    this.pending.set(this.nextId, tweet);
    storm.emit([tweet], { id: this.nextId });
  }

  ack(id) {
    this.pending.delete(id);
  }

  fail(id) {
    storm.emit([this.pending.get(id)], { id });
  }
}
