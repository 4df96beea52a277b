/**
 * Named selectors over the document store. Derived data (diagnostics) is memoised per document
 * object, so components selecting it get the same array until the document changes.
 */
import { diagnostic, findComponent, validate, type ComponentId, type ComponentSpec, type Diagnostic, type Subscription, type TopologyDocument } from '../model';
import { pythonComponentProblems } from '../python/component-problems';
import type { DocumentState } from './document-store';

export const selectDocument = (s: DocumentState): TopologyDocument => s.doc;
export const selectTopologyName = (s: DocumentState): string => s.doc.name;

/** A selector for one component (undefined once it is gone, e.g. after undoing its creation). */
export const selectComponent =
  (id: string | null) =>
  (s: DocumentState): ComponentSpec | undefined =>
    id === null ? undefined : findComponent(s.doc, id);

/** A selector for one subscription. */
export const selectSubscription =
  (id: string | null) =>
  (s: DocumentState): Subscription | undefined =>
    id === null ? undefined : s.doc.subscriptions.find((x) => x.id === id);

/** Diagnostics grouped by what they are about. */
export interface DiagnosticIndex {
  readonly all: readonly Diagnostic[];
  readonly errors: number;
  readonly warnings: number;
  readonly byComponent: ReadonlyMap<string, readonly Diagnostic[]>;
  readonly bySubscription: ReadonlyMap<string, readonly Diagnostic[]>;
  readonly topology: readonly Diagnostic[];
}

const EMPTY: readonly Diagnostic[] = [];
const cache = new WeakMap<TopologyDocument, DiagnosticIndex>();

/**
 * Every problem of `doc`: Storm's rules (`validate`), then each Python component's syntax error and
 * unavailable imports, with the module's file and line (found without Python, so before any run).
 */
export function documentDiagnostics(doc: TopologyDocument): Diagnostic[] {
  const python = pythonComponentProblems(doc).map((p) => {
    const code = p.kind === 'syntax' ? 'E_PYTHON_SYNTAX' : p.severity === 'error' ? 'E_PYTHON_IMPORT' : 'W_PYTHON_IMPORT';
    return diagnostic(code, { kind: 'component', id: p.component as ComponentId, field: 'code', line: p.line, column: p.column }, p.message);
  });
  return [...validate(doc), ...python];
}

/** The document's diagnostics, indexed; computed once per document object. */
export function diagnosticIndex(doc: TopologyDocument): DiagnosticIndex {
  const cached = cache.get(doc);
  if (cached) return cached;
  const all = documentDiagnostics(doc);
  const byComponent = new Map<string, Diagnostic[]>();
  const bySubscription = new Map<string, Diagnostic[]>();
  const topology: Diagnostic[] = [];
  for (const d of all) {
    const t = d.target;
    if (t.kind === 'component') byComponent.set(t.id, [...(byComponent.get(t.id) ?? []), d]);
    else if (t.kind === 'subscription') bySubscription.set(t.id, [...(bySubscription.get(t.id) ?? []), d]);
    else topology.push(d);
  }
  const index: DiagnosticIndex = {
    all,
    errors: all.filter((d) => d.severity === 'error').length,
    warnings: all.filter((d) => d.severity === 'warning').length,
    byComponent,
    bySubscription,
    topology,
  };
  cache.set(doc, index);
  return index;
}

export const selectDiagnostics = (s: DocumentState): DiagnosticIndex => diagnosticIndex(s.doc);

export const selectComponentDiagnostics =
  (id: string | null) =>
  (s: DocumentState): readonly Diagnostic[] =>
    (id !== null && diagnosticIndex(s.doc).byComponent.get(id)) || EMPTY;

export const selectSubscriptionDiagnostics =
  (id: string | null) =>
  (s: DocumentState): readonly Diagnostic[] =>
    (id !== null && diagnosticIndex(s.doc).bySubscription.get(id)) || EMPTY;

export const selectTopologyDiagnostics = (s: DocumentState): readonly Diagnostic[] => diagnosticIndex(s.doc).topology;
