// Global grouping: only the task with the lowest id receives tuples.
export default class TotalsBolt extends BasicBolt {
  static declareOutputFields() {
    return ['page', 'total'];
  }

  initialize(conf, context) {
    this.totals = new Map();
  }

  process(tup) {
    const page = tup.values[1];
    const total = (this.totals.get(page) ?? 0) + 1;
    this.totals.set(page, total);
    storm.emit([page, total]);
  }
}
