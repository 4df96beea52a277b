/**
 * What must be true before a run starts: the document is valid (Storm would refuse it otherwise)
 * and the Python components import nothing Storm Studio cannot provide offline. Pure.
 */
import { validate, type TopologyDocument } from '../model';
import { checkPythonImports } from '../python/check-imports';
import { runLanguage } from './languages';
import type { RunFailure } from './types';

export interface PreflightProblem {
  readonly component: string | null;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** The reason not to start, or null; warnings (guarded imports…) do not block. */
export function preflight(doc: TopologyDocument): { failure: RunFailure | null; warnings: PreflightProblem[] } {
  const diagnostics = validate(doc);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0]!;
    const component = first.target.kind === 'component' ? first.target.id : null;
    return {
      failure: {
        message: `The topology has ${errors.length} error${errors.length > 1 ? 's' : ''} and cannot run (Storm would refuse it): ${first.message}${errors.length > 1 ? ' …see the Problems tab.' : ''}`,
        component,
        task: null,
        reason: 'invalid',
        detail: errors.map((d) => `${d.code}: ${d.message}`).join('\n'),
      },
      warnings: [],
    };
  }
  // Only components that will run Python matter (a Python component may run its JavaScript twin).
  const python = { ...doc, components: doc.components.filter((c) => runLanguage(c) === 'python').map((c) => ({ ...c, language: 'python' as const })) };
  const imports = checkPythonImports(python);
  const blocking = imports.filter((p) => p.severity === 'error');
  const warnings = imports.filter((p) => p.severity === 'warning').map((p) => ({ component: p.component, severity: p.severity, message: p.message }));
  if (blocking.length > 0) {
    return {
      failure: {
        message: blocking.length === 1 ? blocking[0]!.message : `${blocking.length} imports are not available offline: ${blocking[0]!.message}`,
        component: blocking[0]!.component,
        task: null,
        reason: 'imports',
        detail: blocking.map((p) => p.message).join('\n'),
      },
      warnings,
    };
  }
  return { failure: null, warnings };
}
