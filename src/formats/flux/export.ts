/**
 * Exports a document as Storm Flux YAML (Storm's own topology format) plus the Python modules.
 * Python components run through `FluxShellSpout` / `FluxShellBolt` with the command Petrel
 * itself uses to start a module: `python3 -m petrel.run <module> <log file>`, which imports the
 * module and calls its `run()`.
 */
import { DEFAULT_STREAM, ok, type ConfigValue, type Result, type StreamSpec, type Subscription, type TopologyDocument } from '../../model';
import { prepareModules, type ComponentModule } from '../component-modules';
import { commentText, fenceFor, quoted, yamlKey, yamlStr, yamlValue } from '../escape';
import { folderName } from '../module-names';
import { orderedConfig, simulationNotes, writeLogconfig } from '../petrel/project-files';
import { requirements } from '../requirements';
import type { ExportBundle, ExportFile, FormatError, FormatWarning } from '../types';

export const FLUX_SHELL_SPOUT = 'org.apache.storm.flux.wrappers.spouts.FluxShellSpout';
export const FLUX_SHELL_BOLT = 'org.apache.storm.flux.wrappers.bolts.FluxShellBolt';
export const PARTIAL_KEY_GROUPING = 'org.apache.storm.grouping.PartialKeyGrouping';
export const FIELDS_CLASS = 'org.apache.storm.tuple.Fields';
export const FLUX_FILE = 'flux.yaml';

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

/** The shell command that starts a component module the way Petrel does. */
export const shellCommand = (module: string): string[] => ['python3', '-m', 'petrel.run', module, `${module}.log`];

/** A comment line for Flux: Flux substitutes `${…}` on every line, comments included. */
const comment = (text: string): string => `# ${commentText(text).replace(/\$\{/g, '$\\{')}`;
const flow = (items: readonly string[]): string => `[${items.map(yamlStr).join(', ')}]`;

/**
 * Exports `doc` as `flux.yaml`, `resources/<module>.py` (the jar's resources folder, where
 * Storm's shell components look for their scripts), `resources/logconfig.ini`,
 * `requirements.txt` and a `README.md`.
 *
 * @example
 * const r = exportFlux(wordCountExample());
 * if (r.ok) r.value.files[0].path // 'flux.yaml'
 */
export function exportFlux(doc: TopologyDocument): Result<ExportBundle, FormatError> {
  const warnings: FormatWarning[] = [];
  const prepared = prepareModules(doc, warnings, 'Storm (through Flux)');
  if (!prepared.ok) return prepared;
  const modules = prepared.value;
  const out: string[] = [
    comment(`Storm Flux topology ${quoted(doc.name)}, written by Storm Studio.`),
    comment(`Run: storm jar <topology jar> org.apache.storm.flux.Flux --local ${FLUX_FILE} (README.md says how to build the jar)`),
    `name: ${yamlStr(doc.name)}`,
    '',
    'config:',
  ];
  for (const [k, v] of orderedConfig(doc, warnings, () => null)) out.push(`  ${yamlKey(k)}: ${yamlValue(v)}`);
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

  const reqs = requirements(modules);
  const files: ExportFile[] = [
    { path: FLUX_FILE, content: out.join('\n') + '\n' },
    { path: 'requirements.txt', content: ['# Install on every Storm worker machine: pip install -r requirements.txt', 'petrel', ...reqs.map((r) => r.pip)].join('\n') + '\n' },
  ];
  files.push({ path: 'README.md', content: readme(doc, modules, warnings) });
  files.push({ path: 'resources/logconfig.ini', content: writeLogconfig() });
  for (const m of modules) files.push({ path: `resources/${m.module}.py`, content: m.code });
  for (const m of modules) if (m.javascript !== null) files.push({ path: `${m.module}.js`, content: m.javascript });
  return ok({ format: 'flux', folder: `${folderName(doc.name)}-flux`, files, warnings });
}

const fieldsRef = (i: number) => `partial-key-fields-${i + 1}`;

function componentYaml(m: ComponentModule, doc: TopologyDocument, warnings: FormatWarning[]): string[] {
  const c = m.component;
  const lines: string[] = [];
  const note = (w: FormatWarning) => {
    warnings.push(w);
    lines.push(`    ${comment(w.message)}`);
  };
  if (m.generated) lines.push(`    ${comment(`JavaScript-only in Storm Studio: resources/${m.module}.py raises until it is ported (see ${m.module}.js).`)}`);
  else if (m.javascript !== null) lines.push(`    ${comment(`Runs JavaScript in Storm Studio; Storm runs the Python code in resources/${m.module}.py.`)}`);
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
  const args = [`      - ${flow(shellCommand(m.module))}`];
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

function readme(doc: TopologyDocument, modules: readonly ComponentModule[], warnings: readonly FormatWarning[]): string {
  const build = [
    '# 1. Every worker machine needs Python 3 with Petrel and the components\' packages:',
    'pip install -r requirements.txt',
    '# 2. Put resources/ into your topology jar (Storm runs shell components from the jar\'s resources/ folder),',
    '#    e.g. in a Maven project with flux-core and flux-wrappers: src/main/resources/resources/',
    `# 3. Run it locally, or submit it (add --remote):`,
    `storm jar my-topology.jar org.apache.storm.flux.Flux --local ${FLUX_FILE}`,
    `storm jar my-topology.jar org.apache.storm.flux.Flux --remote ${FLUX_FILE}`,
  ].join('\n');
  const fence = fenceFor(build);
  const lines = [
    `# ${commentText(doc.name).replace(/[\\`*_[\]<>#]/g, (c) => `\\${c}`)}: Storm Flux topology`,
    '',
    `Written by Storm Studio. \`${FLUX_FILE}\` is the topology in Storm's Flux format. Each Python component runs`,
    'as a FluxShellSpout or FluxShellBolt with the command Petrel uses to start a module,',
    '`python3 -m petrel.run <module> <log file>`: it imports `resources/<module>.py`, configures logging from',
    '`resources/logconfig.ini` and calls the module\'s `run()`.',
    '',
    fence,
    build,
    fence,
    '',
    '| file | what it is |',
    '|---|---|',
    `| \`${FLUX_FILE}\` | the topology: config, spouts, bolts, streams |`,
    '| `requirements.txt` | Python packages every worker needs |',
    '| `resources/logconfig.ini` | Python logging of the components |',
    ...modules.map((m) => `| \`resources/${m.module}.py\` | component ${commentText(quoted(m.component.id)).replace(/\|/g, '\\|')} (${m.component.kind}) |`),
    ...modules.filter((m) => m.javascript !== null).map((m) => `| \`${m.module}.js\` | the JavaScript code Storm Studio runs for ${commentText(quoted(m.component.id)).replace(/\|/g, '\\|')} (not deployed) |`),
    '',
  ];
  if (warnings.length) {
    lines.push('## What this export cannot express', '');
    for (const w of warnings) lines.push(`- ${commentText(w.message)}`);
    lines.push('');
  }
  return lines.join('\n');
}
