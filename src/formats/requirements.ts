import type { TopologyDocument } from '../model';
import { thirdPartyImports } from '../python/imports';
import { wheelBytes } from '../python/wheels';
import type { ComponentModule } from './component-modules';
import type { ExportFile } from './types';

/** The folder of an exported project that holds the document's wheels (`packages`). */
export const PACKAGES_DIR = 'packages';

/** Import names whose pip distribution has another name. */
const PIP_NAMES: Readonly<Record<string, string>> = {
  yaml: 'PyYAML',
  sklearn: 'scikit-learn',
  cv2: 'opencv-python',
  PIL: 'Pillow',
  bs4: 'beautifulsoup4',
  dateutil: 'python-dateutil',
  dotenv: 'python-dotenv',
  jwt: 'PyJWT',
  Crypto: 'pycryptodome',
  google: 'google-cloud',
  kafka: 'kafka-python',
  MySQLdb: 'mysqlclient',
  psycopg2: 'psycopg2-binary',
  serial: 'pyserial',
  magic: 'python-magic',
  zmq: 'pyzmq',
  attr: 'attrs',
};

/** A third-party package the components need: the pip name, the import name and who imports it where. */
export interface Requirement {
  readonly pip: string;
  readonly module: string;
  readonly usedBy: readonly { readonly file: string; readonly line: number }[];
}

/**
 * The pip packages the component modules import (neither the standard library, nor Petrel, nor
 * another component module, nor a module of the document's wheels: `provided`), in order of first use.
 *
 * @example
 * requirements(modules) // [{ pip: 'requests', module: 'requests', usedBy: [{ file: 'fetch.py', line: 3 }] }]
 */
export function requirements(modules: readonly Pick<ComponentModule, 'module' | 'code'>[], provided: readonly string[] = []): Requirement[] {
  const local = [...modules.map((m) => m.module), ...provided];
  const found = new Map<string, { pip: string; module: string; usedBy: { file: string; line: number }[] }>();
  for (const m of modules) {
    for (const imp of thirdPartyImports(m.code, local)) {
      const entry = found.get(imp.module) ?? { pip: PIP_NAMES[imp.module] ?? imp.module, module: imp.module, usedBy: [] };
      entry.usedBy.push({ file: `${m.module}.py`, line: imp.line });
      found.set(imp.module, entry);
    }
  }
  return [...found.values()];
}

/** The modules the document's wheels provide (not pip requirements: the wheels are shipped). */
export function packageModules(doc: TopologyDocument): string[] {
  return (doc.packages ?? []).flatMap((p) => p.modules);
}

/**
 * The document's wheels as files of an exported project, under `<dir>packages/`, pip-installable
 * as they are (`pip install packages/<file>`).
 */
export function packageFiles(doc: TopologyDocument, dir = ''): ExportFile[] {
  return (doc.packages ?? []).map((p) => {
    const bytes = wheelBytes(p);
    return { path: `${dir}${PACKAGES_DIR}/${p.file}`, content: `(a wheel: ${p.file}, ${bytes.length} bytes, providing ${p.modules.join(', ')})\n`, bytes };
  });
}
