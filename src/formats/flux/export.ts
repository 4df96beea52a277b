/**
 * Exports a document as a Storm project: the topology in Storm's Flux format (`flux.yaml`) inside
 * a Maven project that builds it into a topology jar for Apache Storm 2.8 (`pom.xml`, the
 * components and their runtimes in the jar's `resources/`, a README with the commands). Each
 * component runs in its own language on Storm's multilang protocol: JavaScript with Node
 * (`node storm-studio.mjs <module>.mjs`), Python with `python3 -m petrel.run <module> <module>.log`
 * (the `petrel` package of `storm/python`: the Petrel API on Storm's multilang protocol).
 */
import { DEFAULT_STREAM, ok, type ConfigValue, type Result, type StreamSpec, type Subscription, type TopologyDocument } from '../../model';
import { prepareStormModules, type StormModule } from '../component-modules';
import { commentText, fenceFor, quoted, yamlKey, yamlStr, yamlValue } from '../escape';
import { folderName } from '../module-names';
import { projectTests, testsReadme } from '../test-files';
import { logconfigLevel, orderedConfig, simulationNotes, writeLogconfig } from '../petrel/project-files';
import { packageFiles, packageModules, PACKAGES_DIR, requirements } from '../requirements';
import { PYTHON_RUNTIME_FILES } from '../../python/runtime-files.generated';
import type { ExportBundle, ExportFile, FormatError, FormatWarning } from '../types';
import { jarPath, RESOURCES_DIR, STORM_VERSION, stormCommands, writePom } from './maven';
import { NODE_RUNTIME } from './node-runtime.generated';

export const FLUX_SHELL_SPOUT = 'org.apache.storm.flux.wrappers.spouts.FluxShellSpout';
export const FLUX_SHELL_BOLT = 'org.apache.storm.flux.wrappers.bolts.FluxShellBolt';
export const PARTIAL_KEY_GROUPING = 'org.apache.storm.grouping.PartialKeyGrouping';
export const FIELDS_CLASS = 'org.apache.storm.tuple.Fields';
export const FLUX_FILE = 'flux.yaml';
/**
 * Storm's switch of message timeouts: on in defaults.yaml (a cluster), off in the daemon
 * configuration of a local cluster started by `storm local` (LocalCluster's builder), so the
 * export sets it and a re-import drops it when it says what a cluster does anyway.
 */
export const MESSAGE_TIMEOUTS_KEY = 'topology.enable.message.timeouts';
/** The Node runtime's file in `resources/` (a hyphen: no component module can take the name). */
export const NODE_RUNTIME_FILE = 'storm-studio.mjs';
/** The folder of `resources/` holding the Python runtime (no component module can take the name `petrel`). */
export const PETREL_PACKAGE = 'petrel';

/**
 * The Python runtime a Storm project ships, by path in `resources/`: the `petrel` package of
 * `storm/python` (the Petrel API, `petrel.multilang` and `petrel.run`), not Storm Studio's own host.
 */
export function pythonRuntimeFiles(): ExportFile[] {
  return Object.keys(PYTHON_RUNTIME_FILES)
    .filter((path) => path.startsWith(`${PETREL_PACKAGE}/`))
    .sort()
    .map((path) => ({ path: `${RESOURCES_DIR}/${path}`, content: PYTHON_RUNTIME_FILES[path]! }));
}

const FLUX_TYPE = {
  shuffle: 'SHUFFLE',
  fields: 'FIELDS',
  global: 'GLOBAL',
  all: 'ALL',
  none: 'NONE',
  localOrShuffle: 'LOCAL_OR_SHUFFLE',
  direct: 'DIRECT',
  partialKey: 'CUSTOM',
} as const;

/**
 * The shell command that starts a component in `resources/`: Python the way Petrel does
 * (`petrel.run` imports the module and calls its `run()`), JavaScript with the Node runtime.
 */
export function shellCommand(m: Pick<StormModule, 'module' | 'language' | 'file'>): string[] {
  return m.language === 'python' ? ['python3', '-m', 'petrel.run', m.module, `${m.module}.log`] : ['node', NODE_RUNTIME_FILE, m.file];
}

/** A comment line for Flux: Flux substitutes `${…}` on every line, comments included. */
const comment = (text: string): string => `# ${commentText(text).replace(/\$\{/g, '$\\{')}`;
const flow = (items: readonly string[]): string => `[${items.map(yamlStr).join(', ')}]`;

/**
 * Exports `doc` as a Maven project: `flux.yaml`, `pom.xml`, `README.md`, the component modules in
 * `src/main/resources/resources/` with the runtimes their languages need (and `logconfig.ini` and
 * `requirements.txt` when a component runs Python).
 *
 * @example
 * const r = exportFlux(wordCountExample());
 * if (r.ok) r.value.files.map((f) => f.path) // ['flux.yaml', 'pom.xml', 'README.md', …]
 */
export function exportFlux(doc: TopologyDocument): Result<ExportBundle, FormatError> {
  const warnings: FormatWarning[] = [];
  const prepared = prepareStormModules(doc, warnings);
  if (!prepared.ok) return prepared;
  const modules = prepared.value;
  const artifactId = folderName(doc.name);
  const out: string[] = [
    comment(`Storm Flux topology ${quoted(doc.name)}, written by Storm Studio.`),
    comment(`Build and run it with Maven and Storm ${STORM_VERSION}: README.md (storm jar ${jarPath(artifactId)} org.apache.storm.flux.Flux --remote ${FLUX_FILE}).`),
    `name: ${yamlStr(doc.name)}`,
    '',
    'config:',
  ];
  const config = orderedConfig(doc, warnings, () => null);
  for (const [k, v] of config) out.push(`  ${yamlKey(k)}: ${yamlValue(v)}`);
  if (!config.some(([k]) => k === MESSAGE_TIMEOUTS_KEY)) {
    out.push(`  ${comment('As on a cluster: a local cluster (storm local) turns message timeouts off unless the topology sets this.')}`, `  ${MESSAGE_TIMEOUTS_KEY}: true`);
  }
  const sim = simulationNotes(doc.simulation);
  if (sim.length) {
    warnings.push({ code: 'W_SIMULATION', message: `Storm Studio's simulation settings are not part of Storm's configuration and are not exported: ${sim.join('; ')}.` });
    out.push(comment('Storm Studio simulation settings (not used by Storm):'), ...sim.map((s) => comment(`  ${s}`)));
  }
  const partialKeys = doc.subscriptions.filter((s) => s.grouping.kind === 'partialKey');
  if (partialKeys.length) {
    out.push('', comment('Field lists of the partialKey groupings (PartialKeyGrouping takes a Fields object).'), 'components:');
    partialKeys.forEach((s, i) => {
      out.push(`  - id: ${yamlStr(fieldsRef(i))}`, `    className: ${yamlStr(FIELDS_CLASS)}`, '    constructorArgs:', `      - ${flow(s.grouping.kind === 'partialKey' ? s.grouping.fields : [])}`);
    });
  }
  for (const kind of ['spout', 'bolt'] as const) {
    const ofKind = modules.filter((m) => m.component.kind === kind);
    out.push('', `${kind}s:${ofKind.length ? '' : ' []'}`);
    for (const m of ofKind) out.push(...componentYaml(m, doc, warnings));
  }
  out.push('', `streams:${doc.subscriptions.length ? '' : ' []'}`);
  for (const s of doc.subscriptions) out.push(...streamYaml(s, partialKeys.indexOf(s)));

  const python = modules.filter((m) => m.language === 'python');
  const files: ExportFile[] = [
    { path: FLUX_FILE, content: out.join('\n') + '\n' },
    { path: 'pom.xml', content: writePom(artifactId) },
    { path: 'README.md', content: readme(doc, artifactId, modules, warnings) },
  ];
  if (python.length) {
    const reqs = requirements(python, packageModules(doc));
    const wheels = (doc.packages ?? []).map((p) => `${PACKAGES_DIR}/${p.file}`);
    files.push({
      path: 'requirements.txt',
      content:
        [
          '# Python packages the components import: pip install -r requirements.txt on every Storm worker machine.',
          ...(wheels.length ? ['# The wheels added to the document in Storm Studio, shipped in packages/ (run pip from this folder):', ...wheels] : []),
          ...(reqs.length ? reqs.map((r) => r.pip) : wheels.length ? [] : ['# (none beyond the standard library)']),
        ].join('\n') + '\n',
    });
    files.push(...packageFiles(doc));
    const log = logconfigLevel(doc);
    files.push({ path: `${RESOURCES_DIR}/logconfig.ini`, content: writeLogconfig(log.level, log.note) }, ...pythonRuntimeFiles());
  }
  if (modules.some((m) => m.language === 'javascript')) files.push({ path: `${RESOURCES_DIR}/${NODE_RUNTIME_FILE}`, content: NODE_RUNTIME });
  for (const m of modules) files.push({ path: `${RESOURCES_DIR}/${m.file}`, content: m.code });
  // Storm runs shell components in the jar's resources/: the code opens its data files by name there.
  for (const f of doc.dataFiles ?? []) files.push({ path: `${RESOURCES_DIR}/${f.name}`, content: f.text });
  const tests = projectTests(doc, python, `${RESOURCES_DIR}/`);
  files.push(...tests.files);
  files[2] = { path: 'README.md', content: [files[2]!.content, ...testsReadme(tests, `${RESOURCES_DIR}/`)].join('\n') };
  return ok({ format: 'flux', folder: `${artifactId}-flux`, files, warnings });
}

const fieldsRef = (i: number) => `partial-key-fields-${i + 1}`;

function componentYaml(m: StormModule, doc: TopologyDocument, warnings: FormatWarning[]): string[] {
  const c = m.component;
  const lines: string[] = [];
  const note = (w: FormatWarning) => {
    warnings.push(w);
    lines.push(`    ${comment(w.message)}`);
  };
  if (c.costMs !== null) note({ code: 'W_COST', component: c.id, message: `Component ${quoted(c.id)} has a simulated cost of ${c.costMs} ms per call: a Storm Studio setting, not exported.` });
  const declarable = (s: StreamSpec): boolean => {
    if (s.fields.length > 0) return true;
    const used = doc.subscriptions.some((x) => x.from === c.id && x.stream === s.id);
    note({
      code: 'W_EMPTY_STREAM',
      component: c.id,
      message: `Stream ${quoted(s.id)} of ${quoted(c.id)} has no fields, and Flux cannot pass an empty field list to ${c.kind === 'spout' ? 'FluxShellSpout' : 'FluxShellBolt'}: it is not declared${used ? ', so Storm rejects the subscriptions to it' : ''}.`,
    });
    return false;
  };
  for (const s of c.streams) {
    if (s.direct && !doc.subscriptions.some((x) => x.from === c.id && x.stream === s.id && x.grouping.kind === 'direct')) {
      note({ code: 'W_DIRECT_FLAG', component: c.id, message: `Stream ${quoted(s.id)} of ${quoted(c.id)} is direct, but FluxShellSpout/FluxShellBolt declare every stream as not direct; nothing subscribes to it with direct grouping, so a re-import will not know it was direct.` });
    }
  }
  const defaultStream = c.streams.find((s) => s.id === DEFAULT_STREAM);
  const args = [`      - ${flow(shellCommand(m))}`];
  if (defaultStream && declarable(defaultStream)) args.push(`      - ${flow(defaultStream.fields)}`);
  const methods: string[] = [];
  for (const s of c.streams) {
    if (s.id === DEFAULT_STREAM || !declarable(s)) continue;
    methods.push(`      - name: "setNamedStream"`, `        args: [${yamlStr(s.id)}, ${flow(s.fields)}]`);
  }
  for (const [k, v] of Object.entries(c.config)) {
    if (v === null) {
      note({ code: 'W_NULL_CONFIG', component: c.id, message: `Component config key ${quoted(k)} of ${quoted(c.id)} is null, which Flux's addComponentConfig refuses: not exported.` });
      continue;
    }
    methods.push(`      - name: "addComponentConfig"`, `        args: [${yamlStr(k)}, ${yamlValue(v as ConfigValue)}]`);
  }
  return [
    `  - id: ${yamlStr(c.id)}`,
    ...lines,
    `    className: ${yamlStr(c.kind === 'spout' ? FLUX_SHELL_SPOUT : FLUX_SHELL_BOLT)}`,
    '    constructorArgs:',
    ...args,
    `    parallelism: ${c.parallelism}`,
    ...(c.numTasks !== null ? [`    numTasks: ${c.numTasks}`] : []),
    ...(methods.length ? ['    configMethods:', ...methods] : []),
  ];
}

function streamYaml(s: Subscription, partialKeyIndex: number): string[] {
  const g = s.grouping;
  const lines = [
    `  - name: ${yamlStr(`${s.from} --> ${s.to}`)}`,
    `    from: ${yamlStr(s.from)}`,
    `    to: ${yamlStr(s.to)}`,
    '    grouping:',
    `      type: ${FLUX_TYPE[g.kind]}`,
  ];
  if (s.stream !== DEFAULT_STREAM) lines.push(`      streamId: ${yamlStr(s.stream)}`);
  if (g.kind === 'fields') lines.push(`      args: ${flow(g.fields)}`);
  if (g.kind === 'partialKey') {
    lines.push('      customClass:', `        className: ${yamlStr(PARTIAL_KEY_GROUPING)}`, '        constructorArgs:', `          - ref: ${yamlStr(fieldsRef(partialKeyIndex))}`);
  }
  return lines;
}

function readme(doc: TopologyDocument, artifactId: string, modules: readonly StormModule[], warnings: readonly FormatWarning[]): string {
  const cmd = stormCommands(artifactId, FLUX_FILE);
  const block = (lines: readonly string[]): string[] => {
    const text = lines.join('\n');
    const fence = fenceFor(text);
    return [`${fence}sh`, text, fence];
  };
  const languages = new Set(modules.map((m) => m.language));
  const needs = [
    ...(languages.has('python') ? ['`python3` (Python 3.8 or newer; and `pip install -r requirements.txt`)'] : []),
    ...(languages.has('javascript') ? ['`node` (Node.js 18 or newer)'] : []),
  ];
  const row = (path: string, what: string) => `| \`${path}\` | ${what} |`;
  const name = (m: StormModule) => commentText(quoted(m.component.id)).replace(/\|/g, '\\|');
  const lines = [
    `# ${commentText(doc.name).replace(/[\\`*_[\]<>#]/g, (c) => `\\${c}`)}: a Storm project`,
    '',
    `Written by Storm Studio: the topology in Storm's Flux format (\`${FLUX_FILE}\`) and a Maven project that builds`,
    `it into one topology jar for Apache Storm 2.8 (${STORM_VERSION}; Java 17 or newer, Maven 3). Each spout and bolt runs`,
    'as a shell process on Storm\'s multilang protocol, with the same code that ran in Storm Studio.',
    ...(needs.length ? [`Every machine that runs a Storm worker needs ${needs.join(' and ')} on its PATH.`] : []),
    '',
    '## Build and run',
    '',
    `Build the topology jar (\`${jarPath(artifactId)}\`) and, for local runs, \`target/classpath.txt\` (Storm itself),`,
    `then run it on a local cluster in this JVM for 60 seconds:`,
    '',
    ...block([cmd.buildLocal, cmd.runLocal]),
    '',
    'With a Storm 2.8 installation (`storm` on the PATH), run it locally, or submit it to the cluster',
    'your `storm.yaml` names:',
    '',
    ...block([cmd.build, cmd.stormLocal, cmd.submit]),
    '',
    `- In Storm 2.x, \`storm local\` runs a local cluster and \`storm jar\` submits to the cluster: Flux's own`,
    '  `--local` and `--remote` flags are accepted and ignored.',
    '- `-Dstorm.jar` is needed even locally: Storm starts the components from the jar\'s `resources/` folder.',
    `- \`java -cp "${jarPath(artifactId)}:$(cat target/classpath.txt)" org.apache.storm.flux.Flux --dry-run ${FLUX_FILE}\``,
    '  checks the topology without running it.',
    `- If Maven stops with \`Could not find artifact org.apache.storm:flux:pom:${STORM_VERSION}\`, your repository (a partial`,
    '  mirror) lacks the parent pom of flux-core and flux-wrappers, which Storm\'s release build deploys with them.',
    `  Install it from Storm's source: \`curl -sLo flux-pom.xml https://raw.githubusercontent.com/apache/storm/v${STORM_VERSION}/flux/pom.xml\``,
    '  and `mvn -q install:install-file -Dfile=flux-pom.xml -DpomFile=flux-pom.xml -Dpackaging=pom`.',
    '',
    '## Files',
    '',
    '| file | what it is |',
    '|---|---|',
    row(FLUX_FILE, 'the topology: config, spouts, bolts, streams'),
    row('pom.xml', `Storm ${STORM_VERSION}, Flux and its shell wrappers, the shade plugin; the \`local\` profile writes \`target/classpath.txt\``),
    ...(languages.has('python')
      ? [
          row('requirements.txt', 'Python packages the components import'),
          ...(doc.packages ?? []).map((p) => row(`${PACKAGES_DIR}/${p.file}`, `a pure-Python wheel added to the document (${p.modules.map((m) => `\`${m}\``).join(', ')}), installed by \`pip install -r requirements.txt\``)),
          row(`${RESOURCES_DIR}/logconfig.ini`, 'Python logging of the components (each task also writes `<module>.log` in the folder Storm runs it in, and sends its log lines to Storm\'s worker log)'),
          row(`${RESOURCES_DIR}/${PETREL_PACKAGE}/`, 'runs Python components on Storm\'s multilang protocol (`python3 -m petrel.run <module> <module>.log`) with the Petrel API they were written against'),
        ]
      : []),
    ...(languages.has('javascript') ? [row(`${RESOURCES_DIR}/${NODE_RUNTIME_FILE}`, 'runs JavaScript components on Storm\'s multilang protocol (the component API of Storm Studio)')] : []),
    ...modules.map((m) => row(`${RESOURCES_DIR}/${m.file}`, `component ${name(m)} (${m.component.kind}, ${m.language === 'python' ? 'Python' : 'JavaScript'})`)),
    ...(doc.dataFiles ?? []).map((f) => row(`${RESOURCES_DIR}/${f.name}`, 'a data file the components open by name (Python `open()`, JavaScript `storm.readFile()`)')),
    '',
  ];
  if (warnings.length) {
    lines.push('## What this export cannot express', '');
    for (const w of warnings) lines.push(`- ${commentText(w.message)}`);
    lines.push('');
  }
  return lines.join('\n');
}
