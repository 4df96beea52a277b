/**
 * The JavaScript half of the Python runtime, bound to one Pyodide interpreter: installs the
 * Python runtime (`storm/python`: the `petrel` package and its Pyodide host `_storm_studio`),
 * registers the functions Python calls back (`_storm_studio_js`), and keeps the task slots those
 * functions act on. Everything crossing the boundary is a plain value.
 */
import type { PyodideAPI } from 'pyodide';
import type { TaskApi, TupleView } from '../../src/engine/runtime-api';
import type { LogLevel } from '../../src/engine/runtime-api';
import { PYTHON_RUNTIME_FILES } from '../../src/python/runtime-files.generated';
import { mongoCall, redisCall, redisNumber, redisZincrby, type PythonRedisReply } from '../../src/engine/datastore/clients';

/** Where the runtime's Python files are written in Pyodide's file system (first on `sys.path`). */
const RUNTIME_DIR = '/storm-studio';

/** Where component modules are written (`__file__` of a component is `/topology/<module>.py`). */
export const TOPOLOGY_DIR = '/topology';

/** Must equal `MAX_PENDING_INPUTS` in `storm/python/_storm_studio/tasks.py`: both sides forget the same tuples. */
export const MAX_PENDING_INPUTS = 100_000;

/** One task instance as the callbacks from Python see it. */
export interface TaskSlot {
  readonly api: TaskApi;
  /** Tuples a Bolt has received and not yet acked or failed, by id (as Storm's ShellBolt keeps them). */
  readonly inputs: Map<string, TupleView>;
}

/**
 * The entry points of `_storm_studio` (storm/python), called with plain values; see that package. (No name may
 * clash with a PyProxy method such as `destroy`, `copy` or `call`.)
 */
export interface PythonEntries {
  /** Makes the interpreter Storm Studio's (Petrel host, logging, clock, random); components run from `topologyDir`. */
  install(topologyDir: string): void;
  load(module: string, filename: string, code: string): string;
  /** Makes the document's modules (`[[name, code], …]` as JSON) importable by name, written to `topologyDir/<name>.py`. */
  add_modules(modulesJson: string, topologyDir: string): void;
  /** Starts installing wheels (paths as JSON) with micropip imported from `micropipWheel` (workers/python/packages.ts). */
  install_packages(wheelsJson: string, micropipWheel: string): void;
  /** Whether the install has finished: undefined while it runs, '' on success, else the traceback. */
  packages_installed(): string | undefined;
  drop_component(handle: number): void;
  create(loaded: number, h: number, taskId: number, component: string, seed: number, level: number): string;
  drop_task(h: number): void;
  initialize(h: number, conf: string, context: string, level: number): string | undefined;
  set_level(h: number, level: number): void;
  next_tuple(h: number): string | undefined;
  /** `component` and `stream` are numbers from {@link PythonHost.nameCode}. */
  process(h: number, id: string, component: number, stream: number, task: number, ...values: unknown[]): string | undefined;
  process_json(h: number, id: string, component: number, stream: number, task: number, values: string): string | undefined;
  name(text: string): number;
  ack(h: number, id: unknown): string | undefined;
  fail(h: number, id: unknown): string | undefined;
  ack_json(h: number, id: string): string | undefined;
  fail_json(h: number, id: string): string | undefined;
  check_syntax(code: string, filename: string): string;
  /** Records the interpreter's state after install (what `reset_interpreter` goes back to). */
  mark_baseline(): void;
  /** Undoes what user code left in the interpreter since `mark_baseline`; returns the modules dropped. */
  reset_interpreter(): number;
  /** The task's own state as JSON (`InspectedState`), or '!' and why not (storm/python/_storm_studio/state.py). */
  inspect_state(h: number): string;
}

const ENTRY_NAMES = [
  'install',
  'load',
  'add_modules',
  'install_packages',
  'packages_installed',
  'drop_component',
  'create',
  'drop_task',
  'initialize',
  'set_level',
  'next_tuple',
  'process',
  'process_json',
  'ack',
  'fail',
  'ack_json',
  'fail_json',
  'check_syntax',
  'name',
  'mark_baseline',
  'reset_interpreter',
  'inspect_state',
] as const;

interface Callable {
  (...args: unknown[]): unknown;
  destroy?: () => void;
}

export class PythonHost {
  private readonly slots: (TaskSlot | undefined)[] = [];
  private readonly free: number[] = [];
  readonly entries: PythonEntries;
  private readonly proxies: Callable[] = [];
  private readonly names = new Map<string, number>();
  /** Strings Python sends to the stores by code (`intern`, storm/python/_storm_studio/datastores.py). */
  private readonly strings: string[] = [];

  private constructor(readonly py: PyodideAPI) {
    py.registerJsModule('_storm_studio_js', this.callbacks());
    for (const [path, source] of Object.entries(PYTHON_RUNTIME_FILES)) {
      const file = `${RUNTIME_DIR}/${path}`;
      py.FS.mkdirTree(file.slice(0, file.lastIndexOf('/')));
      py.FS.writeFile(file, source);
    }
    py.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(RUNTIME_DIR)})`);
    // Attribute proxies are borrowed from the module proxy: keep it alive until dispose().
    const module = py.pyimport('_storm_studio') as unknown as { [name: string]: Callable };
    const entries: Record<string, Callable> = {};
    for (const name of ENTRY_NAMES) entries[name] = module[name]!;
    this.proxies.push(module as unknown as Callable);
    this.entries = entries as unknown as PythonEntries;
    this.entries.install(TOPOLOGY_DIR);
    this.entries.mark_baseline();
  }

  /** Installs the Python runtime into a fresh interpreter. One host per interpreter. */
  static install(py: PyodideAPI): PythonHost {
    return new PythonHost(py);
  }

  /** The number Python knows a component or stream id by (ids repeat on every tuple: send them once). */
  nameCode(text: string): number {
    let code = this.names.get(text);
    if (code === undefined) {
      code = this.entries.name(text);
      this.names.set(text, code);
    }
    return code;
  }

  /** Reserves a slot for a task instance; its handle is what Python calls back with. */
  allocate(api: TaskApi): number {
    const slot: TaskSlot = { api, inputs: new Map() };
    const h = this.free.pop() ?? this.slots.length;
    this.slots[h] = slot;
    return h;
  }

  slot(h: number): TaskSlot {
    return this.slots[h]!;
  }

  /** Frees a task instance on both sides. */
  release(h: number): void {
    if (this.slots[h] === undefined) return;
    this.entries.drop_task(h);
    this.slots[h] = undefined;
    this.free.push(h);
  }

  /** Records a tuple delivered to a Bolt, forgetting the oldest past the limit (as Python does). */
  received(h: number, tuple: TupleView): void {
    const inputs = this.slots[h]!.inputs;
    inputs.set(tuple.id, tuple);
    if (inputs.size > MAX_PENDING_INPUTS) inputs.delete(inputs.keys().next().value!);
  }

  /**
   * Frees every task and puts the interpreter back as it was after install: modules imported,
   * globals, patched attributes, loggers, environment and files of the previous run are gone.
   * Returns how many modules were dropped.
   */
  resetInterpreter(): number {
    for (let h = 0; h < this.slots.length; h++) if (this.slots[h]) this.release(h);
    return this.entries.reset_interpreter();
  }

  dispose(): void {
    for (let h = 0; h < this.slots.length; h++) if (this.slots[h]) this.release(h);
    for (const p of this.proxies) p.destroy?.();
    this.proxies.length = 0;
  }

  /** The functions `_storm_studio` calls; arguments are plain values (None arrives as undefined). */
  private callbacks() {
    const slots = this.slots;
    const strings = this.strings;
    const opts = (stream: string | undefined) => (stream === undefined ? undefined : { stream });
    const input = (s: TaskSlot, id: string): TupleView => {
      const t = s.inputs.get(id);
      if (!t) throw new Error(`Anchored onto ${id} after ack/fail`);
      return t;
    };
    return {
      emit_v(h: number, stream: string | undefined, ...values: unknown[]): void {
        slots[h]!.api.emit(values, opts(stream));
      },
      // Single-string emits on the default stream a task made during one call, joined by NUL (tasks.py, `pending`).
      emit_b(h: number, joined: string): void {
        const api = slots[h]!.api;
        const words = joined.split('\0');
        for (let i = 0; i < words.length; i++) api.emit([words[i]], undefined);
      },
      emit_a(h: number, stream: string | undefined, anchor: string, ...values: unknown[]): void {
        const s = slots[h]!;
        s.api.emit(values, { stream, anchors: [input(s, anchor)] });
      },
      emit_i(h: number, stream: string | undefined, id: unknown, ...values: unknown[]): void {
        slots[h]!.api.emit(values, { stream, id });
      },
      emit_x(
        h: number,
        stream: string | undefined,
        directTask: number | undefined,
        anchors: string | undefined,
        id: string | undefined,
        values: string,
        wantTaskIds: boolean,
      ): string | undefined {
        const s = slots[h]!;
        const tasks = s.api.emit(JSON.parse(values) as unknown[], {
          stream,
          directTask,
          anchors: anchors === undefined ? undefined : (JSON.parse(anchors) as string[]).map((a) => input(s, a)),
          id: id === undefined ? undefined : (JSON.parse(id) as unknown),
        });
        return wantTaskIds ? JSON.stringify(tasks ?? []) : undefined;
      },
      ack(h: number, id: string): void {
        const s = slots[h]!;
        const t = input(s, id);
        s.inputs.delete(id);
        s.api.ack(t);
      },
      fail(h: number, id: string): void {
        const s = slots[h]!;
        const t = input(s, id);
        s.inputs.delete(id);
        s.api.fail(t);
      },
      log(h: number, level: LogLevel, message: string, logger: string): void {
        slots[h]!.api.log(level, message, logger);
      },
      report_error(h: number, message: string): void {
        slots[h]!.api.reportError(message);
      },
      sleep(h: number, seconds: number): void {
        slots[h]!.api.sleep(seconds);
      },
      time(h: number): number {
        return slots[h]!.api.time();
      },
      // The run's stores (storm/python/_storm_studio/datastores.py): a Redis command's arguments as
      // Redis writes them; a MongoDB operation's arguments and result as JSON.
      redis(h: number, url: string | undefined, db: number, ...args: string[]): PythonRedisReply {
        return redisCall(slots[h]!.api, url ?? null, db, args);
      },
      intern(text: string): number {
        strings.push(text);
        return strings.length - 1;
      },
      zincrby(h: number, url: string | undefined, db: number, key: number, by: number, member: number): number {
        return redisZincrby(slots[h]!.api, url ?? null, db, strings[key]!, by, strings[member]!);
      },
      redis_n(h: number, url: string | undefined, db: number, c0: number, c1: number, c2: number, c3: number): number | undefined {
        return redisNumber(slots[h]!.api, url ?? null, db, c3 < 0 ? [strings[c0]!, strings[c1]!, strings[c2]!] : [strings[c0]!, strings[c1]!, strings[c2]!, strings[c3]!]);
      },
      mongo(h: number, db: string, collection: string, op: string, args: string): string {
        return mongoCall(slots[h]!.api, db, collection, op, args);
      },
    };
  }
}
