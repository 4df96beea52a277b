export default class WordCountBolt extends BasicBolt {
  static declareOutputFields() {
    return ['word', 'count'];
  }

  initialize(conf, context) {
    this.counts = new Map();
  }

  process(tup) {
    const word = tup.values[0];
    const count = (this.counts.get(word) ?? 0) + 1;
    this.counts.set(word, count);
    if (count % 100 === 0) console.info(word + ' seen ' + count + ' times');
    storm.emit([word, count]);
  }
}
