/**
 * The palette's data sources: spouts a learner drops in place of Twitter's sample stream, which
 * cannot be reached offline. "Sample text" emits the bundled public-domain text
 * ({@link SAMPLE_TEXT_SOURCE}); "File replay" replays a file kept with the document (lines, CSV
 * or JSON lines). Both are ordinary Petrel components, in Python and JavaScript, configured by
 * component configuration keys (the inspector's Data source section) that Storm passes to
 * `initialize(conf, context)` on a cluster as the simulator does.
 */
import { DEFAULT_STREAM, type ComponentId } from './ids';
import { err, ok, type Result } from './result';
import { putDataFile, removeDataFile, SOURCE_FILE_KEY, SOURCE_FORMAT_KEY, SOURCE_LOOP_KEY, SOURCE_RATE_KEY, type CheckedDataFile, type ReplayFormat } from './data-files';
import { SAMPLE_SENTENCES, SAMPLE_TEXT_SOURCE } from './examples/sample-text';
import { setStreamFields, uniqueComponentId } from './operations';
import { findComponent } from './topology';
import type { ComponentSpec, ConfigMap, Language, Position, TopologyDocument } from './types';

export type DataSourceKind = 'sample-text' | 'file-replay';

/** What the palette says about each source (its label and its tooltip). */
export const DATA_SOURCES: readonly { readonly kind: DataSourceKind; readonly title: string; readonly text: string; readonly tooltip: string }[] = [
  {
    kind: 'sample-text',
    title: 'Sample text',
    text: "Stands in for Twitter's sample stream: bundled text, one sentence per tuple.",
    tooltip: `A spout in place of Twitter's sample stream (offline): ${SAMPLE_TEXT_SOURCE}, one sentence per tuple, at a rate you set (source.rate, tuples per second). Click to add, or drag onto the canvas.`,
  },
  {
    kind: 'file-replay',
    title: 'File replay',
    text: 'Replays a file you give: lines, CSV or JSON lines, at a chosen rate.',
    tooltip: 'A spout that replays a file you give in its inspector (kept with the document, exported next to the modules): one tuple per line, per CSV row (the header names the fields) or per JSON line (the keys are the fields), at a rate you set, once or looping. Click to add, or drag onto the canvas.',
  },
];

/** Which data source a component is (by its configuration keys), or null. */
export function dataSourceKind(c: ComponentSpec): DataSourceKind | null {
  if (c.kind !== 'spout') return null;
  if (SOURCE_FILE_KEY in c.config) return 'file-replay';
  if (SOURCE_RATE_KEY in c.config) return 'sample-text';
  return null;
}

const pySentences = `[\n${SAMPLE_SENTENCES.map((s) => `    ${JSON.stringify(s)},`).join('\n')}\n]`;
const jsSentences = `[\n${SAMPLE_SENTENCES.map((s) => `  ${JSON.stringify(s)},`).join('\n')}\n]`;

export const SAMPLE_TEXT_PY = `"""Sample text: a stand-in for Twitter's sample stream, which Storm Studio cannot reach offline.
Emits the bundled text, ${SAMPLE_TEXT_SOURCE},
one sentence per tuple, over and over.

The rate is the component configuration key source.rate, in tuples per second per task (the
inspector's Data source section; on Storm, the component's configuration)."""
import time

from petrel import storm
from petrel.emitter import Spout

RATE_KEY = 'source.rate'
DEFAULT_RATE = 4.0  # tuples per second when source.rate is not set

SENTENCES = ${pySentences}


class SampleTextSpout(Spout):
    def __init__(self):
        super(SampleTextSpout, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['sentence']

    def initialize(self, conf, context):
        rate = float(conf.get(RATE_KEY, DEFAULT_RATE))
        if rate <= 0:
            raise ValueError('%s must be a number of tuples per second > 0, not %r' % (RATE_KEY, rate))
        self.interval = 1.0 / rate
        self.index = 0

    def nextTuple(self):
        storm.emit([SENTENCES[self.index % len(SENTENCES)]])
        self.index += 1
        time.sleep(self.interval)


def run():
    SampleTextSpout().run()
`;

export const SAMPLE_TEXT_JS = `// Sample text: a stand-in for Twitter's sample stream, which Storm Studio cannot reach offline.
// Emits the bundled text, ${SAMPLE_TEXT_SOURCE},
// one sentence per tuple, over and over.
//
// The rate is the component configuration key source.rate, in tuples per second per task (the
// inspector's Data source section; on Storm, the component's configuration).
const RATE_KEY = 'source.rate';
const DEFAULT_RATE = 4; // tuples per second when source.rate is not set

const SENTENCES = ${jsSentences};

export default class SampleTextSpout extends Spout {
  static declareOutputFields() {
    return ['sentence'];
  }

  initialize(conf, context) {
    const rate = Number(conf[RATE_KEY] ?? DEFAULT_RATE);
    if (!(rate > 0)) throw new Error(RATE_KEY + ' must be a number of tuples per second > 0, not ' + JSON.stringify(conf[RATE_KEY]));
    this.interval = 1 / rate;
    this.index = 0;
  }

  nextTuple() {
    storm.emit([SENTENCES[this.index % SENTENCES.length]]);
    this.index += 1;
    storm.sleep(this.interval);
  }
}
`;

export const FILE_REPLAY_PY = `"""File replay: replays a file kept with the document, one tuple per line, per CSV record or per
JSON object, at a chosen rate, once or over and over.

Its component configuration (the inspector's Data source section, where you also give the file):
  source.file    the file's name: the code opens it by that name, in the simulator as in the
                 exported project (where it sits next to this module)
  source.format  lines (one field, "line"), csv (the header row names the fields) or jsonl (one
                 JSON object per line, its keys are the fields)
  source.rate    tuples per second per task
  source.loop    true: start again at the end of the file
The fields emitted are those declareOutputFields returns, taken from the file by name."""
import csv
import json
import logging
import time

from petrel import storm
from petrel.emitter import Spout

log = logging.getLogger('file-replay')


def read_records(name, fmt, fields):
    """The file's records as lists of values in the order of fields; errors name the file and line."""
    records = []
    with open(name, encoding='utf-8', newline='') as f:
        if fmt == 'csv':
            reader = csv.reader(f)
            header = None
            for row in reader:
                if not row:
                    continue
                if header is None:
                    header = row
                    missing = [x for x in fields if x not in header]
                    if missing:
                        raise ValueError('%s, line %d: the header has no column %r' % (name, reader.line_num, missing[0]))
                    index = [header.index(x) for x in fields]
                elif len(row) != len(header):
                    raise ValueError('%s, line %d: %d fields, but the header has %d' % (name, reader.line_num, len(row), len(header)))
                else:
                    records.append([row[i] for i in index])
        elif fmt == 'jsonl':
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except ValueError as e:
                    raise ValueError('%s, line %d: not valid JSON (%s)' % (name, number, e))
                if not isinstance(value, dict):
                    raise ValueError('%s, line %d: not a JSON object' % (name, number))
                records.append([value.get(x) for x in fields])
        elif fmt == 'lines':
            for line in f:
                line = line.rstrip('\\r\\n')
                if line:
                    records.append([line])
        else:
            raise ValueError('source.format is %r: use lines, csv or jsonl' % (fmt,))
    return records


class FileReplaySpout(Spout):
    def __init__(self):
        super(FileReplaySpout, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['line']

    def initialize(self, conf, context):
        self.name = conf.get('source.file')
        if not self.name:
            raise ValueError('source.file names no file: give one in the inspector of this spout')
        rate = float(conf.get('source.rate', 10))
        if rate <= 0:
            raise ValueError('source.rate must be a number of tuples per second > 0, not %r' % (rate,))
        self.interval = 1.0 / rate
        self.loop = bool(conf.get('source.loop', False))
        self.records = read_records(self.name, conf.get('source.format', 'lines'), self.declareOutputFields())
        self.index = 0
        self.done = False

    def nextTuple(self):
        if self.index >= len(self.records):
            if not self.loop or not self.records:
                if not self.done:
                    log.info('%s replayed: %d tuples', self.name, self.index)
                    self.done = True
                return
            self.index = 0
        storm.emit(self.records[self.index])
        self.index += 1
        time.sleep(self.interval)


def run():
    FileReplaySpout().run()
`;

export const FILE_REPLAY_JS = `// File replay: replays a file kept with the document, one tuple per line, per CSV record or per
// JSON object, at a chosen rate, once or over and over.
//
// Its component configuration (the inspector's Data source section, where you also give the file):
//   source.file    the file's name: storm.readFile(name) reads it, in the simulator as in the
//                  exported project (where it sits next to this module)
//   source.format  lines (one field, "line"), csv (the header row names the fields) or jsonl (one
//                  JSON object per line, its keys are the fields)
//   source.rate    tuples per second per task
//   source.loop    true: start again at the end of the file
// The fields emitted are those declareOutputFields returns, taken from the file by name.

// CSV records (RFC 4180 quoting) with the line each starts on.
function csvRecords(text) {
  const records = [];
  let fields = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let blank = true;
  const end = () => {
    if (!(blank && field === '')) records.push({ row: [...fields, field], line: start });
    fields = [];
    field = '';
    blank = true;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else (field += ch), (line += ch === '\\n' ? 1 : 0);
    } else if (ch === '"' && field === '') (quoted = true), (blank = false);
    else if (ch === ',') fields.push(field), (field = ''), (blank = false);
    else if (ch === '\\n' || ch === '\\r') {
      if (ch === '\\r' && text[i + 1] === '\\n') i++;
      end();
      line += 1;
      start = line;
    } else (field += ch), (blank = false);
  }
  end();
  return records;
}

// The file's records as lists of values in the order of fields; errors name the file and line.
function readRecords(name, format, fields) {
  const text = storm.readFile(name);
  if (format === 'csv') {
    const [header, ...rows] = csvRecords(text);
    if (!header) return [];
    const missing = fields.find((f) => !header.row.includes(f));
    if (missing !== undefined) throw new Error(name + ', line ' + header.line + ': the header has no column ' + JSON.stringify(missing));
    const index = fields.map((f) => header.row.indexOf(f));
    return rows.map(({ row, line }) => {
      if (row.length !== header.row.length) throw new Error(name + ', line ' + line + ': ' + row.length + ' fields, but the header has ' + header.row.length);
      return index.map((i) => row[i]);
    });
  }
  const lines = text.split(/\\r?\\n/);
  if (format === 'jsonl') {
    const records = [];
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      let value;
      try {
        value = JSON.parse(line);
      } catch (e) {
        throw new Error(name + ', line ' + (i + 1) + ': not valid JSON (' + e.message + ')');
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(name + ', line ' + (i + 1) + ': not a JSON object');
      records.push(fields.map((f) => value[f] ?? null));
    });
    return records;
  }
  if (format !== 'lines') throw new Error('source.format is ' + JSON.stringify(format) + ': use lines, csv or jsonl');
  return lines.filter((line) => line !== '').map((line) => [line]);
}

export default class FileReplaySpout extends Spout {
  static declareOutputFields() {
    return ['line'];
  }

  initialize(conf, context) {
    this.name = conf['source.file'];
    if (!this.name) throw new Error('source.file names no file: give one in the inspector of this spout');
    const rate = Number(conf['source.rate'] ?? 10);
    if (!(rate > 0)) throw new Error('source.rate must be a number of tuples per second > 0, not ' + JSON.stringify(conf['source.rate']));
    this.interval = 1 / rate;
    this.loop = Boolean(conf['source.loop']);
    this.records = readRecords(this.name, conf['source.format'] ?? 'lines', FileReplaySpout.declareOutputFields());
    this.index = 0;
    this.done = false;
  }

  nextTuple() {
    if (this.index >= this.records.length) {
      if (!this.loop || this.records.length === 0) {
        if (!this.done) console.info(this.name + ' replayed: ' + this.index + ' tuples');
        this.done = true;
        return;
      }
      this.index = 0;
    }
    storm.emit(this.records[this.index]);
    this.index += 1;
    storm.sleep(this.interval);
  }
}
`;

/** The spout of a data source, with both languages' code; `language` runs. */
export function dataSourceComponent(kind: DataSourceKind, id: ComponentId, position: Position, language: Language): ComponentSpec {
  const sample = kind === 'sample-text';
  const config: ConfigMap = sample ? { [SOURCE_RATE_KEY]: 4 } : { [SOURCE_FILE_KEY]: '', [SOURCE_FORMAT_KEY]: 'lines', [SOURCE_RATE_KEY]: 10, [SOURCE_LOOP_KEY]: false };
  return {
    kind: 'spout',
    id,
    language,
    code: sample ? { python: SAMPLE_TEXT_PY, javascript: SAMPLE_TEXT_JS } : { python: FILE_REPLAY_PY, javascript: FILE_REPLAY_JS },
    parallelism: 1,
    numTasks: null,
    streams: [{ id: DEFAULT_STREAM, fields: [sample ? 'sentence' : 'line'], direct: false }],
    config,
    costMs: null,
    position: { x: Math.round(position.x), y: Math.round(position.y) },
  };
}

/**
 * Adds a data source spout at `position`, with an id not yet taken (`sample-text`, `file-replay`).
 *
 * @example
 * addDataSource(doc, 'sample-text', { x: 0, y: 0 }, 'python').id // 'sample-text'
 */
export function addDataSource(doc: TopologyDocument, kind: DataSourceKind, position: Position, language: Language): { doc: TopologyDocument; id: ComponentId } {
  const id = uniqueComponentId(doc, kind);
  return { doc: { ...doc, components: [...doc.components, dataSourceComponent(kind, id, position, language)] }, id };
}

/** Sets one configuration key of a component. */
export function setComponentConfigKey(doc: TopologyDocument, id: string, key: string, value: ConfigMap[string]): TopologyDocument {
  const c = findComponent(doc, id);
  if (!c || c.config[key] === value) return doc;
  return { ...doc, components: doc.components.map((x) => (x.id === id ? { ...x, config: { ...x.config, [key]: value } } : x)) };
}

/**
 * Gives a File replay spout its file: the file joins the document's data files (replacing one of
 * the same name), the spout's `source.file` and `source.format` name it, and its default stream
 * (and the code's `declareOutputFields`) takes the file's fields. The file the spout replayed
 * before is removed when no other component names it. One edit, so one undo step.
 */
export function attachReplayFile(doc: TopologyDocument, id: string, checked: CheckedDataFile, format: ReplayFormat): Result<TopologyDocument, string> {
  const c = findComponent(doc, id);
  if (!c || dataSourceKind(c) !== 'file-replay') return err([`"${id}" is not a File replay spout.`]);
  const previous = c.config[SOURCE_FILE_KEY];
  const put = putDataFile(doc, checked.file);
  if (!put.ok) return put;
  let next = setComponentConfigKey(put.value, id, SOURCE_FILE_KEY, checked.file.name);
  next = setComponentConfigKey(next, id, SOURCE_FORMAT_KEY, format);
  const fields = setStreamFields(next, id, DEFAULT_STREAM, checked.fields);
  if (!fields.ok) return err(fields.errors.map((e) => `${checked.file.name}: the fields ${JSON.stringify(checked.fields)} cannot be a stream's: ${e}`));
  next = fields.value;
  if (typeof previous === 'string' && previous !== '' && previous !== checked.file.name) {
    const stillUsed = next.components.some((x) => x.config[SOURCE_FILE_KEY] === previous);
    if (!stillUsed) next = removeDataFile(next, previous);
  }
  return ok(next);
}
