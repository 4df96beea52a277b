/**
 * The Petrel project's other files: `topology.yaml`, `manifest.txt`, `setup.sh`, `logconfig.ini`
 * and `README.md`.
 */
import { componentLogLevel, DEFAULT_SIMULATION, findComponent, LOG_LEVEL_NAMES, stormConfig, WELL_KNOWN_CONFIG_KEYS, type ConfigValue, type LogLevelName, type SimulationSettings, type TopologyDocument } from '../../model';
import type { ComponentModule } from '../component-modules';
import { commentText, fenceFor, quoted, shellWord, yamlKey, yamlValue } from '../escape';
import { PACKAGES_DIR, type Requirement } from '../requirements';
import type { FormatWarning } from '../types';

export const PARALLELISM_PREFIX = 'petrel.parallelism.';

/** Lines describing simulation settings that differ from the defaults (empty when none do). */
export function simulationNotes(sim: SimulationSettings): string[] {
  const out: string[] = [];
  for (const key of Object.keys(DEFAULT_SIMULATION) as (keyof SimulationSettings)[]) {
    if (sim[key] !== DEFAULT_SIMULATION[key]) out.push(`${key}: ${JSON.stringify(sim[key])} (default ${JSON.stringify(DEFAULT_SIMULATION[key])})`);
  }
  return out;
}

/** The configuration keys written, in order: Storm's well-known ones first, then custom keys. */
export function orderedConfig(doc: TopologyDocument, warnings: FormatWarning[], skip: (key: string) => string | null): [string, ConfigValue][] {
  const conf = stormConfig(doc.config);
  const keys = [...WELL_KNOWN_CONFIG_KEYS.filter((k) => k in conf), ...Object.keys(conf).filter((k) => !(WELL_KNOWN_CONFIG_KEYS as readonly string[]).includes(k))];
  const out: [string, ConfigValue][] = [];
  for (const key of keys) {
    const reason = skip(key);
    if (reason !== null) {
      warnings.push({ code: 'W_PETREL_PARALLELISM', message: reason });
      continue;
    }
    out.push([key, conf[key]!]);
  }
  return out;
}

/** `topology.yaml`: every topology config key, custom keys included; never a `petrel.parallelism` key. */
export function writeTopologyYaml(doc: TopologyDocument, warnings: FormatWarning[]): string {
  const entries = orderedConfig(doc, warnings, (key) => {
    if (!key.startsWith(PARALLELISM_PREFIX)) return null;
    const id = key.slice(key.lastIndexOf('.') + 1);
    const known = findComponent(doc, id);
    return known
      ? `The config key ${quoted(key)} is not written: create.py already sets ${quoted(id)}'s parallelism (${known.parallelism}) from the document, and the key would override it.`
      : `The config key ${quoted(key)} is not written: there is no component ${quoted(id)}, and petrel submit fails on a petrel.parallelism key for an unknown component.`;
  });
  const lines = [
    `# Topology configuration of ${commentText(quoted(doc.name))}, written by Storm Studio.`,
    '# petrel submit --config topology.yaml passes every key to Storm and to the components (conf in initialize).',
  ];
  for (const [k, v] of entries) lines.push(`${yamlKey(k)}: ${yamlValue(v)}`);
  const sim = simulationNotes(doc.simulation);
  if (sim.length) {
    warnings.push({ code: 'W_SIMULATION', message: `Storm Studio's simulation settings are not part of Storm's configuration and are not exported: ${sim.join('; ')}.` });
    lines.push('# Storm Studio simulation settings (not used by Storm or Petrel):');
    for (const s of sim) lines.push(`#   ${commentText(s)}`);
  }
  return lines.join('\n') + '\n';
}

export function writeManifest(dataFiles: readonly string[] = [], packages: readonly { readonly file: string }[] = []): string {
  return [
    '# Files packaged into the topology jar besides create.py and the component modules,',
    '# one path or glob per line (petrel submit reads this file).',
    'logconfig.ini',
    'setup.sh',
    ...packages.map((p) => `${PACKAGES_DIR}/${p.file}`),
    ...(dataFiles.length ? ['# The data files the components open by name (Storm Studio keeps them with the document).', ...dataFiles] : []),
    '',
  ].join('\n');
}

/**
 * `setup.sh`: pip installs for third-party imports, run once when Petrel creates a worker's
 * virtualenv; first the document's wheels, shipped in `packages/` next to it.
 */
export function writeSetupSh(reqs: readonly Requirement[], packages: readonly { readonly file: string; readonly modules: readonly string[] }[] = []): string {
  const lines = [
    '#!/bin/bash',
    '# Run by Petrel once per worker machine, inside the topology\'s new virtualenv (after Petrel itself',
    '# is installed): install here what the components import.',
    'set -e',
  ];
  for (const p of packages) {
    lines.push(`# ${commentText(p.modules.join(', '))}: a wheel added to the document in Storm Studio`);
    lines.push(`pip install "$(dirname "$0")"/${shellWord(`${PACKAGES_DIR}/${p.file}`)}`);
  }
  if (reqs.length === 0 && packages.length === 0) lines.push('# The components import nothing beyond the standard library and Petrel: nothing to install.');
  for (const r of reqs) {
    const where = r.usedBy.map((u) => `${u.file} line ${u.line}`).join(', ');
    lines.push(`# ${commentText(r.module)} is imported by ${commentText(where)}`);
    lines.push(`pip install ${shellWord(r.pip)}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * The level `logconfig.ini` sets: the most verbose one the Python components ran with in the app
 * (`studio.log.level`, theirs or the topology's; INFO by default), since Petrel reads one file for
 * every component; and a note naming the components that set it (null at the default).
 */
export function logconfigLevel(doc: TopologyDocument): { readonly level: LogLevelName; readonly note: string | null } {
  const levels = doc.components.filter((c) => c.language === 'python').map((c) => ({ id: c.id, level: componentLogLevel(doc, c) }));
  const verbosest = (a: LogLevelName, b: LogLevelName) => (LOG_LEVEL_NAMES.indexOf(b) < LOG_LEVEL_NAMES.indexOf(a) ? b : a);
  const level = levels.length ? levels.map((c) => c.level).reduce(verbosest) : 'INFO';
  if (levels.every((c) => c.level === 'INFO')) return { level, note: null };
  const set = levels.filter((c) => c.level !== 'INFO').map((c) => `${c.id} ${c.level}`);
  return { level, note: `${level}: the most verbose level the components ran with in Storm Studio (studio.log.level: ${set.join(', ')}); Petrel reads this one file for every component.` };
}

/** `logconfig.ini` in Petrel's layout: Python logging to the file Petrel names in PETREL_LOG_PATH, at `level`. */
export function writeLogconfig(level: LogLevelName = 'INFO', note: string | null = null): string {
  return `# Logging of the component processes, read by petrel.run with logging.config.fileConfig.
# Lines look like Petrel's: [time][logger][LEVEL]message
${note ? `# Level ${commentText(note)}\n` : ''}
[loggers]
keys=root,storm,petrel_storm

[handlers]
keys=logfile

[formatters]
keys=petrel

[logger_root]
level=${level}
handlers=logfile

[logger_storm]
qualname=storm
level=${level}
handlers=logfile
propagate=0

[logger_petrel_storm]
qualname=petrel.storm
level=${level}
handlers=logfile
propagate=0

[handler_logfile]
class=FileHandler
level=DEBUG
formatter=petrel
args=(os.getenv('PETREL_LOG_PATH') or 'petrel.log', 'a')

[formatter_petrel]
format=[%(asctime)s][%(name)s][%(levelname)s]%(message)s
datefmt=
class=logging.Formatter
`;
}

/** `README.md`: how to run the project, what each file is, and every export warning. */
export function writePetrelReadme(doc: TopologyDocument, modules: readonly ComponentModule[], warnings: readonly FormatWarning[]): string {
  const commands = ['petrel submit --config topology.yaml --logdir `pwd`', `petrel submit --config topology.yaml ${shellWord(doc.name)}`, `petrel kill ${shellWord(doc.name)} --config topology.yaml`].join('\n');
  const fence = fenceFor(commands);
  const lines = [
    `# ${commentText(doc.name).replace(/[\\`*_[\]<>#]/g, (c) => `\\${c}`)}: a Petrel project`,
    '',
    'Written by Storm Studio. Petrel runs Python spouts and bolts on Apache Storm.',
    '',
    '**Petrel is legacy:** it needs Python 2.7 and Thrift 0.8 on every machine, and builds against',
    'Storm 0.9–1.x (storm-core); it cannot submit to Storm 2.x nor run Python 3 components. For a',
    'current Storm, export a Storm project instead (Storm Studio\'s Export → Storm project, or',
    '`npm run export -- <input> --format flux`): a Maven project for Storm 2.8 that runs the same',
    'component code on Python 3.',
    '',
    'Run it locally (Storm local mode, logs in this folder), submit it to a cluster (set `nimbus.host` in',
    '`topology.yaml` first), and kill it:',
    '',
    fence,
    commands,
    fence,
    '',
    '| file | what it is |',
    '|---|---|',
    '| `create.py` | `create(builder)`: the components, their parallelism and groupings |',
    '| `topology.yaml` | the topology configuration |',
    '| `manifest.txt` | extra files packaged with the topology |',
    '| `setup.sh` | run once per worker virtualenv: pip installs |',
    '| `logconfig.ini` | Python logging of the components |',
    ...modules.map((m) => `| \`${m.module}.py\` | component ${commentText(quoted(m.component.id)).replace(/\|/g, '\\|')} (${m.component.kind}, class \`${m.info.className}\`) |`),
    ...modules.filter((m) => m.javascript !== null).map((m) => `| \`${m.module}.js\` | the JavaScript code Storm Studio runs for ${commentText(quoted(m.component.id)).replace(/\|/g, '\\|')} (not deployed) |`),
    ...(doc.dataFiles ?? []).map((f) => `| \`${f.name}\` | a data file the components open by name (listed in \`manifest.txt\`) |`),
    '',
  ];
  if (warnings.length) {
    lines.push('## What Petrel cannot express', '');
    for (const w of warnings) lines.push(`- ${commentText(w.message)}`);
    lines.push('');
  }
  return lines.join('\n');
}
