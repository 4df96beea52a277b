import { diagnostic, LIMITS, type Diagnostic } from './diagnostics';
import { bareId, idProblem, MAX_ID_LENGTH, showId, type ComponentId } from './ids';
import { ackerCount, findStream, taskCount } from './topology';
import { SOURCE_FILE_KEY, SOURCE_RATE_KEY } from './data-files';
import { TICK_FREQ_KEY, type ComponentSpec, type Subscription, type TopologyDocument } from './types';

const isWhole = (n: unknown, min: number): boolean => typeof n === 'number' && Number.isInteger(n) && n >= min;

/**
 * Checks a document against Storm's rules (docs/engine.md, "How the simulator maps to Storm") and returns every problem found, each naming
 * the component, subscription or topology setting it is about. An empty list means Storm would
 * accept the topology.
 *
 * @example
 * validate(doc).filter((d) => d.severity === 'error').map((d) => d.message)
 */
export function validate(doc: TopologyDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  validateTopology(doc, out);
  const byId = new Map<string, ComponentSpec>();
  for (const c of doc.components) {
    if (byId.has(c.id)) {
      out.push(diagnostic('E_DUPLICATE_ID', { kind: 'component', id: c.id, field: 'id' }, `Two components are named ${showId(c.id)}: component ids must be unique.`));
    } else byId.set(c.id, c);
    validateComponent(c, out);
  }
  if (!doc.components.some((c) => c.kind === 'spout')) {
    out.push(diagnostic('E_NO_SPOUT', { kind: 'topology' }, 'The topology has no spout, so no tuple ever enters it.'));
  }
  const seen = new Set<string>();
  for (const sub of doc.subscriptions) {
    validateSubscription(sub, byId, out);
    const key = JSON.stringify([sub.to, sub.from, sub.stream]);
    if (seen.has(key)) {
      out.push(diagnostic('E_DUPLICATE_SUBSCRIPTION', { kind: 'subscription', id: sub.id }, `Bolt ${showId(sub.to)} subscribes to stream ${showId(sub.stream)} of ${showId(sub.from)} more than once.`));
    }
    seen.add(key);
  }
  const fed = new Set<ComponentId>(doc.subscriptions.map((s) => s.to));
  for (const c of doc.components) {
    if (c.kind === 'bolt' && !fed.has(c.id)) {
      out.push(diagnostic('E_BOLT_NO_INPUT', { kind: 'component', id: c.id }, `Bolt ${showId(c.id)} subscribes to nothing: connect a spout or bolt to it.`));
    }
  }
  validateTotals(doc, out);
  validateDataSources(doc, out);
  return out;
}

/** Data source spouts (src/model/data-sources.ts): a rate > 0, and the file a File replay spout replays. */
function validateDataSources(doc: TopologyDocument, out: Diagnostic[]): void {
  const files = new Set((doc.dataFiles ?? []).map((f) => f.name));
  for (const c of doc.components) {
    if (c.kind !== 'spout') continue;
    const at = (field: string) => ({ kind: 'component', id: c.id, field }) as const;
    const rate = c.config[SOURCE_RATE_KEY];
    if (rate !== undefined && !(typeof rate === 'number' && rate > 0 && Number.isFinite(rate))) {
      out.push(diagnostic('E_SOURCE_RATE', at('source'), `Spout ${showId(c.id)} has ${SOURCE_RATE_KEY} ${JSON.stringify(rate)}: it must be a number of tuples per second > 0.`));
    }
    if (!(SOURCE_FILE_KEY in c.config)) continue;
    const file = c.config[SOURCE_FILE_KEY];
    if (typeof file !== 'string' || file === '') {
      out.push(diagnostic('E_DATA_FILE', at('source'), `Spout ${showId(c.id)} replays no file yet: give it one in its inspector (Data source).`));
    } else if (!files.has(file)) {
      out.push(diagnostic('E_DATA_FILE', at('source'), `Spout ${showId(c.id)} replays ${showId(file)}, which this document does not hold: give the file again in its inspector (Data source).`));
    }
  }
}

/** The topology-wide task limit (acker tasks included), checked when every count is in range. */
function validateTotals(doc: TopologyDocument, out: Diagnostic[]): void {
  let total = 0;
  for (const c of doc.components) {
    if (!isWhole(c.parallelism, 1) || c.parallelism > LIMITS.maxParallelism) return;
    if (c.numTasks !== null && (!isWhole(c.numTasks, 1) || c.numTasks > LIMITS.maxTasks)) return;
    total += taskCount(c);
  }
  const ackers = ackerCount(doc.config);
  if (isWhole(ackers, 0) && ackers <= LIMITS.maxAckers) total += ackers;
  if (total > LIMITS.maxTotalTasks) {
    out.push(diagnostic('E_LIMIT_TOTAL_TASKS', { kind: 'topology' }, `The topology has ${total.toLocaleString('en')} tasks (acker tasks included): Storm Studio runs at most ${LIMITS.maxTotalTasks.toLocaleString('en')}.`));
  }
}

function validateTopology(doc: TopologyDocument, out: Diagnostic[]): void {
  const t = (field: string) => ({ kind: 'topology', field }) as const;
  if (!/^[^/.:\\]+$/.test(doc.name)) {
    out.push(diagnostic('E_TOPOLOGY_NAME', t('name'), `Topology name ${showId(doc.name)} is not valid in Storm: it must be non-empty and may not contain / . : or \\.`));
  }
  const c = doc.config;
  if (!isWhole(c.workers, 1)) out.push(diagnostic('E_WORKERS', t('workers'), `topology.workers is ${c.workers}: it must be a whole number ≥ 1.`));
  else if (c.workers > LIMITS.maxWorkers) out.push(diagnostic('E_LIMIT_WORKERS', t('workers'), `topology.workers is ${c.workers}: Storm Studio runs at most ${LIMITS.maxWorkers} workers.`));
  if (c.ackers !== null && !isWhole(c.ackers, 0)) out.push(diagnostic('E_ACKERS', t('ackers'), `topology.acker.executors is ${c.ackers}: it must be a whole number ≥ 0.`));
  else if (c.ackers !== null && c.ackers > LIMITS.maxAckers) out.push(diagnostic('E_LIMIT_ACKERS', t('ackers'), `topology.acker.executors is ${c.ackers}: Storm Studio runs at most ${LIMITS.maxAckers.toLocaleString('en')} ackers.`));
  if (!(typeof c.messageTimeoutSecs === 'number' && c.messageTimeoutSecs > 0)) {
    out.push(diagnostic('E_MESSAGE_TIMEOUT', t('messageTimeoutSecs'), `topology.message.timeout.secs is ${c.messageTimeoutSecs}: it must be a number of seconds > 0.`));
  } else if (!(c.messageTimeoutSecs >= LIMITS.minMessageTimeoutSecs && c.messageTimeoutSecs <= LIMITS.maxMessageTimeoutSecs)) {
    out.push(diagnostic('E_LIMIT_MESSAGE_TIMEOUT', t('messageTimeoutSecs'), `topology.message.timeout.secs is ${c.messageTimeoutSecs}: Storm Studio accepts ${LIMITS.minMessageTimeoutSecs} to ${LIMITS.maxMessageTimeoutSecs.toLocaleString('en')} seconds.`));
  }
  const tick = c.custom[TICK_FREQ_KEY];
  if (tick !== undefined && tick !== null) checkTick(tick, t('custom'), 'The topology', out);
  if (c.maxSpoutPending !== null && !isWhole(c.maxSpoutPending, 1)) {
    out.push(diagnostic('E_MAX_SPOUT_PENDING', t('maxSpoutPending'), `topology.max.spout.pending is ${c.maxSpoutPending}: it must be a whole number ≥ 1 (or unset).`));
  }
}

function validateComponent(c: ComponentSpec, out: Diagnostic[]): void {
  const at = (field?: string) => ({ kind: 'component', id: c.id, field }) as const;
  const name = `${c.kind === 'spout' ? 'Spout' : 'Bolt'} ${showId(c.id)}`;
  const problem = idProblem(c.id);
  if (problem === 'empty') out.push(diagnostic('E_EMPTY_ID', at('id'), `A ${c.kind} has an empty id.`));
  else if (problem === 'system') out.push(diagnostic('E_SYSTEM_ID', at('id'), `${name}: ids starting with "__" are reserved for Storm's system components.`));
  else if (problem !== null) out.push(diagnostic('E_INVALID_ID', at('id'), `${name}: ${idRuleText('component', problem)}`));
  if (!isWhole(c.parallelism, 1)) out.push(diagnostic('E_PARALLELISM', at('parallelism'), `${name} has parallelism ${c.parallelism}: it must be a whole number ≥ 1.`));
  else if (c.parallelism > LIMITS.maxParallelism) out.push(diagnostic('E_LIMIT_PARALLELISM', at('parallelism'), `${name} has parallelism ${c.parallelism}: Storm Studio runs at most ${LIMITS.maxParallelism.toLocaleString('en')} executors per component.`));
  if (c.numTasks !== null && !isWhole(c.numTasks, 1)) out.push(diagnostic('E_NUM_TASKS', at('numTasks'), `${name} has ${c.numTasks} tasks: it must be a whole number ≥ 1.`));
  else if (c.numTasks !== null && c.numTasks > LIMITS.maxTasks) out.push(diagnostic('E_LIMIT_TASKS', at('numTasks'), `${name} has ${c.numTasks} tasks: Storm Studio runs at most ${LIMITS.maxTasks.toLocaleString('en')} tasks per component.`));
  else if (isWhole(c.parallelism, 1) && taskCount(c) < c.parallelism) {
    out.push(diagnostic('W_TASKS_BELOW_PARALLELISM', at('numTasks'), `${name} has ${taskCount(c)} tasks for ${c.parallelism} executors: Storm runs only ${taskCount(c)} executors.`));
  }
  const tick = c.config[TICK_FREQ_KEY];
  if (tick !== undefined && tick !== null) checkTick(tick, at('tick'), name, out);
  if (c.costMs !== null && !(typeof c.costMs === 'number' && c.costMs >= 0 && Number.isFinite(c.costMs))) {
    out.push(diagnostic('E_COST', at('costMs'), `${name} has simulated cost ${c.costMs} ms per call: it must be a number ≥ 0.`));
  }
  if (c.kind === 'spout' && c.streams.length === 0) out.push(diagnostic('E_NO_STREAMS', at('streams'), `${name} declares no output stream.`));
  const streams = new Set<string>();
  for (const s of c.streams) {
    const streamProblem = idProblem(s.id);
    if (streamProblem === 'empty') out.push(diagnostic('E_EMPTY_STREAM_ID', at('streams'), `${name} has a stream with an empty id.`));
    else if (streamProblem === 'system') out.push(diagnostic('E_SYSTEM_STREAM', at('streams'), `${name} declares stream ${showId(s.id)}: stream ids starting with "__" are reserved for Storm.`));
    else if (streamProblem !== null) out.push(diagnostic('E_INVALID_STREAM_ID', at('streams'), `${name} declares stream ${showId(s.id)}: ${idRuleText('stream', streamProblem)}`));
    if (streams.has(s.id)) out.push(diagnostic('E_DUPLICATE_STREAM', at('streams'), `${name} declares stream ${showId(s.id)} twice.`));
    streams.add(s.id);
    const fields = new Set<string>();
    for (const f of s.fields) {
      if (f.trim() === '') out.push(diagnostic('E_EMPTY_FIELD', at('streams'), `${name}, stream ${showId(s.id)}: a field name is empty.`));
      else if (fields.has(f)) out.push(diagnostic('E_DUPLICATE_FIELD', at('streams'), `${name}, stream ${showId(s.id)}: field ${showId(f)} is declared twice.`));
      fields.add(f);
    }
  }
  if ((c.code[c.language] ?? '').trim() === '') {
    out.push(diagnostic('E_NO_CODE', at('code'), `${name} has no ${c.language === 'python' ? 'Python' : 'JavaScript'} code.`));
  }
}

/** The tick period check, for a component or the whole topology. */
function checkTick(tick: unknown, target: Diagnostic['target'], name: string, out: Diagnostic[]): void {
  if (!(typeof tick === 'number' && tick > 0)) {
    out.push(diagnostic('E_TICK_FREQ', target, `${name} has tick frequency ${JSON.stringify(tick)}: it must be a number of seconds > 0.`));
  } else if (tick < LIMITS.minTickSecs) {
    out.push(diagnostic('E_LIMIT_TICK_FREQ', target, `${name} has tick frequency ${tick} s: Storm Studio's shortest tick period is ${LIMITS.minTickSecs} s.`));
  }
}

/**
 * The id rule as a sentence, for a `validate()` message or a refused rename.
 *
 * @example
 * idRuleText('component', 'characters') // 'use ASCII letters, digits, "_", "-" and "." (not starting with "-" or ".").'
 */
export function idRuleText(what: 'component' | 'stream', problem: Exclude<ReturnType<typeof idProblem>, null>): string {
  switch (problem) {
    case 'empty':
      return `a ${what} id may not be empty.`;
    case 'system':
      return `${what} ids starting with "__" are reserved for Storm.`;
    case 'too-long':
      return `a ${what} id is at most ${MAX_ID_LENGTH} characters long.`;
    case 'characters':
      return 'use ASCII letters, digits, "_", "-" and "." (not starting with "-" or ".").';
  }
}

function validateSubscription(sub: Subscription, byId: ReadonlyMap<string, ComponentSpec>, out: Diagnostic[]): void {
  const at = (field?: string) => ({ kind: 'subscription', id: sub.id, field }) as const;
  const edge = `Subscription ${bareId(sub.from)} → ${bareId(sub.to)}`;
  const source = byId.get(sub.from);
  const target = byId.get(sub.to);
  if (!target) out.push(diagnostic('E_UNKNOWN_TARGET', at('to'), `${edge}: there is no component ${showId(sub.to)}.`));
  else if (target.kind === 'spout') out.push(diagnostic('E_SPOUT_INPUT', at('to'), `${edge}: ${showId(sub.to)} is a spout, and spouts may not declare inputs.`));
  if (!source) {
    out.push(diagnostic('E_UNKNOWN_SOURCE', at('from'), `${edge}: there is no component ${showId(sub.from)} to subscribe to.`));
    return;
  }
  const stream = findStream(source, sub.stream);
  if (!stream) {
    out.push(diagnostic('E_UNKNOWN_STREAM', at('stream'), `${edge}: ${showId(sub.from)} does not declare stream ${showId(sub.stream)}.`));
    return;
  }
  const g = sub.grouping;
  if (g.kind === 'fields' || g.kind === 'partialKey') {
    if (g.fields.length === 0) out.push(diagnostic('E_NO_GROUPING_FIELDS', at('grouping'), `${edge}: ${g.kind} grouping names no field.`));
    for (const f of g.fields) {
      if (!stream.fields.includes(f)) {
        out.push(diagnostic('E_UNKNOWN_FIELD', at('grouping'), `${edge}: field ${showId(f)} is not declared by stream ${showId(sub.stream)} of ${showId(sub.from)} (it has ${stream.fields.length ? stream.fields.map(showId).join(', ') : 'no fields'}).`));
      }
    }
  }
  if (g.kind === 'direct' && stream.direct) {
    out.push(
      diagnostic(
        'W_DIRECT_FROM_SHELL',
        at('grouping'),
        `${edge}: ${showId(sub.from)} emits direct from ${source.language === 'python' ? 'Python' : 'JavaScript'}. The simulator routes it as Storm's emitDirect does, but on real Storm 2.8 a direct emit from a multilang (Python or JavaScript) component fails: its JSON reader casts the task number to Long (ClassCastException) and the component's process is killed. On a real cluster, write the emitting component in Java.`,
      ),
    );
  }
  if (g.kind === 'direct' && !stream.direct) {
    out.push(diagnostic('E_DIRECT_ON_NON_DIRECT', at('grouping'), `${edge}: direct grouping on stream ${showId(sub.stream)}, which ${showId(sub.from)} does not declare direct.`));
  }
  if (g.kind !== 'direct' && stream.direct) {
    out.push(diagnostic('E_NON_DIRECT_ON_DIRECT', at('grouping'), `${edge}: stream ${showId(sub.stream)} is direct, so it must be consumed with direct grouping (not ${g.kind}).`));
  }
}
