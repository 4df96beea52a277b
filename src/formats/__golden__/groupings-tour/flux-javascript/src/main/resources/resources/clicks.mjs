const USERS = ['ada', 'grace', 'linus', 'margaret', 'dennis', 'barbara'];
const PAGES = ['/', '/docs', '/pricing', '/blog', '/login'];
const choice = (xs) => xs[Math.floor(Math.random() * xs.length)];

export default class ClickSpout extends Spout {
  static declareOutputFields() {
    return ['user', 'page'];
  }

  initialize(conf, context) {
    this.nextId = 0;
    this.pending = new Map();
  }

  nextTuple() {
    storm.sleep(0.05);
    const user = choice(USERS);
    if (Math.random() < 0.1) {
      // A second, untracked stream.
      storm.emit([user, choice([404, 500])], { stream: 'errors' });
      return;
    }
    const click = [user, choice(PAGES)];
    this.nextId += 1;
    this.pending.set(this.nextId, click);
    storm.emit(click, { id: this.nextId });
  }

  ack(id) {
    this.pending.delete(id);
  }

  fail(id) {
    storm.emit(this.pending.get(id), { id });
  }
}
