/**
 * Document edits the designer performs, as pure functions `(doc, …) → doc`. Each keeps the
 * document consistent: renaming a component or stream rewrites the subscriptions that name it,
 * deleting a component deletes its edges, editing the default stream's fields or the tick period
 * rewrites the component's code where the code can be read (see `code-sync.ts`), and editing the
 * code updates the fields and tick period it states.
 */
import { readDeclaredFields, readTickFrequency, writeDeclaredFields, writeTickFrequency } from './code-sync';
import { componentId, DEFAULT_STREAM, idProblem, MAX_ID_LENGTH, showId, streamId, subscriptionId, type ComponentId, type StreamId, type SubscriptionId } from './ids';
import { err, ok, type Result } from './result';
import { idRuleText } from './validate';
import { className, componentTemplate } from './templates';
import { findComponent, findStream } from './topology';
import {
  LANGUAGES,
  LOG_LEVEL_KEY,
  TICK_FREQ_KEY,
  type ComponentKind,
  type ComponentSpec,
  type ConfigMap,
  type Grouping,
  type Language,
  type LogLevelName,
  type Position,
  type SimulationSettings,
  type StreamSpec,
  type Subscription,
  type TopologyConfig,
  type TopologyDocument,
} from './types';

/** Fields a new component declares on its default stream (the templates emit one value). */
export const NEW_COMPONENT_FIELDS: readonly string[] = ['value'];

/** Class names the templates import from Petrel: a component class may not shadow them. */
const PETREL_CLASSES = new Set(['Spout', 'Bolt', 'BasicBolt']);

/** The starting code for a component, with a class name that does not shadow Petrel's base classes. */
function templateFor(kind: ComponentKind, language: Language, id: string, fields: readonly string[]): string {
  const name = PETREL_CLASSES.has(className(id, kind)) ? `${id}-component` : id;
  return componentTemplate(kind, language, name, fields);
}

/**
 * Why `id` cannot name a component of `doc` (an English sentence), or `null` when it can. Ids are
 * exported verbatim into Python, YAML and file names, so they are limited to letters, digits,
 * `_`, `-` and `.`; `except` is the component being renamed.
 *
 * @example
 * componentIdProblem(doc, 'count') // 'A component named "count" already exists.'
 */
export function componentIdProblem(doc: TopologyDocument, id: string, except?: string): string | null {
  const problem = idProblem(id);
  if (problem === 'empty') return 'A component id may not be empty.';
  if (problem === 'system') return 'Ids starting with "__" are reserved for Storm\'s system components.';
  if (problem === 'too-long') return `A component id is at most ${MAX_ID_LENGTH} characters long.`;
  if (problem === 'characters') return `${showId(id)} is not a usable id: ${idRuleText('component', problem)}`;
  if (id !== except && doc.components.some((c) => c.id === id)) return `A component named ${showId(id)} already exists.`;
  return null;
}

/** `base` if no component has that id, else `base-2`, `base-3`, … (ignoring `taken` too). */
export function uniqueComponentId(doc: TopologyDocument, base: string, taken: ReadonlySet<string> = new Set()): ComponentId {
  const used = (id: string) => taken.has(id) || doc.components.some((c) => c.id === id);
  const stem = base.replace(/-\d+$/, '') || 'component';
  if (!used(base)) return componentId(base);
  for (let n = 2; ; n++) if (!used(`${stem}-${n}`)) return componentId(`${stem}-${n}`);
}

function uniqueSubscriptionId(subs: readonly Subscription[], from: string, to: string, stream: string): SubscriptionId {
  const base = stream === DEFAULT_STREAM ? `${from}->${to}` : `${from}:${stream}->${to}`;
  if (!subs.some((s) => s.id === base)) return subscriptionId(base);
  for (let n = 2; ; n++) if (!subs.some((s) => s.id === `${base}#${n}`)) return subscriptionId(`${base}#${n}`);
}

function mapComponent(doc: TopologyDocument, id: string, f: (c: ComponentSpec) => ComponentSpec): TopologyDocument {
  let changed = false;
  const components = doc.components.map((c) => {
    if (c.id !== id) return c;
    const next = f(c);
    if (next !== c) changed = true;
    return next;
  });
  return changed ? { ...doc, components } : doc;
}

/**
 * Adds a spout or bolt at `position` with the starting code of its kind (docs/components.md) and a default
 * stream of {@link NEW_COMPONENT_FIELDS}; returns the document and the new id.
 *
 * @example
 * const { doc: next, id } = addComponent(doc, 'bolt', { x: 100, y: 40 }, 'python'); // id 'new-bolt' or 'new-bolt-2'…
 */
export function addComponent(
  doc: TopologyDocument,
  kind: ComponentKind,
  position: Position,
  language: Language,
  id?: string,
): { doc: TopologyDocument; id: ComponentId } {
  const newId = uniqueComponentId(doc, id ?? `new-${kind}`);
  const fields = NEW_COMPONENT_FIELDS;
  const component: ComponentSpec = {
    kind,
    id: newId,
    language,
    code: { [language]: templateFor(kind, language, newId, fields) },
    parallelism: 1,
    numTasks: null,
    streams: [{ id: DEFAULT_STREAM, fields, direct: false }],
    config: {},
    costMs: null,
    position: { x: Math.round(position.x), y: Math.round(position.y) },
  };
  return { doc: { ...doc, components: [...doc.components, component] }, id: newId };
}

/**
 * Renames a component and every subscription end that names it. Refuses (with a sentence)
 * an id {@link componentIdProblem} rejects.
 */
export function renameComponent(doc: TopologyDocument, from: string, to: string): Result<TopologyDocument, string> {
  if (!findComponent(doc, from)) return err([`There is no component "${from}".`]);
  if (from === to) return ok(doc);
  const problem = componentIdProblem(doc, to, from);
  if (problem) return err([problem]);
  const id = componentId(to);
  return ok({
    ...doc,
    components: doc.components.map((c) => (c.id === from ? { ...c, id } : c)),
    subscriptions: doc.subscriptions.map((s) =>
      s.from === from || s.to === from ? { ...s, from: s.from === from ? id : s.from, to: s.to === from ? id : s.to } : s,
    ),
  });
}

/** Removes components (with every subscription touching them) and subscriptions. */
export function removeElements(doc: TopologyDocument, components: Iterable<string>, subscriptions: Iterable<string> = []): TopologyDocument {
  const gone = new Set<string>(components);
  const cut = new Set<string>(subscriptions);
  if (gone.size === 0 && cut.size === 0) return doc;
  return {
    ...doc,
    components: doc.components.filter((c) => !gone.has(c.id)),
    subscriptions: doc.subscriptions.filter((s) => !cut.has(s.id) && !gone.has(s.from) && !gone.has(s.to)),
  };
}

/** Moves components; positions are rounded to whole pixels. Unknown ids are ignored. */
export function moveComponents(doc: TopologyDocument, positions: ReadonlyMap<string, Position>): TopologyDocument {
  if (positions.size === 0) return doc;
  let changed = false;
  const components = doc.components.map((c) => {
    const p = positions.get(c.id);
    if (!p) return c;
    const position = { x: Math.round(p.x), y: Math.round(p.y) };
    if (position.x === c.position.x && position.y === c.position.y) return c;
    changed = true;
    return { ...c, position };
  });
  return changed ? { ...doc, components } : doc;
}

/** The numeric settings of a component the inspector edits directly. */
export type ComponentSettings = Partial<Pick<ComponentSpec, 'parallelism' | 'numTasks' | 'costMs'>>;

/**
 * Sets a component's log level ({@link LOG_LEVEL_KEY} in its configuration), or removes it
 * (`null`: the topology's level, else INFO).
 *
 * @example
 * setLogLevel(doc, 'count', 'DEBUG').components[2].config // { 'studio.log.level': 'DEBUG' }
 */
export function setLogLevel(doc: TopologyDocument, id: string, level: LogLevelName | null): TopologyDocument {
  return mapComponent(doc, id, (c) => {
    if ((c.config[LOG_LEVEL_KEY] ?? null) === level) return c;
    const { [LOG_LEVEL_KEY]: _old, ...rest } = c.config;
    return { ...c, config: level === null ? rest : { ...rest, [LOG_LEVEL_KEY]: level } };
  });
}

/** Sets parallelism, numTasks or costMs of a component. */
export function updateComponent(doc: TopologyDocument, id: string, patch: ComponentSettings): TopologyDocument {
  return mapComponent(doc, id, (c) => {
    const next = { ...c, ...patch };
    return next.parallelism === c.parallelism && next.numTasks === c.numTasks && next.costMs === c.costMs ? c : next;
  });
}

/** The code of `language` brought in line with the component's default-stream fields and tick period. */
function alignedCode(c: ComponentSpec, language: Language, code: string): string {
  let out = code;
  const fields = findStream(c, DEFAULT_STREAM)?.fields;
  if (fields) out = writeDeclaredFields(out, language, fields) ?? out;
  const tick = c.config[TICK_FREQ_KEY];
  out = writeTickFrequency(out, language, typeof tick === 'number' ? tick : null) ?? out;
  return out;
}

/**
 * Switches the language that runs. The other language's code is kept; a language without code
 * gets the starting template, and the new code is aligned with the declared fields and tick period.
 */
export function setLanguage(doc: TopologyDocument, id: string, language: Language): TopologyDocument {
  return mapComponent(doc, id, (c) => {
    if (c.language === language) return c;
    const existing = c.code[language];
    const fields = findStream(c, DEFAULT_STREAM)?.fields ?? [];
    const code = existing ?? templateFor(c.kind, language, c.id, fields);
    return { ...c, language, code: { ...c.code, [language]: alignedCode(c, language, code) } };
  });
}

/**
 * Replaces the code of one language. When it is the running language, the fields its
 * `declareOutputFields` returns become the default stream's, and the tick period its
 * `getComponentConfiguration` states (absent: none) becomes the component's, where they can be read.
 */
export function setCode(doc: TopologyDocument, id: string, language: Language, code: string): TopologyDocument {
  return mapComponent(doc, id, (c) => {
    if (c.code[language] === code) return c;
    let next: ComponentSpec = { ...c, code: { ...c.code, [language]: code } };
    if (language !== c.language) return next;
    const fields = readDeclaredFields(code, language);
    if (fields !== null) next = withDefaultFields(next, fields);
    const tick = readTickFrequency(code, language);
    if (tick.kind !== 'unreadable') next = withTick(next, tick.kind === 'absent' ? null : tick.secs);
    return next;
  });
}

function withDefaultFields(c: ComponentSpec, fields: readonly string[]): ComponentSpec {
  const current = findStream(c, DEFAULT_STREAM);
  if (current) {
    if (sameList(current.fields, fields)) return c;
    return { ...c, streams: c.streams.map((s) => (s.id === DEFAULT_STREAM ? { ...s, fields } : s)) };
  }
  if (fields.length === 0) return c;
  return { ...c, streams: [{ id: DEFAULT_STREAM, fields, direct: false }, ...c.streams] };
}

function withTick(c: ComponentSpec, secs: number | null): ComponentSpec {
  const current = c.config[TICK_FREQ_KEY];
  if ((current ?? null) === secs) return c;
  const { [TICK_FREQ_KEY]: _old, ...rest } = c.config;
  const config: ConfigMap = secs === null ? rest : { ...rest, [TICK_FREQ_KEY]: secs };
  return { ...c, config };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Rewrites the code of every language the component has with `f`, keeping code `f` cannot update. */
function rewriteCode(c: ComponentSpec, f: (code: string, language: Language) => string | null): ComponentSpec {
  const code: Partial<Record<Language, string>> = { ...c.code };
  for (const language of LANGUAGES) {
    const text = code[language];
    if (text !== undefined) code[language] = f(text, language) ?? text;
  }
  return { ...c, code };
}

/**
 * Sets (or, with `null`, removes) a component's `topology.tick.tuple.freq.secs`, and the period
 * its code's `getComponentConfiguration` returns in every language where that can be read.
 */
export function setTickFrequency(doc: TopologyDocument, id: string, secs: number | null): TopologyDocument {
  return mapComponent(doc, id, (c) => {
    const next = withTick(c, secs);
    if (next === c) return c;
    return rewriteCode(next, (code, language) => writeTickFrequency(code, language, secs));
  });
}

/** Whether the code of the running language states the tick period in a way the designer can update. */
export function codeStatesTick(c: ComponentSpec): boolean {
  const code = c.code[c.language];
  return code !== undefined && readTickFrequency(code, c.language).kind !== 'unreadable';
}

/** Whether the running code's `declareOutputFields` is a list the designer can update. */
export function codeStatesFields(c: ComponentSpec): boolean {
  const code = c.code[c.language];
  return code !== undefined && readDeclaredFields(code, c.language) !== null;
}

/** Why `stream` cannot name a (new) stream of `c`, or null. */
export function streamIdProblem(c: ComponentSpec, stream: string, except?: string): string | null {
  const problem = idProblem(stream);
  if (problem === 'empty') return 'A stream id may not be empty.';
  if (problem === 'system') return 'Stream ids starting with "__" are reserved for Storm.';
  if (problem !== null) return `${showId(stream)} is not a usable stream id: ${idRuleText('stream', problem)}`;
  if (stream !== except && c.streams.some((s) => s.id === stream)) return `"${c.id}" already declares a stream "${stream}".`;
  return null;
}

/** Why `fields` cannot be a stream's field list (empty names, duplicates), or null. */
export function fieldsProblem(fields: readonly string[]): string | null {
  if (fields.some((f) => f.trim() === '')) return 'A field name may not be empty.';
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f)) return `Field "${f}" is listed twice.`;
    seen.add(f);
  }
  return null;
}

/** Adds a stream (`default` when the component has none, else `stream`, `stream-2`…) with no fields. */
export function addStream(doc: TopologyDocument, id: string): { doc: TopologyDocument; stream: StreamId } {
  const c = findComponent(doc, id);
  if (!c) return { doc, stream: DEFAULT_STREAM };
  let name: string = findStream(c, DEFAULT_STREAM) ? 'stream' : DEFAULT_STREAM;
  for (let n = 2; findStream(c, name); n++) name = `stream-${n}`;
  const stream = streamId(name);
  return { doc: mapComponent(doc, id, (x) => ({ ...x, streams: [...x.streams, { id: stream, fields: [], direct: false }] })), stream };
}

/** Renames a stream and the subscriptions reading it. */
export function renameStream(doc: TopologyDocument, id: string, from: string, to: string): Result<TopologyDocument, string> {
  const c = findComponent(doc, id);
  if (!c || !findStream(c, from)) return err([`"${id}" has no stream "${from}".`]);
  if (from === to) return ok(doc);
  const problem = streamIdProblem(c, to, from);
  if (problem) return err([problem]);
  const stream = streamId(to);
  let next = mapComponent(doc, id, (x) => ({ ...x, streams: x.streams.map((s) => (s.id === from ? { ...s, id: stream } : s)) }));
  next = { ...next, subscriptions: next.subscriptions.map((s) => (s.from === id && s.stream === from ? { ...s, stream } : s)) };
  // Fields of the default stream live in the code: a stream that becomes (or stops being) the default
  // one is re-aligned with it.
  if (to === DEFAULT_STREAM || from === DEFAULT_STREAM) {
    next = mapComponent(next, id, (x) => {
      const fields = findStream(x, DEFAULT_STREAM)?.fields ?? [];
      return rewriteCode(x, (code, language) => writeDeclaredFields(code, language, fields));
    });
  }
  return ok(next);
}

/** Removes a stream; refused while subscriptions read it (they name the bolts to disconnect first). */
export function removeStream(doc: TopologyDocument, id: string, stream: string): Result<TopologyDocument, string> {
  const c = findComponent(doc, id);
  if (!c || !findStream(c, stream)) return err([`"${id}" has no stream "${stream}".`]);
  const readers = doc.subscriptions.filter((s) => s.from === id && s.stream === stream).map((s) => `"${s.to}"`);
  if (readers.length > 0) {
    return err([`Stream "${stream}" of "${id}" is read by ${readers.join(', ')}: delete ${readers.length === 1 ? 'that edge' : 'those edges'} first.`]);
  }
  let next = mapComponent(doc, id, (x) => ({ ...x, streams: x.streams.filter((s) => s.id !== stream) }));
  if (stream === DEFAULT_STREAM) next = mapComponent(next, id, (x) => rewriteCode(x, (code, language) => writeDeclaredFields(code, language, [])));
  return ok(next);
}

/**
 * Sets the fields of one stream. For the default stream the code's `declareOutputFields` is
 * rewritten too (in every language whose code can be read).
 */
export function setStreamFields(doc: TopologyDocument, id: string, stream: string, fields: readonly string[]): Result<TopologyDocument, string> {
  const problem = fieldsProblem(fields);
  if (problem) return err([problem]);
  const c = findComponent(doc, id);
  if (!c || !findStream(c, stream)) return err([`"${id}" has no stream "${stream}".`]);
  return ok(
    mapComponent(doc, id, (x) => {
      const next = { ...x, streams: x.streams.map((s) => (s.id === stream ? { ...s, fields: [...fields] } : s)) };
      return stream === DEFAULT_STREAM ? rewriteCode(next, (code, language) => writeDeclaredFields(code, language, fields)) : next;
    }),
  );
}

/**
 * Declares a stream direct or not. Subscriptions reading it follow: a stream made direct is read
 * with direct grouping, one made non-direct falls back to shuffle (Storm accepts nothing else).
 */
export function setStreamDirect(doc: TopologyDocument, id: string, stream: string, direct: boolean): TopologyDocument {
  const next = mapComponent(doc, id, (x) => ({
    ...x,
    streams: x.streams.map((s): StreamSpec => (s.id === stream && s.direct !== direct ? { ...s, direct } : s)),
  }));
  if (next === doc) return doc;
  return {
    ...next,
    subscriptions: next.subscriptions.map((s) => {
      if (s.from !== id || s.stream !== stream) return s;
      if (direct && s.grouping.kind !== 'direct') return { ...s, grouping: { kind: 'direct' } };
      if (!direct && s.grouping.kind === 'direct') return { ...s, grouping: { kind: 'shuffle' } };
      return s;
    }),
  };
}

/**
 * Subscribes bolt `to` to a stream of `from` (the first non-direct stream when none is given):
 * shuffle grouping, or direct on a direct stream. Refused with a sentence when Storm would not
 * accept the edge or it already exists.
 */
export function connect(doc: TopologyDocument, from: string, to: string, stream?: string): Result<{ doc: TopologyDocument; id: SubscriptionId }, string> {
  const source = findComponent(doc, from);
  const target = findComponent(doc, to);
  if (!source) return err([`There is no component "${from}".`]);
  if (!target) return err([`There is no component "${to}".`]);
  if (target.kind === 'spout') return err([`"${to}" is a spout: spouts may not subscribe to streams.`]);
  const chosen = stream !== undefined ? findStream(source, stream) : (source.streams.find((s) => !s.direct) ?? source.streams[0]);
  if (!chosen) {
    return err([stream === undefined ? `"${from}" declares no output stream: add one in its inspector first.` : `"${from}" does not declare stream "${stream}".`]);
  }
  if (doc.subscriptions.some((s) => s.from === from && s.to === to && s.stream === chosen.id)) {
    return err([`"${to}" already subscribes to stream "${chosen.id}" of "${from}".`]);
  }
  const id = uniqueSubscriptionId(doc.subscriptions, from, to, chosen.id);
  const grouping: Grouping = chosen.direct ? { kind: 'direct' } : { kind: 'shuffle' };
  const sub: Subscription = { id, from: source.id, stream: chosen.id, to: target.id, grouping };
  return ok({ doc: { ...doc, subscriptions: [...doc.subscriptions, sub] }, id });
}

/** A grouping of `kind`, keeping the fields of `previous` that `available` still declares. */
export function groupingOfKind(kind: Grouping['kind'], previous: Grouping, available: readonly string[]): Grouping {
  const kept = 'fields' in previous ? previous.fields.filter((f) => available.includes(f)) : [];
  switch (kind) {
    case 'fields':
    case 'partialKey':
      return { kind, fields: kept };
    default:
      return { kind };
  }
}

/**
 * Changes a subscription's grouping and/or the source stream it reads. Switching stream keeps only
 * the grouping fields the new stream declares, and moves to direct grouping on a direct stream (and
 * back to shuffle from one).
 */
export function updateSubscription(doc: TopologyDocument, id: string, patch: { grouping?: Grouping; stream?: string }): Result<TopologyDocument, string> {
  const sub = doc.subscriptions.find((s) => s.id === id);
  if (!sub) return err([`There is no subscription "${id}".`]);
  let next: Subscription = sub;
  if (patch.stream !== undefined && patch.stream !== sub.stream) {
    const source = findComponent(doc, sub.from);
    const stream = source && findStream(source, patch.stream);
    if (!stream) return err([`"${sub.from}" does not declare stream "${patch.stream}".`]);
    if (doc.subscriptions.some((s) => s.id !== id && s.from === sub.from && s.to === sub.to && s.stream === stream.id)) {
      return err([`"${sub.to}" already subscribes to stream "${stream.id}" of "${sub.from}".`]);
    }
    let grouping = groupingOfKind(sub.grouping.kind, sub.grouping, stream.fields);
    if (stream.direct) grouping = { kind: 'direct' };
    else if (grouping.kind === 'direct') grouping = { kind: 'shuffle' };
    next = { ...next, stream: stream.id, grouping };
  }
  if (patch.grouping) next = { ...next, grouping: patch.grouping };
  if (next === sub) return ok(doc);
  return ok({ ...doc, subscriptions: doc.subscriptions.map((s) => (s.id === id ? next : s)) });
}

/** Renames the topology (validation reports names Storm refuses). */
export function setTopologyName(doc: TopologyDocument, name: string): TopologyDocument {
  return doc.name === name ? doc : { ...doc, name };
}

/** Changes topology config fields (workers, ackers, timeout, max spout pending, debug, custom keys). */
export function updateTopologyConfig(doc: TopologyDocument, patch: Partial<TopologyConfig>): TopologyDocument {
  return { ...doc, config: { ...doc.config, ...patch } };
}

/** Changes the simulation settings. */
export function updateSimulation(doc: TopologyDocument, patch: Partial<SimulationSettings>): TopologyDocument {
  return { ...doc, simulation: { ...doc.simulation, ...patch } };
}

/** Components and the subscriptions among them, as copied to the clipboard. */
export interface Clipboard {
  readonly components: readonly ComponentSpec[];
  readonly subscriptions: readonly Subscription[];
}

/** The components with these ids and the subscriptions between two of them. */
export function copyComponents(doc: TopologyDocument, ids: Iterable<string>): Clipboard {
  const set = new Set<string>(ids);
  return {
    components: doc.components.filter((c) => set.has(c.id)),
    subscriptions: doc.subscriptions.filter((s) => set.has(s.from) && set.has(s.to)),
  };
}

/**
 * Pastes a clipboard: every component gets a new unique id (`split` → `split-2`), positions move
 * by `offset`, subscriptions among the pasted components are re-pointed at the copies.
 */
export function pasteComponents(doc: TopologyDocument, clip: Clipboard, offset: Position): { doc: TopologyDocument; ids: ComponentId[] } {
  const rename = new Map<string, ComponentId>();
  const taken = new Set<string>();
  for (const c of clip.components) {
    const id = uniqueComponentId(doc, c.id, taken);
    taken.add(id);
    rename.set(c.id, id);
  }
  const components = clip.components.map((c) => ({
    ...c,
    id: rename.get(c.id)!,
    position: { x: Math.round(c.position.x + offset.x), y: Math.round(c.position.y + offset.y) },
  }));
  const subscriptions = [...doc.subscriptions];
  for (const s of clip.subscriptions) {
    const from = rename.get(s.from);
    const to = rename.get(s.to);
    if (!from || !to) continue;
    subscriptions.push({ ...s, from, to, id: uniqueSubscriptionId(subscriptions, from, to, s.stream) });
  }
  return { doc: { ...doc, components: [...doc.components, ...components], subscriptions }, ids: components.map((c) => c.id) };
}
