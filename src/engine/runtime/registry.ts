/**
 * Language → runtime factories. A host creates each runtime once, when the first component of that
 * language loads. The Python runtime (Pyodide, `workers/python`) plugs in with one line:
 * `registry.register('python', () => createPythonRuntime())`.
 */
import type { ComponentSpec, Language } from '../../model';
import type { ComponentRuntime } from '../runtime-api';
import { JavaScriptRuntime } from './javascript';

export type RuntimeFactory = () => ComponentRuntime | Promise<ComponentRuntime>;

export class RuntimeRegistry {
  private readonly factories = new Map<Language, RuntimeFactory>();
  private readonly created = new Map<Language, Promise<ComponentRuntime>>();

  /** Adds (or replaces) the runtime of a language. */
  register(language: Language, factory: RuntimeFactory): this {
    this.factories.set(language, factory);
    this.created.delete(language);
    return this;
  }

  has(language: Language): boolean {
    return this.factories.has(language);
  }

  languages(): Language[] {
    return [...this.factories.keys()];
  }

  /** The runtime of a language (created on first use), or undefined when none is registered. */
  get(language: Language): Promise<ComponentRuntime> | undefined {
    const factory = this.factories.get(language);
    if (!factory) return undefined;
    let runtime = this.created.get(language);
    if (!runtime) {
      runtime = Promise.resolve(factory());
      this.created.set(language, runtime);
    }
    return runtime;
  }

  /** A resolver for `EngineOptions.runtimes`. */
  resolver(): (language: Language) => Promise<ComponentRuntime> | undefined {
    return (language) => this.get(language);
  }

  dispose(): void {
    for (const r of this.created.values()) void r.then((rt) => rt.dispose?.());
    this.created.clear();
  }
}

/** A registry with the runtimes available everywhere (JavaScript). */
export function defaultRegistry(): RuntimeRegistry {
  return new RuntimeRegistry().register('javascript', () => new JavaScriptRuntime());
}

/** Which language a component will run in, and why, given the runtimes available. */
export type LanguageChoice =
  | { readonly ok: true; readonly language: Language; readonly note: string | null }
  | { readonly ok: false; readonly message: string };

/**
 * Chooses the language to run a component in: `preferred` (e.g. `--language javascript`) when
 * its code exists and a runtime is registered, else the component's own language, else the other
 * language's code (its "twin"), saying so in `note`.
 *
 * @example
 * chooseLanguage(splitBolt, registry)            // python code, no Python runtime → javascript twin, with a note
 * chooseLanguage(splitBolt, registry, 'python')  // { ok: false, message: 'No Python runtime …' }
 */
export function chooseLanguage(component: ComponentSpec, registry: RuntimeRegistry, preferred?: Language): LanguageChoice {
  const hasCode = (l: Language) => (component.code[l] ?? '').trim() !== '';
  const name = (l: Language) => (l === 'python' ? 'Python' : 'JavaScript');
  if (preferred !== undefined) {
    if (!registry.has(preferred)) return { ok: false, message: `No ${name(preferred)} runtime is available here.` };
    if (!hasCode(preferred)) return { ok: false, message: `Component "${component.id}" has no ${name(preferred)} code.` };
    return { ok: true, language: preferred, note: preferred === component.language ? null : `runs its ${name(preferred)} code` };
  }
  if (registry.has(component.language) && hasCode(component.language)) return { ok: true, language: component.language, note: null };
  const other: Language = component.language === 'python' ? 'javascript' : 'python';
  if (registry.has(other) && hasCode(other)) {
    return { ok: true, language: other, note: `no ${name(component.language)} runtime here: runs its ${name(other)} twin` };
  }
  if (!registry.has(component.language)) return { ok: false, message: `Component "${component.id}" is written in ${name(component.language)}, and no ${name(component.language)} runtime is available here (and it has no ${name(other)} code to run instead).` };
  return { ok: false, message: `Component "${component.id}" has no ${name(component.language)} code.` };
}
