import type { ComponentId, StreamId, SubscriptionId } from './ids';
import type { PythonPackage } from '../python/wheels';

export type Language = 'python' | 'javascript';
export const LANGUAGES: readonly Language[] = ['python', 'javascript'];

export type ComponentKind = 'spout' | 'bolt';

/** A JSON-compatible configuration value (what `topology.yaml` can hold). */
export type ConfigValue = string | number | boolean | null | readonly ConfigValue[] | { readonly [key: string]: ConfigValue };
export type ConfigMap = Readonly<Record<string, ConfigValue>>;

/** An output stream declared by a component. */
export interface StreamSpec {
  readonly id: StreamId;
  readonly fields: readonly string[];
  /** A direct stream may only be consumed with direct grouping; the emitter picks the task. */
  readonly direct: boolean;
}

export interface Position {
  readonly x: number;
  readonly y: number;
}

interface ComponentBase {
  readonly id: ComponentId;
  /** The language that runs; the other language's code, if any, is kept so switching loses nothing. */
  readonly language: Language;
  readonly code: Readonly<Partial<Record<Language, string>>>;
  /** Parallelism hint: the number of executors (threads), ≥ 1. */
  readonly parallelism: number;
  /** Number of tasks; `null` means one task per executor. */
  readonly numTasks: number | null;
  readonly streams: readonly StreamSpec[];
  /**
   * Component configuration with Storm's key names, e.g. `topology.tick.tuple.freq.secs`.
   * Overrides the topology config for this component.
   */
  readonly config: ConfigMap;
  /**
   * Virtual-time cost of one call into the component (`nextTuple` or `process`), in milliseconds.
   * `null`: the simulation's default (see {@link SimulationSettings}).
   */
  readonly costMs: number | null;
  readonly position: Position;
  /**
   * The Python module (file) name the component keeps, e.g. `rollingcount` for an imported
   * `rollingcount.py`; absent: named from its id (src/python/module-names.ts has the one rule).
   */
  readonly module?: string;
}

export interface SpoutSpec extends ComponentBase {
  readonly kind: 'spout';
}
export interface BoltSpec extends ComponentBase {
  readonly kind: 'bolt';
}
export type ComponentSpec = SpoutSpec | BoltSpec;

/** Every grouping Storm offers (docs/engine.md, "Groupings"). Fields lists keep the user's order. */
export type Grouping =
  | { readonly kind: 'shuffle' }
  | { readonly kind: 'fields'; readonly fields: readonly string[] }
  | { readonly kind: 'global' }
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  | { readonly kind: 'localOrShuffle' }
  | { readonly kind: 'direct' }
  | { readonly kind: 'partialKey'; readonly fields: readonly string[] };
export type GroupingKind = Grouping['kind'];
export const GROUPING_KINDS: readonly GroupingKind[] = [
  'shuffle',
  'fields',
  'global',
  'all',
  'none',
  'localOrShuffle',
  'direct',
  'partialKey',
];

/** A bolt's subscription to a (component, stream): an edge of the graph. */
export interface Subscription {
  readonly id: SubscriptionId;
  readonly from: ComponentId;
  readonly stream: StreamId;
  readonly to: ComponentId;
  readonly grouping: Grouping;
}

/** Topology configuration: Storm's well-known keys as fields, anything else in `custom`. */
export interface TopologyConfig {
  /** `topology.workers` (default 1). */
  readonly workers: number;
  /** `topology.acker.executors`; `null` means one per worker (Storm's default); 0 disables acking. */
  readonly ackers: number | null;
  /** `topology.message.timeout.secs` (default 30). */
  readonly messageTimeoutSecs: number;
  /** `topology.max.spout.pending`, per spout task; `null` means unlimited. */
  readonly maxSpoutPending: number | null;
  /** `topology.debug`. */
  readonly debug: boolean;
  /** Any other key, custom ones included; components read them in `initialize(conf, context)`. */
  readonly custom: ConfigMap;
}

/** How Storm Studio simulates; not part of what Storm sees. */
export interface SimulationSettings {
  /**
   * What an uncaught exception in a component does: `crash-worker` as in Storm and Petrel (the worker
   * dies and restarts, its trees time out and replay) or `fail-tuple` (streamparse's `auto_fail`).
   */
  readonly onError: 'crash-worker' | 'fail-tuple';
  /** Seconds before a crashed worker is running again. */
  readonly workerRestartSecs: number;
  /** Virtual-time cost of a call for components without their own `costMs`, in milliseconds. */
  readonly defaultCostMs: number;
  /**
   * Charge measured CPU time instead of `defaultCostMs` for components without `costMs`.
   * Realistic, but two runs with the same seed may then differ.
   */
  readonly measureCost: boolean;
}

/** The Storm Studio document: the single source of truth for a topology. */
export interface TopologyDocument {
  readonly version: typeof DOCUMENT_VERSION;
  readonly name: string;
  readonly components: readonly ComponentSpec[];
  readonly subscriptions: readonly Subscription[];
  readonly config: TopologyConfig;
  readonly simulation: SimulationSettings;
  /**
   * Python test modules (`test_*.py`) kept with the document: run by the Tests tab and
   * `npm run test-components`, exported next to the component modules. Absent when there are none.
   */
  readonly tests?: readonly TestModule[];
  /**
   * Data files kept with the document (src/model/data-files.ts): component code reads them by
   * file name, in the simulator as in the exported project (next to the modules). Absent when
   * there are none.
   */
  readonly dataFiles?: readonly DataFile[];
  /**
   * Pure-Python packages added from wheel files (`*-py3-none-any.whl`), installed into every
   * worker's Python before components load and shipped in the exported projects. Absent when there
   * are none. `src/python/wheels.ts` checks a wheel before it is added.
   */
  readonly packages?: readonly PythonPackage[];
}

/** A text file a topology reads (e.g. the file a "File replay" spout replays): its name and text. */
export interface DataFile {
  readonly name: string;
  readonly text: string;
}

export { MAX_PACKAGES_BYTES, MAX_WHEEL_BYTES, PURE_WHEEL_FILE, type PythonPackage } from '../python/wheels';

/** A Python test module of a document: its file name (`test_<name>.py`) and its source. */
export interface TestModule {
  readonly file: string;
  readonly code: string;
}

/** The file names a test module may have: `test_` then a Python identifier, `.py`. */
export const TEST_MODULE_FILE = /^test_[A-Za-z0-9_]*\.py$/;

/** The version written by this build; older documents are migrated on load. */
export const DOCUMENT_VERSION = 2 as const;

/** Storm's key for a component's tick tuple period. */
export const TICK_FREQ_KEY = 'topology.tick.tuple.freq.secs';

/**
 * The key of a log level, in a component's configuration or the topology's (custom keys): what
 * a Python component's `logging` lets through (DEBUG also prints Petrel's tuple profile). The
 * exported `logconfig.ini` carries it. Values: {@link LOG_LEVEL_NAMES} (or Python's numbers).
 */
export const LOG_LEVEL_KEY = 'studio.log.level';

/** The log levels, most verbose first. */
export const LOG_LEVEL_NAMES = ['DEBUG', 'INFO', 'WARNING', 'ERROR'] as const;
export type LogLevelName = (typeof LOG_LEVEL_NAMES)[number];

export const DEFAULT_TOPOLOGY_CONFIG: TopologyConfig = {
  workers: 1,
  ackers: null,
  messageTimeoutSecs: 30,
  maxSpoutPending: null,
  debug: false,
  custom: {},
};

export const DEFAULT_SIMULATION: SimulationSettings = {
  onError: 'crash-worker',
  workerRestartSecs: 2,
  defaultCostMs: 0.01,
  measureCost: false,
};
