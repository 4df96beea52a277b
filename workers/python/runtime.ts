/**
 * Python components on Pyodide, behind the engine's {@link ComponentRuntime} contract.
 *
 * One runtime = one Pyodide interpreter (one per Storm worker host), started on the first
 * `load()` so that JavaScript-only topologies never download it. Works in Node (tests, CLI,
 * benchmarks: Pyodide from node_modules) and in Web Workers (Pyodide from `indexURL`).
 *
 * @example
 * const runtime = createPythonRuntime({ indexURL: '/pyodide/', onProgress: (p) => show(p) });
 * await runtime.prepare(document);                  // every module importable by its name
 * const split = await runtime.load(component);      // compiles, checks imports
 * const task = split.create(3, taskApi);             // fresh module, run() → instance
 * task.initialize(conf, context);
 * task.process(tuple);
 */
import type { PyodideAPI } from 'pyodide';
import type { ComponentSpec, DataFile, TopologyDocument } from '../../src/model';
import type { ComponentRuntime, LogLevel } from '../../src/engine/runtime-api';
import { PythonComponent, type ComponentContext } from './component';
import { failureToError, PythonComponentError, type PythonFailure } from './errors';
import { PythonHost, TOPOLOGY_DIR } from './host';
import { levelNumber, levelOf, LOG_LEVEL_KEY } from './log-level';
import { pythonModuleName, pythonModuleNames } from '../../src/python/module-names';
import { testSourceModules } from '../../src/python/test-modules';
import { installPackages, provideMicropip } from './packages';
import { loadPyodideRuntime, type PythonLoadProgress } from './pyodide-loader';
import type { PythonDiagnostic } from '../../src/python/diagnostics';

export type { PythonLoadProgress } from './pyodide-loader';

export interface PythonRuntimeOptions {
  /** URL of the folder Pyodide's files are served from; required in browsers, unused in Node. */
  readonly indexURL?: string;
  /** Loading progress, for the page's indicator (called only when Pyodide actually loads). */
  readonly onProgress?: (progress: PythonLoadProgress) => void;
  /**
   * The interrupt buffer to install (an `Int32Array` on a `SharedArrayBuffer`, shared with the
   * watchdog). Default: a new one when `SharedArrayBuffer` is available, else none. `null`: none.
   */
  readonly interruptBuffer?: Int32Array | null;
  /** Level of components that do not set `studio.log.level` (default INFO). */
  readonly logLevel?: LogLevel;
  /** Output Pyodide writes outside user code (user code's output goes to the task's log). */
  readonly onStdout?: (line: string) => void;
  /** Use this interpreter instead of loading one (it must not host another runtime). */
  readonly pyodide?: PyodideAPI;
}

export interface PythonRuntime extends ComponentRuntime {
  readonly language: 'python';
  /**
   * Writing 2 (SIGINT) here from another thread interrupts the Python code running now: the call
   * fails with a {@link PythonComponentError} "component 'x' (task n) was stopped" and the
   * interpreter stays usable. Null when `SharedArrayBuffer` is unavailable (no cross-origin
   * isolation): then only terminating the worker stops runaway code.
   */
  readonly interruptBuffer: Int32Array | null;
  /** True once Pyodide has been started. */
  readonly started: boolean;
  /** The run's data files: written into the working directory (component code opens them by name) by the run's first load(). */
  provideFiles(files: readonly DataFile[]): void;
  /** Starts Pyodide now (e.g. as soon as a Python topology is opened); resolves when it is ready. */
  preload(): Promise<void>;
  /**
   * Before the run's first `load()`: every module of `document` (its Python components' modules,
   * named as the export names them, and its test modules) becomes importable by its file name from
   * any component, whatever the order components load in, as in a Storm project's `resources/`.
   * Each task imports its own copy (Storm runs a process per task). The document's wheels
   * (`packages`) are installed with micropip. `reset()` forgets modules and packages.
   */
  prepare(document: TopologyDocument): Promise<void>;
  /**
   * Compiles `code` without running it and returns Python's syntax error and SyntaxWarnings
   * (starts Pyodide if needed). `filename` appears in messages only.
   */
  checkSyntax(code: string, filename?: string): Promise<PythonDiagnostic[]>;
  /**
   * Between runs: frees every loaded component and instance, and puts the interpreter back as it
   * was once Pyodide and the Python runtime were installed (modules imported by components, globals,
   * patched attributes of standard modules, loggers, environment variables, files written are
   * gone), so that the next run starts as in a fresh process. Keeps the interpreter (no reload).
   */
  reset(): void;
  dispose(): void;
}

/** Creates a Python runtime; nothing is loaded until the first `load()` or `preload()`. */
export function createPythonRuntime(options: PythonRuntimeOptions = {}): PythonRuntime {
  return new Runtime(options);
}

function defaultInterruptBuffer(): Int32Array | null {
  return typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(4)) : null;
}

class Runtime implements PythonRuntime {
  readonly language = 'python' as const;
  readonly interruptBuffer: Int32Array | null;
  private host: Promise<PythonHost> | null = null;
  private ready: PythonHost | null = null;
  private readonly components = new Set<PythonComponent>();
  private readonly moduleNames = new Map<string, string>();
  private readonly defaultLevel: number;
  private disposed = false;
  /** The run's data files, written into the working directory by the first load() of the run. */
  private files: readonly DataFile[] = [];
  private filesWritten = false;

  constructor(private readonly options: PythonRuntimeOptions) {
    this.interruptBuffer = options.interruptBuffer === undefined ? defaultInterruptBuffer() : options.interruptBuffer;
    this.defaultLevel = levelOf(options.logLevel ?? 'INFO');
  }

  get started(): boolean {
    return this.host !== null;
  }

  async preload(): Promise<void> {
    await this.start();
  }

  async prepare(document: TopologyDocument): Promise<void> {
    const host = await this.start();
    for (const [id, name] of pythonModuleNames(document.components)) this.moduleNames.set(id, name);
    const modules = testSourceModules(document).map((m) => [m.module, m.code]);
    host.entries.add_modules(JSON.stringify(modules), TOPOLOGY_DIR);
    await installPackages(host, document.packages ?? []);
  }

  async load(component: ComponentSpec): Promise<PythonComponent> {
    const code = component.code.python;
    if (code === undefined) {
      const message = `component '${component.id}' has no Python code`;
      throw new PythonComponentError(component.id, null, message, message);
    }
    const host = await this.start();
    if (!this.filesWritten) {
      // Component code opens them by name: the working directory is TOPOLOGY_DIR, as resources/ is on Storm.
      for (const f of this.files) host.py.FS.writeFile(`${TOPOLOGY_DIR}/${f.name}`, f.text);
      this.filesWritten = true;
    }
    const moduleName = this.moduleNameFor(component);
    const filename = `${TOPOLOGY_DIR}/${moduleName}.py`;
    // The file is what tracebacks and linecache read; the module itself runs from the compiled code.
    host.py.FS.writeFile(filename, code);
    const result = host.entries.load(moduleName, filename, code);
    if (result.startsWith('!')) {
      throw failureToError(JSON.parse(result.slice(1)) as PythonFailure, component.id, null, `${moduleName}.py`);
    }
    const level = levelNumber(component.config[LOG_LEVEL_KEY]) ?? this.defaultLevel;
    const ctx: ComponentContext = { host, interrupt: this.interruptBuffer, now: () => performance.now() };
    const loaded = new PythonComponent(ctx, Number(result), component.id, moduleName, filename, level);
    this.components.add(loaded);
    return loaded;
  }

  provideFiles(files: readonly DataFile[]): void {
    this.files = files;
    this.filesWritten = false;
  }

  async checkSyntax(code: string, filename = 'component.py'): Promise<PythonDiagnostic[]> {
    const host = await this.start();
    return JSON.parse(host.entries.check_syntax(code, filename)) as PythonDiagnostic[];
  }

  reset(): void {
    this.interruptBuffer?.fill(0);
    for (const c of this.components) c.dispose();
    this.components.clear();
    this.moduleNames.clear();
    this.filesWritten = false;
    this.ready?.resetInterpreter();
  }

  dispose(): void {
    if (this.disposed) return;
    this.interruptBuffer?.fill(0);
    for (const c of this.components) c.dispose();
    this.components.clear();
    this.ready?.dispose();
    this.disposed = true;
    this.ready = null;
  }

  private start(): Promise<PythonHost> {
    if (this.disposed) return Promise.reject(new Error('the Python runtime was disposed'));
    this.host ??= (async () => {
      const py =
        this.options.pyodide ??
        (await loadPyodideRuntime({
          indexURL: this.options.indexURL,
          onProgress: this.options.onProgress,
          onStdout: this.options.onStdout,
        }));
      if (this.interruptBuffer) py.setInterruptBuffer(this.interruptBuffer);
      // While the worker may still fetch: a document's wheels are installed with it later.
      await provideMicropip(py, this.options.indexURL);
      this.ready = PythonHost.install(py);
      return this.ready;
    })();
    // A failed start (e.g. the files could not be fetched) may be retried by the next load().
    this.host.catch(() => {
      this.host = null;
    });
    return this.host;
  }

  /** The component's module name by the rule the export and the pre-run check use, given those loaded before it. */
  private moduleNameFor(component: ComponentSpec): string {
    let name = this.moduleNames.get(component.id);
    if (name === undefined) {
      name = pythonModuleName(component, new Set(this.moduleNames.values()));
      this.moduleNames.set(component.id, name);
    }
    return name;
  }
}
