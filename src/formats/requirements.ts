import { thirdPartyImports } from '../python/imports';
import type { ComponentModule } from './component-modules';

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
 * another component module), in order of first use.
 *
 * @example
 * requirements(modules) // [{ pip: 'requests', module: 'requests', usedBy: [{ file: 'fetch.py', line: 3 }] }]
 */
export function requirements(modules: readonly Pick<ComponentModule, 'module' | 'code'>[]): Requirement[] {
  const local = modules.map((m) => m.module);
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
