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

/** A request to show a line of a component's code (e.g. from a test's traceback). */
export interface EditorReveal {
  readonly componentId: string;
  readonly line: number;
}

let reveal: EditorReveal | null = null;
const revealListeners = new Set<() => void>();

/**
 * Asks the code editor to show `line` of `componentId`'s code with the cursor on it, now if it
 * shows that component, else as soon as it does (the caller selects the component and shows
 * the Code tab).
 */
export function requestEditorReveal(componentId: string, line: number): void {
  reveal = { componentId, line };
  revealListeners.forEach((l) => l());
}

/** The editor takes the pending request for `componentId` (at most once). */
export function takeEditorReveal(componentId: string | null): EditorReveal | null {
  if (reveal === null || reveal.componentId !== componentId) return null;
  const r = reveal;
  reveal = null;
  return r;
}

export function onEditorReveal(listener: () => void): () => void {
  revealListeners.add(listener);
  return () => revealListeners.delete(listener);
}
