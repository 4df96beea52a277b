import { diagnostic, type Diagnostic } from './diagnostics';
import { isSystemId, type ComponentId } from './ids';
import { findStream, taskCount } from './topology';
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
      out.push(diagnostic('E_DUPLICATE_ID', { kind: 'component', id: c.id, field: 'id' }, `Two components are named "${c.id}": component ids must be unique.`));
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
      out.push(diagnostic('E_DUPLICATE_SUBSCRIPTION', { kind: 'subscription', id: sub.id }, `Bolt "${sub.to}" subscribes to stream "${sub.stream}" of "${sub.from}" more than once.`));
    }
    seen.add(key);
  }
  const fed = new Set<ComponentId>(doc.subscriptions.map((s) => s.to));
  for (const c of doc.components) {
    if (c.kind === 'bolt' && !fed.has(c.id)) {
      out.push(diagnostic('E_BOLT_NO_INPUT', { kind: 'component', id: c.id }, `Bolt "${c.id}" subscribes to nothing: connect a spout or bolt to it.`));
    }
  }
  return out;
}

function validateTopology(doc: TopologyDocument, out: Diagnostic[]): void {
  const t = (field: string) => ({ kind: 'topology', field }) as const;
  if (!/^[^/.:\\]+$/.test(doc.name)) {
    out.push(diagnostic('E_TOPOLOGY_NAME', t('name'), `Topology name "${doc.name}" is not valid in Storm: it must be non-empty and may not contain / . : or \\.`));
  }
  const c = doc.config;
  if (!isWhole(c.workers, 1)) out.push(diagnostic('E_WORKERS', t('workers'), `topology.workers is ${c.workers}: it must be a whole number ≥ 1.`));
  if (c.ackers !== null && !isWhole(c.ackers, 0)) out.push(diagnostic('E_ACKERS', t('ackers'), `topology.acker.executors is ${c.ackers}: it must be a whole number ≥ 0.`));
  if (!(typeof c.messageTimeoutSecs === 'number' && c.messageTimeoutSecs > 0)) {
    out.push(diagnostic('E_MESSAGE_TIMEOUT', t('messageTimeoutSecs'), `topology.message.timeout.secs is ${c.messageTimeoutSecs}: it must be a number of seconds > 0.`));
  }
  if (c.maxSpoutPending !== null && !isWhole(c.maxSpoutPending, 1)) {
    out.push(diagnostic('E_MAX_SPOUT_PENDING', t('maxSpoutPending'), `topology.max.spout.pending is ${c.maxSpoutPending}: it must be a whole number ≥ 1 (or unset).`));
  }
}

function validateComponent(c: ComponentSpec, out: Diagnostic[]): void {
  const at = (field?: string) => ({ kind: 'component', id: c.id, field }) as const;
  const name = `${c.kind === 'spout' ? 'Spout' : 'Bolt'} "${c.id}"`;
  if (c.id.trim() === '') out.push(diagnostic('E_EMPTY_ID', at('id'), `A ${c.kind} has an empty id.`));
  else if (isSystemId(c.id)) out.push(diagnostic('E_SYSTEM_ID', at('id'), `${name}: ids starting with "__" are reserved for Storm's system components.`));
  if (!isWhole(c.parallelism, 1)) out.push(diagnostic('E_PARALLELISM', at('parallelism'), `${name} has parallelism ${c.parallelism}: it must be a whole number ≥ 1.`));
  if (c.numTasks !== null && !isWhole(c.numTasks, 1)) out.push(diagnostic('E_NUM_TASKS', at('numTasks'), `${name} has ${c.numTasks} tasks: it must be a whole number ≥ 1.`));
  else if (isWhole(c.parallelism, 1) && taskCount(c) < c.parallelism) {
    out.push(diagnostic('W_TASKS_BELOW_PARALLELISM', at('numTasks'), `${name} has ${taskCount(c)} tasks for ${c.parallelism} executors: Storm runs only ${taskCount(c)} executors.`));
  }
  const tick = c.config[TICK_FREQ_KEY];
  if (tick !== undefined && tick !== null && !(typeof tick === 'number' && tick > 0)) {
    out.push(diagnostic('E_TICK_FREQ', at('tick'), `${name} has tick frequency ${JSON.stringify(tick)}: it must be a number of seconds > 0.`));
  }
  if (c.costMs !== null && !(typeof c.costMs === 'number' && c.costMs >= 0 && Number.isFinite(c.costMs))) {
    out.push(diagnostic('E_COST', at('costMs'), `${name} has simulated cost ${c.costMs} ms per call: it must be a number ≥ 0.`));
  }
  if (c.kind === 'spout' && c.streams.length === 0) out.push(diagnostic('E_NO_STREAMS', at('streams'), `${name} declares no output stream.`));
  const streams = new Set<string>();
  for (const s of c.streams) {
    if (s.id.trim() === '') out.push(diagnostic('E_EMPTY_STREAM_ID', at('streams'), `${name} has a stream with an empty id.`));
    else if (isSystemId(s.id)) out.push(diagnostic('E_SYSTEM_STREAM', at('streams'), `${name} declares stream "${s.id}": stream ids starting with "__" are reserved for Storm.`));
    if (streams.has(s.id)) out.push(diagnostic('E_DUPLICATE_STREAM', at('streams'), `${name} declares stream "${s.id}" twice.`));
    streams.add(s.id);
    const fields = new Set<string>();
    for (const f of s.fields) {
      if (f.trim() === '') out.push(diagnostic('E_EMPTY_FIELD', at('streams'), `${name}, stream "${s.id}": a field name is empty.`));
      else if (fields.has(f)) out.push(diagnostic('E_DUPLICATE_FIELD', at('streams'), `${name}, stream "${s.id}": field "${f}" is declared twice.`));
      fields.add(f);
    }
  }
  if ((c.code[c.language] ?? '').trim() === '') {
    out.push(diagnostic('E_NO_CODE', at('code'), `${name} has no ${c.language === 'python' ? 'Python' : 'JavaScript'} code.`));
  }
}

function validateSubscription(sub: Subscription, byId: ReadonlyMap<string, ComponentSpec>, out: Diagnostic[]): void {
  const at = (field?: string) => ({ kind: 'subscription', id: sub.id, field }) as const;
  const edge = `Subscription ${sub.from} → ${sub.to}`;
  const source = byId.get(sub.from);
  const target = byId.get(sub.to);
  if (!target) out.push(diagnostic('E_UNKNOWN_TARGET', at('to'), `${edge}: there is no component "${sub.to}".`));
  else if (target.kind === 'spout') out.push(diagnostic('E_SPOUT_INPUT', at('to'), `${edge}: "${sub.to}" is a spout, and spouts may not declare inputs.`));
  if (!source) {
    out.push(diagnostic('E_UNKNOWN_SOURCE', at('from'), `${edge}: there is no component "${sub.from}" to subscribe to.`));
    return;
  }
  const stream = findStream(source, sub.stream);
  if (!stream) {
    out.push(diagnostic('E_UNKNOWN_STREAM', at('stream'), `${edge}: "${sub.from}" does not declare stream "${sub.stream}".`));
    return;
  }
  const g = sub.grouping;
  if (g.kind === 'fields' || g.kind === 'partialKey') {
    if (g.fields.length === 0) out.push(diagnostic('E_NO_GROUPING_FIELDS', at('grouping'), `${edge}: ${g.kind} grouping names no field.`));
    for (const f of g.fields) {
      if (!stream.fields.includes(f)) {
        out.push(diagnostic('E_UNKNOWN_FIELD', at('grouping'), `${edge}: field "${f}" is not declared by stream "${sub.stream}" of "${sub.from}" (it has ${stream.fields.length ? stream.fields.map((x) => `"${x}"`).join(', ') : 'no fields'}).`));
      }
    }
  }
  if (g.kind === 'direct' && !stream.direct) {
    out.push(diagnostic('E_DIRECT_ON_NON_DIRECT', at('grouping'), `${edge}: direct grouping on stream "${sub.stream}", which "${sub.from}" does not declare direct.`));
  }
  if (g.kind !== 'direct' && stream.direct) {
    out.push(diagnostic('E_NON_DIRECT_ON_DIRECT', at('grouping'), `${edge}: stream "${sub.stream}" is direct, so it must be consumed with direct grouping (not ${g.kind}).`));
  }
}
