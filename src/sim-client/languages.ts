/**
 * Which language each component runs in, in the app (where both runtimes exist): its own when it
 * has code in it, else its other-language twin (as the engine's `chooseLanguage` decides).
 */
import type { ComponentSpec, Language, TopologyDocument } from '../model';

const hasCode = (c: ComponentSpec, l: Language) => (c.code[l] ?? '').trim() !== '';

export function runLanguage(c: ComponentSpec): Language {
  if (hasCode(c, c.language)) return c.language;
  const other: Language = c.language === 'python' ? 'javascript' : 'python';
  return hasCode(c, other) ? other : c.language;
}

/** Component id → the language it runs in. */
export function runLanguages(doc: TopologyDocument): Record<string, Language> {
  return Object.fromEntries(doc.components.map((c) => [c.id, runLanguage(c)]));
}

/** Whether a run of `doc` starts Pyodide. */
export function runsPython(doc: TopologyDocument): boolean {
  return doc.components.some((c) => runLanguage(c) === 'python');
}
