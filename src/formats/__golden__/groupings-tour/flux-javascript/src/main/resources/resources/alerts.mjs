// Subscribes to the spout's second stream, 'errors'.
export default class AlertsBolt extends BasicBolt {
  static declareOutputFields() {
    return [];
  }

  process(tup) {
    const [user, code] = tup.values;
    console.warn('user ' + user + ' got HTTP ' + code);
  }
}
