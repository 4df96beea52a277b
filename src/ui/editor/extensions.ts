/**
 * What other parts use of the code editor without loading Monaco (this file is in the main
 * chunk; Monaco itself is in a lazy chunk, see `monaco.ts`).
 *
 * - `registerMonacoSetup(fn)`: runs `fn(monaco)` once Monaco is loaded (completions, markers
 *   providers, extra languages). Setups registered after loading run at once.
 * - `componentModelUri(id, language)`: the URI of a component's code model, so markers can be set
 *   with `monaco.editor.setModelMarkers(monaco.editor.getModel(monaco.Uri.parse(uri)), owner, markers)`.
 * - `editorHandle`: the open editor, for tests (`window.__stormStudio.getEditorText()`).
 */
import type * as Monaco from 'monaco-editor/editor';
import type { Language } from '../../model';

export type MonacoApi = typeof Monaco;
export type MonacoSetup = (monaco: MonacoApi) => void;

const setups: MonacoSetup[] = [];
let loaded: MonacoApi | null = null;

export function registerMonacoSetup(setup: MonacoSetup): void {
  setups.push(setup);
  if (loaded) setup(loaded);
}

/** Called once by `monaco.ts` when Monaco has loaded. */
export function monacoLoaded(monaco: MonacoApi): void {
  loaded = monaco;
  for (const setup of setups) setup(monaco);
}

const EXTENSION: Record<Language, string> = { python: 'py', javascript: 'js' };

/** The model URI of a component's code in one language, e.g. `file:///components/split.py`. */
export function componentModelUri(id: string, language: Language): string {
  return `file:///components/${encodeURIComponent(id)}.${EXTENSION[language]}`;
}

/** The open code editor, as tests and commands see it. */
export interface EditorHandle {
  /** The component whose code is open, or null. */
  componentId(): string | null;
  /** The text in the editor's model (which may be ahead of the document by a debounce). */
  text(): string | null;
  focus(): void;
}

let handle: EditorHandle | null = null;

export function setEditorHandle(next: EditorHandle | null): void {
  handle = next;
}

export const editorHandle = (): EditorHandle | null => handle;

/** A place in a component's code the editor should show once it shows that component. */
let pendingReveal: { readonly id: string; readonly line: number; readonly column: number } | null = null;
const revealListeners = new Set<() => void>();

/** Asks the code editor to put the cursor at `line`:`column` of component `id`'s code (now, or when it opens it). */
export function revealInEditor(id: string, line: number, column = 1): void {
  pendingReveal = { id, line, column };
  revealListeners.forEach((f) => f());
}

/** The pending reveal for component `id`, taken (null when there is none). */
export function takeReveal(id: string): { line: number; column: number } | null {
  if (pendingReveal?.id !== id) return null;
  const { line, column } = pendingReveal;
  pendingReveal = null;
  return { line, column };
}

export function onRevealRequest(listener: () => void): () => void {
  revealListeners.add(listener);
  return () => revealListeners.delete(listener);
}
