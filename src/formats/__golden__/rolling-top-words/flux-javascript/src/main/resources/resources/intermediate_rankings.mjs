const TOP_N = 5;

export default class IntermediateRankingsBolt extends BasicBolt {
  static declareOutputFields() {
    return ['rankings'];
  }

  initialize(conf, context) {
    this.counts = new Map();
  }

  process(tup) {
    if (tup.isTickTuple()) {
      const top = [...this.counts.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, TOP_N);
      storm.emit([top]);
      for (const [word, count] of this.counts) if (count === 0) this.counts.delete(word);
    } else {
      const [word, count] = tup.values;
      this.counts.set(word, count);
    }
  }

  getComponentConfiguration() {
    return { 'topology.tick.tuple.freq.secs': 2 };
  }
}
