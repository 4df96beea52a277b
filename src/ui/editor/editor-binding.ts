/**
 * Binds one Monaco editor to the code of the selected component. Typing is written into the
 * document after a short pause (or at once on blur, or before any other edit, undo or save,
 * through `registerPendingEdits`), so every edit lands in the undo history; document changes
 * from elsewhere (undo, the inspector rewriting `declareOutputFields`) flow back into the model
 * as minimal edits, keeping the cursor and Monaco's own undo stack.
 */
import type * as Monaco from 'monaco-editor/editor';
import { findComponent, type Language, type TopologyDocument } from '../../model';
import { setCode } from '../../model/operations';
import { documentStore, registerPendingEdits } from '../../store/document-store';
import { componentModelUri, onRevealRequest, setEditorHandle, takeReveal } from './extensions';

type MonacoApi = typeof Monaco;

/** Quiet time after the last keystroke before the code is written into the document. */
const TYPING_DEBOUNCE_MS = 300;

const MONACO_LANGUAGE: Record<Language, string> = { python: 'python', javascript: 'javascript' };

/** The single edit turning `from` into `to`: the span between their common prefix and suffix. */
export function minimalEdit(from: string, to: string): { start: number; end: number; text: string } | null {
  if (from === to) return null;
  let start = 0;
  const max = Math.min(from.length, to.length);
  while (start < max && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)) end++;
  return { start, end: from.length - end, text: to.slice(start, to.length - end) };
}

interface Target {
  readonly id: string;
  readonly language: Language;
  readonly model: Monaco.editor.ITextModel;
}

export class EditorBinding {
  private target: Target | null = null;
  private wanted: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private dirty = false;
  private applying = false;
  private readonly disposers: (() => void)[] = [];

  constructor(
    private readonly monaco: MonacoApi,
    private readonly editor: Monaco.editor.IStandaloneCodeEditor,
  ) {
    this.disposers.push(registerPendingEdits(() => this.flush()));
    const change = editor.onDidChangeModelContent(() => {
      if (this.applying) return;
      this.dirty = true;
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.flush(), TYPING_DEBOUNCE_MS);
    });
    const blur = editor.onDidBlurEditorText(() => this.flush());
    this.disposers.push(
      onRevealRequest(() => this.reveal()),
      () => change.dispose(),
      () => blur.dispose(),
      documentStore.subscribe((s, prev) => {
        if (s.doc !== prev.doc) this.onDocument(s.doc);
      }),
    );
    setEditorHandle({
      componentId: () => this.target?.id ?? null,
      text: () => this.target?.model.getValue() ?? null,
      focus: () => editor.focus(),
    });
  }

  /** Shows the code of component `id` (or nothing). */
  show(id: string | null): void {
    this.wanted = id;
    this.rebind(documentStore.getState().doc);
  }

  /** Writes typed text into the document now, if there is any. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (!this.dirty || !this.target) return;
    this.dirty = false;
    const { id, language, model } = this.target;
    const text = model.getValue();
    const c = findComponent(documentStore.getState().doc, id);
    if (!c || c.code[language] === text) return;
    documentStore.getState().edit((d) => setCode(d, id, language, text));
  }

  dispose(): void {
    this.flush();
    this.disposers.forEach((d) => d());
    setEditorHandle(null);
    this.editor.setModel(null);
    for (const model of this.monaco.editor.getModels()) if (model.uri.path.startsWith('/components/')) model.dispose();
  }

  private rebind(doc: TopologyDocument): void {
    const c = this.wanted === null ? undefined : findComponent(doc, this.wanted);
    if (!c) {
      this.flush();
      this.target = null;
      this.editor.setModel(null);
      return;
    }
    if (this.target && this.target.id === c.id && this.target.language === c.language) return;
    this.flush();
    const uri = this.monaco.Uri.parse(componentModelUri(c.id, c.language));
    const code = c.code[c.language] ?? '';
    let model = this.monaco.editor.getModel(uri);
    if (!model) model = this.monaco.editor.createModel(code, MONACO_LANGUAGE[c.language], uri);
    else this.applyExternal(model, code);
    this.target = { id: c.id, language: c.language, model };
    this.editor.setModel(model);
    model.updateOptions({ tabSize: c.language === 'python' ? 4 : 2, insertSpaces: true });
    this.reveal();
  }

  /** Shows the place a problem asked for (`revealInEditor`), once its component is the one shown. */
  private reveal(): void {
    const at = this.target && takeReveal(this.target.id);
    if (!at) return;
    this.editor.setPosition({ lineNumber: at.line, column: at.column });
    this.editor.revealLineInCenter(at.line);
    // A dock tab that has just mounted the editor may still resize it (automaticLayout): reveal the line
    // again at the next change of layout, so that it ends in view whatever height the editor settles at.
    const again = this.editor.onDidLayoutChange(() => {
      again.dispose();
      this.editor.revealLineInCenterIfOutsideViewport(at.line);
    });
    setTimeout(() => again.dispose(), 1000);
    this.editor.focus();
    // The click that asked for it may still be settling focus (a dock tab mounting the editor): focus again after it.
    setTimeout(() => this.editor.focus(), 0);
  }

  private onDocument(doc: TopologyDocument): void {
    this.rebind(doc);
    const t = this.target;
    if (t) {
      const code = findComponent(doc, t.id)?.code[t.language] ?? '';
      if (!this.dirty) this.applyExternal(t.model, code);
    }
    this.disposeStaleModels(doc);
  }

  private applyExternal(model: Monaco.editor.ITextModel, text: string): void {
    const edit = minimalEdit(model.getValue(), text);
    if (!edit) return;
    const range = this.monaco.Range.fromPositions(model.getPositionAt(edit.start), model.getPositionAt(edit.end));
    this.applying = true;
    try {
      model.pushEditOperations(null, [{ range, text: edit.text }], () => null);
    } finally {
      this.applying = false;
    }
  }

  /** Models of components that no longer exist (deleted, renamed) are dropped. */
  private disposeStaleModels(doc: TopologyDocument): void {
    const uri = (id: string, language: Language) => this.monaco.Uri.parse(componentModelUri(id, language)).toString();
    const live = new Set(doc.components.flatMap((c) => [uri(c.id, 'python'), uri(c.id, 'javascript')]));
    for (const model of this.monaco.editor.getModels()) {
      const key = model.uri.toString();
      if (model.uri.path.startsWith('/components/') && !live.has(key) && model !== this.target?.model) model.dispose();
    }
  }
}
