/**
 * Errors of Python components as the engine receives them: {@link PythonComponentError} (a
 * {@link ComponentError} with what the page needs for inline markers) and Storm's
 * {@link FailedException}.
 */
import { ComponentError, FailedException } from '../../src/engine/runtime-api';
import { unavailableImportMessage } from '../../src/python/check-imports';
import { python3Hint } from '../../src/python/python2';

/** `text` with what Python 3 calls the Python 2 idiom behind `message`, when it is one. */
function withPython3Hint(text: string, message: string): string {
  const hint = python3Hint(message);
  return hint === null || text.includes(hint) ? text : `${text.replace(/\n+$/, '')}\n${hint}`;
}

export interface PythonErrorDetails {
  /** The Python exception type, e.g. `ValueError`, `SyntaxError`, `KeyboardInterrupt`. */
  readonly pythonType?: string | null;
  /** 1-based line in the component's module, when the error points into it. */
  readonly line?: number | null;
  readonly column?: number | null;
  /** The watchdog interrupted a call that did not return. */
  readonly stopped?: boolean;
}

/**
 * A Python component failed to load, start or run; `traceback` is Python's own text. As with the
 * JavaScript runtime, `message` starts with the exception type (`ValueError: abc`), which the
 * engine puts in Petrel's `E_BOLTFAILED__…__ValueError` line.
 */
export class PythonComponentError extends ComponentError {
  readonly pythonType: string | null;
  readonly line: number | null;
  readonly column: number | null;
  readonly stopped: boolean;

  constructor(component: string, task: number | null, traceback: string, message: string, details: PythonErrorDetails = {}) {
    super(component, task, traceback, message);
    this.name = 'PythonComponentError';
    this.pythonType = details.pythonType ?? null;
    this.line = details.line ?? null;
    this.column = details.column ?? null;
    this.stopped = details.stopped ?? false;
  }
}

/** What `_storm_studio.py` returns after `!` when a call fails. */
export type PythonFailure =
  | { kind: 'failed'; message: string }
  | { kind: 'crash' | 'stopped'; type: string; message: string; traceback: string; line: number | null }
  | {
      kind: 'syntax';
      message: string;
      traceback: string;
      line: number | null;
      column: number | null;
      endLine: number | null;
      endColumn: number | null;
    }
  | { kind: 'import'; imports: { module: string; line: number }[] };

/** Turns a failure reported by the Python side into the exception the engine expects. */
export function failureToError(failure: PythonFailure, component: string, task: number | null, file: string): Error {
  const where = task === null ? `component '${component}'` : `component '${component}' (task ${task})`;
  switch (failure.kind) {
    case 'failed':
      return new FailedException(failure.message);
    case 'stopped':
      return new PythonComponentError(component, task, failure.traceback, `KeyboardInterrupt: ${where} was stopped`, {
        pythonType: failure.type,
        line: failure.line,
        stopped: true,
      });
    case 'crash': {
      // An error Python 2 code meets (`.iteritems()`, `xrange`, `import Queue`…) says what Python 3 calls it.
      const hint = python3Hint(failure.message);
      const message = hint === null ? failure.message : `${failure.message} (${hint})`;
      return new PythonComponentError(component, task, withPython3Hint(failure.traceback, failure.message), message, { pythonType: failure.type, line: failure.line });
    }
    case 'syntax':
      return new PythonComponentError(
        component,
        task,
        failure.traceback,
        `${failure.message} (component '${component}', ${file} line ${failure.line ?? '?'})`,
        { pythonType: failure.message.split(':')[0], line: failure.line, column: failure.column },
      );
    case 'import': {
      const first = failure.imports[0]!;
      const message = failure.imports.map((i) => unavailableImportMessage(component, i.module, i.line)).join('\n');
      return new PythonComponentError(component, task, message, message, { pythonType: 'ModuleNotFoundError', line: first.line });
    }
  }
}
