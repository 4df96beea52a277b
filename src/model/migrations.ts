import { err, ok, type Result } from './result';
import { DEFAULT_SIMULATION, DOCUMENT_VERSION } from './types';

type RawDocument = Record<string, unknown>;

/**
 * Numbered migrations: `MIGRATIONS[n]` turns a version-n document into version n+1. Each is pure
 * and tested with a fixture of the older version.
 */
export const MIGRATIONS: Readonly<Record<number, (doc: RawDocument) => RawDocument>> = {
  // v1 kept one code string per component and had no simulation settings. v2 keeps code per
  // language (switching language loses nothing) and adds the simulation settings.
  1: (doc) => ({
    ...doc,
    version: 2,
    components: Array.isArray(doc.components)
      ? doc.components.map((c: unknown) => {
          if (typeof c !== 'object' || c === null) return c;
          const { code, ...rest } = c as Record<string, unknown>;
          const language = rest.language === 'javascript' ? 'javascript' : 'python';
          return { costMs: null, ...rest, code: typeof code === 'string' ? { [language]: code } : (code ?? {}) };
        })
      : doc.components,
    simulation: { ...DEFAULT_SIMULATION },
  }),
};

/** Brings a raw document of any known version to {@link DOCUMENT_VERSION}. */
export function migrate(doc: RawDocument, migrations = MIGRATIONS, current: number = DOCUMENT_VERSION): Result<RawDocument, string> {
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return err([`Missing or invalid "version" (${JSON.stringify(version)}): this is not a Storm Studio document, or it is damaged.`]);
  }
  if (version > current) {
    return err([`This document is version ${version}, written by a newer Storm Studio; this one reads versions 1 to ${current}.`]);
  }
  let out = doc;
  for (let v = version; v < current; v++) {
    const step = migrations[v];
    if (!step) return err([`No migration from document version ${v} to ${v + 1}.`]);
    out = step(out);
  }
  return ok(out);
}
