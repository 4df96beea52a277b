/**
 * The runtimes of one simulation host across the runs it serves: JavaScript always; Python on
 * Pyodide, created and started only when a component of a run is written in Python (a
 * JavaScript-only run never fetches Pyodide's files), then kept for the next runs of this host.
 * {@link WarmRuntimes.recycle} puts the interpreter back as it was after install between runs.
 *
 * A warm host keeps the interrupt buffer of its first run (Pyodide is installed with it): the page
 * passes the same one to every run the host serves (src/sim-client/pool.ts).
 */
import { defaultRegistry, type ComponentRuntime, type RuntimeRegistry } from '../../src/engine';
import type { PythonRuntime, PythonRuntimeOptions } from '../python/runtime';
import type { HostInit, HostLoadProgress } from './protocol';

export interface WarmRuntimes {
  /** The registry of one run (`HostServiceDeps.registry`). */
  registry(init: HostInit, onProgress: (p: HostLoadProgress) => void): RuntimeRegistry;
  /**
   * After a run: frees what it left in the runtimes kept for the next one (Python: `reset()`, no
   * module or state of the run survives). True when a loaded interpreter is kept; false when there
   * is none (a JavaScript-only host is cheap to start again). Throws when the reset fails.
   */
  recycle(): boolean;
  /** Whether a loaded Python interpreter is held now. */
  readonly warm: boolean;
}

export type PythonFactory = (options: Pick<PythonRuntimeOptions, 'onProgress' | 'interruptBuffer'>) => PythonRuntime | Promise<PythonRuntime>;

export function warmRuntimes(makePython: PythonFactory): WarmRuntimes {
  let python: PythonRuntime | null = null;
  let loaded = false;
  // The run loading now gets the progress (the interpreter's options are fixed at its creation).
  let progress: (p: HostLoadProgress) => void = () => {};
  return {
    get warm() {
      return loaded;
    },
    registry(init, onProgress) {
      progress = onProgress;
      return defaultRegistry().register('python', async (): Promise<ComponentRuntime> => {
        python ??= await makePython({ onProgress: (p) => progress(p), interruptBuffer: init.interrupt });
        const runtime = python;
        await runtime.preload();
        loaded = true;
        // No dispose: the interpreter outlives the run (recycle resets it; terminating the worker ends it).
        return { language: 'python', prepare: (document) => runtime.prepare(document), load: (component) => runtime.load(component), provideFiles: (files) => runtime.provideFiles(files) };
      });
    },
    recycle() {
      progress = () => {};
      if (python === null || !loaded) return false;
      try {
        python.reset();
      } catch (e) {
        python.dispose();
        python = null;
        loaded = false;
        throw e;
      }
      return true;
    },
  };
}
