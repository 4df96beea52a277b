// All grouping: every audit task receives every click.
export default class AuditBolt extends BasicBolt {
  static declareOutputFields() {
    return [];
  }

  initialize(conf, context) {
    this.task = context.taskid;
    this.seen = 0;
  }

  process(tup) {
    this.seen += 1;
    if (this.seen % 50 === 0) console.info('audit task ' + this.task + ' has seen ' + this.seen + ' clicks');
  }
}
