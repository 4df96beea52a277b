/**
 * Imports a Storm Flux YAML file (with the Python modules its shell components run, when given).
 */
import { DEFAULT_STREAM, DEFAULT_TOPOLOGY_CONFIG, err, ok, streamId, TEST_MODULE_FILE, topologyConfigFromStorm, type ConfigValue, type Grouping, type Language, type Result, type StreamSpec, type TopologyConfig } from '../../model';
import { assemble, inferDirect, type ReadComponent, type ReadSubscription } from '../assemble';
import { quoted } from '../escape';
import { wellKnownTypeProblem } from '../petrel/import';
import type { FormatError, FormatWarning, ImportedDocument } from '../types';
import { asMapping, readYaml, type YamlFile } from '../yaml-read';
import { FIELDS_CLASS, FLUX_SHELL_BOLT, FLUX_SHELL_SPOUT, MESSAGE_TIMEOUTS_KEY, NODE_RUNTIME_FILE, PARTIAL_KEY_GROUPING } from './export';
import { RESOURCES_DIR } from './maven';

type Path = (string | number)[];
type Mapping = Record<string, ConfigValue>;

const GROUPING_KINDS: Record<string, Grouping['kind']> = {
  SHUFFLE: 'shuffle',
  FIELDS: 'fields',
  GLOBAL: 'global',
  ALL: 'all',
  NONE: 'none',
  LOCAL_OR_SHUFFLE: 'localOrShuffle',
  DIRECT: 'direct',
};
const VERTEX_KEYS = new Set(['id', 'className', 'constructorArgs', 'configMethods', 'parallelism', 'numTasks', 'config', 'properties']);
const IGNORED_VERTEX_KEYS = new Set(['onHeapMemoryLoad', 'offHeapMemoryLoad', 'cpuLoad', 'factory', 'factoryArgs']);

class FluxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** True when a YAML value looks like a Flux topology (and not, e.g., Petrel's topology.yaml). */
export function looksLikeFlux(value: ConfigValue): boolean {
  const m = asMapping(value);
  return m !== null && ('spouts' in m || 'bolts' in m || 'streams' in m || 'topologySource' in m);
}

/**
 * Reads a Flux file into a document. `modules` maps file paths to the Python modules given with
 * it (`resources/<module>.py` or `<module>.py`). Never throws; errors name the file and line.
 *
 * @example
 * parseFlux(yamlText, 'flux.yaml', new Map([['resources/split.py', splitCode]]))
 */
export function parseFlux(text: string, file: string, modules: ReadonlyMap<string, string> = new Map(), fallbackName?: string): Result<ImportedDocument, FormatError> {
  const y = readYaml(text, file);
  if (!y.ok) return y;
  const warnings: FormatWarning[] = [];
  try {
    const reader = new FluxReader(y.value, file, modules, warnings);
    const { name, components, subscriptions, config } = reader.read(fallbackName);
    substitutionWarnings(text, file, warnings);
    const assembled = assemble(name, inferDirect(components, subscriptions), subscriptions, config, warnings);
    const tests = testModules(file, modules);
    const document = tests.length ? { ...assembled, tests } : assembled;
    return ok({ format: 'flux', document, warnings });
  } catch (e) {
    if (e instanceof FluxError) return err([{ file, line: e.line, message: e.message }]);
    throw e;
  }
}

/** The test modules (`test_*.py`) in the folder the component modules are read from, kept with the document. */
function testModules(file: string, modules: ReadonlyMap<string, string>): { file: string; code: string }[] {
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  const folders = [`${dir}resources/`, `${dir}${RESOURCES_DIR}/`, dir];
  const out: { file: string; code: string }[] = [];
  for (const [path, code] of modules) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    if (TEST_MODULE_FILE.test(base) && folders.includes(path.slice(0, path.length - base.length)) && !out.some((t) => t.file === base)) out.push({ file: base, code });
  }
  return out;
}

function substitutionWarnings(text: string, file: string, warnings: FormatWarning[]): void {
  text.split('\n').forEach((line, i) => {
    if (/\$\{[^}]+\}/.test(line) && !/^\s*#/.test(line)) {
      warnings.push({ code: 'W_FLUX_SUBSTITUTION', file, line: i + 1, message: 'Flux replaces ${…} with a property or environment variable when it runs; Storm Studio keeps the text as it is.' });
    }
  });
}

class FluxReader {
  private readonly refs = new Map<string, Mapping>();
  constructor(
    private readonly y: YamlFile,
    private readonly file: string,
    private readonly modules: ReadonlyMap<string, string>,
    private readonly warnings: FormatWarning[],
  ) {}

  private line(path: Path, key = false): number {
    return this.y.lineOf(path, key);
  }
  private fail(message: string, path: Path, key = false): never {
    throw new FluxError(message, this.line(path, key));
  }
  private mapping(value: ConfigValue | undefined, path: Path, what: string): Mapping {
    const m = value === undefined ? null : asMapping(value);
    if (m === null) this.fail(`${what} must be a mapping.`, path);
    return m;
  }
  private list(value: ConfigValue | undefined, path: Path, what: string): ConfigValue[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) this.fail(`${what} must be a list.`, path);
    return value as ConfigValue[];
  }
  private string(value: ConfigValue | undefined, path: Path, what: string): string {
    if (typeof value !== 'string') this.fail(`${what} must be a string${value === undefined ? ' and is missing' : ` (got ${JSON.stringify(value)})`}.`, path);
    return value;
  }
  private strings(value: ConfigValue | undefined, path: Path, what: string): string[] {
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) this.fail(`${what} must be a list of strings.`, path);
    return value as string[];
  }

  read(fallbackName: string | undefined): { name: string; components: ReadComponent[]; subscriptions: ReadSubscription[]; config: TopologyConfig } {
    const root = this.mapping(this.y.value, [], 'A Flux file');
    if ('topologySource' in root) this.fail('topologySource builds the topology in Java code, which Storm Studio cannot read: only spouts, bolts and streams can be imported.', ['topologySource'], true);
    if ('includes' in root) this.fail('includes pull in other files, which this import does not follow: merge them into one file first.', ['includes'], true);
    for (const key of Object.keys(root)) {
      if (!['name', 'config', 'spouts', 'bolts', 'streams', 'components', 'workerHooks'].includes(key)) this.fail(`Unknown Flux key ${JSON.stringify(key)}.`, [key], true);
    }
    if (root.workerHooks) this.warnings.push({ code: 'W_IGNORED', file: this.file, line: this.line(['workerHooks'], true), message: 'Worker hooks are Java classes: not imported.' });
    const name = root.name === undefined ? (fallbackName ?? 'imported-topology') : this.string(root.name, ['name'], 'name');
    this.list(root.components, ['components'], 'components').forEach((c, i) => {
      const m = this.mapping(c, ['components', i], 'A component');
      this.refs.set(this.string(m.id, ['components', i, 'id'], 'A component id'), m);
    });
    const config = this.config(root.config);
    const components: (ReadComponent & { java: boolean })[] = [];
    for (const kind of ['spout', 'bolt'] as const) {
      this.list(root[`${kind}s`], [`${kind}s`], `${kind}s`).forEach((v, i) => {
        const c = this.vertex(kind, v, [`${kind}s`, i]);
        if (components.some((x) => x.id === c.id)) this.fail(`Component ${quoted(c.id)} is declared twice.`, [`${kind}s`, i, 'id']);
        components.push(c);
      });
    }
    const subscriptions = this.list(root.streams, ['streams'], 'streams').map((s, i) => this.stream(s, ['streams', i], components));
    return { name, components: this.inferJavaStreams(components, subscriptions), subscriptions, config };
  }

  private config(value: ConfigValue | undefined): TopologyConfig {
    if (value === undefined || value === null) return DEFAULT_TOPOLOGY_CONFIG;
    const conf = this.mapping(value, ['config'], 'config');
    for (const [k, v] of Object.entries(conf)) {
      const problem = wellKnownTypeProblem(k, v);
      if (problem) this.fail(`${k} is ${JSON.stringify(v)}: ${problem}.`, ['config', k], true);
    }
    // true is what a cluster does anyway (the export writes it for local clusters): not a setting of the topology.
    const { [MESSAGE_TIMEOUTS_KEY]: timeouts, ...rest } = conf;
    return topologyConfigFromStorm(timeouts === true ? rest : conf, DEFAULT_TOPOLOGY_CONFIG);
  }

  private vertex(kind: 'spout' | 'bolt', value: ConfigValue, path: Path): ReadComponent & { java: boolean } {
    const m = this.mapping(value, path, `A ${kind}`);
    const id = this.string(m.id, [...path, 'id'], `A ${kind} id`);
    const className = this.string(m.className, [...path, 'className'], `className of ${quoted(id)}`);
    for (const key of Object.keys(m)) {
      if (IGNORED_VERTEX_KEYS.has(key)) this.warnings.push({ code: 'W_IGNORED', component: id, file: this.file, line: this.line([...path, key], true), message: `${key} of ${quoted(id)} is not simulated: not imported.` });
      else if (!VERTEX_KEYS.has(key)) this.fail(`Unknown key ${JSON.stringify(key)} in ${quoted(id)}.`, [...path, key], true);
    }
    const parallelism = m.parallelism === undefined ? 1 : m.parallelism;
    if (typeof parallelism !== 'number' || !Number.isInteger(parallelism) || parallelism < 1) this.fail(`The parallelism of ${quoted(id)} must be a whole number ≥ 1.`, [...path, 'parallelism']);
    const tasks = m.numTasks === undefined ? -1 : m.numTasks;
    if (typeof tasks !== 'number' || !Number.isInteger(tasks) || (tasks < 1 && tasks !== -1)) this.fail(`numTasks of ${quoted(id)} must be a whole number ≥ 1.`, [...path, 'numTasks']);
    const config: Mapping = {};
    const put = (k: string, v: ConfigValue) => Object.defineProperty(config, k, { value: v, enumerable: true, writable: true, configurable: true });
    if (m.config !== undefined && m.config !== null) for (const [k, v] of Object.entries(this.mapping(m.config, [...path, 'config'], 'config'))) put(k, v);
    const base = { id, kind, parallelism, numTasks: tasks === -1 ? null : tasks, file: this.file, line: this.line(path) };
    const shellClass = kind === 'spout' ? FLUX_SHELL_SPOUT : FLUX_SHELL_BOLT;
    if (className === FLUX_SHELL_SPOUT || className === FLUX_SHELL_BOLT) {
      if (className !== shellClass) this.fail(`${quoted(id)} is listed under ${kind}s but its class is ${className}.`, [...path, 'className']);
      return { ...base, ...this.shell(id, m, path, put), config, java: false };
    }
    this.warnings.push({ code: 'W_JAVA_COMPONENT', component: id, file: this.file, line: this.line([...path, 'className']), message: `${quoted(id)} is the Java class ${className}: Storm Studio runs Python or JavaScript, so it is imported without code (write its code in the editor) and with the streams its subscribers read.` });
    return { ...base, code: '', language: 'python', streams: [], config, java: true };
  }

  private shell(id: string, m: Mapping, path: Path, put: (k: string, v: ConfigValue) => void): { code: string; language: Language; streams: StreamSpec[] } {
    const args = this.list(m.constructorArgs, [...path, 'constructorArgs'], 'constructorArgs');
    if (args.length < 1 || args.length > 2) this.fail(`${quoted(id)}: a shell component takes a command and optionally its output fields.`, [...path, 'constructorArgs']);
    const command = this.strings(args[0], [...path, 'constructorArgs', 0], `The command of ${quoted(id)}`);
    const streams: StreamSpec[] = [];
    const setStream = (sid: string, fields: string[]) => {
      const i = streams.findIndex((s) => s.id === sid);
      const spec = { id: streamId(sid), fields, direct: false };
      if (i >= 0) streams[i] = spec;
      else streams.push(spec);
    };
    if (args.length === 2) setStream(DEFAULT_STREAM, this.strings(args[1], [...path, 'constructorArgs', 1], `The output fields of ${quoted(id)}`));
    this.list(m.configMethods, [...path, 'configMethods'], 'configMethods').forEach((cm, i) => {
      const at = [...path, 'configMethods', i];
      const method = this.mapping(cm, at, 'A config method');
      const name = this.string(method.name, [...at, 'name'], 'The method name');
      const a = this.list(method.args, [...at, 'args'], 'args');
      if (name === 'setDefaultStream' && a.length === 1) setStream(DEFAULT_STREAM, this.strings(a[0], [...at, 'args', 0], 'The fields'));
      else if (name === 'setNamedStream' && a.length === 2) setStream(this.string(a[0], [...at, 'args', 0], 'The stream name'), this.strings(a[1], [...at, 'args', 1], 'The fields'));
      else if (name === 'addComponentConfig' && a.length === 2) put(this.string(a[0], [...at, 'args', 0], 'The config key'), a[1]!);
      else this.warnings.push({ code: 'W_IGNORED', component: id, file: this.file, line: this.line(at), message: `${name}(${a.length} arguments) of ${quoted(id)} is not understood: not imported.` });
    });
    const run = moduleOf(command);
    if (run === null) {
      this.warnings.push({ code: 'W_UNREADABLE', component: id, file: this.file, line: this.line([...path, 'constructorArgs', 0]), message: `The command ${JSON.stringify(command)} of ${quoted(id)} runs neither a Python module (python3 -m petrel.run <module> … or python3 <file>.py) nor a JavaScript component (node storm-studio.mjs <file>.mjs): imported without code.` });
      return { code: '', language: 'python', streams };
    }
    const code = this.findModule(run.file);
    if (code === undefined) {
      this.warnings.push({ code: 'W_MISSING_MODULE', component: id, file: `resources/${run.file}`, message: `resources/${run.file} (run by ${quoted(id)}) was not given: the component has no code.` });
    }
    return { code: code ?? '', language: run.language, streams };
  }

  /** A module's text: in `resources/` or `src/main/resources/resources/` next to the Flux file, next to it, or anywhere given. */
  private findModule(file: string): string | undefined {
    const dir = this.file.includes('/') ? this.file.slice(0, this.file.lastIndexOf('/') + 1) : '';
    for (const p of [`${dir}resources/${file}`, `${dir}${RESOURCES_DIR}/${file}`, `${dir}${file}`]) if (this.modules.has(p)) return this.modules.get(p);
    for (const [p, text] of this.modules) if (p === file || p.endsWith(`/${file}`)) return text;
    return undefined;
  }

  private stream(value: ConfigValue, path: Path, components: readonly ReadComponent[]): ReadSubscription {
    const m = this.mapping(value, path, 'A stream');
    const from = this.string(m.from, [...path, 'from'], 'from');
    const to = this.string(m.to, [...path, 'to'], 'to');
    if (!components.some((c) => c.id === from)) this.fail(`The stream reads from ${quoted(from)}, which is not a declared spout or bolt.`, [...path, 'from']);
    const target = components.find((c) => c.id === to);
    if (!target) this.fail(`The stream feeds ${quoted(to)}, which is not a declared bolt.`, [...path, 'to']);
    const g = this.mapping(m.grouping, [...path, 'grouping'], 'grouping');
    const type = this.string(g.type, [...path, 'grouping', 'type'], 'The grouping type');
    const stream = g.streamId === undefined || g.streamId === null ? DEFAULT_STREAM : this.string(g.streamId, [...path, 'grouping', 'streamId'], 'streamId');
    let grouping: Grouping;
    if (type === 'FIELDS') grouping = { kind: 'fields', fields: this.strings(g.args, [...path, 'grouping', 'args'], 'FIELDS grouping args') };
    else if (type === 'CUSTOM') grouping = { kind: 'partialKey', fields: this.partialKeyFields(g.customClass, [...path, 'grouping', 'customClass']) };
    else if (GROUPING_KINDS[type] !== undefined) grouping = { kind: GROUPING_KINDS[type] } as Grouping;
    else this.fail(`Unknown grouping type ${JSON.stringify(type)} (Flux has ALL, CUSTOM, DIRECT, SHUFFLE, LOCAL_OR_SHUFFLE, FIELDS, GLOBAL, NONE).`, [...path, 'grouping', 'type']);
    return { from, to, stream, grouping, file: this.file, line: this.line(path) };
  }

  private partialKeyFields(value: ConfigValue | undefined, path: Path): string[] {
    const c = this.mapping(value, path, 'customClass');
    const cls = this.string(c.className, [...path, 'className'], 'The custom grouping class');
    if (cls !== PARTIAL_KEY_GROUPING) this.fail(`The custom grouping ${cls} is Java code Storm Studio cannot simulate; only ${PARTIAL_KEY_GROUPING} is understood.`, [...path, 'className']);
    const args = this.list(c.constructorArgs, [...path, 'constructorArgs'], 'constructorArgs');
    const arg = args.length === 1 ? asMapping(args[0]!) : null;
    if (arg && typeof arg.ref === 'string') {
      const bean = this.refs.get(arg.ref);
      if (!bean) this.fail(`No component ${JSON.stringify(arg.ref)} is declared under components.`, [...path, 'constructorArgs', 0]);
      const beanArgs = bean.constructorArgs;
      if (bean.className !== FIELDS_CLASS || !Array.isArray(beanArgs)) this.fail(`Component ${JSON.stringify(arg.ref)} must be a ${FIELDS_CLASS} built from a list of field names.`, [...path, 'constructorArgs', 0]);
      const list = beanArgs.length === 1 && Array.isArray(beanArgs[0]) ? beanArgs[0] : beanArgs;
      return this.strings(list, ['components'], `The fields of ${JSON.stringify(arg.ref)}`);
    }
    if (args.length === 1 && Array.isArray(args[0])) return this.strings(args[0], [...path, 'constructorArgs', 0], 'The partial key fields');
    return this.fail(`PartialKeyGrouping needs one constructor argument: a reference to a ${FIELDS_CLASS} component.`, [...path, 'constructorArgs']);
  }

  /** Java components declare nothing Storm Studio can read: give them the streams their subscribers read. */
  private inferJavaStreams(components: (ReadComponent & { java: boolean })[], subs: readonly ReadSubscription[]): ReadComponent[] {
    return components.map(({ java, ...c }) => {
      if (!java) return c;
      const streams: StreamSpec[] = [];
      for (const s of subs.filter((x) => x.from === c.id)) {
        const fields = s.grouping.kind === 'fields' || s.grouping.kind === 'partialKey' ? s.grouping.fields : [];
        const existing = streams.find((x) => x.id === s.stream);
        if (existing) streams[streams.indexOf(existing)] = { ...existing, fields: [...new Set([...existing.fields, ...fields])] };
        else streams.push({ id: streamId(s.stream), fields: [...fields], direct: false });
      }
      return { ...c, streams };
    });
  }
}

/**
 * The component file a shell command runs: a Python module (`… -m petrel.run <module> …` or
 * `python3 <path>/<module>.py`) or a JavaScript component (`node storm-studio.mjs <path>/<module>.mjs`).
 *
 * @example
 * moduleOf(['node', 'storm-studio.mjs', 'split.mjs']) // { file: 'split.mjs', language: 'javascript' }
 */
export function moduleOf(command: readonly string[]): { file: string; language: Language } | null {
  const base = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  const m = command.indexOf('-m');
  if (m >= 0 && command[m + 1] === 'petrel.run' && command[m + 2]) return { file: `${command[m + 2]!}.py`, language: 'python' };
  const script = command.find((a) => a.endsWith('.py'));
  if (script) return { file: base(script), language: 'python' };
  const runtime = command.findIndex((a) => base(a) === NODE_RUNTIME_FILE);
  const component = runtime >= 0 ? command[runtime + 1] : undefined;
  return component && /\.m?js$/.test(component) ? { file: base(component), language: 'javascript' } : null;
}
