// Picks the sessions task for each user itself and emits to it on a direct stream.
export default class RouterBolt extends BasicBolt {
  static declareOutputFields() {
    return [];
  }

  initialize(conf, context) {
    this.sessions = Object.entries(context['task->component'])
      .filter(([, component]) => component === 'sessions')
      .map(([task]) => Number(task))
      .sort((a, b) => a - b);
  }

  process(tup) {
    const [user, page] = tup.values;
    let sum = 0;
    for (const ch of user) sum += ch.charCodeAt(0);
    const task = this.sessions[sum % this.sessions.length];
    storm.emitDirect(task, [user, page], { stream: 'assign' });
  }
}
