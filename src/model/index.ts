export * from './ids';
export * from './types';
export * from './result';
export * from './topology';
export * from './diagnostics';
export * from './validate';
export * from './document-format';
export * from './migrations';
export * from './templates';
export * from './data-files';
export * from './data-sources';
export * from './examples';
export { component, spout, bolt, stream, subscribe, topology } from './examples/build';

import type { Language, TopologyDocument } from './types';

/** The same topology with every component switched to `language` (code of both kept). */
export function withLanguage(doc: TopologyDocument, language: Language): TopologyDocument {
  return { ...doc, components: doc.components.map((c) => ({ ...c, language })) };
}
