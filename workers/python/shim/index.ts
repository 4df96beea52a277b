/**
 * The Python files Storm Studio installs into Pyodide's file system before running components:
 * the `petrel` package users import, and the host module the runtime drives. Kept as TypeScript
 * string modules so that Node (tests, CLI, benchmarks) and the Vite bundle load them the same way.
 */
import { EMITTER_PY } from './emitter';
import { HOST_PY } from './host';
import { PETREL_INIT_PY } from './petrel-init';
import { STORM_PY } from './storm';

/** Where the shim lives in Pyodide's file system (put first on `sys.path`). */
export const SHIM_DIR = '/storm-studio';

/** Shim files relative to {@link SHIM_DIR}. */
export const SHIM_FILES: Readonly<Record<string, string>> = {
  'petrel/__init__.py': PETREL_INIT_PY,
  'petrel/storm.py': STORM_PY,
  'petrel/emitter.py': EMITTER_PY,
  '_storm_studio.py': HOST_PY,
};
