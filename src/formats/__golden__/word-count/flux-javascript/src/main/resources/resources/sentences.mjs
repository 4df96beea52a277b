const SENTENCES = [
  'the cow jumped over the moon',
  'an apple a day keeps the doctor away',
  'four score and seven years ago',
  'snow white and the seven dwarfs',
  'i am at two with nature',
];

export default class RandomSentenceSpout extends Spout {
  static declareOutputFields() {
    return ['sentence'];
  }

  initialize(conf, context) {
    this.nextId = 0;
    this.pending = new Map();
    console.info('sentence spout ready on task ' + context.taskid);
  }

  nextTuple() {
    storm.sleep(0.01);
    const sentence = SENTENCES[Math.floor(Math.random() * SENTENCES.length)];
    this.nextId += 1;
    this.pending.set(this.nextId, sentence);
    storm.emit([sentence], { id: this.nextId });
  }

  ack(id) {
    this.pending.delete(id);
  }

  fail(id) {
    console.warn('sentence ' + id + ' failed, replaying it');
    storm.emit([this.pending.get(id)], { id });
  }
}
