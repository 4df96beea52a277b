/**
 * Turns what an importer read into a document: subscription ids, positions laid out by depth,
 * default simulation settings, and the validator's findings as warnings that point at the line
 * of the file they came from.
 */
import {
  componentId,
  DEFAULT_SIMULATION,
  DOCUMENT_VERSION,
  streamId,
  subscriptionId,
  validate,
  type ComponentSpec,
  type Grouping,
  type Language,
  type StreamSpec,
  type Subscription,
  type TopologyConfig,
  type TopologyDocument,
} from '../model';
import { layoutByDepth } from './layout';
import type { FormatWarning } from './types';

export interface ReadComponent {
  readonly id: string;
  readonly kind: 'spout' | 'bolt';
  readonly code: string;
  /** The language of `code` (Python unless the file says otherwise). */
  readonly language?: Language;
  readonly parallelism: number;
  readonly numTasks: number | null;
  readonly streams: readonly StreamSpec[];
  readonly config: ComponentSpec['config'];
  /** Where the component is declared, for warnings. */
  readonly file: string;
  readonly line: number;
  /** The module (file) name the project gave the component's code, kept for the export. */
  readonly module?: string;
}

export interface ReadSubscription {
  readonly from: string;
  readonly stream: string;
  readonly to: string;
  readonly grouping: Grouping;
  readonly file: string;
  readonly line: number;
}

/** Marks streams consumed with direct grouping as direct: Petrel and Flux do not carry the flag. */
export function inferDirect(components: readonly ReadComponent[], subscriptions: readonly ReadSubscription[]): ReadComponent[] {
  return components.map((c) => ({
    ...c,
    streams: c.streams.map((s) => (!s.direct && subscriptions.some((x) => x.from === c.id && x.stream === s.id && x.grouping.kind === 'direct') ? { ...s, direct: true } : s)),
  }));
}

/**
 * Builds the document. Subscription ids follow the examples' pattern (`from->to`,
 * `from:stream->to`), made unique.
 */
export function assemble(name: string, read: readonly ReadComponent[], subs: readonly ReadSubscription[], config: TopologyConfig, warnings: FormatWarning[]): TopologyDocument {
  const positions = layoutByDepth(read, subs);
  const components: ComponentSpec[] = read.map((c) => ({
    kind: c.kind,
    id: componentId(c.id),
    language: c.language ?? 'python',
    code: { [c.language ?? 'python']: c.code },
    parallelism: c.parallelism,
    numTasks: c.numTasks,
    streams: c.streams.map((s) => ({ ...s, id: streamId(s.id) })),
    config: c.config,
    costMs: null,
    position: positions.get(c.id) ?? { x: 0, y: 0 },
    ...(c.module !== undefined ? { module: c.module } : {}),
  }));
  const used = new Set<string>();
  const subscriptions: Subscription[] = subs.map((s) => {
    const base = s.stream === 'default' ? `${s.from}->${s.to}` : `${s.from}:${s.stream}->${s.to}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}#${n}`;
    used.add(id);
    return { id: subscriptionId(id), from: componentId(s.from), stream: streamId(s.stream), to: componentId(s.to), grouping: s.grouping };
  });
  const doc: TopologyDocument = { version: DOCUMENT_VERSION, name, components, subscriptions, config, simulation: { ...DEFAULT_SIMULATION } };
  for (const d of validate(doc)) {
    if (d.code === 'E_NO_CODE') continue; // Reported by the importer with the missing file's name.
    const t = d.target;
    let where: { file: string; line: number } | undefined;
    if (t.kind === 'component') where = read.find((c) => c.id === t.id);
    else if (t.kind === 'subscription') where = subs[subscriptions.findIndex((s) => s.id === t.id)];
    warnings.push({
      code: 'W_INVALID_TOPOLOGY',
      message: d.message,
      ...(t.kind === 'component' ? { component: t.id } : {}),
      ...(where ? { file: where.file, line: where.line } : {}),
    });
  }
  return doc;
}
