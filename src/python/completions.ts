/**
 * Editor completions for the Petrel API as Storm Studio runs it: the classes to extend, the
 * methods Storm calls, `storm.*` with `storm.emit`'s keywords, and the fields of the tuple a
 * bolt's `process` receives. {@link petrelCompletions} is pure (text in, suggestions out);
 * {@link registerPetrelCompletions} plugs it into Monaco, taken as a parameter.
 */

export type PetrelCompletionKind = 'module' | 'class' | 'function' | 'method' | 'field' | 'keyword' | 'snippet';

export interface PetrelCompletion {
  readonly label: string;
  readonly kind: PetrelCompletionKind;
  /** Text to insert; a Monaco snippet (`${1:values}`) when {@link snippet} is true. */
  readonly insertText: string;
  readonly snippet: boolean;
  /** One line shown next to the label (a signature). */
  readonly detail: string;
  readonly documentation: string;
}

const item = (label: string, kind: PetrelCompletionKind, detail: string, documentation: string, insertText = label, snippet = false): PetrelCompletion => ({
  label,
  kind,
  insertText,
  snippet,
  detail,
  documentation,
});

const EMITTER_CLASSES = [
  item('Spout', 'class', 'class Spout(EmitterBase, storm.Spout)', 'Emits tuples from nextTuple(); learns their fate in ack(id) / fail(id).'),
  item('BasicBolt', 'class', 'class BasicBolt(EmitterBase, storm.BasicBolt)', 'Processes tuples; every emit is anchored to the input and the input is acked when process() returns.'),
  item('Bolt', 'class', 'class Bolt(EmitterBase, storm.Bolt)', 'Processes tuples; you anchor (anchors=[tup]) and call storm.ack(tup) / storm.fail(tup) yourself.'),
];

const STORM_NAMES = [
  item('FailedException', 'class', 'class FailedException(Exception)', "Raise in a BasicBolt's process() to fail the tuple (Storm Studio only: real Petrel has none)."),
  item('Tuple', 'class', 'class Tuple(id, component, stream, task, values)', 'A received tuple.'),
];

const STORM_FUNCTIONS = [
  item(
    'emit',
    'function',
    'emit(tup, stream=None, anchors=[], id=None, directTask=None)',
    'Emits a tuple (a list of values). Bolts: stream, anchors, directTask. Spouts: stream, id (a message id makes the tuple tracked: ack(id)/fail(id) follow).',
    'emit([${1:values}])',
    true,
  ),
  item('emitDirect', 'function', 'emitDirect(task, tup, stream=None, ...)', 'Emits to one task of a bolt that subscribes with direct grouping; the stream must be direct.', 'emitDirect(${1:task}, [${2:values}], stream=${3:\'stream\'})', true),
  item('emitMany', 'function', 'emitMany(tuples, stream=None, ...)', 'Emits each tuple of a list with the same options.', 'emitMany(${1:tuples})', true),
  item('ack', 'function', 'ack(tup)', 'Acknowledges a tuple (Bolt only; a BasicBolt acks for you).', 'ack(${1:tup})', true),
  item('ackId', 'function', 'ackId(tupid)', 'Acknowledges a tuple by its id (Bolt only).', 'ackId(${1:tup.id})', true),
  item('fail', 'function', 'fail(tup)', "Fails a tuple: its spout tuple is replayed through the spout's fail(id) (Bolt only).", 'fail(${1:tup})', true),
  item('reportError', 'function', 'reportError(msg)', "Reports an error in the component's errors without failing anything.", 'reportError(${1:msg})', true),
  item('log', 'function', 'log(msg)', 'Writes a line to the Storm worker log.', 'log(${1:msg})', true),
];

const EMIT_KEYWORDS = [
  item('stream=', 'keyword', "stream='default'", 'The output stream (declared on the component); default when omitted.', "stream=${1:'stream'}", true),
  item('anchors=', 'keyword', 'anchors=[tup]', 'Bolt: the input tuples this tuple comes from (ties it into their tuple trees).', 'anchors=[${1:tup}]', true),
  item('id=', 'keyword', 'id=message_id', 'Spout: a message id makes the tuple tracked; Storm calls ack(id) or fail(id).', 'id=${1:msg_id}', true),
  item('directTask=', 'keyword', 'directTask=task_id', 'Emit to this task only (direct stream, direct grouping).', 'directTask=${1:task}', true),
  item('need_task_ids=', 'keyword', 'need_task_ids=True', 'Return the ids of the tasks the tuple was sent to (None otherwise).', 'need_task_ids=True'),
];

const TUPLE_FIELDS = [
  item('values', 'field', 'values: list', 'The tuple values, in the order of the declared fields.'),
  item('id', 'field', 'id: str', 'The tuple id (as Storm sends it to Python).'),
  item('component', 'field', 'component: str', "The emitting component's id ('__system' for tick tuples)."),
  item('stream', 'field', 'stream: str', "The stream it was emitted on ('__tick' for tick tuples)."),
  item('task', 'field', 'task: int', 'The emitting task id (-1 for tick tuples).'),
  item('is_tick_tuple', 'method', 'is_tick_tuple() -> bool', 'True for the tick tuples Storm sends every topology.tick.tuple.freq.secs seconds.', 'is_tick_tuple()'),
  item('is_heartbeat_tuple', 'method', 'is_heartbeat_tuple() -> bool', "True for Storm's multilang heartbeats (Storm Studio sends none).", 'is_heartbeat_tuple()'),
];

const CONTEXT_KEYS = [
  item("'taskid'", 'field', 'int', "This task's id."),
  item("'componentid'", 'field', 'str', "This component's id."),
  item("'task->component'", 'field', 'dict', 'Every task id (as a string) → component id.'),
];

const METHOD_SNIPPETS = [
  item('def process', 'snippet', 'def process(self, tup):', 'Bolts: called for every input tuple.', 'def process(self, ${1:tup}):\n\t${0:pass}', true),
  item('def nextTuple', 'snippet', 'def nextTuple(self):', 'Spouts: called repeatedly; emit a tuple or return.', 'def nextTuple(self):\n\t${0:pass}', true),
  item('def ack', 'snippet', 'def ack(self, id):', 'Spouts: the tuple emitted with this message id was fully processed.', 'def ack(self, id):\n\t${0:pass}', true),
  item('def fail', 'snippet', 'def fail(self, id):', 'Spouts: the tuple emitted with this message id failed or timed out; replay it here.', 'def fail(self, id):\n\t${0:pass}', true),
  item('def initialize', 'snippet', 'def initialize(self, conf, context):', 'Called once per task before anything else: conf is the topology config, context the task context.', 'def initialize(self, conf, context):\n\t${0:pass}', true),
  item('def declareOutputFields', 'snippet', '@classmethod def declareOutputFields(cls):', 'The fields of the default stream.', "@classmethod\ndef declareOutputFields(cls):\n\treturn [${1:'field'}]", true),
  item(
    'def getComponentConfiguration',
    'snippet',
    'def getComponentConfiguration(self):',
    'Component config, e.g. the tick tuple period.',
    "def getComponentConfiguration(self):\n\treturn {'topology.tick.tuple.freq.secs': ${1:10}}",
    true,
  ),
];

/** The name of the tuple parameter of `def process(self, <name>)` in `code`, if any. */
function tupleParameter(code: string): string | null {
  return /def\s+process\s*\(\s*self\s*,\s*([A-Za-z_]\w*)/.exec(code)?.[1] ?? null;
}

/** True when the text before the cursor is inside the argument list of a storm emit call. */
function insideEmitCall(linePrefix: string): boolean {
  let depth = 0;
  for (let i = linePrefix.length - 1; i >= 0; i--) {
    const ch = linePrefix[i];
    if (ch === ')' || ch === ']' || ch === '}') depth++;
    else if (ch === '(' || ch === '[' || ch === '{') {
      if (depth === 0) return ch === '(' && /\bstorm\.emit(Direct|Many)?\s*$/.test(linePrefix.slice(0, i));
      depth--;
    }
  }
  return false;
}

/**
 * Suggestions at a cursor, given the text of its line before the cursor and the whole code.
 *
 * @example
 * petrelCompletions('        storm.', code).map((c) => c.label) // ['emit', 'emitDirect', …]
 */
export function petrelCompletions(linePrefix: string, code: string): PetrelCompletion[] {
  if (/^\s*from\s+petrel\.emitter\s+import\s+([\w\s,]*)$/.test(linePrefix)) return EMITTER_CLASSES;
  if (/^\s*from\s+petrel\.storm\s+import\s+([\w\s,]*)$/.test(linePrefix)) return [...STORM_NAMES, ...STORM_FUNCTIONS.map((f) => ({ ...f, insertText: f.label, snippet: false }))];
  if (/^\s*from\s+petrel\s+import\s+([\w\s,]*)$/.test(linePrefix)) {
    return [item('storm', 'module', 'petrel.storm', 'emit, ack, fail, log… and FailedException'), item('emitter', 'module', 'petrel.emitter', 'Spout, BasicBolt, Bolt')];
  }
  if (/\bstorm\.\w*$/.test(linePrefix)) return [...STORM_FUNCTIONS, ...STORM_NAMES];
  const tupleName = tupleParameter(code) ?? 'tup';
  const tupleAccess = new RegExp(`\\b(${tupleName}|tup|tuple)\\.\\w*$`);
  if (tupleAccess.test(linePrefix)) return TUPLE_FIELDS;
  const key = /\bcontext\[\s*(['"]?)[\w>-]*$/.exec(linePrefix);
  if (key) return key[1] ? CONTEXT_KEYS.map((k) => ({ ...k, insertText: k.label.slice(1, -1) })) : CONTEXT_KEYS;
  if (insideEmitCall(linePrefix) && /[(,]\s*\w*$/.test(linePrefix)) return EMIT_KEYWORDS;
  if (/^ {4}(def\s+)?\w*$|^\t(def\s+)?\w*$/.test(linePrefix)) return METHOD_SNIPPETS;
  if (/^\s*class\s+\w+\s*\(\s*\w*$/.test(linePrefix)) return EMITTER_CLASSES;
  return [];
}

/** The parts of the `monaco` namespace used here (so this module does not import Monaco). */
export interface MonacoCompletionApi {
  readonly languages: {
    readonly CompletionItemKind: Readonly<Record<'Module' | 'Class' | 'Function' | 'Method' | 'Field' | 'Keyword' | 'Snippet', number>>;
    readonly CompletionItemInsertTextRule: { readonly InsertAsSnippet: number };
    registerCompletionItemProvider(
      languageId: string,
      provider: {
        triggerCharacters?: string[];
        provideCompletionItems(
          model: { getLineContent(line: number): string; getValue(): string; getWordUntilPosition(p: unknown): { startColumn: number; endColumn: number } },
          position: { lineNumber: number; column: number },
        ): { suggestions: unknown[] };
      },
    ): { dispose(): void };
  };
}

const KIND_NAMES = {
  module: 'Module',
  class: 'Class',
  function: 'Function',
  method: 'Method',
  field: 'Field',
  keyword: 'Keyword',
  snippet: 'Snippet',
} as const;

/** Registers the Petrel completions for the `python` language; dispose to remove them. */
export function registerPetrelCompletions(monaco: MonacoCompletionApi): { dispose(): void } {
  const { languages } = monaco;
  return languages.registerCompletionItemProvider('python', {
    triggerCharacters: ['.', '(', ',', ' ', '['],
    provideCompletionItems(model, position) {
      const linePrefix = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const word = model.getWordUntilPosition(position);
      const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
      const suggestions = petrelCompletions(linePrefix, model.getValue()).map((c) => ({
        label: c.label,
        kind: languages.CompletionItemKind[KIND_NAMES[c.kind]],
        insertText: c.insertText,
        insertTextRules: c.snippet ? languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
        detail: c.detail,
        documentation: c.documentation,
        range,
      }));
      return { suggestions };
    },
  });
}
