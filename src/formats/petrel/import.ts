/**
 * Imports a Petrel project: `create.py` (parsed, never run), `topology.yaml` and the component
 * modules, into a document.
 */
import { DEFAULT_STREAM, DEFAULT_TOPOLOGY_CONFIG, err, ok, topologyConfigFromStorm, type ConfigMap, type ConfigValue, type Result, type StreamSpec, type TopologyConfig } from '../../model';
import { assemble, inferDirect, type ReadComponent, type ReadSubscription } from '../assemble';
import { quoted } from '../escape';
import { analyzeModule } from '../../python/module-info';
import { checkSyntax } from '../../python/syntax-check';
import type { FormatError, FormatWarning, ImportedDocument } from '../types';
import { asMapping, readYaml } from '../yaml-read';
import { NAME_MARKER, TASKS_KEY } from './create-py';
import { PARALLELISM_PREFIX } from './project-files';
import { readCreatePy, type DeclaredComponent } from './read-create-py';

/** A text file of a project, its path relative to the project (forward slashes). */
export interface ProjectFile {
  readonly path: string;
  readonly text: string;
}

export interface PetrelImportOptions {
  /** Path of the definition file among `files` (default: `create.py`, the shallowest one). */
  readonly createPath?: string;
  /** Path of the configuration (default: `topology.yaml` next to create.py, if given). */
  readonly configPath?: string;
  /** The topology name when create.py does not carry Storm Studio's name line (e.g. the folder name). */
  readonly name?: string;
}

const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '');
const baseOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * Reads a Petrel project into a document: groupings, parallelism (with `petrel.parallelism.*`
 * overrides), streams, configuration and code. Errors name the file and line; nothing is run.
 *
 * @example
 * parsePetrelProject([{ path: 'create.py', text }, { path: 'topology.yaml', text: yaml }, …])
 */
export function parsePetrelProject(files: readonly ProjectFile[], options: PetrelImportOptions = {}): Result<ImportedDocument, FormatError> {
  const byPath = new Map(files.map((f) => [f.path, f.text]));
  const createPath = options.createPath ?? files.filter((f) => baseOf(f.path) === 'create.py').sort((a, b) => a.path.split('/').length - b.path.split('/').length)[0]?.path;
  if (createPath === undefined || !byPath.has(createPath)) return err([{ message: 'No create.py was given: a Petrel project is defined by create.py (with topology.yaml and the component modules).' }]);
  const dir = dirOf(createPath);
  const warnings: FormatWarning[] = [];
  const source = byPath.get(createPath)!;
  const read = readCreatePy(source, createPath, warnings);
  if (!read.ok) return read;
  const model = read.value;
  const errors: FormatError[] = [];
  const ids = new Set(model.components.map((c) => c.id));
  for (const s of model.subscriptions) {
    if (!ids.has(s.from)) errors.push({ file: createPath, line: s.line, message: `${quoted(s.to)} subscribes to ${quoted(s.from)}, which create.py does not declare.` });
  }

  const configPath = options.configPath ?? (byPath.has(`${dir}topology.yaml`) ? `${dir}topology.yaml` : undefined);
  let config: TopologyConfig = DEFAULT_TOPOLOGY_CONFIG;
  const parallelism = new Map<string, number>();
  if (configPath === undefined) {
    warnings.push({ code: 'W_MISSING_MODULE', file: 'topology.yaml', message: 'No topology.yaml was given: the topology gets the default configuration.' });
  } else {
    const conf = readPetrelConfig(byPath.get(configPath) ?? '', configPath, model.components, parallelism);
    if (!conf.ok) errors.push(...conf.errors);
    else config = conf.value;
  }
  if (errors.length) return err(errors);

  const components: ReadComponent[] = model.components.map((c) => readComponent(c, byPath, dir, createPath, parallelism.get(c.id), model, warnings));
  const subs: ReadSubscription[] = model.subscriptions.map((s) => ({ ...s, file: createPath }));
  const document = assemble(nameOf(source, options.name), inferDirect(components, subs), subs, config, warnings);
  return ok({ format: 'petrel', document, warnings });
}

function nameOf(source: string, fallback: string | undefined): string {
  for (const line of source.split('\n').slice(0, 20)) {
    if (!line.startsWith(NAME_MARKER)) continue;
    try {
      const name: unknown = JSON.parse(line.slice(NAME_MARKER.length));
      if (typeof name === 'string') return name;
    } catch {
      // Not our marker after all: fall back to the given name.
    }
  }
  return fallback ?? 'imported-topology';
}

function readComponent(
  c: DeclaredComponent,
  files: ReadonlyMap<string, string>,
  dir: string,
  createPath: string,
  parallelismOverride: number | undefined,
  model: ReturnType<typeof readCreatePy> extends Result<infer M, FormatError> ? M : never,
  warnings: FormatWarning[],
): ReadComponent {
  const file = `${dir}${c.module}.py`;
  const code = files.get(file);
  let config: ConfigMap | null = c.config;
  let defaultFields: readonly string[] | null = null;
  if (code === undefined) {
    warnings.push({ code: 'W_MISSING_MODULE', component: c.id, file, message: `${file} (module of ${quoted(c.id)}, imported by create.py) was not given: the component has no code.` });
  } else {
    // Python's compiler would refuse the module when Storm starts the component: say so now, with the line.
    const syntax = checkSyntax(code);
    if (syntax) {
      warnings.push({ code: 'W_PYTHON_SYNTAX', component: c.id, file, line: syntax.line, message: `SyntaxError in ${file}, line ${syntax.line}: ${syntax.message}. The code is imported as it is; fix it in the editor.` });
    }
    const a = analyzeModule(code, c.className);
    if (!a.ok) {
      if (!syntax) warnings.push({ code: 'W_PYTHON_SYNTAX', component: c.id, file, line: a.line, message: `SyntaxError in ${file}, line ${a.line}: ${a.message}. The code is imported as it is; fix it in the editor.` });
    } else {
      if (a.info.className === null) warnings.push({ code: 'W_UNREADABLE', component: c.id, file, message: `create.py instantiates ${c.module}.${c.className}, but ${file} defines no class ${c.className}.` });
      const fields = a.info.fields;
      const conf = a.info.componentConfig;
      if (fields.kind === 'value') defaultFields = fields.value;
      else if (fields.kind === 'unreadable') warnings.push({ code: 'W_UNREADABLE', component: c.id, file, line: fields.line, message: `The fields of ${quoted(c.id)}'s default stream cannot be read (${fields.reason}); they are taken from the subscriptions.` });
      if (config === null) {
        if (conf.kind === 'value') config = conf.value;
        else if (conf.kind === 'unreadable') warnings.push({ code: 'W_UNREADABLE', component: c.id, file, line: conf.line, message: `getComponentConfiguration() of ${quoted(c.id)} cannot be read (${conf.reason}): its configuration (e.g. the tick frequency) is not imported.` });
      }
    }
  }
  const componentConfig: Record<string, ConfigValue> = {};
  let numTasks: number | null = null;
  for (const [k, v] of Object.entries(config ?? {})) {
    if (k === TASKS_KEY && typeof v === 'number' && Number.isInteger(v)) numTasks = v;
    else Object.defineProperty(componentConfig, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  const streams: StreamSpec[] = [];
  const subscribedDefault = model.subscriptions.filter((s) => s.from === c.id && s.stream === DEFAULT_STREAM);
  if (defaultFields === null && subscribedDefault.length) {
    const inferred = [...new Set(subscribedDefault.flatMap((s) => (s.grouping.kind === 'fields' ? s.grouping.fields : [])))];
    warnings.push({ code: 'W_INFERRED_STREAM', component: c.id, file: createPath, line: c.line, message: `The default stream of ${quoted(c.id)} is declared with the fields its subscribers group on (${JSON.stringify(inferred)}); check them.` });
    defaultFields = inferred;
  }
  if (defaultFields !== null && (defaultFields.length > 0 || subscribedDefault.length > 0)) streams.push({ id: DEFAULT_STREAM, fields: defaultFields, direct: false });
  for (const s of model.streams.filter((x) => x.component === c.id)) {
    if (s.stream === DEFAULT_STREAM) {
      warnings.push({ code: 'W_IGNORED', component: c.id, file: createPath, line: s.line, message: `addOutputStream for the default stream of ${quoted(c.id)} has no effect: Petrel declares the default stream from declareOutputFields().` });
      continue;
    }
    streams.push({ id: s.stream as StreamSpec['id'], fields: s.fields, direct: s.direct });
  }
  return { id: c.id, kind: c.kind, code: code ?? '', parallelism: parallelismOverride ?? c.parallelism, numTasks, streams, config: componentConfig, file: createPath, line: c.line, module: c.module };
}

/** Reads topology.yaml: Storm's keys into the document's fields, `petrel.parallelism.*` into `parallelism`. */
function readPetrelConfig(text: string, file: string, components: readonly DeclaredComponent[], parallelism: Map<string, number>): Result<TopologyConfig, FormatError> {
  const y = readYaml(text, file);
  if (!y.ok) return y;
  const root = y.value.value === null ? {} : asMapping(y.value.value);
  if (root === null) return err([{ file, line: 1, message: 'topology.yaml must be a mapping of configuration keys to values.' }]);
  const errors: FormatError[] = [];
  const conf: Record<string, ConfigValue> = {};
  for (const [key, value] of Object.entries(root)) {
    const line = y.value.lineOf([key], true);
    if (key.startsWith(PARALLELISM_PREFIX)) {
      // Petrel keys the override by the text after the last dot.
      const id = key.slice(key.lastIndexOf('.') + 1);
      const n = typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : value;
      if (!components.some((c) => c.id === id)) errors.push({ file, line, message: `${key}: there is no component ${quoted(id)} (petrel submit fails with "There are no components named: ${id}").` });
      else if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) errors.push({ file, line, message: `${key} is ${JSON.stringify(value)}: a parallelism must be a whole number ≥ 1.` });
      else parallelism.set(id, n);
      continue;
    }
    const problem = wellKnownTypeProblem(key, value);
    if (problem) errors.push({ file, line, message: `${key} is ${JSON.stringify(value)}: ${problem}.` });
    Object.defineProperty(conf, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return errors.length ? err(errors) : ok(topologyConfigFromStorm(conf, DEFAULT_TOPOLOGY_CONFIG));
}

/** Why a value cannot be one of Storm's well-known keys the document keeps as fields, or null. */
export function wellKnownTypeProblem(key: string, value: ConfigValue): string | null {
  switch (key) {
    case 'topology.workers':
    case 'topology.message.timeout.secs':
      return typeof value === 'number' ? null : 'it must be a number';
    case 'topology.acker.executors':
    case 'topology.max.spout.pending':
      return typeof value === 'number' || value === null ? null : 'it must be a number (or null)';
    case 'topology.debug':
      return typeof value === 'boolean' ? null : 'it must be true or false';
    default:
      return null;
  }
}
