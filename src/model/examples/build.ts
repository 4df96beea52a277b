import { componentId, DEFAULT_STREAM, streamId, subscriptionId } from '../ids';
import {
  DEFAULT_SIMULATION,
  DEFAULT_TOPOLOGY_CONFIG,
  DOCUMENT_VERSION,
  type ComponentKind,
  type ComponentSpec,
  type ConfigMap,
  type Grouping,
  type StreamSpec,
  type Subscription,
  type TopologyConfig,
  type TopologyDocument,
} from '../types';

/** Compact constructors for the built-in examples (and tests). */
export interface ComponentInit {
  readonly python?: string;
  readonly javascript?: string;
  readonly language?: 'python' | 'javascript';
  /** Fields of the default stream. */
  readonly fields?: readonly string[];
  readonly streams?: readonly StreamSpec[];
  readonly parallelism?: number;
  readonly numTasks?: number | null;
  readonly config?: ConfigMap;
  readonly costMs?: number | null;
  readonly x?: number;
  readonly y?: number;
}

export function component(kind: ComponentKind, id: string, init: ComponentInit = {}): ComponentSpec {
  const code: { python?: string; javascript?: string } = {};
  if (init.python !== undefined) code.python = init.python;
  if (init.javascript !== undefined) code.javascript = init.javascript;
  return {
    kind,
    id: componentId(id),
    language: init.language ?? (init.python !== undefined || init.javascript === undefined ? 'python' : 'javascript'),
    code,
    parallelism: init.parallelism ?? 1,
    numTasks: init.numTasks ?? null,
    streams: init.streams ?? (init.fields ? [{ id: DEFAULT_STREAM, fields: init.fields, direct: false }] : []),
    config: init.config ?? {},
    costMs: init.costMs ?? null,
    position: { x: init.x ?? 0, y: init.y ?? 0 },
  };
}

export const spout = (id: string, init?: ComponentInit) => component('spout', id, init);
export const bolt = (id: string, init?: ComponentInit) => component('bolt', id, init);

export function stream(id: string, fields: readonly string[], direct = false): StreamSpec {
  return { id: streamId(id), fields, direct };
}

export function subscribe(from: string, to: string, grouping: Grouping = { kind: 'shuffle' }, stream = 'default'): Subscription {
  return {
    id: subscriptionId(stream === 'default' ? `${from}->${to}` : `${from}:${stream}->${to}`),
    from: componentId(from),
    stream: streamId(stream),
    to: componentId(to),
    grouping,
  };
}

export function topology(
  name: string,
  components: readonly ComponentSpec[],
  subscriptions: readonly Subscription[],
  config: Partial<TopologyConfig> = {},
): TopologyDocument {
  return {
    version: DOCUMENT_VERSION,
    name,
    components,
    subscriptions,
    config: { ...DEFAULT_TOPOLOGY_CONFIG, ...config },
    simulation: { ...DEFAULT_SIMULATION },
  };
}
