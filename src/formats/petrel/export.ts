import { ok, type Result, type TopologyDocument } from '../../model';
import { prepareModules } from '../component-modules';
import { folderName } from '../module-names';
import { packageFiles, packageModules, requirements } from '../requirements';
import { projectTests, testsReadme } from '../test-files';
import type { ExportBundle, ExportFile, FormatError, FormatWarning } from '../types';
import { writeCreatePy } from './create-py';
import { logconfigLevel, writeLogconfig, writeManifest, writePetrelReadme, writeSetupSh, writeTopologyYaml } from './project-files';

/**
 * Exports a document as a Petrel project (docs/formats.md): `create.py`, `topology.yaml`, `manifest.txt`,
 * `setup.sh`, `logconfig.ini`, one `<module>.py` per component and a `README.md`. What Petrel
 * cannot express is listed in `warnings` and written as comments; nothing is dropped silently.
 * Fails (with the component and file) only when a component's code cannot be deployed at all.
 *
 * @example
 * const r = exportPetrel(wordCountExample());
 * if (r.ok) r.value.files.map((f) => f.path) // ['create.py', 'topology.yaml', …, 'count.py']
 */
export function exportPetrel(doc: TopologyDocument): Result<ExportBundle, FormatError> {
  const warnings: FormatWarning[] = [];
  const prepared = prepareModules(doc, warnings, 'Petrel');
  if (!prepared.ok) return prepared;
  const modules = prepared.value;
  const createPy = writeCreatePy(doc, modules, warnings);
  const topologyYaml = writeTopologyYaml(doc, warnings);
  const log = logconfigLevel(doc);
  const files: ExportFile[] = [
    { path: 'create.py', content: createPy },
    { path: 'topology.yaml', content: topologyYaml },
    { path: 'manifest.txt', content: writeManifest((doc.dataFiles ?? []).map((f) => f.name), doc.packages ?? []) },
    { path: 'setup.sh', content: writeSetupSh(requirements(modules, packageModules(doc)), doc.packages ?? []) },
    { path: 'logconfig.ini', content: writeLogconfig(log.level, log.note) },
  ];
  for (const m of modules) files.push({ path: `${m.module}.py`, content: m.code });
  for (const m of modules) if (m.javascript !== null) files.push({ path: `${m.module}.js`, content: m.javascript });
  // Next to the modules: Petrel runs components in the folder manifest.txt's files are unpacked to.
  for (const f of doc.dataFiles ?? []) files.push({ path: f.name, content: f.text });
  const tests = projectTests(doc, modules.map((m) => ({ file: `${m.module}.py`, code: m.code })), '');
  files.push(...tests.files, ...packageFiles(doc));
  files.splice(5, 0, { path: 'README.md', content: [writePetrelReadme(doc, modules, warnings), ...testsReadme(tests, '')].join('\n') });
  return ok({ format: 'petrel', folder: folderName(doc.name), files, warnings });
}
