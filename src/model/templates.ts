import type { ComponentKind, Language } from './types';

/** A Python class name for a component id: `split-sentence` → `SplitSentenceBolt`. */
export function className(id: string, kind: ComponentKind): string {
  const base = id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
  const suffix = kind === 'spout' ? 'Spout' : 'Bolt';
  const name = /^[A-Za-z]/.test(base) ? base : `C${base}`;
  return name.endsWith(suffix) ? name : name + suffix;
}

/**
 * A string literal in quotes `q` that Python and JavaScript both read back as `value`: backslashes
 * and the quote escaped, control characters and line separators as `\n`, `\xNN`, `\uNNNN`, so a
 * field name can never end the literal or the line it is written on.
 *
 * @example
 * codeString("it's\n", "'") // "'it\\'s\\n'"
 */
export function codeString(value: string, q: string): string {
  let out = q;
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === q) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code === 0x2028 || code === 0x2029 || code === 0x85) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + q;
}

/**
 * The starting code of a new component (docs/components.md): a Petrel module for Python, the same shape in
 * JavaScript. Fields are the default stream's.
 */
export function componentTemplate(kind: ComponentKind, language: Language, id: string, fields: readonly string[]): string {
  const cls = className(id, kind);
  const declared = `[${fields.map((f) => codeString(f, "'")).join(', ')}]`;
  if (language === 'python') return kind === 'spout' ? pythonSpout(cls, declared) : pythonBolt(cls, declared);
  return kind === 'spout' ? javascriptSpout(cls, declared) : javascriptBolt(cls, declared);
}

const pythonSpout = (cls: string, fields: string) => `import logging
import random
import time

from petrel import storm
from petrel.emitter import Spout

log = logging.getLogger(__name__)


class ${cls}(Spout):
    def __init__(self):
        super(${cls}, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ${fields}

    def initialize(self, conf, context):
        self._next_id = 0
        self._pending = {}

    def nextTuple(self):
        time.sleep(0.1)
        self._next_id += 1
        values = [random.randint(0, 99)]
        self._pending[self._next_id] = values
        storm.emit(values, id=self._next_id)

    def ack(self, id):
        self._pending.pop(id, None)

    def fail(self, id):
        log.warning('tuple %s failed, replaying', id)
        storm.emit(self._pending[id], id=id)


def run():
    ${cls}().run()
`;

const pythonBolt = (cls: string, fields: string) => `import logging

from petrel import storm
from petrel.emitter import BasicBolt

log = logging.getLogger(__name__)


class ${cls}(BasicBolt):
    def __init__(self):
        super(${cls}, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ${fields}

    def initialize(self, conf, context):
        pass

    def process(self, tup):
        # BasicBolt anchors every emit to tup and acks it when process returns.
        storm.emit(tup.values)


def run():
    ${cls}().run()
`;

const javascriptSpout = (cls: string, fields: string) => `export default class ${cls} extends Spout {
  static declareOutputFields() {
    return ${fields};
  }

  initialize(conf, context) {
    this.nextId = 0;
    this.pending = new Map();
  }

  nextTuple() {
    storm.sleep(0.1);
    const values = [Math.floor(Math.random() * 100)];
    this.nextId += 1;
    this.pending.set(this.nextId, values);
    storm.emit(values, { id: this.nextId });
  }

  ack(id) {
    this.pending.delete(id);
  }

  fail(id) {
    console.warn('tuple ' + id + ' failed, replaying');
    storm.emit(this.pending.get(id), { id });
  }
}
`;

const javascriptBolt = (cls: string, fields: string) => `export default class ${cls} extends BasicBolt {
  static declareOutputFields() {
    return ${fields};
  }

  initialize(conf, context) {}

  process(tup) {
    // BasicBolt anchors every emit to tup and acks it when process returns.
    storm.emit(tup.values);
  }
}
`;
