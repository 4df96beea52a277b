import { bolt, spout, stream, subscribe, topology } from './build';

const clicksPy = `import random
import time

from petrel import storm
from petrel.emitter import Spout

USERS = ['ada', 'grace', 'linus', 'margaret', 'dennis', 'barbara']
PAGES = ['/', '/docs', '/pricing', '/blog', '/login']


class ClickSpout(Spout):
    def __init__(self):
        super(ClickSpout, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['user', 'page']

    def initialize(self, conf, context):
        self._next_id = 0
        self._pending = {}

    def nextTuple(self):
        time.sleep(0.05)
        user = random.choice(USERS)
        if random.random() < 0.1:
            # A second, untracked stream: Petrel declares it with builder.addOutputStream.
            storm.emit([user, random.choice([404, 500])], stream='errors')
            return
        click = [user, random.choice(PAGES)]
        self._next_id += 1
        self._pending[self._next_id] = click
        storm.emit(click, id=self._next_id)

    def ack(self, id):
        del self._pending[id]

    def fail(self, id):
        storm.emit(self._pending[id], id=id)


def run():
    ClickSpout().run()
`;

const clicksJs = `const USERS = ['ada', 'grace', 'linus', 'margaret', 'dennis', 'barbara'];
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
`;

const auditPy = `import logging

from petrel import storm
from petrel.emitter import BasicBolt

log = logging.getLogger('audit')


class AuditBolt(BasicBolt):
    """All grouping: every audit task receives every click."""

    def __init__(self):
        super(AuditBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return []

    def initialize(self, conf, context):
        self._task = context['taskid']
        self._seen = 0

    def process(self, tup):
        self._seen += 1
        if self._seen % 50 == 0:
            log.info('audit task %s has seen %d clicks', self._task, self._seen)


def run():
    AuditBolt().run()
`;

const auditJs = `// All grouping: every audit task receives every click.
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
`;

const totalsPy = `import logging

from petrel import storm
from petrel.emitter import BasicBolt

log = logging.getLogger('totals')


class TotalsBolt(BasicBolt):
    """Global grouping: only the task with the lowest id receives tuples."""

    def __init__(self):
        super(TotalsBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['page', 'total']

    def initialize(self, conf, context):
        self._totals = {}

    def process(self, tup):
        page = tup.values[1]
        self._totals[page] = self._totals.get(page, 0) + 1
        storm.emit([page, self._totals[page]])


def run():
    TotalsBolt().run()
`;

const totalsJs = `// Global grouping: only the task with the lowest id receives tuples.
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
`;

const routerPy = `from petrel import storm
from petrel.emitter import BasicBolt


class RouterBolt(BasicBolt):
    """Picks the sessions task for each user itself and emits to it on a direct stream."""

    def __init__(self):
        super(RouterBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        # Petrel declares only the default stream here; the direct stream 'assign' is added
        # in create.py with builder.addOutputStream('router', 'assign', ['user', 'page'], direct=True).
        return []

    def initialize(self, conf, context):
        tasks = context['task->component']
        self._sessions = sorted(int(t) for t, c in tasks.items() if c == 'sessions')

    def process(self, tup):
        user, page = tup.values
        task = self._sessions[sum(ord(ch) for ch in user) % len(self._sessions)]
        storm.emitDirect(task, [user, page], stream='assign')


def run():
    RouterBolt().run()
`;

const routerJs = `// Picks the sessions task for each user itself and emits to it on a direct stream.
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
`;

const sessionsPy = `import logging

from petrel import storm
from petrel.emitter import BasicBolt

log = logging.getLogger('sessions')


class SessionsBolt(BasicBolt):
    """Direct grouping: receives only what the router sent to this task."""

    def __init__(self):
        super(SessionsBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return []

    def initialize(self, conf, context):
        self._task = context['taskid']
        self._users = set()

    def process(self, tup):
        user = tup.values[0]
        if user not in self._users:
            self._users.add(user)
            log.info('task %s now holds sessions of %s', self._task, sorted(self._users))


def run():
    SessionsBolt().run()
`;

const sessionsJs = `// Direct grouping: receives only what the router sent to this task.
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
`;

const alertsPy = `import logging

from petrel import storm
from petrel.emitter import BasicBolt

log = logging.getLogger('alerts')


class AlertsBolt(BasicBolt):
    """Subscribes to the spout's second stream, 'errors'."""

    def __init__(self):
        super(AlertsBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return []

    def process(self, tup):
        user, code = tup.values
        log.warning('user %s got HTTP %d', user, code)


def run():
    AlertsBolt().run()
`;

const alertsJs = `// Subscribes to the spout's second stream, 'errors'.
export default class AlertsBolt extends BasicBolt {
  static declareOutputFields() {
    return [];
  }

  process(tup) {
    const [user, code] = tup.values;
    console.warn('user ' + user + ' got HTTP ' + code);
  }
}
`;

/** Every routing choice in one picture: all, global, shuffle, direct, and a second stream. */
export function groupingsTourExample() {
  return topology(
    'groupings-tour',
    [
      spout('clicks', {
        python: clicksPy,
        javascript: clicksJs,
        streams: [stream('default', ['user', 'page']), stream('errors', ['user', 'code'])],
        x: 0,
        y: 200,
      }),
      bolt('audit', { python: auditPy, javascript: auditJs, streams: [], parallelism: 2, x: 340, y: 0 }),
      bolt('totals', { python: totalsPy, javascript: totalsJs, fields: ['page', 'total'], parallelism: 2, x: 340, y: 130 }),
      bolt('router', { python: routerPy, javascript: routerJs, streams: [stream('assign', ['user', 'page'], true)], parallelism: 2, x: 340, y: 260 }),
      bolt('sessions', { python: sessionsPy, javascript: sessionsJs, streams: [], parallelism: 3, x: 680, y: 260 }),
      bolt('alerts', { python: alertsPy, javascript: alertsJs, streams: [], x: 340, y: 400 }),
    ],
    [
      subscribe('clicks', 'audit', { kind: 'all' }),
      subscribe('clicks', 'totals', { kind: 'global' }),
      subscribe('clicks', 'router'),
      subscribe('router', 'sessions', { kind: 'direct' }, 'assign'),
      subscribe('clicks', 'alerts', { kind: 'shuffle' }, 'errors'),
    ],
    { workers: 2 },
  );
}
