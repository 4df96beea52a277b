export default class SplitTweetBolt extends BasicBolt {
  static declareOutputFields() {
    return ['word'];
  }

  process(tup) {
    for (const word of tup.values[0].split(' ')) {
      if (word) storm.emit([word.replace(/^#+/, '').toLowerCase()]);
    }
  }
}
