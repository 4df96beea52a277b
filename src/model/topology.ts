import { DEFAULT_STREAM, type ComponentId, type StreamId } from './ids';
import {
  LOG_LEVEL_KEY,
  LOG_LEVEL_NAMES,
  TICK_FREQ_KEY,
  type ComponentSpec,
  type ConfigMap,
  type ConfigValue,
  type Grouping,
  type LogLevelName,
  type StreamSpec,
  type Subscription,
  type TopologyConfig,
  type TopologyDocument,
} from './types';

/**
 * The log level a {@link LOG_LEVEL_KEY} value names (`'debug'`, `'INFO'`, Python's `10`…), or
 * null when it names none. Python's CRITICAL is read as ERROR, levels below DEBUG as DEBUG.
 *
 * @example
 * logLevelName('warn') // 'WARNING'
 */
export function logLevelName(value: unknown): LogLevelName | null {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value <= 10 ? 'DEBUG' : value <= 20 ? 'INFO' : value <= 30 ? 'WARNING' : 'ERROR';
  if (typeof value !== 'string') return null;
  const name = value.trim().toUpperCase();
  if (name === 'WARN') return 'WARNING';
  if (name === 'CRITICAL') return 'ERROR';
  return (LOG_LEVEL_NAMES as readonly string[]).includes(name) ? (name as LogLevelName) : null;
}

/** The log level a component runs with: its own, else the topology's, else INFO. */
export function componentLogLevel(doc: TopologyDocument, component: ComponentSpec): LogLevelName {
  return logLevelName(component.config[LOG_LEVEL_KEY]) ?? logLevelName(doc.config.custom[LOG_LEVEL_KEY]) ?? 'INFO';
}

/** The component with this id, if any. */
export function findComponent(doc: TopologyDocument, id: string): ComponentSpec | undefined {
  return doc.components.find((c) => c.id === id);
}

/** The declared output stream of a component, if any. */
export function findStream(component: ComponentSpec, id: string): StreamSpec | undefined {
  return component.streams.find((s) => s.id === id);
}

/** Number of tasks of a component: `numTasks`, or one per executor when unset. */
export function taskCount(component: ComponentSpec): number {
  return component.numTasks ?? component.parallelism;
}

/** Number of acker executors (and tasks): `topology.acker.executors`, default one per worker. */
export function ackerCount(config: TopologyConfig): number {
  return config.ackers ?? config.workers;
}

/** Subscriptions into a bolt. */
export function inputsOf(doc: TopologyDocument, id: ComponentId): Subscription[] {
  return doc.subscriptions.filter((s) => s.to === id);
}

/** Subscriptions reading from a component (optionally one stream of it). */
export function subscribersOf(doc: TopologyDocument, id: ComponentId, stream?: StreamId): Subscription[] {
  return doc.subscriptions.filter((s) => s.from === id && (stream === undefined || s.stream === stream));
}

/**
 * Tick period of a component in seconds, or `null` for none: the component's own
 * `topology.tick.tuple.freq.secs`, else the topology-wide one.
 */
export function tickFrequencySecs(doc: TopologyDocument, component: ComponentSpec): number | null {
  const own = component.config[TICK_FREQ_KEY];
  const value = own ?? doc.config.custom[TICK_FREQ_KEY];
  return typeof value === 'number' && value > 0 ? value : null;
}

/** The grouping as Storm people write it on a diagram: `shuffle`, `fields(word)`, `partialKey(a, b)`. */
export function groupingLabel(grouping: Grouping): string {
  switch (grouping.kind) {
    case 'fields':
    case 'partialKey':
      return `${grouping.kind}(${grouping.fields.join(', ')})`;
    default:
      return grouping.kind;
  }
}

/** The edge label: the grouping, prefixed with the stream when it is not `default`. */
export function subscriptionLabel(sub: Subscription): string {
  const g = groupingLabel(sub.grouping);
  return sub.stream === DEFAULT_STREAM ? g : `${sub.stream}: ${g}`;
}

/**
 * The topology configuration as Storm sees it (`topology.yaml` keys): custom keys first, then the
 * well-known keys, so a custom entry cannot shadow a field of the document.
 */
export function stormConfig(config: TopologyConfig): Record<string, ConfigValue> {
  const conf: Record<string, ConfigValue> = { ...config.custom };
  conf['topology.workers'] = config.workers;
  if (config.ackers !== null) conf['topology.acker.executors'] = config.ackers;
  conf['topology.message.timeout.secs'] = config.messageTimeoutSecs;
  if (config.maxSpoutPending !== null) conf['topology.max.spout.pending'] = config.maxSpoutPending;
  conf['topology.debug'] = config.debug;
  return conf;
}

/** Keys {@link stormConfig} writes from the document's own fields. */
export const WELL_KNOWN_CONFIG_KEYS = [
  'topology.workers',
  'topology.acker.executors',
  'topology.message.timeout.secs',
  'topology.max.spout.pending',
  'topology.debug',
] as const;

/** The inverse of {@link stormConfig}: reads well-known keys into fields, the rest into `custom`. */
export function topologyConfigFromStorm(conf: ConfigMap, base: TopologyConfig): TopologyConfig {
  const custom: Record<string, ConfigValue> = {};
  let { workers, ackers, messageTimeoutSecs, maxSpoutPending, debug } = base;
  for (const [key, value] of Object.entries(conf)) {
    if (key === 'topology.workers' && typeof value === 'number') workers = value;
    else if (key === 'topology.acker.executors' && (typeof value === 'number' || value === null)) ackers = value;
    else if (key === 'topology.message.timeout.secs' && typeof value === 'number') messageTimeoutSecs = value;
    else if (key === 'topology.max.spout.pending' && (typeof value === 'number' || value === null)) maxSpoutPending = value;
    else if (key === 'topology.debug' && typeof value === 'boolean') debug = value;
    // defineProperty: a `__proto__` key is an ordinary key, not the object's prototype.
    else Object.defineProperty(custom, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return { workers, ackers, messageTimeoutSecs, maxSpoutPending, debug, custom };
}

/** The code that runs for a component (its active language), or an empty string. */
export function activeCode(component: ComponentSpec): string {
  return component.code[component.language] ?? '';
}
