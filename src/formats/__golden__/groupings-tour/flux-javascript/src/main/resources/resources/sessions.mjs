// Direct grouping: receives only what the router sent to this task.
export default class SessionsBolt extends BasicBolt {
  static declareOutputFields() {
    return [];
  }

  initialize(conf, context) {
    this.task = context.taskid;
    this.users = new Set();
  }

  process(tup) {
    const user = tup.values[0];
    if (!this.users.has(user)) {
      this.users.add(user);
      console.info('task ' + this.task + ' now holds sessions of ' + [...this.users].sort().join(', '));
    }
  }
}
