export default class SplitSentenceBolt extends BasicBolt {
  static declareOutputFields() {
    return ['word'];
  }

  process(tup) {
    for (const word of tup.values[0].split(' ')) {
      storm.emit([word]);
    }
  }
}
