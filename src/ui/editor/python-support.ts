/**
 * Python in the code editor: Petrel completions, and inline markers for Python syntax errors found
 * before running (Python's own compiler in a lazily started worker, debounced while typing).
 * Registered once at startup with `registerMonacoSetup`; nothing loads until Monaco does, and the
 * syntax worker starts with the first Python model.
 */
import { registerPetrelCompletions } from '../../python/completions';
import { diagnosticsToMarkers, type MarkerData, type PythonDiagnostic } from '../../python/diagnostics';
import type { MonacoApi } from './extensions';
import { setupPython2Help } from './python2-support';

export const SYNTAX_OWNER = 'python-syntax';
const DEBOUNCE_MS = 500;

/** The part of a Monaco text model the checker uses. */
export interface CheckedModel {
  getValue(): string;
  getLinesContent(): string[];
  getVersionId(): number;
  isDisposed(): boolean;
}

export interface SyntaxCheckerDeps {
  readonly check: (code: string) => Promise<PythonDiagnostic[]>;
  readonly setMarkers: (model: CheckedModel, markers: MarkerData[]) => void;
  readonly debounceMs?: number;
}

/**
 * Checks a model's Python after it stops changing for a moment, and sets the markers of the
 * version it checked only (a result for an older version is dropped).
 */
export class SyntaxChecker {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly model: CheckedModel,
    private readonly deps: SyntaxCheckerDeps,
  ) {}

  changed(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, this.deps.debounceMs ?? DEBOUNCE_MS);
  }

  async run(): Promise<void> {
    const version = this.model.getVersionId();
    let diagnostics: PythonDiagnostic[];
    try {
      diagnostics = await this.deps.check(this.model.getValue());
    } catch {
      return; // the checker could not start (offline files missing…): no markers rather than wrong ones
    }
    if (this.model.isDisposed() || this.model.getVersionId() !== version) return;
    this.deps.setMarkers(this.model, diagnosticsToMarkers(diagnostics, this.model.getLinesContent()));
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

const isComponentPython = (path: string) => path.startsWith('/components/') && path.endsWith('.py');

/** The Monaco setup: completions for every Python model, markers for the components' models, Python 2 help. */
export function setupPythonEditor(monaco: MonacoApi): void {
  // completions.ts describes Monaco structurally (its suggestions are `unknown[]`): the real API fits it at run time.
  registerPetrelCompletions(monaco as unknown as Parameters<typeof registerPetrelCompletions>[0]);
  const check = async (code: string) => (await import('../../sim-client/python-syntax')).checkPythonSyntax(code);
  const watch = (model: ReturnType<MonacoApi['editor']['createModel']>) => {
    if (model.getLanguageId() !== 'python' || !isComponentPython(model.uri.path)) return;
    const checker = new SyntaxChecker(model, {
      check,
      setMarkers: (m, markers) => monaco.editor.setModelMarkers(m as typeof model, SYNTAX_OWNER, markers),
    });
    checker.changed();
    const sub = model.onDidChangeContent(() => checker.changed());
    model.onWillDispose(() => {
      sub.dispose();
      checker.dispose();
    });
  };
  monaco.editor.getModels().forEach(watch);
  monaco.editor.onDidCreateModel(watch);
  setupPython2Help(monaco, isComponentPython);
}
